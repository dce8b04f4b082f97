// Chart data as CSV, read back from real builder options: one row per panel and category, one
// column per series; expected rows written out by hand from the inputs (not from the builders).
import { describe, expect, it } from 'vitest'
import { buildBudgetBurnOption } from '../../../common/charts/budgetBurn'
import { chartCsv, chartTable } from '../../../common/charts/chartCsv'
import { buildCompareCurvesOption } from '../../../common/charts/compareCurves'
import { buildCostBreakdownOption } from '../../../common/charts/costBreakdown'
import { buildDailyVolumeOption } from '../../../common/charts/dailyVolume'
import { buildForestPlotOption } from '../../../common/charts/forestPlot'
import { chartPalette } from '../../../common/charts/palette'
import type { MetricRow } from '../../../common/domain/analysis'
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

/** A forest-plot row: absolute lift [lower, upper] with p-values; relative = 10 × absolute; null = no interval. */
function lift(arm: string, dimension: string, segment: string | null, ci: [number, number, number] | null, p: number, adjusted: number, significant: boolean): MetricRow {
  const absolute = ci === null ? null : { estimate: ci[0], standardError: 0.005, ci: { lower: ci[1], upper: ci[2] }, pValue: p }
  return {
    metric: 'adopted', label: 'Adopted', type: 'binary', unit: 'users', dimension, segment, arm, controlArm: 'control', test: 'proportions',
    control: { n: 1000, mean: 0.2 }, treatment: { n: 1000, mean: 0.2 + (ci?.[0] ?? 0) },
    absolute, absoluteReason: ci === null ? 'No users in this segment' : null,
    relative: absolute === null ? null : { ...absolute, estimate: absolute.estimate * 10, ci: { lower: absolute.ci.lower * 10, upper: absolute.ci.upper * 10 }, pValue: p },
    relativeReason: null, adjustedPValue: adjusted, significant, chanceToWin: null, risk: null, bayesScale: null, cuped: null, cupedReason: null,
  }
}

describe('chartTable of the forest plot', () => {
  const rows = [
    lift('flat', 'overall', null, [0.03, 0.02, 0.04], 0.0001, 0.0001, true),
    lift('flat', 'country', 'IN', [0.04, 0.03, 0.05], 0.0002, 0.0004, true),
    lift('flat', 'country', 'BR', [0.01, -0.005, 0.025], 0.2, 0.2, false),
    lift('+pct', 'overall', null, [0.005, -0.01, 0.02], 0.5, 0.5, false),
    lift('+pct', 'country', 'BR', null, Number.NaN, Number.NaN, false),
  ]
  const segmentLabel = (s: string | null, d: string): string => (d === 'overall' ? 'Overall' : s === 'IN' ? 'India' : 'Brazil')

  it('is one row per segment × arm with the estimate, the interval and the p-values, not the stacked bar pieces', () => {
    const option = buildForestPlotOption(rows, light, { scale: 'absolute', segmentLabel })!
    const header = ['Metric', 'Segment', 'Arm', 'Control arm', 'Lift', 'Estimate', 'Lower', 'Upper', 'P-value', 'Adjusted p-value', 'Significant']
    expect(chartTable(option)).toEqual({
      header,
      rows: [
        ['Adopted', 'Overall', 'flat', 'control', 'absolute (proportion)', 0.03, 0.02, 0.04, 0.0001, 0.0001, true],
        ['Adopted', 'Overall', '+pct', 'control', 'absolute (proportion)', 0.005, -0.01, 0.02, 0.5, 0.5, false],
        ['Adopted', 'India', 'flat', 'control', 'absolute (proportion)', 0.04, 0.03, 0.05, 0.0002, 0.0004, true],
        ['Adopted', 'Brazil', 'flat', 'control', 'absolute (proportion)', 0.01, -0.005, 0.025, 0.2, 0.2, false],
        ['Adopted', 'Brazil', '+pct', 'control', 'absolute (proportion)', null, null, null, null, null, false],
      ],
    })
    // Relative scale: the relative lift and its interval.
    expect(chartTable(buildForestPlotOption(rows, light, { scale: 'relative', segmentLabel })!).rows[2]).toEqual(['Adopted', 'India', 'flat', 'control', 'relative', 0.4, 0.3, 0.5, 0.0002, 0.0004, true])
    // CSV: the arm name that looks like a formula is guarded; a missing lift is blank.
    const csv = chartCsv(option, { bom: false }).split('\r\n')
    expect(csv[0]).toBe(header.join(','))
    expect(csv[2]).toBe("Adopted,Overall,'+pct,control,absolute (proportion),0.005,-0.01,0.02,0.5,0.5,false")
    expect(csv[5]).toBe("Adopted,Brazil,'+pct,control,absolute (proportion),,,,,,false")
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
