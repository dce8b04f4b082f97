// Event-study pre-trend test for a DiD (Roth 2022; Freyaldenhoven et al. 2021): the treated
// units' pre-periods are grouped into bins of `binSize` periods counted back from the start (the
// last bin before the start is the reference; leftover early periods join the earliest bin),
// one lead dummy per other bin plus the post dummy, and H0: all leads = 0.
// Cluster-robust: Wald F = b'V⁻¹b/q on (q, G − 1) df. Size-adjusted: V = c·S with S the covariance
// of the control units' size-standardised lead contrasts and c as for the ATT; Hotelling's
// T² → F = (ν − q + 1)/(ν q) T² on (q, ν − q + 1) df, ν = J − 1. Layer: common (pure).
import { checkPanel, groupWeightsSquared, primaryOf, residualMean, type DidInput, type InferenceMethod } from './did'
import { fitTwfe, type PanelCell } from './didRegression'
import { fisherFSf } from './fisherF'
import { quadraticFormInverse } from './linearAlgebra'
import { fail, succeed, type Outcome } from './outcome'
import { fitVarianceFunction, varianceAt } from './varianceFunction'

export interface LeadEstimate {
  /** −2, −3, …: bins of periods before the start (−1, the reference, is not estimated). */
  bin: number
  from: string
  to: string
  estimate: number
  /** Cluster-robust (CR1) standard error. */
  standardError: number
}

export interface WaldTest {
  method: InferenceMethod
  /** Wald statistic b'V⁻¹b (Hotelling's T² for the size-adjusted test). */
  wald: number
  /** F statistic and its degrees of freedom. */
  f: number
  df1: number
  df2: number
  pValue: number
}

export interface PretrendResult {
  binSize: number
  reference: { from: string; to: string }
  leads: LeadEstimate[]
  clusterRobust: WaldTest
  sizeAdjusted: Outcome<WaldTest>
  primary: InferenceMethod
}

/** Bin of each pre-period (−1 = the last binSize periods before the start). */
function preBins(periods: readonly string[], binSize: number): { bins: Map<string, number>; count: number } {
  const n = periods.length
  const count = Math.floor(n / binSize)
  const bins = new Map<string, number>()
  periods.forEach((p, i) => bins.set(p, Math.max(Math.floor((i - n) / binSize), -count)))
  return { bins, count }
}

export function eventStudyPretrend(input: DidInput & { binSize?: number }): Outcome<PretrendResult> {
  const groups = checkPanel(input)
  if (!groups.ok) return groups
  const binSize = input.binSize ?? 7
  if (!(Number.isInteger(binSize) && binSize >= 1)) return fail('invalid-input', `The bin size must be a whole number of periods ≥ 1 (got ${binSize}).`)
  const cells = input.cells
  const prePeriods = [...new Set(cells.filter((c) => c.period < input.treatmentStart).map((c) => c.period))].sort()
  const { bins, count } = preBins(prePeriods, binSize)
  if (count < 2) return fail('too-few-observations', `A pre-trend test needs at least two bins of ${binSize} pre-periods (there are ${prePeriods.length} pre-periods).`)
  const leadBins = Array.from({ length: count - 1 }, (_, j) => -2 - j)
  const q = leadBins.length
  const binOf = (c: PanelCell): number | null => bins.get(c.period) ?? null
  const fit = fitTwfe(cells, (i) => {
    const c = cells[i]!
    const treated = groups.treated.has(c.unit)
    return [...leadBins.map((b) => (treated && binOf(c) === b ? 1 : 0)), treated && c.period >= input.treatmentStart ? 1 : 0]
  }, q + 1)
  if (!fit.ok) return fit
  if (fit.clusters < 2 || fit.observations <= fit.parameters) return fail('too-few-observations', 'Too few units or periods for the event-study regression.')
  const b = fit.coefficients.slice(0, q)
  const v = fit.clusterCovariance.slice(0, q).map((row) => row.slice(0, q))
  const span = (bin: number): { from: string; to: string } => {
    const ps = prePeriods.filter((p) => bins.get(p) === bin)
    return { from: ps[0]!, to: ps[ps.length - 1]! }
  }
  const leads = leadBins.map((bin, j) => ({ bin, ...span(bin), estimate: b[j]!, standardError: Math.sqrt(Math.max(v[j]![j]!, 0)) }))
  const w = quadraticFormInverse(v, b)
  if (w === null) return fail('zero-variance', 'The leads\' cluster-robust covariance is singular (too few units for this many bins): use a larger bin size.')
  const df2 = fit.clusters - 1
  const clusterRobust: WaldTest = { method: 'cluster-robust', wald: w, f: w / q, df1: q, df2, pValue: fisherFSf(w / q, q, df2) }

  // Size-adjusted: each control unit's lead contrasts (bin mean − reference mean of its residuals).
  const contrasts: number[][] = []
  const sizes: number[] = []
  fit.units.forEach((unit, j) => {
    if (groups.treated.has(unit)) return
    const ref = residualMean(fit, cells, j, (c) => binOf(c) === -1)
    const means = leadBins.map((bin) => residualMean(fit, cells, j, (c) => binOf(c) === bin))
    if (ref === null || means.some((m) => m === null)) return
    contrasts.push(means.map((m) => m! - ref))
    sizes.push(groups.sizes.get(unit)!)
  })
  const sizeAdjusted = ((): Outcome<WaldTest> => {
    const nu = contrasts.length - 1
    if (nu - q + 1 < 1) return fail('too-few-observations', `The size-adjusted pre-trend test needs more control units than lead bins + 1 (${contrasts.length} controls, ${q} leads).`)
    const f = fitVarianceFunction(contrasts.map((e) => e.reduce((s, x) => s + x * x, 0) / q), sizes)
    if (!f.ok) return f
    const s: number[][] = Array.from({ length: q }, () => new Array<number>(q).fill(0))
    contrasts.forEach((e, j) => {
      const h = varianceAt(f, sizes[j]!)
      for (let r = 0; r < q; r++) for (let k = 0; k < q; k++) s[r]![k]! += (e[r]! * e[k]!) / h / nu
    })
    const c = groupWeightsSquared(fit, groups, f)
    const t2 = quadraticFormInverse(s.map((row) => row.map((x) => x * c)), b)
    if (t2 === null) return fail('zero-variance', 'The control units\' lead contrasts have a singular covariance.')
    const fStat = ((nu - q + 1) / (nu * q)) * t2
    return succeed({ method: 'size-adjusted', wald: t2, f: fStat, df1: q, df2: nu - q + 1, pValue: fisherFSf(fStat, q, nu - q + 1) })
  })()
  return succeed({ binSize, reference: span(-1), leads, clusterRobust, sizeAdjusted, primary: primaryOf(fit, groups, sizeAdjusted) })
}
