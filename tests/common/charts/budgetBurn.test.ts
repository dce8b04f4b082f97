// Budget burn: cumulative spend over every local day, the budget as a dashed line, the exhaustion
// day marked; a valid EChartsOption.
import type { EChartsOption } from 'echarts'
import { describe, expect, it } from 'vitest'
import { buildBudgetBurnOption } from '../../../common/charts/budgetBurn'
import { chartPalette } from '../../../common/charts/palette'

const light = chartPalette('light')
const burn = [
  { date: '2024-09-02', spent: '36000.00', cumulative: '36000.00' },
  { date: '2024-09-04', spent: '14000.00', cumulative: '50000.00' },
]

describe('buildBudgetBurnOption', () => {
  it('carries the cumulative sum over days without spend and draws the budget line', () => {
    const option = buildBudgetBurnOption(burn, light, { budget: { amount: 50000, currency: 'INR' }, exhausted: { date: '2024-09-04', label: 'Exhausted 4 Sep 2024, 14:32 IST' }, lastDay: '2024-09-06' })!
    const typed: EChartsOption = option
    expect(typed).toBe(option)
    expect(option.xAxis[0]?.data).toEqual(['2024-09-02', '2024-09-03', '2024-09-04', '2024-09-05', '2024-09-06'])
    expect(option.series[0]?.data).toEqual([36000, 36000, 50000, 50000, 50000])
    expect(option.series[1]).toMatchObject({ name: 'Budget', data: [50000, 50000, 50000, 50000, 50000], lineStyle: { type: 'dashed' } })
    expect(option.series[0]?.markLine?.data).toEqual([{ xAxis: '2024-09-04', name: 'Exhausted 4 Sep 2024, 14:32 IST' }])
    expect(option.yAxis[0]?.axisLabel?.formatter?.(5_000_000)).toBe('₹50 L')
    expect(option.aria?.label?.description).toContain('exhausted on 2024-09-04')
  })

  it('explains a day in the tooltip in the budget currency, and has no marker when not exhausted', () => {
    const option = buildBudgetBurnOption(burn, chartPalette('dark'), { budget: { amount: 100000, currency: 'BRL' }, exhausted: null })!
    expect(option.series[0]?.markLine).toBeUndefined()
    const tip = option.tooltip!.formatter!([{ dataIndex: 2 }])
    expect(tip).toContain('R$ 14.000,00')
    expect(tip).toContain('R$ 50.000,00')
    expect(tip).toContain('(50.0% of the budget)')
    expect(option.tooltip!.formatter!([{ dataIndex: 99 }])).toBe('')
  })

  it('is null without burn data', () => {
    expect(buildBudgetBurnOption(null, light, { budget: { amount: 1, currency: 'INR' }, exhausted: null })).toBeNull()
    expect(buildBudgetBurnOption([], light, { budget: { amount: 1, currency: 'INR' }, exhausted: null })).toBeNull()
  })
})
