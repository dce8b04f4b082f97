// Compare: cumulative accrued cost per local day for each scenario, overlaid — one panel per
// currency, since rupee and real costs cannot share an axis. Layer: common (pure).
import type { DailyCost } from '../domain/campaignResult'
import { formatLocalDateTime, formatShortDate } from '../format/dates'
import { categoryAxis, chartBase, tooltipBase, valueAxis } from './axisStyle'
import { amount, cumulative, moneyAxisText, moneyText, panelGrid, panelTop } from './campaignParts'
import type { CategoryAxisOption, ChartOption, GridOption, SeriesOption, TooltipParam, ValueAxisOption } from './chartOption'
import { dateRange } from './dailyVolume'
import { escapeHtml, tooltipDot } from './html'
import type { ChartPalette } from './palette'

export interface CompareCurveInput {
  name: string
  daily: readonly DailyCost[]
}

const CURRENCY_ORDER = ['INR', 'BRL', 'USD']

function currencies(scenarios: readonly CompareCurveInput[]): string[] {
  const set = new Set(scenarios.flatMap((s) => s.daily.map((d) => d.currency)))
  return [...set].sort((a, b) => (CURRENCY_ORDER.indexOf(a) + 1 || 99) - (CURRENCY_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b))
}

/** The colour of scenario `index` (same in the table's swatches). */
export function scenarioColor(palette: ChartPalette, index: number): string {
  return palette.series[index % palette.series.length] ?? palette.accent
}

/** Null when no scenario accrued anything. */
export function buildCompareCurvesOption(scenarios: readonly CompareCurveInput[], palette: ChartPalette): ChartOption | null {
  const allDates = scenarios.flatMap((s) => s.daily.map((d) => d.date)).sort()
  if (allDates.length === 0) return null
  const dates = dateRange(allDates[0] ?? '', allDates.at(-1) ?? '')
  const panels = currencies(scenarios)
  const grid: GridOption[] = []
  const xAxis: CategoryAxisOption[] = []
  const yAxis: ValueAxisOption[] = []
  const series: SeriesOption[] = []
  const curves = new Map<string, number[]>()
  panels.forEach((currency, panel) => {
    grid.push(panelGrid(panel, panels.length, 14))
    xAxis.push({ ...categoryAxis(palette, dates, formatShortDate), gridIndex: panel, boundaryGap: false })
    yAxis.push({ ...valueAxis(palette, moneyAxisText(currency)), gridIndex: panel })
    scenarios.forEach((scenario, index) => {
      const rows = scenario.daily.filter((d) => d.currency === currency)
      if (rows.length === 0) return
      const byDate = new Map<string, number>()
      for (const r of rows) byDate.set(r.date, (byDate.get(r.date) ?? 0) + amount(r.accrued))
      const data = cumulative(dates.map((d) => byDate.get(d) ?? 0))
      curves.set(`${panel}:${index}`, data)
      series.push({
        type: 'line',
        name: scenario.name,
        data,
        xAxisIndex: panel,
        yAxisIndex: panel,
        color: scenarioColor(palette, index),
        showSymbol: false,
        lineStyle: { width: index === 0 ? 2.5 : 2 },
        emphasis: { focus: 'series' },
      })
    })
  })
  const tooltip = (params: TooltipParam | TooltipParam[]): string => {
    const list = Array.isArray(params) ? params : [params]
    const index = list[0]?.dataIndex ?? -1
    const date = dates[index]
    if (date === undefined) return ''
    const lines = panels.flatMap((currency, panel) =>
      scenarios.flatMap((scenario, s) => {
        const value = curves.get(`${panel}:${s}`)?.[index]
        return value === undefined ? [] : [`${tooltipDot(scenarioColor(palette, s))}${escapeHtml(scenario.name)}: <b>${escapeHtml(moneyText(value, currency))}</b>`]
      }),
    )
    return [`<b>${escapeHtml(formatLocalDateTime(date))}</b> · cost so far`, ...lines].join('<br>')
  }
  return {
    ...chartBase(palette, `Cumulative cost per day of ${scenarios.length} scenarios (${scenarios.map((s) => s.name).join(', ')}), ${dates.length} days from ${dates[0]} to ${dates.at(-1)}, one panel per currency (${panels.join(', ')}).`),
    title: panels.map((currency, panel) => ({ text: `Cumulative cost · ${currency}`, left: 8, top: panelTop(panel, panels.length), textStyle: { color: palette.muted, fontSize: 12, fontWeight: 600 } })),
    legend: { show: true, top: 0, right: 8, textStyle: { color: palette.muted }, itemWidth: 14, itemHeight: 8 },
    tooltip: { ...tooltipBase(palette, 'axis'), axisPointer: { type: 'line' }, formatter: tooltip },
    grid,
    xAxis,
    yAxis,
    series,
  }
}
