// Relative lift of two independent estimates, r = μ_T / μ_C − 1, with the delta-method variance
//   Var(r) ≈ Var(μ̂_T)/μ_C² + μ_T² Var(μ̂_C)/μ_C⁴
// which with Var(μ̂) = s²/n is DOMAIN.md §6's Var(rel) = var_B/(μ_A² n_B) + var_A μ_B²/(μ_A⁴ n_A)
// (Deng, Knoblich & Lu, "Applying the Delta Method in Metric Analytics", KDD 2018, §3;
// Casella & Berger §5.5.4). Layer: common (pure).
import { inferLift } from './inference'
import { fail, succeed, type LiftInference, type Outcome, type TestOptions } from './outcome'

/** The two estimates (means, proportions or ratios) and the variances of those estimates. */
export interface TwoEstimates {
  control: number
  controlVariance: number
  treatment: number
  treatmentVariance: number
}

export function relativeLift(e: TwoEstimates, df: number, options: TestOptions, what = 'mean'): Outcome<LiftInference> {
  if (e.control === 0) return fail('zero-control-mean', `Relative lift is undefined: the control ${what} is 0.`)
  const c2 = e.control * e.control
  const variance = e.treatmentVariance / c2 + (e.treatment * e.treatment * e.controlVariance) / (c2 * c2)
  if (!(variance > 0) || !Number.isFinite(variance)) return fail('zero-variance', 'Relative lift has no standard error: both estimates have zero variance.')
  return succeed(inferLift(e.treatment / e.control - 1, Math.sqrt(variance), df, options))
}
