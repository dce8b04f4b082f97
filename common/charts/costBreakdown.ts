// Cost by one dimension (rail, kind, region, arm, entry method, country): accrued rewards per
// value, one panel per country in its own currency, largest first. Layer: common (pure).
import type { BreakdownDimension, BreakdownRow } from '../domain/campaignResult'
import { formatCount } from '../format/numbers'
import { categoryAxis, chartBase, tooltipBase, valueAxis } from './axisStyle'
import { amount, countryName, countryOrder, moneyAxisText, moneyText, panelGrid, panelTop } from './campaignParts'
import type { CategoryAxisOption, ChartOption, GridOption, SeriesOption, TooltipParam, ValueAxisOption } from './chartOption'
import { escapeHtml } from './html'
import { countryColor, type ChartPalette } from './palette'

export const DIMENSION_LABELS: Record<BreakdownDimension, string> = {
  country: 'Country',
  rail: 'Rail',
  kind: 'Kind',
  region: 'Region',
  arm: 'Arm',
  entry_method: 'Entry method',
}

export const NOT_KNOWN = 'Not known'

/** The rows of one dimension for one country, largest cost first (ties by value). */
export function breakdownRows(rows: readonly BreakdownRow[], dimension: BreakdownDimension, country: string): BreakdownRow[] {
  return rows
    .filter((r) => r.dimension === dimension && r.country === country)
    .sort((a, b) => amount(b.accrued) - amount(a.accrued) || (a.value ?? '').localeCompare(b.value ?? ''))
}

export function valueLabel(row: Pick<BreakdownRow, 'dimension' | 'value'>): string {
  if (row.value === null) return NOT_KNOWN
  return row.dimension === 'country' ? countryName(row.value) : row.value
}

/** Null when the dimension has no rows (e.g. arm without a users mapping). */
export function buildCostBreakdownOption(rows: readonly BreakdownRow[], dimension: BreakdownDimension, palette: ChartPalette): ChartOption | null {
  const relevant = rows.filter((r) => r.dimension === dimension)
  if (relevant.length === 0) return null
  const countries = countryOrder(relevant.map((r) => r.country))
  const grid: GridOption[] = []
  const xAxis: CategoryAxisOption[] = []
  const yAxis: ValueAxisOption[] = []
  const series: SeriesOption[] = []
  const panels = countries.map((country) => breakdownRows(relevant, dimension, country))
  countries.forEach((country, index) => {
    const list = panels[index] ?? []
    const currency = list[0]?.currency ?? ''
    grid.push(panelGrid(index, countries.length, 14))
    xAxis.push({ ...categoryAxis(palette, list.map(valueLabel)), gridIndex: index, axisLabel: { ...categoryAxis(palette, []).axisLabel, interval: 0, rotate: list.length > 8 ? 30 : 0 } })
    yAxis.push({ ...valueAxis(palette, moneyAxisText(currency)), gridIndex: index })
    series.push({
      type: 'bar',
      name: countryName(country),
      data: list.map((r) => amount(r.accrued)),
      xAxisIndex: index,
      yAxisIndex: index,
      color: countryColor(palette, country, index),
      barMaxWidth: 36,
      itemStyle: { borderRadius: [2, 2, 0, 0] },
    })
  })
  const tooltip = (params: TooltipParam | TooltipParam[]): string => {
    const first = Array.isArray(params) ? params[0] : params
    const panel = countries.findIndex((c) => countryName(c) === first?.seriesName)
    const row = panels[panel]?.[first?.dataIndex ?? -1]
    if (row === undefined) return ''
    const usd = row.accruedUsd === null ? '' : ` · ${moneyText(amount(row.accruedUsd), 'USD')}`
    return [
      `<b>${escapeHtml(valueLabel(row))}</b> · ${escapeHtml(countryName(row.country))}`,
      `Cost: <b>${escapeHtml(moneyText(amount(row.accrued), row.currency))}</b>${escapeHtml(usd)}`,
      `${formatCount(row.rewardedPayments)} rewarded payments, ${formatCount(row.rewardedUsers)} users`,
    ].join('<br>')
  }
  return {
    ...chartBase(palette, `Accrued cost by ${DIMENSION_LABELS[dimension].toLowerCase()}, per country: ${countries.map((c, i) => `${countryName(c)} ${panels[i]?.length ?? 0} values`).join(', ')}.`),
    title: countries.map((country, index) => ({
      text: `${countryName(country)} · ${panels[index]?.[0]?.currency ?? '—'}`,
      left: 8,
      top: panelTop(index, countries.length),
      textStyle: { color: palette.muted, fontSize: 12, fontWeight: 600 },
    })),
    tooltip: { ...tooltipBase(palette, 'axis'), formatter: tooltip },
    grid,
    xAxis,
    yAxis,
    series,
  }
}
