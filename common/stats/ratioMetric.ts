// Ratio metrics R = Σy / Σx per arm (payments per active user, value per payment, …), where the
// unit of randomisation is the user but the metric is a ratio of per-user sums. Delta method:
//   Var(R̂) ≈ (s_y² − 2R s_xy + R² s_x²) / (n x̄²)
// (Deng, Knoblich & Lu, KDD 2018, eq. (4); Kohavi, Tang & Xu, "Trustworthy Online Controlled
// Experiments", 2020, ch. 18). Arms are compared on the absolute difference R_T − R_C and the
// relative lift R_T/R_C − 1 (delta method again), with normal reference distributions.
// Layer: common (pure).
import { checkCount, isFailure, sampleCovariance, sampleVariance } from './moments'
import { inferLift } from './inference'
import { checkTestOptions, fail, succeed, type Failure, type JointSums, type LiftInference, type Outcome, type TestOptions } from './outcome'
import { relativeLift } from './relativeLift'

export interface RatioEstimate {
  n: number
  /** Σy / Σx. */
  ratio: number
  /** Delta-method variance of the ratio estimate. */
  variance: number
}

/** Ratio Σy/Σx of one arm and its delta-method variance; y is the numerator, x the denominator. */
export function ratioEstimate(arm: JointSums, label: string): RatioEstimate | Failure {
  const bad = checkCount(arm.n, 2, label)
  if (bad) return bad
  if (![arm.sumY, arm.sumY2, arm.sumX, arm.sumX2, arm.sumXY].every(Number.isFinite)) return fail('invalid-input', `The ${label} sums must be finite numbers.`)
  const meanX = arm.sumX / arm.n
  if (meanX === 0) return fail('zero-denominator', `The ${label} ratio is undefined: its denominator sums to 0.`)
  const varY = sampleVariance(arm.n, arm.sumY, arm.sumY2, `${label} numerator`)
  if (isFailure(varY)) return varY
  const varX = sampleVariance(arm.n, arm.sumX, arm.sumX2, `${label} denominator`)
  if (isFailure(varX)) return varX
  const covXY = sampleCovariance(arm.n, arm.sumX, arm.sumY, arm.sumXY)
  const ratio = arm.sumY / arm.sumX
  const variance = Math.max(0, (varY - 2 * ratio * covXY + ratio * ratio * varX) / (arm.n * meanX * meanX))
  return { n: arm.n, ratio, variance }
}

export interface RatioTestResult {
  control: RatioEstimate
  treatment: RatioEstimate
  absolute: LiftInference
  relative: Outcome<LiftInference>
}

export function ratioMetricTest(control: JointSums, treatment: JointSums, options: TestOptions = {}): Outcome<RatioTestResult> {
  const badOptions = checkTestOptions(options)
  if (badOptions) return badOptions
  const c = ratioEstimate(control, 'control')
  if (isFailure(c)) return c
  const t = ratioEstimate(treatment, 'treatment')
  if (isFailure(t)) return t
  const se2 = c.variance + t.variance
  if (!(se2 > 0)) return fail('zero-variance', 'Both ratio estimates have zero variance, so the difference has no standard error.')
  const absolute = inferLift(t.ratio - c.ratio, Math.sqrt(se2), Infinity, options)
  const relative = relativeLift({ control: c.ratio, controlVariance: c.variance, treatment: t.ratio, treatmentVariance: t.variance }, Infinity, options, 'ratio')
  return succeed({ control: c, treatment: t, absolute, relative })
}
