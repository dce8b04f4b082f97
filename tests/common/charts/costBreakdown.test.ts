// Cost breakdown: largest first per country panel, unknown values named, tooltips with USD.
import type { EChartsOption } from 'echarts'
import { describe, expect, it } from 'vitest'
import { breakdownRows, buildCostBreakdownOption, valueLabel } from '../../../common/charts/costBreakdown'
import { chartPalette } from '../../../common/charts/palette'
import { evaluation } from '../../renderer/support/campaignFixtures'

const light = chartPalette('light')
const rows = evaluation().breakdowns

describe('buildCostBreakdownOption', () => {
  it('sorts values by cost within a country and labels unknown ones', () => {
    expect(breakdownRows(rows, 'region', 'IN').map((r) => r.value)).toEqual(['IN-MH', 'IN-KA'])
    expect(valueLabel({ dimension: 'region', value: null })).toBe('Not known')
    expect(valueLabel({ dimension: 'country', value: 'BR' })).toBe('Brazil')
  })

  it('draws one panel per country in its own currency', () => {
    const option = buildCostBreakdownOption(rows, 'region', light)!
    const typed: EChartsOption = option
    expect(typed).toBe(option)
    expect(option.xAxis.map((x) => x.data)).toEqual([['IN-MH', 'IN-KA'], ['Not known']])
    expect(option.series.map((s) => s.data)).toEqual([[35000, 7000], [500]])
    expect(option.series[0]?.color).toBe(light.countries.IN)
    const tip = option.tooltip!.formatter!([{ seriesName: 'India', dataIndex: 1 }])
    expect(tip).toContain('IN-KA')
    expect(tip).toContain('Cost: <b>₹7,000.00</b> · $83.90')
    expect(tip).toContain('200 rewarded payments, 80 users')
  })

  it('is null for a dimension without rows', () => {
    expect(buildCostBreakdownOption(rows, 'arm', light)).toBeNull()
  })
})
