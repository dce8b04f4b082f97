// Budget burn: cumulative spend by local day (all countries together, in the budget currency)
// against the budget as a dashed line, with a marker on the day the budget ran out.
// Layer: common (pure: CampaignEvaluation.burn → ECharts option).
import type { BudgetBurnPoint } from '../domain/campaignResult'
import { formatLocalDateTime, formatShortDate } from '../format/dates'
import { categoryAxis, chartBase, tooltipBase, valueAxis } from './axisStyle'
import { amount, cumulative, moneyAxisText, moneyText } from './campaignParts'
import type { ChartOption, SeriesOption, TooltipParam } from './chartOption'
import { dateRange } from './dailyVolume'
import { escapeHtml, tooltipDot } from './html'
import type { ChartPalette } from './palette'

export interface BudgetBurnOptions {
  budget: { amount: number; currency: string }
  /** The local day the budget ran out and its label ("Exhausted 12 Sep, 14:32 IST"); null = not exhausted. */
  exhausted: { date: string; label: string } | null
  /** Extend the axis to the campaign's last local day, so an early stop is visible as such. */
  lastDay?: string
}

/** The option, or null without burn data (no budget, or nothing spent). */
export function buildBudgetBurnOption(burn: readonly BudgetBurnPoint[] | null, palette: ChartPalette, options: BudgetBurnOptions): ChartOption | null {
  if (burn === null || burn.length === 0) return null
  const sorted = [...burn].sort((a, b) => a.date.localeCompare(b.date))
  const first = sorted[0]?.date ?? ''
  const lastData = sorted.at(-1)?.date ?? first
  const last = options.lastDay !== undefined && options.lastDay > lastData ? options.lastDay : lastData
  const dates = dateRange(first, last)
  const spentByDate = new Map(sorted.map((p) => [p.date, amount(p.spent)]))
  // Days without payments spend nothing; the curve stays flat after the last spending day.
  const running = cumulative(dates.map((d) => spentByDate.get(d) ?? 0))
  const currency = options.budget.currency
  const series: SeriesOption[] = [
    {
      type: 'line',
      name: 'Spent (cumulative)',
      data: running,
      color: palette.accent,
      showSymbol: dates.length <= 45,
      symbolSize: 5,
      lineStyle: { width: 2 },
      areaStyle: { opacity: 0.12 },
      ...(options.exhausted === null || !dates.includes(options.exhausted.date)
        ? {}
        : {
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { color: palette.danger, type: 'dashed', width: 1 },
              label: { color: palette.danger, fontSize: 11, position: 'insideEndTop', formatter: options.exhausted.label },
              data: [{ xAxis: options.exhausted.date, name: options.exhausted.label }],
            },
          }),
    },
    {
      type: 'line',
      name: 'Budget',
      data: dates.map(() => options.budget.amount),
      color: palette.muted,
      showSymbol: false,
      lineStyle: { width: 1.5, type: 'dashed' },
    },
  ]
  const tooltip = (params: TooltipParam | TooltipParam[]): string => {
    const list = Array.isArray(params) ? params : [params]
    const index = list[0]?.dataIndex ?? -1
    const date = dates[index]
    if (date === undefined) return ''
    const spentToday = spentByDate.get(date) ?? 0
    const total = running[index] ?? 0
    const share = options.budget.amount > 0 ? ` (${((total / options.budget.amount) * 100).toFixed(1)}% of the budget)` : ''
    return [
      `<b>${escapeHtml(formatLocalDateTime(date))}</b> (local date)`,
      `${tooltipDot(palette.accent)}Spent that day: <b>${escapeHtml(moneyText(spentToday, currency))}</b>`,
      `Spent so far: <b>${escapeHtml(moneyText(total, currency))}</b>${escapeHtml(share)}`,
      `${tooltipDot(palette.muted)}Budget: ${escapeHtml(moneyText(options.budget.amount, currency))}`,
    ].join('<br>')
  }
  const spentTotal = running.at(-1) ?? 0
  const state = options.exhausted === null ? 'not exhausted' : `exhausted on ${options.exhausted.date}`
  return {
    ...chartBase(palette, `Cumulative spend against a budget of ${moneyText(options.budget.amount, currency)}: ${moneyText(spentTotal, currency)} spent from ${dates[0]} to ${dates.at(-1)}, ${state}.`),
    legend: { show: true, top: 0, right: 8, textStyle: { color: palette.muted }, itemWidth: 14, itemHeight: 8 },
    tooltip: { ...tooltipBase(palette, 'axis'), axisPointer: { type: 'line' }, formatter: tooltip },
    grid: [{ left: 8, right: 16, top: 36, bottom: 8, containLabel: true }],
    xAxis: [{ ...categoryAxis(palette, dates, formatShortDate), boundaryGap: false }],
    yAxis: [valueAxis(palette, moneyAxisText(currency))],
    series,
  }
}
