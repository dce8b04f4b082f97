// Mean and sample variance of one arm from its sufficient statistics (n, Σy, Σy²), with the
// input checks every test shares. Layer: common (pure).
//
// mean = Σy / n;  s² = (Σy² − (Σy)²/n) / (n − 1)  (the unbiased sample variance).
// Σy² − (Σy)²/n cancels badly when the mean is large next to the spread; a result below zero
// by no more than rounding (1e-10 of Σy²/n) is taken as 0, anything worse is refused.
import { fail, type Failure, type MeanSums } from './outcome'

export interface ArmMoments {
  n: number
  mean: number
  /** Unbiased sample variance s² (denominator n − 1). */
  variance: number
}

/** Sample variance from n, Σy, Σy² (n ≥ 2), or a failure when the sums are inconsistent. */
export function sampleVariance(n: number, sum: number, sumSq: number, label: string): number | Failure {
  const centred = sumSq - (sum * sum) / n
  if (centred >= 0) return centred / (n - 1)
  if (-centred <= 1e-10 * Math.abs(sumSq)) return 0
  return fail('invalid-input', `The ${label} sums are inconsistent: Σy² is smaller than (Σy)²/n.`)
}

/** Sample covariance from n, Σx, Σy, Σxy (n ≥ 2). */
export function sampleCovariance(n: number, sumX: number, sumY: number, sumXY: number): number {
  return (sumXY - (sumX * sumY) / n) / (n - 1)
}

/** Checks n is a whole number ≥ `minN` and every sum is finite. */
export function checkCount(n: number, minN: number, label: string): Failure | undefined {
  if (!Number.isFinite(n) || n < 0 || !Number.isInteger(n)) return fail('invalid-input', `The ${label} count must be a whole number ≥ 0 (got ${n}).`)
  if (n < minN) return fail('too-few-observations', `The ${label} has ${n} unit${n === 1 ? '' : 's'}; at least ${minN} are needed.`)
  return undefined
}

/** n, mean and s² of one arm; fails for n < 2, non-finite sums or Σy² < (Σy)²/n. */
export function armMoments(arm: MeanSums, label: string): ArmMoments | Failure {
  const bad = checkCount(arm.n, 2, label)
  if (bad) return bad
  if (!Number.isFinite(arm.sum) || !Number.isFinite(arm.sumSq)) return fail('invalid-input', `The ${label} sums must be finite numbers.`)
  const variance = sampleVariance(arm.n, arm.sum, arm.sumSq, label)
  if (typeof variance !== 'number') return variance
  return { n: arm.n, mean: arm.sum / arm.n, variance }
}

export function isFailure(value: unknown): value is Failure {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false
}
