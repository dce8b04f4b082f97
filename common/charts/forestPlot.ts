// Forest plot of one metric over the segments of one dimension: each treatment arm's lift against
// the control arm as a floating bar from the interval's lower to its upper end, a tick at the
// estimate, and a dashed zero line. Floating bars are stacked bars with an invisible base
// (stackStrategy 'all', so intervals crossing zero stack correctly); since those pieces are not
// the data, the option carries its own `dataTable` (one row per segment × arm: estimate, bounds,
// p-values) for the chart's CSV. Layer: common (pure).
import type { MetricRow } from '../domain/analysis'
import { formatFixed, formatPercent } from '../format/numbers'
import { chartBase, categoryAxis, tooltipBase, valueAxis } from './axisStyle'
import type { ChartDataTable, ChartOption, SeriesOption, TooltipParam } from './chartOption'
import { escapeHtml, tooltipDot } from './html'
import type { ChartPalette } from './palette'

/** Absolute lift (metric units; percentage points for binary metrics) or relative lift (%). */
export type LiftScale = 'absolute' | 'relative'

export interface ForestPlotOptions {
  scale: LiftScale
  /** How a segment value reads ("IN" → "India"); null is the overall row or a missing value. */
  segmentLabel?: (segment: string | null, dimension: string) => string
  /** Absolute lifts of numeric metrics ("+0.24 payments"); binary metrics are always points. */
  formatAbsolute?: (value: number) => string
}

const MINUS = '−'

/** The text of |value| with a sign: "+1.23" / "−0.50" / "±0.00" (typographic minus; ± when it reads as zero). */
export function signed(text: string, value: number): string {
  const body = text.startsWith('-') ? text.slice(1) : text
  if (value === 0 || !/[1-9]/.test(body)) return `±${body}`
  return `${value > 0 ? '+' : MINUS}${body}`
}

/** A lift as text on its scale: "+3.51 pp", "+28.1%", "+0.24". */
export function liftText(value: number, scale: LiftScale, type: MetricRow['type'], formatAbsolute?: (value: number) => string): string {
  if (!Number.isFinite(value)) return '—'
  if (scale === 'relative') return signed(formatPercent(Math.abs(value)), value)
  if (type === 'binary') return `${signed(formatFixed(Math.abs(value) * 100, 2), value)} pp`
  return signed(formatAbsolute === undefined ? formatFixed(Math.abs(value), 3) : formatAbsolute(Math.abs(value)), value)
}

/** The lift of a row on a scale, or null when that lift does not exist (a reason is on the row). */
export function liftOf(row: MetricRow, scale: LiftScale): { estimate: number; lower: number; upper: number } | null {
  const lift = scale === 'relative' ? row.relative : row.absolute
  if (lift === null || lift.ci.lower === null || lift.ci.upper === null) return null
  return { estimate: lift.estimate, lower: lift.ci.lower, upper: lift.ci.upper }
}

function defaultSegmentLabel(segment: string | null, dimension: string): string {
  if (dimension === 'overall') return 'Overall'
  return segment ?? '(none)'
}

/** The colour of treatment arm `index` (same order as the table and the curves). */
export function armColor(palette: ChartPalette, index: number): string {
  return palette.series[index % palette.series.length] ?? palette.accent
}

/**
 * Rows of one metric: the overall rows and those of one dimension (any treatment arms). Null when
 * no row has a lift on the scale.
 */
