// Always-valid (anytime) confidence sequence for a difference of means, by the two-sided
// normal-mixture boundary: with S_N the standardised sum after N units, σ² the unit variance
// and ρ > 0 fixed in advance,
//   |S_N| ≤ √((N + ρ) ln((N + ρ) / (ρ α²)))  for all N simultaneously, with probability ≥ 1 − α
// (Robbins 1970; Howard, Ramdas, McAuliffe & Sekhon, "Time-uniform, nonparametric,
// nonasymptotic confidence sequences", Ann. Statist. 49, 2021, §3.5; asymptotic version for
// estimated variances: Waudby-Smith et al., "Time-uniform central limit theory and asymptotic
// confidence sequences", 2021, Thm 2.2). On the scale of the estimate, with σ² = N se²:
//   half-width = σ √((N + ρ) ln((N + ρ)/(ρ α²))) / N,
// ρ tuned to be tightest at a planned N*: ρ = N* / (2 ln(1/α) + ln(1 + 2 ln(1/α))).
// The matching always-valid p-value is 1 / M_N, M_N = √(ρ/(N+ρ)) exp(N z² / (2(N+ρ))), z = Δ/se,
// the mixture martingale at Δ = 0 (Ville's inequality). Layer: common (pure).
import { isFailure, armMoments } from './moments'
import { fail, succeed, type Interval, type MeanSums, type Outcome } from './outcome'

export interface SequentialOptions {
  /** Default 0.95. */
  confidence?: number
  /** N* where the sequence should be tightest (units in both arms). Default 5000 (GrowthBook's). */
  tuningSampleSize?: number
}

export interface ConfidenceSequenceInput extends SequentialOptions {
  estimate: number
  standardError: number
  /** Units so far (both arms). */
  sampleSize: number
}

export interface ConfidenceSequenceResult {
  estimate: number
  standardError: number
  ci: Interval
  halfWidth: number
  /** Always-valid p-value for "no difference". */
  pValue: number
  /** Mixture parameter ρ (in units). */
  rho: number
}

export function mixtureRho(tuningSampleSize: number, alpha: number): number {
  const l = 2 * Math.log(1 / alpha)
  return tuningSampleSize / (l + Math.log(1 + l))
}

export function confidenceSequence(input: ConfidenceSequenceInput): Outcome<ConfidenceSequenceResult> {
  const { estimate, standardError, sampleSize } = input
  const confidence = input.confidence ?? 0.95
  const tuning = input.tuningSampleSize ?? 5000
  if (!(confidence > 0 && confidence < 1)) return fail('invalid-input', `The confidence level must be between 0 and 1 (got ${confidence}).`)
  if (!(Number.isFinite(tuning) && tuning > 0)) return fail('invalid-input', 'The tuning sample size must be a number > 0.')
  if (!Number.isFinite(estimate) || !Number.isFinite(standardError) || standardError < 0) return fail('invalid-input', 'The estimate and its standard error must be finite (se ≥ 0).')
  if (!(Number.isFinite(sampleSize) && sampleSize >= 1)) return fail('too-few-observations', 'A confidence sequence needs at least one unit.')
  if (standardError === 0) return fail('zero-variance', 'The estimate has zero standard error; there is no interval to draw.')
  const alpha = 1 - confidence
  const rho = mixtureRho(tuning, alpha)
  const n = sampleSize
  const sigma = standardError * Math.sqrt(n)
  const halfWidth = (sigma * Math.sqrt((n + rho) * Math.log((n + rho) / (rho * alpha * alpha)))) / n
  const z = estimate / standardError
  const logMartingale = 0.5 * Math.log(rho / (n + rho)) + (n * z * z) / (2 * (n + rho))
  const pValue = Math.min(1, Math.exp(-logMartingale))
  return succeed({ estimate, standardError, ci: { lower: estimate - halfWidth, upper: estimate + halfWidth }, halfWidth, pValue, rho })
}

/** Confidence sequence for ȳ_T − ȳ_C from (n, Σy, Σy²) per arm (Welch standard error). */
export function sequentialMeanDifference(control: MeanSums, treatment: MeanSums, options: SequentialOptions = {}): Outcome<ConfidenceSequenceResult> {
  const c = armMoments(control, 'control')
  if (isFailure(c)) return c
  const t = armMoments(treatment, 'treatment')
  if (isFailure(t)) return t
  const se = Math.sqrt(c.variance / c.n + t.variance / t.n)
  return confidenceSequence({ ...options, estimate: t.mean - c.mean, standardError: se, sampleSize: c.n + t.n })
}
