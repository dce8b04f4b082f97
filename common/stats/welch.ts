// Welch's two-sample t-test on the absolute lift Δ = ȳ_T − ȳ_C, and the relative lift by the
// delta method, from per-arm sufficient statistics. Layer: common (pure).
//
// se² = s_T²/n_T + s_C²/n_C;  t = Δ / se;
// Welch–Satterthwaite df ν = se⁴ / [ (s_T²/n_T)²/(n_T − 1) + (s_C²/n_C)²/(n_C − 1) ]
// (Welch, Biometrika 34, 1947; Satterthwaite, Biometrics Bulletin 2, 1946). The relative lift
// uses the same ν (as GrowthBook's gbstats does); see relativeLift.ts.
import { armMoments, isFailure, type ArmMoments } from './moments'
import { inferLift } from './inference'
import { checkTestOptions, fail, succeed, type LiftInference, type MeanSums, type Outcome, type TestOptions } from './outcome'
import { relativeLift } from './relativeLift'

export interface WelchResult {
  control: ArmMoments
  treatment: ArmMoments
  /** Welch–Satterthwaite degrees of freedom. */
  df: number
  absolute: LiftInference
  relative: Outcome<LiftInference>
}

/** Welch test from variances of the arm means (also used by CUPED with adjusted variances). */
export function welchFromMoments(control: ArmMoments, treatment: ArmMoments, options: TestOptions): Outcome<WelchResult> {
  const vc = control.variance / control.n
  const vt = treatment.variance / treatment.n
  const se2 = vc + vt
  if (!(se2 > 0)) return fail('zero-variance', 'Both arms have zero variance: every unit has the same value, so there is no t statistic.')
  const df = (se2 * se2) / ((vt * vt) / (treatment.n - 1) + (vc * vc) / (control.n - 1))
  const absolute = inferLift(treatment.mean - control.mean, Math.sqrt(se2), df, options)
  const relative = relativeLift({ control: control.mean, controlVariance: vc, treatment: treatment.mean, treatmentVariance: vt }, df, options)
  return succeed({ control, treatment, df, absolute, relative })
}

/** Welch t-test of treatment vs control from (n, Σy, Σy²) per arm. */
export function welchTest(control: MeanSums, treatment: MeanSums, options: TestOptions = {}): Outcome<WelchResult> {
  const badOptions = checkTestOptions(options)
  if (badOptions) return badOptions
  const c = armMoments(control, 'control')
  if (isFailure(c)) return c
  const t = armMoments(treatment, 'treatment')
  if (isFailure(t)) return t
  return welchFromMoments(c, t, options)
}
