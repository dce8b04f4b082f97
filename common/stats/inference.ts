// From an estimate and its standard error to a test statistic, p-value and interval, under a
// t distribution with df degrees of freedom or the standard normal (df = Infinity).
// Layer: common (pure).
//
// statistic = estimate / se.  two-sided: p = 2 P(T > |stat|), CI = estimate ± q(1 − α/2) se;
// 'greater': p = P(T > stat), CI = [estimate − q(1 − α) se, ∞); 'less': mirror image.
// (Casella & Berger, "Statistical Inference", 2nd ed., §8.3 and §9.2: inverting the test.)
import { studentTQuantile, studentTSf } from './distributions/studentT'
import type { Alternative, LiftInference, TestOptions } from './outcome'

export function pValueOf(statistic: number, df: number, alternative: Alternative): number {
  if (alternative === 'greater') return studentTSf(statistic, df)
  if (alternative === 'less') return studentTSf(-statistic, df)
  return Math.min(1, 2 * studentTSf(Math.abs(statistic), df))
}

/** Estimate, se (> 0) → statistic, p-value and CI. df = Infinity means the normal. */
export function inferLift(estimate: number, standardError: number, df: number, options: TestOptions): LiftInference {
  const confidence = options.confidence ?? 0.95
  const alternative = options.alternative ?? 'two-sided'
  const statistic = estimate / standardError
  const pValue = pValueOf(statistic, df, alternative)
  const alpha = 1 - confidence
  if (alternative === 'two-sided') {
    const half = studentTQuantile(1 - alpha / 2, df) * standardError
    return { estimate, standardError, statistic, pValue, ci: { lower: estimate - half, upper: estimate + half } }
  }
  const half = studentTQuantile(1 - alpha, df) * standardError
  const ci = alternative === 'greater' ? { lower: estimate - half, upper: null } : { lower: null, upper: estimate + half }
  return { estimate, standardError, statistic, pValue, ci }
}
