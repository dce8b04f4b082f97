// Daily payments (or amounts) by country on each country's local calendar. Counts share one axis;
// amounts get one panel per country, because rupees and reais do not belong on the same scale.
// Missing days inside the range are zero (no payments that day), not gaps. Layer: common (pure).
import type { PaymentsOverview } from '../domain/profile'
import { formatShortDate, formatLocalDateTime } from '../format/dates'
import { formatMoney, formatMoneyShort } from '../format/money'
import { formatCompact, formatCount } from '../format/numbers'
import { categoryAxis, chartBase, tooltipBase, valueAxis } from './axisStyle'
import type { CategoryAxisOption, ChartOption, GridOption, SeriesOption, TooltipParam, ValueAxisOption } from './chartOption'
import { escapeHtml, tooltipDot } from './html'
import { countryColor, type ChartPalette } from './palette'

export type DailyMetric = 'payments' | 'amount'
export type DailyStyle = 'line' | 'bar'

export interface DailyVolumeOptions {
  metric: DailyMetric
  style: DailyStyle
  /** Country code → currency code, for amount labels (IN → INR). */
  currencies: Readonly<Record<string, string>>
  /** Country code → display name (IN → India). */
  countryNames?: Readonly<Record<string, string>>
}

type DailyRow = PaymentsOverview['daily'][number]

/** Every date from first to last inclusive ("YYYY-MM-DD"), computed on the UTC calendar. */
export function dateRange(first: string, last: string): string[] {
  const start = Date.parse(`${first}T00:00:00Z`)
  const end = Date.parse(`${last}T00:00:00Z`)
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return []
  const days: string[] = []
  for (let t = start; t <= end; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10))
  return days
}

/** Countries in a stable order (IN, BR, then others alphabetically, unknown last). */
export function orderedCountries(rows: readonly DailyRow[]): (string | null)[] {
  const rank = (c: string | null): string => (c === 'IN' ? '0' : c === 'BR' ? '1' : c === null ? '3' : `2${c}`)
  return [...new Set(rows.map((r) => r.country))].sort((a, b) => rank(a).localeCompare(rank(b)))
}

export function buildDailyVolumeOption(daily: readonly DailyRow[], palette: ChartPalette, options: DailyVolumeOptions): ChartOption | null {
  if (daily.length === 0) return null
  const sorted = daily.map((r) => r.date).sort()
  const dates = dateRange(sorted[0] ?? '', sorted.at(-1) ?? '')
  const countries = orderedCountries(daily)
  const nameOf = (c: string | null): string => (c === null ? 'Unknown country' : (options.countryNames?.[c] ?? c))
  const currencyOf = (c: string | null): string => (c === null ? '' : (options.currencies[c] ?? ''))
  const valueOf = (r: DailyRow): number => (options.metric === 'payments' ? r.payments : r.amount)
  const formatValue = (c: string | null, v: number): string =>
    options.metric === 'payments' ? formatCount(v) : currencyOf(c) === '' ? formatCompact(v) : formatMoney(v, currencyOf(c))

  const panels = options.metric === 'amount' ? countries.map((c) => [c]) : [countries]
  const grids: GridOption[] = []
  const xAxis: CategoryAxisOption[] = []
  const yAxis: ValueAxisOption[] = []
  const series: SeriesOption[] = []
  const panelShare = 100 / panels.length
  panels.forEach((panel, gridIndex) => {
    const top = gridIndex * panelShare
    grids.push({ left: 8, right: 16, top: `${top + (panels.length > 1 ? 7 : 12)}%`, height: `${panelShare - (panels.length > 1 ? 17 : 24)}%`, containLabel: true })
    xAxis.push({ ...categoryAxis(palette, dates, formatShortDate), gridIndex, boundaryGap: options.style === 'bar' })
    const currency = panel.length === 1 ? currencyOf(panel[0] ?? null) : ''
    const axisFormat = (v: number): string => (options.metric === 'amount' && currency !== '' ? formatMoneyShort(v, currency) : formatCompact(v))
    yAxis.push({ ...valueAxis(palette, axisFormat), gridIndex })
    for (const country of panel) {
      const byDate = new Map(daily.filter((r) => r.country === country).map((r) => [r.date, valueOf(r)]))
      const color = countryColor(palette, country, countries.indexOf(country))
      series.push({
        type: options.style,
        name: nameOf(country),
        data: dates.map((d) => byDate.get(d) ?? 0),
        xAxisIndex: gridIndex,
        yAxisIndex: gridIndex,
        color,
        ...(options.style === 'line' ? { showSymbol: dates.length <= 45, symbolSize: 5, lineStyle: { width: 2 } } : { barMaxWidth: 18 }),
        emphasis: { focus: 'series' },
      })
    }
  })

  const tooltipFor = (params: TooltipParam | TooltipParam[]): string => {
    const list = Array.isArray(params) ? params : [params]
    const date = list[0]?.name ?? ''
    const lines = list.map((p) => {
      const country = countries.find((c) => nameOf(c) === p.seriesName) ?? null
      return `${tooltipDot(countryColor(palette, country, countries.indexOf(country)))}${escapeHtml(p.seriesName ?? '')}: <b>${escapeHtml(formatValue(country, Number(p.value)))}</b>`
    })
    return [`<b>${escapeHtml(formatLocalDateTime(date))}</b> (local date)`, ...lines].join('<br>')
  }

  const what = options.metric === 'payments' ? 'payments per day' : 'amount per day'
  return {
    ...chartBase(palette, `Daily ${what} by country, ${dates.length} days from ${dates[0]} to ${dates.at(-1)}, in each country's local time.`),
    title: options.metric === 'amount' ? panels.map((panel, i) => ({ text: `${nameOf(panel[0] ?? null)} · ${currencyOf(panel[0] ?? null) || '—'}`, left: 8, top: `${i * panelShare}%`, textStyle: { color: palette.muted, fontSize: 12, fontWeight: 600 } })) : [],
    legend: { show: options.metric === 'payments', top: 0, right: 8, textStyle: { color: palette.muted }, itemWidth: 14, itemHeight: 8 },
    tooltip: { ...tooltipBase(palette, 'axis'), axisPointer: { type: options.style === 'bar' ? 'shadow' : 'line' }, formatter: tooltipFor },
    grid: grids,
    xAxis,
    yAxis,
    series,
  }
}
