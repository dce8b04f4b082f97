// Payout cash flow: per country (own panel, own currency), what accrues on each payment day next
// to what is paid out on each payout day — the payout delay shows as the payouts' shift to the
// right. Layer: common (pure: CampaignEvaluation.daily + payouts → ECharts option).
import type { DailyCost, DailyPayout } from '../domain/campaignResult'
import { formatLocalDateTime, formatShortDate } from '../format/dates'
import { formatCount } from '../format/numbers'
import { categoryAxis, chartBase, tooltipBase, valueAxis } from './axisStyle'
import { amount, countryName, countryOrder, moneyAxisText, moneyText, panelGrid, panelTop } from './campaignParts'
import type { CategoryAxisOption, ChartOption, GridOption, SeriesOption, TooltipParam, ValueAxisOption } from './chartOption'
import { dateRange } from './dailyVolume'
import { escapeHtml, tooltipDot } from './html'
import type { ChartPalette } from './palette'

export const ACCRUED_SERIES = 'Accrued (payment day)'
export const PAID_SERIES = 'Paid out (payout day)'

/** The option, or null when nothing accrued and nothing is paid. */
export function buildPayoutCashflowOption(daily: readonly DailyCost[], payouts: readonly DailyPayout[], palette: ChartPalette): ChartOption | null {
  const rows = [...daily.map((d) => d.date), ...payouts.map((p) => p.date)].sort()
  if (rows.length === 0) return null
  const dates = dateRange(rows[0] ?? '', rows.at(-1) ?? '')
  const countries = countryOrder([...daily.map((d) => d.country), ...payouts.map((p) => p.country)])
  const currencyOf = new Map([...daily, ...payouts].map((r) => [r.country, r.currency]))
  const grid: GridOption[] = []
  const xAxis: CategoryAxisOption[] = []
  const yAxis: ValueAxisOption[] = []
  const series: SeriesOption[] = []
  const accruedColor = palette.series[0] ?? palette.accent
  const paidColor = palette.series[2] ?? palette.accent
  countries.forEach((country, index) => {
    const currency = currencyOf.get(country) ?? ''
    grid.push(panelGrid(index, countries.length, 14))
    xAxis.push({ ...categoryAxis(palette, dates, formatShortDate), gridIndex: index, boundaryGap: true })
    yAxis.push({ ...valueAxis(palette, moneyAxisText(currency)), gridIndex: index })
    const accrued = new Map(daily.filter((d) => d.country === country).map((d) => [d.date, amount(d.accrued)]))
    const paid = new Map(payouts.filter((p) => p.country === country).map((p) => [p.date, amount(p.amount)]))
    series.push(
      { type: 'bar', name: ACCRUED_SERIES, data: dates.map((d) => accrued.get(d) ?? 0), xAxisIndex: index, yAxisIndex: index, color: accruedColor, barMaxWidth: 12, itemStyle: { borderRadius: [2, 2, 0, 0] } },
      { type: 'bar', name: PAID_SERIES, data: dates.map((d) => paid.get(d) ?? 0), xAxisIndex: index, yAxisIndex: index, color: paidColor, barMaxWidth: 12, itemStyle: { borderRadius: [2, 2, 0, 0] } },
    )
  })
  const tooltip = (params: TooltipParam | TooltipParam[]): string => {
    const list = Array.isArray(params) ? params : [params]
    const index = list[0]?.dataIndex ?? -1
    const date = dates[index]
    if (date === undefined) return ''
    const lines = countries.flatMap((country) => {
      const currency = currencyOf.get(country) ?? ''
      const accrued = daily.find((d) => d.country === country && d.date === date)
      const paid = payouts.find((p) => p.country === country && p.date === date)
      if (accrued === undefined && paid === undefined) return []
      return [
        `<b>${escapeHtml(countryName(country))}</b>`,
        `${tooltipDot(accruedColor)}Accrued: <b>${escapeHtml(moneyText(amount(accrued?.accrued), currency))}</b> (${formatCount(accrued?.rewardedPayments ?? 0)} payments)`,
        `${tooltipDot(paidColor)}Paid out: <b>${escapeHtml(moneyText(amount(paid?.amount), currency))}</b>, expected cash ${escapeHtml(moneyText(amount(paid?.expectedCash), currency))}`,
      ]
    })
    return [`<b>${escapeHtml(formatLocalDateTime(date))}</b> (local date)`, ...(lines.length === 0 ? ['Nothing accrued or paid'] : lines)].join('<br>')
  }
  return {
    ...chartBase(palette, `Daily accrued rewards by payment day and payouts by payout day, per country, ${dates.length} days from ${dates[0]} to ${dates.at(-1)}, local dates.`),
    title: countries.map((country, index) => ({
      text: `${countryName(country)} · ${currencyOf.get(country) ?? '—'}`,
      left: 8,
      top: panelTop(index, countries.length),
      textStyle: { color: palette.muted, fontSize: 12, fontWeight: 600 },
    })),
    legend: { show: true, top: 0, right: 8, textStyle: { color: palette.muted }, itemWidth: 14, itemHeight: 8 },
    tooltip: { ...tooltipBase(palette, 'axis'), formatter: tooltip },
    grid,
    xAxis,
    yAxis,
    series,
  }
}
