// Bayesian read-out of a lift with a Gaussian prior (normal–normal conjugate model). The data
// enter as the estimate and its standard error (a Gaussian likelihood L̂ ~ N(L, se²)); the prior
// is L ~ N(μ₀, τ²), or flat when omitted. Layer: common (pure).
//
// Posterior precision 1/s² = 1/τ² + 1/se²; posterior mean m = s² (μ₀/τ² + L̂/se²)
// (Gelman et al., "Bayesian Data Analysis", 3rd ed., §2.5). Then with Z = m/s:
//   chance to win P(L > 0) = Φ(Z);
//   risk of choosing treatment E[max(0, −L)] = s φ(Z) − m Φ(−Z);
//   risk of choosing control   E[max(0,  L)] = s φ(Z) + m Φ(Z)
// (expected loss as in Stucchio, "Bayesian A/B Testing at VWO", 2015, and GrowthBook's gbstats).
// The lift may be absolute or relative; prior and estimate must be on the same scale.
import { normalCdf, normalPdf, normalQuantile } from './distributions/normal'
import { fail, succeed, type Interval, type Outcome } from './outcome'

export interface GaussianPrior {
  mean: number
  /** Prior standard deviation τ > 0. */
  sd: number
}

export interface BayesianInput {
  estimate: number
  standardError: number
  /** Omit (or null) for a flat prior: the posterior is then N(estimate, se²). */
  prior?: GaussianPrior | null
  /** Credible interval level, default 0.95. */
  credibility?: number
}

export interface BayesianResult {
  posteriorMean: number
  posteriorSd: number
  /** P(lift > 0 | data). */
  chanceToWin: number
  /** Expected loss of shipping each arm, in the lift's units. */
  risk: { treatment: number; control: number }
  /** Equal-tailed posterior interval. */
  credibleInterval: Interval
}

export function bayesianLift(input: BayesianInput): Outcome<BayesianResult> {
  const { estimate, standardError, prior } = input
  const credibility = input.credibility ?? 0.95
  if (!Number.isFinite(estimate)) return fail('invalid-input', 'The lift estimate must be a finite number.')
  if (!Number.isFinite(standardError) || standardError < 0) return fail('invalid-input', 'The standard error must be a finite number ≥ 0.')
  if (standardError === 0) return fail('zero-variance', 'The estimate has zero standard error, so the likelihood is degenerate.')
  if (prior && !(Number.isFinite(prior.mean) && Number.isFinite(prior.sd) && prior.sd > 0)) return fail('invalid-input', 'The prior needs a finite mean and a standard deviation > 0.')
  if (!(credibility > 0 && credibility < 1)) return fail('invalid-input', `The credible level must be between 0 and 1 (got ${credibility}).`)
  const dataPrecision = 1 / (standardError * standardError)
  const priorPrecision = prior ? 1 / (prior.sd * prior.sd) : 0
  const precision = dataPrecision + priorPrecision
  const m = (estimate * dataPrecision + (prior ? prior.mean * priorPrecision : 0)) / precision
  const s = Math.sqrt(1 / precision)
  const z = m / s
  const density = normalPdf(z)
  const half = normalQuantile(0.5 + credibility / 2) * s
  return succeed({
    posteriorMean: m,
    posteriorSd: s,
    chanceToWin: normalCdf(z),
    risk: { treatment: s * density - m * normalCdf(-z), control: s * density + m * normalCdf(z) },
    credibleInterval: { lower: m - half, upper: m + half },
  })
}