export function buildForestPlotOption(rows: readonly MetricRow[], palette: ChartPalette, options: ForestPlotOptions): ChartOption | null {
  const label = options.segmentLabel ?? defaultSegmentLabel
  const keyOf = (r: MetricRow): string => `${r.dimension}\u0000${r.segment ?? ''}`
  const categories: { key: string; text: string }[] = []
  for (const r of rows) if (!categories.some((c) => c.key === keyOf(r))) categories.push({ key: keyOf(r), text: label(r.segment, r.dimension) })
  const arms = [...new Set(rows.map((r) => r.arm))]
  const lifts = rows.map((r) => ({ row: r, lift: liftOf(r, options.scale) }))
  const bounds = lifts.flatMap((l) => (l.lift === null ? [] : [l.lift.lower, l.lift.upper]))
  if (bounds.length === 0 || categories.length === 0) return null
  const span = Math.max(...bounds, 0) - Math.min(...bounds, 0) || 1
  // Half-height of the estimate tick: visible at any zoom, small against the interval.
  const tick = span * 0.006
  const first = rows[0]
  const type = first?.type ?? 'numeric'
  const text = (v: number): string => liftText(v, options.scale, type, options.formatAbsolute)
  const series: SeriesOption[] = []
  arms.forEach((arm, a) => {
    const color = armColor(palette, a)
    const at = (category: string) => lifts.find((l) => l.row.arm === arm && keyOf(l.row) === category)
    const piece = (value: (l: { estimate: number; lower: number; upper: number }) => number) =>
      categories.map((c) => {
        const lift = at(c.key)?.lift
        return lift === null || lift === undefined ? null : value(lift)
      })
    const significant = rows.some((r) => r.arm === arm && r.significant)
    const common = { type: 'bar' as const, stack: arm, stackStrategy: 'all' as const, barMaxWidth: 22, name: arm }
    series.push({ ...common, data: piece((l) => l.lower), itemStyle: { color: 'transparent' }, silent: true, ...(a === 0 ? { markLine: zeroLine(palette) } : {}) })
    series.push({ ...common, data: piece((l) => Math.max(0, l.estimate - tick - l.lower)), itemStyle: { color, opacity: significant ? 0.45 : 0.3 } })
    series.push({ ...common, data: piece((l) => Math.min(2 * tick, l.upper - l.lower)), itemStyle: { color, opacity: 1 } })
    series.push({ ...common, data: piece((l) => Math.max(0, l.upper - l.estimate - tick)), itemStyle: { color, opacity: significant ? 0.45 : 0.3 } })
  })
  const tooltip = (params: TooltipParam | TooltipParam[]): string => {
    const list = Array.isArray(params) ? params : [params]
    const category = categories[list[0]?.dataIndex ?? -1]
    if (category === undefined) return ''
    const lines = arms.flatMap((arm, a) => {
      const hit = lifts.find((l) => l.row.arm === arm && keyOf(l.row) === category.key)
      if (hit === undefined) return []
      const body = hit.lift === null ? 'no interval' : `<b>${escapeHtml(text(hit.lift.estimate))}</b> [${escapeHtml(text(hit.lift.lower))}, ${escapeHtml(text(hit.lift.upper))}]${hit.row.significant ? ' · significant' : ''}`
      return [`${tooltipDot(armColor(palette, a))}${escapeHtml(arm)}: ${body}`]
    })
    return [`<b>${escapeHtml(category.text)}</b>`, ...lines].join('<br>')
  }
  const scaleText = options.scale === 'relative' ? 'relative lift' : type === 'binary' ? 'lift in percentage points' : 'absolute lift'
  const control = first?.controlArm ?? 'control'
  return {
    ...chartBase(palette, `Forest plot of ${first?.label ?? 'the metric'}: ${scaleText} of ${arms.join(', ')} against ${control}, with intervals, for ${categories.map((c) => c.text).join(', ')}.`),
    legend: { show: arms.length > 1, top: 0, right: 8, textStyle: { color: palette.muted }, itemWidth: 14, itemHeight: 8 },
    tooltip: { ...tooltipBase(palette, 'axis'), formatter: tooltip },
    grid: [{ left: 8, right: 16, top: arms.length > 1 ? 32 : 16, bottom: 8, containLabel: true }],
    xAxis: [categoryAxis(palette, categories.map((c) => c.text))],
    yAxis: [withoutMinInterval(valueAxis(palette, (v) => axisText(v, options.scale, type)))],
    series,
    dataTable: forestTable(rows, options.scale, categories, keyOf),
  }
}

const finite = (value: number | null | undefined): number | null => (value !== null && value !== undefined && Number.isFinite(value) ? value : null)

/**
 * The plotted numbers as a table, in the plot's order (segment, then arm): the lift on the plot's
 * scale and its interval as fractions for relative lifts and binary metrics (0.035 = +3.5 % or
 * +3.5 pp), in the metric's unit otherwise; blank where the row has no lift on that scale.
 */
export function forestTable(rows: readonly MetricRow[], scale: LiftScale, categories: readonly { key: string; text: string }[], keyOf: (r: MetricRow) => string): ChartDataTable {
  const header = ['Metric', 'Segment', 'Arm', 'Control arm', 'Lift', 'Estimate', 'Lower', 'Upper', 'P-value', 'Adjusted p-value', 'Significant']
  const scaleText = scale === 'relative' ? 'relative' : rows[0]?.type === 'binary' ? 'absolute (proportion)' : 'absolute'
  const out: ChartDataTable['rows'] = []
  for (const category of categories) {
    for (const r of rows.filter((row) => keyOf(row) === category.key)) {
      const lift = scale === 'relative' ? r.relative : r.absolute
      const bounds = liftOf(r, scale)
      out.push([r.label, category.text, r.arm, r.controlArm, scaleText, finite(bounds?.estimate ?? lift?.estimate), finite(bounds?.lower), finite(bounds?.upper), finite(lift?.pValue), finite(r.adjustedPValue), r.significant])
    }
  }
  return { header, rows: out }
}

function axisText(value: number, scale: LiftScale, type: MetricRow['type']): string {
  if (scale === 'relative') return `${formatFixed(value * 100, Math.abs(value) >= 0.1 || value === 0 ? 0 : 1)}%`
  if (type === 'binary') return `${formatFixed(value * 100, Math.abs(value) >= 0.01 || value === 0 ? 1 : 2)} pp`
  return formatFixed(value, Math.abs(value) >= 10 || value === 0 ? 0 : 2)
}

function zeroLine(palette: ChartPalette): NonNullable<SeriesOption['markLine']> {
  return { silent: true, symbol: 'none', lineStyle: { color: palette.text, type: 'dashed', width: 1 }, label: { show: false }, data: [{ yAxis: 0, name: 'No effect' }] }
}

/** Lifts are fractions: the shared value axis' whole-number step would hide them. */
function withoutMinInterval<T extends { minInterval?: number }>(axis: T): Omit<T, 'minInterval'> {
  const { minInterval: _drop, ...rest } = axis
  return rest
}
