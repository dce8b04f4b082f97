// How the noise of a unit's pre/post contrast shrinks with its size: v(M) = a + b/M, fitted to
// the control units' squared contrasts as a Gamma GLM with identity link (quasi-likelihood for a
// variance; McCullagh & Nelder 1989, ch. 8) by iteratively reweighted least squares, weights
// 1/v² with step halving, under a, b ≥ 0. a is noise common to any unit (region-level shocks), b/M the noise of averaging M users
// (Ferman & Pinto 2019, "Inference in differences-in-differences with few treated groups and
// heteroskedasticity", REStat 101(3)). Layer: common (pure).
import { fail, succeed, type Outcome } from './outcome'

export interface VarianceFunction {
  /** Size-independent part. */
  a: number
  /** Part that scales with 1/M. */
  b: number
  /** 'a+b/m' unconstrained; 'b/m' or 'a' when the unconstrained fit had a negative part. */
  form: 'a+b/m' | 'b/m' | 'a'
  /** Parameters estimated (2 or 1): the degrees of freedom they use up. */
  parameters: number
}

export function varianceAt(f: VarianceFunction, size: number): number {
  return f.a + f.b / size
}

/** Weighted least squares of y on [1, 1/M]; null when the 2 × 2 system is singular. */
function wls(y: readonly number[], m: readonly number[], w: readonly number[]): [number, number] | null {
  let s00 = 0, s01 = 0, s11 = 0, r0 = 0, r1 = 0
  y.forEach((yi, i) => {
    const x = 1 / m[i]!
    s00 += w[i]!
    s01 += w[i]! * x
    s11 += w[i]! * x * x
    r0 += w[i]! * yi
    r1 += w[i]! * x * yi
  })
  const det = s00 * s11 - s01 * s01
  if (!(Math.abs(det) > 1e-14 * s00 * s11)) return null
  return [(s11 * r0 - s01 * r1) / det, (s00 * r1 - s01 * r0) / det]
}

/**
 * Fits v(M) = a + b/M to `squares[j]` (a unit's squared contrast) and `sizes[j]` (its M).
 * Needs at least 3 units; all squares 0 → zero-variance.
 */
export function fitVarianceFunction(squares: readonly number[], sizes: readonly number[]): Outcome<VarianceFunction> {
  const n = squares.length
  if (n < 3) return fail('too-few-observations', `The noise of a unit's contrast is estimated from the control units; ${n} are too few (at least 3).`)
  if (!squares.every((s) => Number.isFinite(s) && s >= 0) || !sizes.every((m) => Number.isFinite(m) && m > 0)) {
    return fail('invalid-input', 'Squared contrasts must be finite and ≥ 0, and unit sizes > 0.')
  }
  if (squares.every((s) => s === 0)) return fail('zero-variance', 'Every control unit moved exactly with the others: there is no noise to scale an interval with.')
  const bOnly: VarianceFunction = { a: 0, b: squares.reduce((s, y, i) => s + y * sizes[i]!, 0) / n, form: 'b/m', parameters: 1 }
  const aOnly: VarianceFunction = { a: squares.reduce((s, y) => s + y, 0) / n, b: 0, form: 'a', parameters: 1 }
  if (new Set(sizes).size < 2) return succeed(aOnly)
  const logLik = (a: number, b: number): number => squares.reduce((s, y, i) => {
    const mu = a + b / sizes[i]!
    return s - y / mu - Math.log(mu)
  }, 0)
  const feasible = (a: number, b: number): boolean => a >= 0 && b >= 0 && sizes.every((m) => a + b / m > 0)
  // Fisher scoring (= IRLS, weights 1/μ²) from halfway between the one-part fits, halving any step that leaves a, b ≥ 0
  // or lowers the quasi-likelihood: plain IRLS can cycle here (statsmodels' GLM does on some panels).
  let a = aOnly.a / 2
  let b = bOnly.b / 2
  let ll = logLik(a, b)
  for (let iter = 0; iter < 1000; iter++) {
    const next = wls(squares, sizes, sizes.map((m) => 1 / (a + b / m) ** 2))
    if (next === null) break
    let step = 1
    let na = a
    let nb = b
    let nll = ll
    for (; step > 1e-12; step /= 2) {
      na = a + step * (next[0] - a)
      nb = b + step * (next[1] - b)
      if (feasible(na, nb) && (nll = logLik(na, nb)) >= ll) break
    }
    if (step <= 1e-12) break
    const change = Math.abs(na - a) / aOnly.a + Math.abs(nb - b) / bOnly.b
    a = na
    b = nb
    ll = nll
    if (change < 1e-15) break
  }
  const scored = [
    { f: { a, b, form: 'a+b/m', parameters: 2 } as VarianceFunction, ll: a > 1e-9 * aOnly.a && b > 1e-9 * bOnly.b ? ll : -Infinity },
    { f: bOnly, ll: logLik(bOnly.a, bOnly.b) },
    { f: aOnly, ll: logLik(aOnly.a, aOnly.b) },
  ]
  // A part below 1e-9 of its one-part scale is on the boundary, where the closed forms are the maxima.
  return succeed(scored.reduce((best, c) => (c.ll > best.ll ? c : best)).f)
}
