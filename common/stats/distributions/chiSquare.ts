// Chi-square distribution with k degrees of freedom: P(χ² ≤ x) = P(k/2, x/2), the regularized
// lower incomplete gamma (Abramowitz & Stegun 26.4.19). Layer: common (pure).
import { regularizedGammaP, regularizedGammaQ } from '../special/gamma'

function check(x: number, df: number): void {
  if (!(df > 0) || Number.isNaN(x)) throw new RangeError(`chi-square needs df > 0 (got df=${df}, x=${x})`)
}

/** P(χ²_k ≤ x). */
export function chiSquareCdf(x: number, df: number): number {
  check(x, df)
  return x <= 0 ? 0 : regularizedGammaP(df / 2, x / 2)
}

/** P(χ²_k > x), accurate in the upper tail (p-values). */
export function chiSquareSf(x: number, df: number): number {
  check(x, df)
  return x <= 0 ? 1 : regularizedGammaQ(df / 2, x / 2)
}
