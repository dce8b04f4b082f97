// The experiment's sections of the report: lifts with intervals and the test used, India and
// Brazil side by side, the forest plot and adoption curves, then the economics per arm × country.
// Layer: common (pure).
import { buildAdoptionCurvesOption } from '../charts/adoptionCurves'
import { countryName } from '../charts/campaignParts'
import { buildForestPlotOption } from '../charts/forestPlot'
import type { ChartPalette } from '../charts/palette'
import type { CostPer, EconomicsRow, ExperimentAnalysis, MetricRow } from '../domain/analysis'
import { formatFixed } from '../format/numbers'
import { CHART_HEIGHT, CHART_WIDTH } from './campaignSection'
import { count, money, num, percent, text, type ReportCell, type ReportSection, type ReportTable } from './reportTypes'

const TEST_WORDS: Record<MetricRow['test'], string> = { proportions: 'two proportions (Wald)', welch: 'Welch t-test', cuped: 'CUPED + Welch' }

/** "+1.23 pp [0.40, 2.06]" for binary metrics, "+0.244 [0.197, 0.290]" for numeric ones. */
export function liftCell(r: MetricRow): ReportCell {
  if (r.absolute === null) return text(`— (${r.absoluteReason ?? 'not computed'})`)
  const scale = r.type === 'binary' ? 100 : 1
  const digits = r.type === 'binary' ? 2 : 3
  const f = (x: number | null) => (x === null ? '—' : formatFixed(x * scale, digits))
  const sign = r.absolute.estimate > 0 ? '+' : ''
  return { text: `${sign}${f(r.absolute.estimate)}${r.type === 'binary' ? ' pp' : ''} [${f(r.absolute.ci.lower)}, ${f(r.absolute.ci.upper)}]`, value: r.absolute.estimate, format: 'number' }
}

function meanCell(r: MetricRow, mean: number | null): ReportCell {
  return r.type === 'binary' ? percent(mean, 2) : num(mean, 3)
}

function pCell(p: number | null | undefined): ReportCell {
  if (p === null || p === undefined) return num(null)
  return { text: p < 1e-4 ? '<0.0001' : formatFixed(p, 4), value: p, format: 'number' }
}

function countriesOf(a: ExperimentAnalysis): (string | null)[] {
  const segs = [...new Set(a.metrics.filter((r) => r.dimension === 'country').map((r) => r.segment))]
  return segs.length > 0 ? segs.sort((x, y) => (x === 'IN' ? -1 : y === 'IN' ? 1 : String(x).localeCompare(String(y)))) : [null]
}

/**
 * One table per country (A4 has no room for both side by side): metric × arm rows with the
 * control → treatment means, the lift with its interval and the adjusted p-value.
 */
export function liftTables(a: ExperimentAnalysis): ReportTable[] {
  const tests = [...new Set(a.metrics.map((k) => `${k.label}: ${TEST_WORDS[k.test]}`))].join('; ')
  const correction = a.options.correction === 'none' ? 'unadjusted' : a.options.correction === 'bh' ? 'Benjamini–Hochberg' : 'Holm'
  return countriesOf(a).map((country) => {
    const rows = a.metrics.filter((r) => (country === null ? r.dimension === 'overall' : r.dimension === 'country' && r.segment === country))
    const reasons = new Set<string>()
    const cells = rows.map((r) => {
      if (r.absolute === null && r.absoluteReason !== null) reasons.add(`${r.label}: ${r.absoluteReason}`)
      const means = `${meanCell(r, r.control.mean).text} → ${meanCell(r, r.treatment.mean).text}`
      return [text(r.label), text(r.arm), { text: means, value: means, format: 'text' } as ReportCell, r.absolute === null ? text('—') : liftCell(r), pCell(r.adjustedPValue)]
    })
    const name = country === null ? null : countryName(country)
    return {
      id: name === null ? 'Uplift' : `Uplift ${name}`,
      title: `${name === null ? 'Uplift' : `${name}: uplift`} against “${a.controlArm}”`,
      columns: ['Metric', 'Arm', 'Control → treatment', `Lift [${Math.round(a.options.confidence * 100)}% CI]`, 'Adj. p'],
      rows: cells,
      note: `Binary metrics in percentage points (pp). Tests — ${tests}. Adjusted p: ${correction} across segments.${[...reasons].map((x) => ` ${x}`).join('')}`,
    }
  })
}

function costPerText(k: CostPer, currency: string | null): ReportCell {
  if (k.estimate === null || k.estimate.local === null) return text(k.reason ?? '—')
  const point = money(k.estimate.local, currency)
  if (!k.bounded || k.lower === null || k.upper === null) return { ...point, text: `${point.text} (${k.reason ?? 'not bounded'})` }
  return { ...point, text: `${point.text} [${money(k.lower.local, currency).text}, ${money(k.upper.local, currency).text}]` }
}

const estimateText = (x: EconomicsRow['incrementalAdopters'], digits = 0): ReportCell =>
  x === null ? text('—') : { text: `${formatFixed(x.estimate, digits)} [${formatFixed(x.lower, digits)}, ${formatFixed(x.upper, digits)}]`, value: x.estimate, format: 'number' }

