// Difference-in-differences on a unit × period panel (issue 5, DOMAIN.md §6 "non-randomized
// rollouts"): two-way fixed effects ATT, an event-study pre-trend test, a placebo start inside the
// pre-period and the series for the pre-period fit plot. Two inferences for each: cluster-robust
// by unit (CR1, t with G − 1 df) and size-adjusted (few treated units; Ferman & Pinto 2019).
// Layer: common (pure). Formulas, references and caveats: docs/rollouts.md.
import { fitTwfe, type PanelCell, type TwfeFit } from './didRegression'
import { inferLift } from './inference'
import { fail, succeed, type Interval, type Outcome } from './outcome'
import { fitVarianceFunction, varianceAt, type VarianceFunction } from './varianceFunction'

export type { PanelCell } from './didRegression'
export type { VarianceFunction } from './varianceFunction'

/** Cluster-robust inference needs this many treated and control units (MacKinnon & Webb 2017). */
export const MIN_CLUSTERS_PER_GROUP = 10

export interface DidInput {
  cells: readonly PanelCell[]
  treatedUnits: readonly string[]
  /** First treated period; periods compare as strings (ISO dates). */
  treatmentStart: string
  /** Confidence level of intervals, default 0.95 (two-sided). */
  confidence?: number
}

export type InferenceMethod = 'cluster-robust' | 'size-adjusted'

export interface DidInference {
  method: InferenceMethod
  standardError: number
  statistic: number
  df: number
  ci: Interval
  pValue: number
}

export interface DidEstimate {
  estimate: number
  clusterRobust: DidInference
  sizeAdjusted: Outcome<DidInference & { varianceFunction: VarianceFunction }>
  /** The inference to report: size-adjusted unless both groups have MIN_CLUSTERS_PER_GROUP units. */
  primary: InferenceMethod
}

export interface FitPoint {
  period: string
  post: boolean
  treated: number
  control: number
  /** The treated units' fixed-effects fit without the treatment: what they would have done. */
  counterfactual: number
}

export interface DidResult extends DidEstimate {
  treatedUnits: number
  controlUnits: number
  prePeriods: number
  postPeriods: number
  observations: number
  /** Every unit has a cell in every period. */
  balanced: boolean
  series: FitPoint[]
  /** Root mean square of treated − counterfactual over the pre-periods. */
  preFitRmse: number
}

/** Treated set and each unit's size (mean cell weight). Shared with didPretrend.ts. */
export interface Groups {
  treated: Set<string>
  sizes: Map<string, number>
}

/** Validates the input and finds the groups (shared with didPretrend.ts). */
export function checkPanel(input: DidInput): Outcome<Groups> {
  const confidence = input.confidence ?? 0.95
  if (!(confidence > 0 && confidence < 1)) return fail('invalid-input', `The confidence level must be between 0 and 1 (got ${confidence}).`)
  if (!input.cells.every((c) => Number.isFinite(c.outcome) && Number.isFinite(c.weight) && c.weight > 0)) {
    return fail('invalid-input', 'Every cell needs a finite outcome and a positive weight.')
  }
  const treated = new Set(input.treatedUnits)
  const units = new Set(input.cells.map((c) => c.unit))
  if (![...treated].some((u) => units.has(u))) return fail('invalid-input', 'No treated unit has data in the panel.')
  if ([...units].every((u) => treated.has(u))) return fail('single-arm', 'Every unit is treated: there is no control unit to compare with.')
  const pre = input.cells.some((c) => c.period < input.treatmentStart && treated.has(c.unit))
  const post = input.cells.some((c) => c.period >= input.treatmentStart && treated.has(c.unit))
  if (!pre) return fail('not-applicable', 'The treated units have no period before the start: nothing shows what they did untreated.')
  if (!post) return fail('not-applicable', 'The treated units have no period from the start on: there is no effect to measure yet.')
  const sums = new Map<string, { w: number; n: number }>()
  for (const c of input.cells) {
    const s = sums.get(c.unit) ?? { w: 0, n: 0 }
    sums.set(c.unit, { w: s.w + c.weight, n: s.n + 1 })
  }
  return succeed({ treated, sizes: new Map([...sums].map(([u, s]) => [u, s.w / s.n])) })
}

