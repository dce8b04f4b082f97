// Cumulative adoption per arm over the analysis window: the share of each arm's users with at least
// one successful payment since the window start, one panel per country (the arms' curves should
// separate after the start if the cashback works). Layer: common (pure).
import type { ExperimentAnalysis } from '../domain/analysis'
import { formatLocalDateTime, formatShortDate } from '../format/dates'
import { formatCount, formatFixed, formatPercent } from '../format/numbers'
import { categoryAxis, chartBase, tooltipBase, valueAxis } from './axisStyle'
import { countryName, countryOrder, panelGrid, panelTop } from './campaignParts'
import type { ChartOption, GridOption, CategoryAxisOption, SeriesOption, TooltipParam, ValueAxisOption } from './chartOption'
import { armColor } from './forestPlot'
import { escapeHtml, tooltipDot } from './html'
import type { ChartPalette } from './palette'

export type AdoptionCurves = NonNullable<ExperimentAnalysis['curves']>

export interface AdoptionCurvesOptions {
  controlArm: string
  /** Treatment arms in the table's order (their colours match the forest plot). */
  treatmentArms: readonly string[]
  /** Only these countries (default: every country in the curves). */
  countries?: readonly string[]
}

/** Null when there is no day or no series to draw. */
export function buildAdoptionCurvesOption(curves: AdoptionCurves, palette: ChartPalette, options: AdoptionCurvesOptions): ChartOption | null {
  const wanted = options.countries === undefined ? null : new Set(options.countries)
  const countries = countryOrder(curves.series.flatMap((s) => (s.country === null || (wanted !== null && !wanted.has(s.country)) ? [] : [s.country])))
  if (curves.days.length === 0 || countries.length === 0) return null
  const colorOf = (arm: string): string => (arm === options.controlArm ? palette.muted : armColor(palette, Math.max(0, options.treatmentArms.indexOf(arm))))
  const arms = [options.controlArm, ...options.treatmentArms]
  const grid: GridOption[] = []
  const xAxis: CategoryAxisOption[] = []
  const yAxis: ValueAxisOption[] = []
  const series: SeriesOption[] = []
  countries.forEach((country, panel) => {
    grid.push(panelGrid(panel, countries.length, 12))
    xAxis.push({ ...categoryAxis(palette, [...curves.days], formatShortDate), gridIndex: panel, boundaryGap: false })
    const { minInterval: _fractions, ...axis } = valueAxis(palette, (v) => `${formatFixed(v * 100, 0)}%`)
    yAxis.push({ ...axis, gridIndex: panel })
    for (const arm of arms) {
      const curve = curves.series.find((s) => s.arm === arm && s.country === country)
      if (curve === undefined) continue
      series.push({
        type: 'line',
        name: arm,
        data: curve.share.map((v) => (Number.isFinite(v) ? v : null)),
        xAxisIndex: panel,
        yAxisIndex: panel,
        color: colorOf(arm),
        showSymbol: false,
        lineStyle: { width: arm === options.controlArm ? 2 : 2.5, ...(arm === options.controlArm ? { type: 'dashed' as const } : {}) },
        emphasis: { focus: 'series' },
      })
    }
  })
  const tooltip = (params: TooltipParam | TooltipParam[]): string => {
    const list = Array.isArray(params) ? params : [params]
    const index = list[0]?.dataIndex ?? -1
    const day = curves.days[index]
    if (day === undefined) return ''
    const lines = countries.flatMap((country) => [
      `<b>${escapeHtml(countryName(country))}</b>`,
      ...arms.flatMap((arm) => {
        const curve = curves.series.find((s) => s.arm === arm && s.country === country)
        const share = curve?.share[index]
        if (curve === undefined || share === undefined) return []
        return [`${tooltipDot(colorOf(arm))}${escapeHtml(arm)}: <b>${formatPercent(share)}</b> of ${formatCount(curve.users)}`]
      }),
    ])
    return [`<b>${escapeHtml(formatLocalDateTime(day))}</b> · adopted so far`, ...lines].join('<br>')
  }
  return {
    ...chartBase(palette, `Cumulative share of users who adopted (≥ 1 successful payment) per arm from ${curves.days[0]} to ${curves.days.at(-1)}, one panel per country (${countries.map((c) => countryName(c)).join(', ')}); control dashed.`),
    title: countries.map((country, panel) => ({ text: `${countryName(country)} · adopted since the window start`, left: 8, top: panelTop(panel, countries.length), textStyle: { color: palette.muted, fontSize: 12, fontWeight: 600 } })),
    // At the bottom: the panel titles take the top-left corner.
    legend: { show: true, top: 'bottom', left: 'center', textStyle: { color: palette.muted }, itemWidth: 14, itemHeight: 8 },
    tooltip: { ...tooltipBase(palette, 'axis'), axisPointer: { type: 'line' }, formatter: tooltip },
    grid,
    xAxis,
    yAxis,
    series,
  }
}
