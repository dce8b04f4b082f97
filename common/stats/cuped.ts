// CUPED: variance reduction with a pre-period covariate x (Deng, Xu, Kohavi & Walker,
// "Improving the Sensitivity of Online Controlled Experiments by Utilizing Pre-Experiment
// Data", WSDM 2013). Layer: common (pure).
//
// θ is pooled over arms from within-arm centred sums (the OLS slope of y on x with an arm
// fixed effect): θ = Σ_arms S_xy / Σ_arms S_xx, S_xy = Σxy − Σx Σy / n, S_xx = Σx² − (Σx)²/n.
// Adjusted unit value y' = y − θ (x − x̄), x̄ the mean of x over both arms, so per arm
//   ȳ' = ȳ − θ (x̄_arm − x̄),  s'² = s_y² − 2θ s_xy + θ² s_x²,
// and Δ' = ȳ'_T − ȳ'_C = Δ − θ (x̄_T − x̄_C). Inference: Welch on (ȳ', s'²) — see welch.ts —,
// relative lift by the delta method on the adjusted means. θ is treated as known (its
// estimation error is O(1/n), as in the paper). Variance reduction = 1 − se'²/se².
import { checkCount, isFailure, sampleCovariance, sampleVariance, type ArmMoments } from './moments'
import { checkTestOptions, fail, succeed, type Failure, type JointSums, type LiftInference, type Outcome, type TestOptions } from './outcome'
import { welchFromMoments } from './welch'

export interface CupedArm extends ArmMoments {
  /** ȳ − θ (x̄_arm − x̄). */
  adjustedMean: number
  /** s_y² − 2θ s_xy + θ² s_x². */
  adjustedVariance: number
  covariateMean: number
}

export interface CupedResult {
  theta: number
  control: CupedArm
  treatment: CupedArm
  /** Welch df of the adjusted test. */
  df: number
  absolute: LiftInference
  relative: Outcome<LiftInference>
  /** 1 − (adjusted se of Δ)² / (unadjusted se of Δ)², in [0, 1) when the covariate helps. */
  varianceReduction: number
  /** Standard error of Δ without adjustment, for comparison. */
  unadjustedStandardError: number
}

interface ArmSums {
  n: number
  meanY: number
  meanX: number
  varY: number
  varX: number
  covXY: number
}

function armSums(arm: JointSums, label: string): ArmSums | Failure {
  const bad = checkCount(arm.n, 2, label)
  if (bad) return bad
  if (![arm.sumY, arm.sumY2, arm.sumX, arm.sumX2, arm.sumXY].every(Number.isFinite)) return fail('invalid-input', `The ${label} sums must be finite numbers.`)
  const varY = sampleVariance(arm.n, arm.sumY, arm.sumY2, `${label} metric`)
  if (isFailure(varY)) return varY
  const varX = sampleVariance(arm.n, arm.sumX, arm.sumX2, `${label} covariate`)
  if (isFailure(varX)) return varX
  const covXY = sampleCovariance(arm.n, arm.sumX, arm.sumY, arm.sumXY)
  return { n: arm.n, meanY: arm.sumY / arm.n, meanX: arm.sumX / arm.n, varY, varX, covXY }
}

function adjust(a: ArmSums, theta: number, grandMeanX: number): CupedArm {
  const adjustedVariance = Math.max(0, a.varY - 2 * theta * a.covXY + theta * theta * a.varX)
  return {
    n: a.n,
    mean: a.meanY,
    variance: a.varY,
    covariateMean: a.meanX,
    adjustedMean: a.meanY - theta * (a.meanX - grandMeanX),
    adjustedVariance,
  }
}

export function cupedTest(control: JointSums, treatment: JointSums, options: TestOptions = {}): Outcome<CupedResult> {
  const badOptions = checkTestOptions(options)
  if (badOptions) return badOptions
  const c = armSums(control, 'control')
  if (isFailure(c)) return c
  const t = armSums(treatment, 'treatment')
  if (isFailure(t)) return t
  const sxx = (c.n - 1) * c.varX + (t.n - 1) * t.varX
  const sxy = (c.n - 1) * c.covXY + (t.n - 1) * t.covXY
  if (!(sxx > 0)) return fail('not-applicable', 'CUPED needs a covariate that varies within the arms; this one is constant. Use the unadjusted test.')
  const theta = sxy / sxx
  const grandMeanX = (c.n * c.meanX + t.n * t.meanX) / (c.n + t.n)
  const ca = adjust(c, theta, grandMeanX)
  const ta = adjust(t, theta, grandMeanX)
  const welch = welchFromMoments(
    { n: ca.n, mean: ca.adjustedMean, variance: ca.adjustedVariance },
    { n: ta.n, mean: ta.adjustedMean, variance: ta.adjustedVariance },
    options,
  )
  if (!welch.ok) return welch
  const unadjusted2 = c.varY / c.n + t.varY / t.n
  if (!(unadjusted2 > 0)) return fail('zero-variance', 'Both arms have zero variance in the metric.')
  const adjusted2 = welch.absolute.standardError ** 2
  return succeed({
    theta,
    control: ca,
    treatment: ta,
    df: welch.df,
    absolute: welch.absolute,
    relative: welch.relative,
    varianceReduction: 1 - adjusted2 / unadjusted2,
    unadjustedStandardError: Math.sqrt(unadjusted2),
  })
}
