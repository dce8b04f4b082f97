// Sample ratio mismatch: Pearson's χ² goodness-of-fit of observed arm sizes against the planned
// allocation, χ² = Σ (O_i − E_i)² / E_i with E_i = N w_i / Σw and k − 1 degrees of freedom
// (Pearson 1900; Fabijan et al., "Diagnosing Sample Ratio Mismatch in Online Controlled
// Experiments", KDD 2019, which recommends alerting at p < 0.001). Layer: common (pure).
import { chiSquareSf } from './distributions/chiSquare'
import { fail, succeed, type Outcome } from './outcome'

export interface SrmResult {
  chiSquare: number
  df: number
  pValue: number
  /** Expected counts under the planned allocation. */
  expected: number[]
  /** True when pValue < threshold: the split is not what was planned; distrust the results. */
  warn: boolean
  threshold: number
}

/** `observed[i]` units landed in arm i, planned in proportion to `weights[i]` (e.g. [50, 50]). */
export function srmTest(observed: readonly number[], weights: readonly number[], threshold = 0.001): Outcome<SrmResult> {
  if (observed.length !== weights.length) return fail('invalid-input', `There are ${observed.length} observed counts but ${weights.length} allocation weights.`)
  if (observed.length < 2) return fail('single-arm', 'A sample-ratio check needs at least two arms.')
  if (!observed.every((o) => Number.isFinite(o) && o >= 0)) return fail('invalid-input', 'Arm counts must be finite numbers ≥ 0.')
  if (!weights.every((w) => Number.isFinite(w) && w > 0)) return fail('invalid-input', 'Allocation weights must be finite numbers > 0.')
  if (!(threshold > 0 && threshold < 1)) return fail('invalid-input', `The warning threshold must be between 0 and 1 (got ${threshold}).`)
  const total = observed.reduce((s, o) => s + o, 0)
  if (total === 0) return fail('too-few-observations', 'No units were assigned to any arm yet.')
  const weightSum = weights.reduce((s, w) => s + w, 0)
  const expected = weights.map((w) => (total * w) / weightSum)
  const chiSquare = observed.reduce((s, o, i) => {
    const e = expected[i] ?? 1
    return s + ((o - e) * (o - e)) / e
  }, 0)
  const df = observed.length - 1
  const pValue = chiSquareSf(chiSquare, df)
  return succeed({ chiSquare, df, pValue, expected, warn: pValue < threshold, threshold })
}
