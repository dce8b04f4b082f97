// Histogram builder: bins become bars with edge labels, the scale is named, tooltips escape data,
// and the output is a valid EChartsOption (checked by the compiler against echarts' types).
import type { EChartsOption } from 'echarts'
import { describe, expect, it } from 'vitest'
import { buildHistogramOption } from '../../../common/charts/histogram'
import { chartPalette } from '../../../common/charts/palette'
import { formatInrShort } from '../../../common/format/money'

const light = chartPalette('light')
const amount = {
  name: 'valor',
  histogram: {
    logScale: true,
    bins: [
      { from: 8.75, to: 100, count: 6 },
      { from: 100, to: 1000, count: 3 },
      { from: 1000, to: 2500, count: 1 },
    ],
  },
}

describe('buildHistogramOption', () => {
  it('draws one bar per bin with the lower edge as label and names the log scale', () => {
    const option = buildHistogramOption(amount, light)
    expect(option).not.toBeNull()
    const typed: EChartsOption = option!
    expect(typed).toBe(option)
    expect(option!.series).toHaveLength(1)
    expect(option!.series[0]).toMatchObject({ type: 'bar', data: [6, 3, 1], color: light.accent })
    expect(option!.xAxis[0]).toMatchObject({ type: 'category', data: ['8.8', '100', '1k'], name: 'log scale' })
    expect(option!.animation).toBe(false)
    expect(option!.aria?.label?.description).toBe('Histogram of valor (log scale), 3 bins, 10 values.')
  })

  it('formats edges with the given formatter and shows range, count and share in the tooltip', () => {
    const option = buildHistogramOption(amount, light, { formatValue: formatInrShort })!
    expect(option.xAxis[0]?.data).toEqual(['₹9', '₹100', '₹1,000'])
    const tooltip = option.tooltip!.formatter!([{ dataIndex: 1 }])
    expect(tooltip).toBe('₹100 – ₹1,000<br><b>3</b> rows (30.0%)')
    expect(option.tooltip!.formatter!({ dataIndex: 9 })).toBe('')
  })

  it('says linear scale for evenly spaced bins and escapes HTML in labels', () => {
    const option = buildHistogramOption(
      { name: 'x', histogram: { logScale: false, bins: [{ from: 0, to: 1, count: 2 }] } },
      chartPalette('dark'),
      { formatValue: (v) => `<b>${v}</b>` },
    )!
    expect(option.xAxis[0]?.name).toBe('linear scale')
    expect(option.series[0]?.color).toBe(chartPalette('dark').accent)
    expect(option.tooltip!.formatter!([{ dataIndex: 0 }])).toContain('&lt;b&gt;0&lt;/b&gt;')
  })

  it('returns null for columns without a histogram', () => {
    expect(buildHistogramOption({ name: 'id', histogram: null }, light)).toBeNull()
    expect(buildHistogramOption({ name: 'id', histogram: { logScale: false, bins: [] } }, light)).toBeNull()
  })
})
