// Daily volume builder: a continuous local calendar (missing days are zero), one axis for counts,
// one panel per country for amounts in their own currency, fixed country colours.
import type { EChartsOption } from 'echarts'
import { describe, expect, it } from 'vitest'
import { buildDailyVolumeOption, dateRange, orderedCountries } from '../../../common/charts/dailyVolume'
import { chartPalette } from '../../../common/charts/palette'

const palette = chartPalette('light')
const daily = [
  { date: '2024-04-03', country: 'BR', payments: 2, amount: 1234.56 },
  { date: '2024-04-05', country: 'BR', payments: 1, amount: 89.9 },
  { date: '2024-04-04', country: 'IN', payments: 3, amount: 1500000 },
]
const currencies = { IN: 'INR', BR: 'BRL' }
const countryNames = { IN: 'India', BR: 'Brazil' }

describe('helpers', () => {
  it('lists every day between two dates, across month ends', () => {
    expect(dateRange('2024-02-27', '2024-03-01')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01'])
    expect(dateRange('2024-03-01', '2024-02-01')).toEqual([])
    expect(dateRange('bad', '2024-02-01')).toEqual([])
  })

  it('orders India, Brazil, others, then unknown', () => {
    expect(orderedCountries([{ country: null }, { country: 'US' }, { country: 'BR' }, { country: 'IN' }] as never)).toEqual(['IN', 'BR', 'US', null])
  })
})

describe('buildDailyVolumeOption', () => {
  it('puts payment counts of all countries on one axis with zero-filled days', () => {
    const option = buildDailyVolumeOption(daily, palette, { metric: 'payments', style: 'line', currencies, countryNames })!
    const typed: EChartsOption = option
    expect(typed).toBe(option)
    expect(option.grid).toHaveLength(1)
    expect(option.xAxis[0]?.data).toEqual(['2024-04-03', '2024-04-04', '2024-04-05'])
    expect(option.series.map((s) => [s.name, s.data, s.color])).toEqual([
      ['India', [0, 3, 0], palette.countries.IN],
      ['Brazil', [2, 0, 1], palette.countries.BR],
    ])
    expect(option.legend?.show).toBe(true)
    expect(option.xAxis[0]?.axisLabel?.formatter?.('2024-04-03')).toBe('3 Apr')
  })

  it('draws amounts in one panel per country, each axis in its own currency', () => {
    const option = buildDailyVolumeOption(daily, palette, { metric: 'amount', style: 'bar', currencies, countryNames })!
    expect(option.grid).toHaveLength(2)
    expect(option.series.map((s) => [s.name, s.type, s.xAxisIndex, s.yAxisIndex])).toEqual([
      ['India', 'bar', 0, 0],
      ['Brazil', 'bar', 1, 1],
    ])
    expect(option.title?.map((t) => t.text)).toEqual(['India · INR', 'Brazil · BRL'])
    expect(option.yAxis[0]?.axisLabel?.formatter?.(1500000)).toBe('₹15 L')
    expect(option.yAxis[1]?.axisLabel?.formatter?.(1500)).toBe('R$ 1,5 mil')
    const tooltip = option.tooltip!.formatter!([{ name: '2024-04-04', seriesName: 'India', value: 1500000 }])
    expect(tooltip).toContain('<b>4 Apr 2024</b> (local date)')
    expect(tooltip).toContain('India: <b>₹15,00,000.00</b>')
  })

  it('labels a missing country and returns null without data', () => {
    const option = buildDailyVolumeOption([{ date: '2024-01-01', country: null, payments: 5, amount: 10 }], chartPalette('dark'), {
      metric: 'payments',
      style: 'bar',
      currencies,
    })!
    expect(option.series[0]?.name).toBe('Unknown country')
    expect(option.series[0]?.color).toBe(chartPalette('dark').series[0])
    expect(buildDailyVolumeOption([], palette, { metric: 'payments', style: 'bar', currencies })).toBeNull()
  })
})
