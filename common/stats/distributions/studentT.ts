// Student's t distribution with real (possibly fractional, e.g. Welch) degrees of freedom ν.
// Layer: common (pure). Relative accuracy ≈ 1e-12 (checked against scipy.stats.t).
//
// P(T > |t|) = ½ I_{ν/(ν+t²)}(ν/2, ½) (Abramowitz & Stegun 26.7.1 with 26.5.27), with the
//   complement t²/(ν+t²) passed separately to keep precision for small t. For ν > 4·10⁶ the
//   continued fraction loses digits, and the leading term of the large-a expansion of I_x(a, b)
//   (Temme, "Special Functions", 1996, §11.3.3; DiDonato & Morris, ACM TOMS 708, 1992, BGRAT)
//   is used instead: P(T > |t|) ≈ ½ Q(½, (ν/2 − ¼) ln(1 + t²/ν)), relative error O(t⁴/ν²) < 1e-10.
// Quantile: closed forms for ν = 1 (Cauchy) and ν = 2; otherwise the Cornish–Fisher start
//   (A&S 26.7.5) refined by Brent's method on the CDF. ν = ∞ is the standard normal.
import { regularizedBeta } from '../special/beta'
import { logGamma, regularizedGammaQ } from '../special/gamma'
import { brentRoot, bracketIncreasing } from '../solve'
import { normalCdf, normalPdf, normalQuantile } from './normal'

/** Above this ν the large-a expansion replaces the continued fraction (see header). */
const LARGE_DF = 4e6

function checkDf(df: number): void {
  if (!(df > 0)) throw new RangeError(`Student t needs df > 0 (got ${df})`)
}

export function studentTPdf(t: number, df: number): number {
  checkDf(df)
  if (df === Infinity) return normalPdf(t)
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI)
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df))
}

/** P(T ≤ t) for T ~ t(ν). */
export function studentTCdf(t: number, df: number): number {
  checkDf(df)
  if (Number.isNaN(t)) throw new RangeError('studentTCdf of NaN')
  if (df === Infinity) return normalCdf(t)
  if (t === 0) return 0.5
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0
  const t2 = t * t
  const tail = df > LARGE_DF ? 0.5 * regularizedGammaQ(0.5, (df / 2 - 0.25) * Math.log1p(t2 / df)) : 0.5 * regularizedBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2))
  return t < 0 ? tail : 1 - tail
}

/** P(T > t), accurate in the upper tail. */
export function studentTSf(t: number, df: number): number {
  return studentTCdf(-t, df)
}

/** t with P(T ≤ t) = p, for 0 < p < 1. */
export function studentTQuantile(p: number, df: number): number {
  checkDf(df)
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile needs 0 < p < 1 (got ${p})`)
  if (df === Infinity) return normalQuantile(p)
  if (p === 0.5) return 0
  const q = p < 0.5 ? p : 1 - p
  let x: number
  if (df === 1) x = -1 / Math.tan(Math.PI * q) // tan(π(q − ½)) without the cancellation
  else if (df === 2) x = (2 * q - 1) / Math.sqrt(2 * q * (1 - q))
  else {
    const z = normalQuantile(q)
    const z2 = z * z
    const g1 = (z * (z2 + 1)) / 4
    const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96
    const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384
    const start = z + g1 / df + g2 / (df * df) + g3 / (df * df * df)
    const f = (v: number): number => studentTCdf(v, df) - q
    const step = Math.max(1e-3, 0.05 * Math.abs(start))
    const [lo, hi] = bracketIncreasing(f, Number.isFinite(start) ? start : z, step)
    x = brentRoot(f, lo, hi, 1e-15)
  }
  return p < 0.5 ? x : -x
}
