// The experiment analysis as a pure function of its inputs (sufficient statistics, the scenario's
// reward sums, adoption-curve counts) and the reading options (control arm, CUPED, confidence,
// correction, prior, economics inputs). The engine calls it once; the renderer calls it again
// when the analyst switches the control arm or CUPED — no engine call, no payments scan.
// Layer: common (pure).
import {
  analysisOptionsSchema,
  type AnalysisInputs,
  type AnalysisNote,
  type AnalysisOptions,
  type AnalysisOptionsInput,
  type ExperimentAnalysis,
} from '../domain/analysis'
import { armSizes } from './armSizes'
import { economicsRows } from './economics'
import { metricRows } from './metricRows'

/** The arm named "control" (any case), else the first arm with users. */
export function defaultControlArm(arms: readonly { arm: string; users: number }[]): string | null {
  return arms.find((a) => a.arm.toLowerCase() === 'control')?.arm ?? arms.find((a) => a.users > 0)?.arm ?? arms[0]?.arm ?? null
}

/** Thrown for options the statistics cannot answer (an unknown control arm); the engine maps it to INVALID_REQUEST. */
export class AnalysisInputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AnalysisInputError'
  }
}

function curvesOf(inputs: AnalysisInputs): ExperimentAnalysis['curves'] {
  if (inputs.curves === null) return null
  return {
    days: inputs.curves.days,
    series: inputs.curves.series.map((s) => ({ arm: s.arm, country: s.country, users: s.users, share: s.cumulativeAdopters.map((a) => (s.users > 0 ? a / s.users : 0)) })),
  }
}

function analysisNotes(result: Omit<ExperimentAnalysis, 'notes' | 'inputs'>, options: AnalysisOptions, inputs: AnalysisInputs): AnalysisNote[] {
  const notes: AnalysisNote[] = []
  for (const a of result.arms) {
    if (a.srm.warn) {
      const where = a.country === null ? 'overall' : `in ${a.country}`
      const split = a.arms.map((x) => `${x.arm} ${x.users}`).join(', ')
      notes.push({ code: 'SRM', severity: 'warning', message: `Sample ratio mismatch ${where} (χ² p = ${a.srm.pValue?.toExponential(2)}): the arms (${split}) are not split as planned. Assignment or logging may be broken; read the results with care.` })
    }
  }
  const control = result.arms[0]?.arms.find((a) => a.arm === result.controlArm)
  if (control !== undefined && control.users === 0) notes.push({ code: 'EMPTY_CONTROL', severity: 'warning', message: `The control arm "${result.controlArm}" has no users: no lift can be computed. Choose another control arm.` })
  if (options.cuped && !inputs.stats.metrics.some((m) => m.covariate !== null)) {
    notes.push({ code: 'CUPED_NO_COVARIATE', severity: 'warning', message: 'CUPED is on but no metric has a covariate: choose a pre-window (or covariate columns). Unadjusted tests are shown.' })
  }
  if (options.cuped && inputs.stats.metrics.some((m) => m.covariate === 'preWindow') && !result.metrics.some((r) => r.test === 'cuped')) {
    notes.push({ code: 'CUPED_NOT_APPLIED', severity: 'info', message: 'CUPED is on but could not adjust any metric (see each row\'s reason).' })
  }
  const undefinedRelative = result.metrics.filter((r) => r.absolute !== null && r.relative === null && r.relativeReason?.includes('control') === true)
  if (undefinedRelative.length > 0) {
    const which = [...new Set(undefinedRelative.map((r) => r.label))].join(', ')
    notes.push({ code: 'RELATIVE_UNDEFINED', severity: 'info', message: `Relative lift is undefined where the control mean is 0 (${which}): only the absolute lift is shown there.` })
  }
  return notes
}

/**
 * The full analysis from `inputs` with `optionsInput` (defaults as in the request schema). Throws
 * AnalysisInputError for a control arm that is not an arm of the experiment.
 */
export function analyzeStats(inputs: AnalysisInputs, optionsInput: AnalysisOptionsInput = {}): ExperimentAnalysis {
  // Only the reading options (a whole request may be passed; its spec is already in `inputs`).
  const known = Object.keys(analysisOptionsSchema.shape)
  const options = analysisOptionsSchema.parse(Object.fromEntries(Object.entries(optionsInput).filter(([k]) => known.includes(k))))
  const stats = inputs.stats
  const armNames = stats.arms.map((a) => a.arm)
  const controlArm = options.controlArm ?? defaultControlArm(stats.arms)
  if (controlArm === null) throw new AnalysisInputError('The experiment has no arms.')
  if (!armNames.includes(controlArm)) throw new AnalysisInputError(`"${controlArm}" is not an arm of "${stats.armColumn}" (arms: ${armNames.join(', ')}).`)
  const treatmentArms = armNames.filter((a) => a !== controlArm)
  const arms = armSizes(stats, options.expectedShares)
  const metrics = metricRows(stats, controlArm, treatmentArms, options)
  const countries = stats.dimensions.includes('country') ? [...new Set(stats.cells.filter((c) => c.dimension === 'country').map((c) => c.segment))] : []
  const economics = economicsRows(metrics, treatmentArms, countries, inputs, options)
  const base = {
    armColumn: stats.armColumn,
    controlArm,
    treatmentArms,
    options: { cuped: options.cuped, confidence: options.confidence, correction: options.correction, bayesianPrior: options.bayesianPrior ?? null },
    arms,
    srmWarning: arms.some((a) => a.srm.warn),
    metrics,
    economics,
    curves: curvesOf(inputs),
  }
  return { ...base, notes: [...stats.notes, ...inputs.notes, ...analysisNotes(base, options, inputs)], inputs }
}
