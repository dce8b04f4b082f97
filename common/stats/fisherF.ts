// Fisher's F distribution: survival function via the regularized incomplete beta,
// P(F > x) = I_{d2/(d2 + d1 x)}(d2/2, d1/2) (Abramowitz & Stegun 26.6.2). Layer: common (pure).
import { regularizedBeta } from './special/beta'

/** P(F > x) for F with (d1, d2) degrees of freedom; throws RangeError outside the domain. */
export function fisherFSf(x: number, d1: number, d2: number): number {
  if (!(d1 > 0 && d2 > 0)) throw new RangeError(`fisherFSf: degrees of freedom must be positive (got ${d1}, ${d2})`)
  if (Number.isNaN(x)) throw new RangeError('fisherFSf: x is NaN')
  if (x <= 0) return 1
  if (x === Infinity) return 0
  const denom = d2 + d1 * x
  return regularizedBeta(d2 / denom, d2 / 2, d1 / 2, (d1 * x) / denom)
}
