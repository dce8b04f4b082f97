// Chart data as CSV, read back from real builder options: one row per panel and category, one
// column per series; expected rows written out by hand from the inputs (not from the builders).
import { describe, expect, it } from 'vitest'
import { buildBudgetBurnOption } from '../../../common/charts/budgetBurn'
import { chartCsv, chartTable } from '../../../common/charts/chartCsv'
import { buildCompareCurvesOption } from '../../../common/charts/compareCurves'
import { buildCostBreakdownOption } from '../../../common/charts/costBreakdown'
import { buildDailyVolumeOption } from '../../../common/charts/dailyVolume'
import { chartPalette } from '../../../common/charts/palette'
import type { BreakdownRow, DailyCost } from '../../../common/domain/campaignResult'

const light = chartPalette('light')
const daily = [
  { date: '2024-04-03', country: 'BR', payments: 2, amount: 1234.56 },
  { date: '2024-04-05', country: 'BR', payments: 1, amount: 89.9 },
  { date: '2024-04-04', country: 'IN', payments: 3, amount: 1500000 },
]
const volume = { currencies: { IN: 'INR', BR: 'BRL' }, countryNames: { IN: 'India', BR: 'Brazil' } }

function cost(country: string, currency: string, date: string, accrued: string): DailyCost {
  return { country, currency, date, rewardedPayments: 1, accrued, budgetSpent: null }
}

function breakdown(country: string, currency: string, value: string | null, accrued: string): BreakdownRow {
  return { dimension: 'rail', value, country, currency, rewardedPayments: 1, rewardedUsers: 1, accrued, accruedUsd: null }
}

describe('chartTable on builder options', () => {
  it('daily payments: one panel, a Date column and a column per country, missing days as 0', () => {
    const option = buildDailyVolumeOption(daily, light, { metric: 'payments', style: 'bar', ...volume })!
    expect(chartTable(option)).toEqual({
      header: ['Date', 'India', 'Brazil'],
      rows: [
        ['2024-04-03', 0, 2],
        ['2024-04-04', 3, 0],
        ['2024-04-05', 0, 1],
      ],
    })
  })

  it('daily amounts: one panel per country share a Value column, named by the panel title', () => {
    const option = buildDailyVolumeOption(daily, light, { metric: 'amount', style: 'line', ...volume })!
    expect(chartTable(option)).toEqual({
      header: ['Panel', 'Date', 'Value'],
      rows: [
        ['India · INR', '2024-04-03', 0],
        ['India · INR', '2024-04-04', 1500000],
        ['India · INR', '2024-04-05', 0],
        ['Brazil · BRL', '2024-04-03', 1234.56],
        ['Brazil · BRL', '2024-04-04', 0],
        ['Brazil · BRL', '2024-04-05', 89.9],
      ],
    })
  })

  it('budget burn: the cumulative spend and the budget per day, to the last day', () => {
    const option = buildBudgetBurnOption(
      [
        { date: '2024-09-04', spent: '14000.00', cumulative: '50000.00' },
        { date: '2024-09-02', spent: '36000.00', cumulative: '36000.00' },
      ],
      light,
      { budget: { amount: 50000, currency: 'INR' }, exhausted: { date: '2024-09-04', label: 'Exhausted' }, lastDay: '2024-09-05' },
    )!
    expect(chartTable(option)).toEqual({
      header: ['Date', 'Spent (cumulative)', 'Budget'],
      rows: [
        ['2024-09-02', 36000, 50000],
        ['2024-09-03', 36000, 50000],
        ['2024-09-04', 50000, 50000],
        ['2024-09-05', 50000, 50000],
      ],
    })
  })

  it('cost breakdown: a panel per country with its own categories', () => {
    const rows = [breakdown('IN', 'INR', 'UPI', '700.50'), breakdown('IN', 'INR', 'Card', '900'), breakdown('BR', 'BRL', null, '12.25')]
    const option = buildCostBreakdownOption(rows, 'rail', light)!
    expect(chartTable(option)).toEqual({
      header: ['Panel', 'Category', 'Value'],
      rows: [
        ['India · INR', 'Card', 900],
        ['India · INR', 'UPI', 700.5],
        ['Brazil · BRL', 'Not known', 12.25],
      ],
    })
  })

  it('compare curves: a panel per currency, a column per scenario, blank where a scenario has no panel', () => {
    const a = { name: 'Flat ₹35', daily: [cost('IN', 'INR', '2024-06-01', '100'), cost('IN', 'INR', '2024-06-02', '50'), cost('BR', 'BRL', '2024-06-02', '7.5')] }
    const b = { name: '=Tiered', daily: [cost('IN', 'INR', '2024-06-02', '20')] }
    const option = buildCompareCurvesOption([a, b], light)!
    expect(chartTable(option)).toEqual({
      header: ['Panel', 'Date', 'Flat ₹35', '=Tiered'],
      rows: [
        ['Cumulative cost · INR', '2024-06-01', 100, 0],
        ['Cumulative cost · INR', '2024-06-02', 150, 20],
        ['Cumulative cost · BRL', '2024-06-01', 0, null],
        ['Cumulative cost · BRL', '2024-06-02', 7.5, null],
      ],
    })
    // Written for Excel: BOM, CRLF, and the scenario name that looks like a formula is guarded.
    expect(chartCsv(option)).toBe(
      '\uFEFFPanel,Date,Flat ₹35,\'=Tiered\r\n' +
        'Cumulative cost · INR,2024-06-01,100,0\r\n' +
        'Cumulative cost · INR,2024-06-02,150,20\r\n' +
        'Cumulative cost · BRL,2024-06-01,0,\r\n' +
        'Cumulative cost · BRL,2024-06-02,7.5,\r\n',
    )
    expect(chartCsv(option, { bom: false }).startsWith('Panel,')).toBe(true)
  })
})

describe('chartTable on other value shapes', () => {
  it('reads [x, y] pairs, { value } items, gaps and repeated series names', () => {
    const table = chartTable({
      xAxis: [{ data: ['a', 'b', 'c'], name: 'Bucket' }],
      series: [
        { name: 'Pairs', data: [['c', 3], [0, 1]] },
        { name: 'Objects', data: [{ value: 5 }, { value: null }, { value: ['b', 9] }] },
        { name: 'Pairs', data: [Number.NaN, 2, 'x'] },
        { data: [1] },
      ],
    })
    expect(table).toEqual({
      header: ['Bucket', 'Pairs', 'Objects', 'Pairs (2)', 'Series 4'],
      rows: [
        ['a', 1, 5, null, 1],
        ['b', null, 9, 2, null],
        ['c', 3, null, null, null],
      ],
    })
  })
})
