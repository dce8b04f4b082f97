// The lift table: one row per metric × dimension × segment × treatment arm, each tested against the
// control arm — two proportions for binary metrics, Welch for numeric ones, CUPED (θ pooled over the
// two arms) when it is on and the metric has a covariate — then Holm/BH across a dimension's
// segments and a Gaussian-prior chance to win. Pure; formulas in docs/statistics.md.
// Layer: common.
import type { AnalysisOptions, LiftDto, MetricRow } from '../domain/analysis'
import type { UpliftCell, UpliftMetricInfo, UpliftStats } from '../domain/uplift'
import {
  bayesianLift,
  benjaminiHochbergAdjust,
  cupedTest,
  holmAdjust,
  twoProportionTest,
  welchTest,
  type LiftInference,
  type Outcome,
} from '../stats'

type Tested = Omit<MetricRow, 'adjustedPValue' | 'significant'>

export function cellKey(metric: string, dimension: string, segment: string | null, arm: string): string {
  return JSON.stringify([metric, dimension, segment, arm])
}

/** Index of the cells by metric, dimension, segment and arm. */
export function indexCells(cells: readonly UpliftCell[]): Map<string, UpliftCell> {
  return new Map(cells.map((c) => [cellKey(c.metric, c.dimension, c.segment, c.arm), c]))
}

function liftDto(l: LiftInference): LiftDto {
  return { estimate: l.estimate, standardError: l.standardError, ci: { lower: l.ci.lower, upper: l.ci.upper }, pValue: l.pValue }
}

function meanOf(c: UpliftCell): number | null {
  return c.n > 0 ? c.sumY / c.n : null
}

interface Lifts {
  absolute: LiftInference
  relative: Outcome<LiftInference>
}

/** The plain test of a metric type (no covariate). */
function plainTest(info: UpliftMetricInfo, c: UpliftCell, t: UpliftCell, confidence: number): Outcome<Lifts> {
  if (info.type === 'binary') return twoProportionTest({ n: c.n, successes: c.sumY }, { n: t.n, successes: t.sumY }, { confidence })
  return welchTest({ n: c.n, sum: c.sumY, sumSq: c.sumY2 }, { n: t.n, sum: t.sumY, sumSq: t.sumY2 }, { confidence })
}

/** Why a metric cannot be CUPED-adjusted, or null when it can. */
function cupedUnavailable(info: UpliftMetricInfo, c: UpliftCell, t: UpliftCell): string | null {
  if (info.covariate === null) return `${info.label} has no pre-experiment covariate (choose a pre-window, or a covariate column).`
  if (c.sumX2 === 0 && t.sumX2 === 0) return `The covariate of ${info.label} is 0 for every user (no pre-window activity), so CUPED cannot adjust it.`
  return null
}

function testRow(info: UpliftMetricInfo, c: UpliftCell, t: UpliftCell, options: AnalysisOptions): Tested {
  const confidence = options.confidence
  let test: MetricRow['test'] = info.type === 'binary' ? 'proportions' : 'welch'
  let cuped: MetricRow['cuped'] = null
  let cupedReason: string | null = null
  let result: Outcome<Lifts> | null = null
  let adjustedMeans: { control: number; treatment: number } | null = null
  if (options.cuped) {
    cupedReason = cupedUnavailable(info, c, t)
    if (cupedReason === null) {
      const adjusted = cupedTest(c, t, { confidence })
      if (adjusted.ok) {
        test = 'cuped'
        result = adjusted
        adjustedMeans = { control: adjusted.control.adjustedMean, treatment: adjusted.treatment.adjustedMean }
        cuped = { theta: adjusted.theta, varianceReduction: adjusted.varianceReduction, unadjustedStandardError: adjusted.unadjustedStandardError }
      } else cupedReason = `CUPED not applied: ${adjusted.reason}`
    }
  }
  result ??= plainTest(info, c, t, confidence)
  // CUPED shows the adjusted means (centred on the pooled covariate mean, so on the metric's scale).
  const controlMean = adjustedMeans?.control ?? meanOf(c)
  const treatmentMean = adjustedMeans?.treatment ?? meanOf(t)
  const base = {
    metric: info.id,
    label: info.label,
    type: info.type,
    unit: info.unit,
    dimension: c.dimension,
    segment: c.segment,
    arm: t.arm,
    controlArm: c.arm,
    test,
    control: { n: c.n, mean: controlMean },
    treatment: { n: t.n, mean: treatmentMean },
    cuped,
    cupedReason,
  }
  if (!result.ok) {
    return { ...base, absolute: null, absoluteReason: result.reason, relative: null, relativeReason: result.reason, chanceToWin: null, risk: null, bayesScale: null }
  }
  const relative = result.relative
  const prior = options.bayesianPrior ?? null
  // The prior is on the relative lift; without one (undefined relative lift) read the absolute lift with a flat prior.
  const bayes = relative.ok
    ? { scale: 'relative' as const, out: bayesianLift({ estimate: relative.estimate, standardError: relative.standardError, prior, credibility: confidence }) }
    : { scale: 'absolute' as const, out: bayesianLift({ estimate: result.absolute.estimate, standardError: result.absolute.standardError, credibility: confidence }) }
  return {
    ...base,
    absolute: liftDto(result.absolute),
    absoluteReason: null,
    relative: relative.ok ? liftDto(relative) : null,
    relativeReason: relative.ok ? null : relative.reason,
    chanceToWin: bayes.out.ok ? bayes.out.chanceToWin : null,
    risk: bayes.out.ok ? bayes.out.risk.treatment : null,
    bayesScale: bayes.out.ok ? bayes.scale : null,
  }
}

/** Adjusted p-values within each (metric, dimension, arm) family of segments; `overall` is a family of one. */
function adjust(rows: Tested[], options: AnalysisOptions): MetricRow[] {
  const families = new Map<string, number[]>()
  rows.forEach((r, i) => {
    if (r.absolute === null) return
    const key = JSON.stringify([r.metric, r.dimension, r.arm])
    families.set(key, [...(families.get(key) ?? []), i])
  })
  const adjusted = new Array<number | null>(rows.length).fill(null)
  for (const members of families.values()) {
    const p = members.map((i) => rows[i]!.absolute!.pValue)
    const out = options.correction === 'holm' ? holmAdjust(p) : options.correction === 'bh' ? benjaminiHochbergAdjust(p) : { ok: true as const, adjusted: p }
    if (out.ok) members.forEach((i, k) => (adjusted[i] = out.adjusted[k] ?? null))
  }
  const alpha = 1 - options.confidence
  return rows.map((r, i) => ({ ...r, adjustedPValue: adjusted[i] ?? null, significant: adjusted[i] !== null && adjusted[i]! < alpha }))
}

/** Every metric × dimension × segment × treatment arm of `stats`, against `controlArm`. */
export function metricRows(stats: UpliftStats, controlArm: string, treatmentArms: readonly string[], options: AnalysisOptions): MetricRow[] {
  const index = indexCells(stats.cells)
  const rows: Tested[] = []
  for (const c of stats.cells) {
    if (c.arm !== controlArm) continue
    const info = stats.metrics.find((m) => m.id === c.metric)
    if (info === undefined) continue
    for (const arm of treatmentArms) {
      const t = index.get(cellKey(c.metric, c.dimension, c.segment, arm))
      if (t !== undefined) rows.push(testRow(info, c, t, options))
    }
  }
  return adjust(rows, options)
}