/** Mean of the residuals of `unit` over the cells `pick` selects (null if none). */
export function residualMean(fit: TwfeFit, cells: readonly PanelCell[], unit: number, pick: (c: PanelCell) => boolean): number | null {
  let sum = 0
  let n = 0
  cells.forEach((c, i) => {
    if (fit.unitOf[i] === unit && pick(c)) {
      sum += fit.residuals[i]!
      n++
    }
  })
  return n === 0 ? null : sum / n
}

/** Each group's units weighted by size within the group: the DiD's weights on unit contrasts. */
export function groupWeightsSquared(fit: TwfeFit, groups: Groups, f: VarianceFunction): number {
  let total = 0
  for (const inTreated of [true, false]) {
    const members = fit.units.filter((u) => groups.treated.has(u) === inTreated)
    const mass = members.reduce((s, u) => s + groups.sizes.get(u)!, 0)
    for (const u of members) total += (groups.sizes.get(u)! / mass) ** 2 * varianceAt(f, groups.sizes.get(u)!)
  }
  return total
}

function toInference(method: InferenceMethod, estimate: number, se: number, df: number, confidence: number): DidInference {
  const r = inferLift(estimate, se, df, { confidence })
  return { method, standardError: r.standardError, statistic: r.statistic, df, ci: r.ci, pValue: r.pValue }
}

/**
 * Size-adjusted inference for one coefficient whose unit contrast is "mean residual in `after`
 * minus mean residual in `before`": the control units' contrasts give v(M) = a + b/M, and
 * Var = Σ_treated ω² v(M) + Σ_control ω² v(M), with t on J − (parameters of v) df.
 */
function sizeAdjusted(fit: TwfeFit, cells: readonly PanelCell[], groups: Groups, estimate: number, confidence: number,
  before: (c: PanelCell) => boolean, after: (c: PanelCell) => boolean): DidEstimate['sizeAdjusted'] {
  const squares: number[] = []
  const sizes: number[] = []
  fit.units.forEach((unit, j) => {
    if (groups.treated.has(unit)) return
    const a = residualMean(fit, cells, j, after)
    const b = residualMean(fit, cells, j, before)
    if (a === null || b === null) return
    squares.push((a - b) ** 2)
    sizes.push(groups.sizes.get(unit)!)
  })
  const f = fitVarianceFunction(squares, sizes)
  if (!f.ok) return f
  const df = squares.length - f.parameters
  if (df < 1) return fail('too-few-observations', 'Too few control units to estimate how noisy a unit is.')
  const se = Math.sqrt(groupWeightsSquared(fit, groups, f))
  if (!(se > 0)) return fail('zero-variance', 'The size-adjusted standard error is 0.')
  const { ok: _ok, ...vf } = f
  return succeed({ ...toInference('size-adjusted', estimate, se, df, confidence), varianceFunction: vf })
}

export function primaryOf(fit: TwfeFit, groups: Groups, sized: { ok: boolean }): InferenceMethod {
  const treated = fit.units.filter((u) => groups.treated.has(u)).length
  const control = fit.units.length - treated
  return treated >= MIN_CLUSTERS_PER_GROUP && control >= MIN_CLUSTERS_PER_GROUP ? 'cluster-robust' : sized.ok ? 'size-adjusted' : 'cluster-robust'
}

/** Weighted means per period of the treated, the controls and the treated counterfactual. */
function fitSeries(fit: TwfeFit, cells: readonly PanelCell[], groups: Groups, start: string): FitPoint[] {
  const acc = fit.periods.map(() => ({ tw: 0, ty: 0, tb: 0, cw: 0, cy: 0 }))
  cells.forEach((c, i) => {
    const a = acc[fit.periodOf[i]!]!
    if (groups.treated.has(c.unit)) {
      a.tw += c.weight
      a.ty += c.weight * c.outcome
      a.tb += c.weight * fit.baseline[i]!
    } else {
      a.cw += c.weight
      a.cy += c.weight * c.outcome
    }
  })
  return fit.periods.flatMap((period, t) => {
    const a = acc[t]!
    if (a.tw === 0 || a.cw === 0) return []
    return [{ period, post: period >= start, treated: a.ty / a.tw, control: a.cy / a.cw, counterfactual: a.tb / a.tw }]
  })
}