/** Measures in rows; one table per treatment arm with its countries side by side. */
export function economicsTables(a: ExperimentAnalysis): ReportTable[] {
  return a.treatmentArms.flatMap((arm, i) => {
    const cols = a.economics.filter((e) => e.arm === arm).sort((x, y) => (x.country === 'IN' ? -1 : y.country === 'IN' ? 1 : 0))
    if (cols.length === 0) return []
    const row = (label: string, cell: (e: EconomicsRow) => ReportCell): ReportCell[] => [text(label), ...cols.map(cell)]
    return [{
      id: `Economics ${i + 1}`,
      title: `Economics of “${arm}”`,
      columns: ['Measure', ...cols.map((e) => `${countryName(e.country)}${e.currency === null ? '' : ` (${e.currency})`}`)],
      rows: [
        row('Treated users', (e) => count(e.treatedUsers)),
        row('Incremental adopters', (e) => estimateText(e.incrementalAdopters)),
        row('Incremental payments', (e) => estimateText(e.incrementalPayments)),
        row('Cashback paid', (e) => money(e.cashbackPaid?.local ?? null, e.currency)),
        row('Cashback paid (USD)', (e) => money(e.cashbackPaid?.usd ?? null, 'USD')),
        row('Cost per incremental adopter', (e) => costPerText(e.costPerIncrementalAdopter, e.currency)),
        row('Cost per incremental payment', (e) => costPerText(e.costPerIncrementalPayment, e.currency)),
        row('Deadweight', (e) => (e.deadweightShare === null ? text('—') : { ...percent(e.deadweightShare.estimate), text: `${percent(e.deadweightShare.estimate).text} [${percent(e.deadweightShare.lower).text}, ${percent(e.deadweightShare.upper).text}]` })),
        row('Retention uplift after the window', (e) => (e.persistence === null ? text('—') : num(e.persistence.retentionUpliftPp, 2, ' pp'))),
        row('Net value', (e) => money(e.netValue?.estimate.local ?? null, e.currency)),
        row('Payback ratio', (e) => num(e.paybackRatio, 2, '×')),
      ],
    }]
  })
}

export function analysisSections(a: ExperimentAnalysis, palette: ChartPalette): ReportSection[] {
  const method = [
    `Arms from the users column “${a.armColumn}”: ${a.treatmentArms.join(', ')} against the control “${a.controlArm}”.`,
    `${Math.round(a.options.confidence * 100)}% confidence intervals; binary metrics by a two-proportion test, numeric ones by Welch’s t-test${a.options.cuped ? ', adjusted by CUPED with each metric’s pre-window value' : ''}; ${a.options.correction === 'none' ? 'no multiple-testing correction' : a.options.correction === 'bh' ? 'Benjamini–Hochberg' : 'Holm'} across segments.`,
  ]
  if (a.srmWarning) method.push('Warning: sample ratio mismatch — the arms are not split as planned; the results may be biased.')
  const rank = (c: string | null): number => (c === null ? 0 : c === 'IN' ? 1 : c === 'BR' ? 2 : 3)
  const sizes = [...a.arms].sort((x, y) => rank(x.country) - rank(y.country)).map((s) => ({ label: `Users, ${s.country === null ? 'overall' : countryName(s.country)}`, text: `${s.arms.map((x) => `${x.arm} ${count(x.users).text}`).join(', ')}${s.srm.pValue === null ? '' : `; SRM p = ${pCell(s.srm.pValue).text}`}` }))
  const uplift: ReportSection = { id: 'uplift', title: 'Uplift', paragraphs: method, facts: sizes, tables: liftTables(a), charts: [] }
  // The forest plot draws one metric: the first binary one (adoption), overall and per country.
  const metric = a.metrics.find((r) => r.type === 'binary' && r.absolute !== null) ?? a.metrics.find((r) => r.absolute !== null)
  if (metric !== undefined) {
    const rows = a.metrics.filter((r) => r.metric === metric.metric && (r.dimension === 'overall' || r.dimension === 'country'))
    const forest = buildForestPlotOption(rows, palette, { scale: 'absolute', segmentLabel: (s) => (s === null ? 'All' : countryName(s)) })
    if (forest !== null) uplift.charts.push({ id: 'forest', title: `${metric.label}: lift with its interval, by country`, option: forest, width: CHART_WIDTH, height: CHART_HEIGHT })
  }
  if (a.curves !== null) {
    const curves = buildAdoptionCurvesOption(a.curves, palette, { controlArm: a.controlArm, treatmentArms: a.treatmentArms })
    if (curves !== null) uplift.charts.push({ id: 'adoption', title: 'Cumulative adoption by arm', option: curves, width: CHART_WIDTH, height: CHART_HEIGHT })
  }
  for (const n of a.notes.filter((x) => x.severity === 'warning')) uplift.paragraphs.push(n.message)
  const sections = [uplift]
  if (a.economics.length > 0) {
    const reasons = [...new Set(a.economics.flatMap((e) => e.reasons))]
    sections.push({ id: 'economics', title: 'Economics', paragraphs: reasons, facts: [], tables: economicsTables(a), charts: [] })
  }
  return sections
}
