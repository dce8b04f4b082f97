// Log-beta and the regularized incomplete beta function I_x(a, b). Layer: common (pure).
//
// ln B(a, b): for large arguments the Stirling terms are combined so that the big parts cancel
//   analytically (with q = max, p = min):
//   p ≥ 10:  ln B = −½ ln q + ½ ln 2π + c(p) + c(q) − c(p+q) + (p−½) ln(p/(p+q)) + q log1p(−p/(p+q))
//   q ≥ 10:  ln B = ln Γ(p) + c(q) − c(p+q) + p − p ln(p+q) + (q−½) log1p(−p/(p+q))
//   where c is the Stirling remainder (derived from A&S 6.1.40; same split as R's lbeta).
// I_x(a, b): continued fraction (A&S 26.5.8) by the modified Lentz method, used directly for
//   x < (a+1)/(a+b+2) and through I_x(a, b) = 1 − I_{1−x}(b, a) otherwise (Press et al.,
//   Numerical Recipes, 3rd ed., §6.4). 1 − x may be passed separately to keep its precision.
import { logGamma, stirlingCorrection } from './gamma'

const EPS = 1e-16
const TINY = 1e-300
const MAX_ITER = 1_000_000
const HALF_LN_2PI = 0.9189385332046727

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`logBeta needs a, b > 0 (got ${a}, ${b})`)
  const p = Math.min(a, b)
  const q = Math.max(a, b)
  const total = p + q
  if (p >= 10) {
    const corr = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(total)
    return -0.5 * Math.log(q) + HALF_LN_2PI + corr + (p - 0.5) * Math.log(p / total) + q * Math.log1p(-p / total)
  }
  if (q >= 10) {
    const corr = stirlingCorrection(q) - stirlingCorrection(total)
    return logGamma(p) + corr + p - p * Math.log(total) + (q - 0.5) * Math.log1p(-p / total)
  }
  return logGamma(p) + logGamma(q) - logGamma(total)
}

/**
 * Continued fraction of I_x(a, b) without its prefactor (NR betacf). The first denominator
 * 1 − (a+b)x/(a+1) is written as ((1 − b) + (a+b)(1−x))/(a+1): for large a and x near 1 the
 * textbook form loses most digits to cancellation.
 */
function betaFraction(a: number, b: number, x: number, xc: number): number {
  const qab = a + b
  const qap = a + 1
  const qam = a - 1
  let c = 1
  let d = (1 - b + qab * xc) / qap
  if (Math.abs(d) < TINY) d = TINY
  d = 1 / d
  let h = d
  for (let m = 1; m <= MAX_ITER; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + aa / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2))
    d = 1 + aa * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + aa / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) < EPS) break
  }
  return h
}

/**
 * Regularized incomplete beta I_x(a, b) for 0 ≤ x ≤ 1, a, b > 0. Pass `xc` = 1 − x when it is
 * known more precisely than 1 − x can be computed (e.g. t²/(ν + t²)).
 */
export function regularizedBeta(x: number, a: number, b: number, xc: number = 1 - x): number {
  if (!(a > 0 && b > 0) || !(x >= 0 && x <= 1)) throw new RangeError(`regularizedBeta needs a, b > 0 and 0 ≤ x ≤ 1 (got x=${x}, a=${a}, b=${b})`)
  if (x === 0) return 0
  if (xc === 0 || x === 1) return 1
  const logX = x > 0.5 ? Math.log1p(-xc) : Math.log(x)
  const logXc = xc > 0.5 ? Math.log1p(-x) : Math.log(xc)
  const front = Math.exp(a * logX + b * logXc - logBeta(a, b))
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(a, b, x, xc)) / a
  return 1 - (front * betaFraction(b, a, xc, x)) / b
}
