// Histogram of one profiled column: bars per bin, bin edges as labels. Amount columns come with
// logarithmic bins (equal width in log space), so the category axis *is* a log axis and says so.
// Layer: common (pure: profile DTO → ECharts option).
import type { ColumnProfile } from '../domain/profile'
import { formatCompact, formatCount } from '../format/numbers'
import { categoryAxis, chartBase, tooltipBase, valueAxis } from './axisStyle'
import type { ChartOption, TooltipParam } from './chartOption'
import { escapeHtml } from './html'
import type { ChartPalette } from './palette'

export interface HistogramOptions {
  /** How bin edges are written (e.g. money short forms); compact numbers by default. */
  formatValue?: (value: number) => string
}

/** The option for a column's histogram, or null when the profile has none (text columns). */
export function buildHistogramOption(column: Pick<ColumnProfile, 'name' | 'histogram'>, palette: ChartPalette, options: HistogramOptions = {}): ChartOption | null {
  const histogram = column.histogram
  if (histogram === null || histogram.bins.length === 0) return null
  const format = options.formatValue ?? formatCompact
  const bins = histogram.bins
  const labels = bins.map((bin) => format(bin.from))
  const scale = histogram.logScale ? 'log scale' : 'linear scale'
  const total = bins.reduce((sum, bin) => sum + bin.count, 0)

  const tooltipLine = (index: number): string => {
    const bin = bins[index]
    if (bin === undefined) return ''
    const share = total === 0 ? 0 : (bin.count / total) * 100
    return `${escapeHtml(format(bin.from))} – ${escapeHtml(format(bin.to))}<br><b>${formatCount(bin.count)}</b> rows (${share.toFixed(1)}%)`
  }

  return {
    ...chartBase(palette, `Histogram of ${column.name} (${scale}), ${bins.length} bins, ${formatCount(total)} values.`),
    grid: [{ left: 8, right: 12, top: 12, bottom: 18, containLabel: true }],
    xAxis: [{ ...categoryAxis(palette, labels), name: scale, nameLocation: 'middle', nameGap: 22, nameTextStyle: { color: palette.muted, fontSize: 10 } }],
    yAxis: [valueAxis(palette, formatCompact)],
    tooltip: {
      ...tooltipBase(palette, 'axis'),
      formatter: (params) => {
        const first: TooltipParam | undefined = Array.isArray(params) ? params[0] : params
        return tooltipLine(first?.dataIndex ?? -1)
      },
    },
    series: [
      {
        type: 'bar',
        name: column.name,
        data: bins.map((bin) => bin.count),
        color: palette.accent,
        barCategoryGap: '8%',
        itemStyle: { borderRadius: [2, 2, 0, 0] },
      },
    ],
  }
}