/**
 * Two-way fixed effects DiD: y_it = α_i + λ_t + β D_it + ε_it, weighted by cell weight, with
 * D_it = 1 for treated units from `treatmentStart` on. β is the ATT averaged over the treated
 * post-period cells (weighted). One common start, so no staggered-timing bias (Goodman-Bacon 2021).
 */
export function differenceInDifferences(input: DidInput): Outcome<DidResult> {
  const groups = checkPanel(input)
  if (!groups.ok) return groups
  const confidence = input.confidence ?? 0.95
  const cells = input.cells
  const isPost = (c: PanelCell): boolean => c.period >= input.treatmentStart
  const fit = fitTwfe(cells, (i) => [groups.treated.has(cells[i]!.unit) && isPost(cells[i]!) ? 1 : 0], 1)
  if (!fit.ok) return fit
  if (fit.clusters < 2 || fit.observations <= fit.parameters) return fail('too-few-observations', 'Too few units or periods for a fixed-effects regression.')
  const estimate = fit.coefficients[0]!
  const crVariance = fit.clusterCovariance[0]![0]!
  if (!(crVariance > 0)) return fail('zero-variance', 'The cluster-robust standard error is 0: the outcome has no noise left after the fixed effects.')
  const clusterRobust = toInference('cluster-robust', estimate, Math.sqrt(crVariance), fit.clusters - 1, confidence)
  const sized = sizeAdjusted(fit, cells, groups, estimate, confidence, (c) => !isPost(c), isPost)
  const series = fitSeries(fit, cells, groups, input.treatmentStart)
  const gaps = series.filter((p) => !p.post).map((p) => (p.treated - p.counterfactual) ** 2)
  const treatedUnits = fit.units.filter((u) => groups.treated.has(u)).length
  const periodsOf = (post: boolean): number => new Set(cells.filter((c) => isPost(c) === post).map((c) => c.period)).size
  return succeed({
    estimate, clusterRobust, sizeAdjusted: sized, primary: primaryOf(fit, groups, sized),
    treatedUnits, controlUnits: fit.units.length - treatedUnits,
    prePeriods: periodsOf(false), postPeriods: periodsOf(true), observations: fit.observations,
    balanced: fit.observations === fit.units.length * fit.periods.length,
    series, preFitRmse: Math.sqrt(gaps.reduce((s, g) => s + g, 0) / Math.max(gaps.length, 1)),
  })
}

/** The inference the result recommends (the primary one). */
export function primaryInference(e: DidEstimate): DidInference {
  return e.primary === 'size-adjusted' && e.sizeAdjusted.ok ? e.sizeAdjusted : e.clusterRobust
}

/**
 * Placebo in time: the same DiD on the pre-period only, with a fake start (default: the middle
 * pre-period). An effect here means the groups were already drifting apart before the rollout.
 */
export function placeboInTime(input: DidInput & { placeboStart?: string }): Outcome<DidResult & { placeboStart: string }> {
  const pre = input.cells.filter((c) => c.period < input.treatmentStart)
  const periods = [...new Set(pre.map((c) => c.period))].sort()
  if (periods.length < 4) return fail('too-few-observations', `A placebo start needs at least 4 pre-periods (there are ${periods.length}).`)
  const placeboStart = input.placeboStart ?? periods[Math.floor(periods.length / 2)]!
  if (!(placeboStart > periods[0]! && placeboStart <= periods[periods.length - 1]!)) {
    return fail('invalid-input', `The placebo start ${placeboStart} must fall inside the pre-period (${periods[0]} … ${periods[periods.length - 1]}), after its first period.`)
  }
  const result = differenceInDifferences({ ...input, cells: pre, treatmentStart: placeboStart })
  return result.ok ? succeed({ ...result, placeboStart }) : result
}
