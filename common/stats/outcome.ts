// Shared result and input types of common/stats: every function returns an Outcome, so an edge
// case (n < 2, zero variance, control mean 0, …) is a value with a reason, never NaN/Infinity.
// Layer: common (pure).

/** Why a statistic could not be computed. Closed list, so callers can switch on it. */
export type FailureCode =
  | 'invalid-input' // non-finite numbers, negative counts, probabilities outside [0, 1], …
  | 'too-few-observations' // an arm has fewer units than the statistic needs (usually n < 2)
  | 'zero-variance' // the estimator's standard error is 0, so no test statistic exists
  | 'zero-control-mean' // relative lift divides by the control mean (or ratio), which is 0
  | 'zero-denominator' // a ratio metric whose denominator mean is 0
  | 'single-arm' // a comparison needs at least two arms
  | 'not-applicable' // the method does not apply to this data (e.g. covariate without variance)

export interface Failure {
  ok: false
  code: FailureCode
  /** A sentence for the analyst: what is missing and why the number does not exist. */
  reason: string
}

/** Success carries the fields of T next to `ok: true`; failure carries a code and a reason. */
export type Outcome<T> = ({ ok: true } & T) | Failure

export function fail(code: FailureCode, reason: string): Failure {
  return { ok: false, code, reason }
}

export function succeed<T extends object>(value: T): { ok: true } & T {
  return { ok: true, ...value }
}

/**
 * Which way the test looks. 'greater': treatment − control > 0 (the lift is positive);
 * 'less': the lift is negative; 'two-sided': any difference. Names follow scipy.
 */
export type Alternative = 'two-sided' | 'greater' | 'less'

/** A confidence (or credible) interval; `null` marks the unbounded side of a one-sided interval. */
export interface Interval {
  lower: number | null
  upper: number | null
}

export interface TestOptions {
  /** Confidence level of the interval, in (0, 1). Default 0.95. */
  confidence?: number
  /** Default 'two-sided'. */
  alternative?: Alternative
}

/** Sufficient statistics of one arm for a mean: count, Σy and Σy² (as DuckDB returns them). */
export interface MeanSums {
  n: number
  sum: number
  sumSq: number
}

/**
 * Sufficient statistics of one arm for a metric y with a second per-unit variable x: the
 * covariate of CUPED (pre-period y) or the denominator of a ratio metric.
 */
export interface JointSums {
  n: number
  sumY: number
  sumY2: number
  sumX: number
  sumX2: number
  sumXY: number
}

/** One inference on a lift: estimate, standard error, test statistic, interval, p-value. */
export interface LiftInference {
  estimate: number
  standardError: number
  /** t (with the result's df) or z, for H0: lift = 0. */
  statistic: number
  ci: Interval
  pValue: number
}

/** Checks a confidence level and an alternative; undefined means "fine". */
export function checkTestOptions(options: TestOptions): Failure | undefined {
  const confidence = options.confidence ?? 0.95
  if (!(confidence > 0 && confidence < 1)) return fail('invalid-input', `The confidence level must be between 0 and 1 (got ${confidence}).`)
  return undefined
}

export function allFinite(...values: number[]): boolean {
  return values.every((v) => Number.isFinite(v))
}
