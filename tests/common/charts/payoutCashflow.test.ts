// Payout cash flow: per country panel, accrual on payment days and payouts shifted by the delay.
import type { EChartsOption } from 'echarts'
import { describe, expect, it } from 'vitest'
import { ACCRUED_SERIES, PAID_SERIES, buildPayoutCashflowOption } from '../../../common/charts/payoutCashflow'
import { chartPalette } from '../../../common/charts/palette'
import { evaluation } from '../../renderer/support/campaignFixtures'

const light = chartPalette('light')

describe('buildPayoutCashflowOption', () => {
  it('draws accrual and payouts on one date axis per country, the payouts two days later', () => {
    const e = evaluation()
    const option = buildPayoutCashflowOption(e.daily, e.payouts, light)!
    const typed: EChartsOption = option
    expect(typed).toBe(option)
    expect(option.grid).toHaveLength(2)
    expect(option.title?.map((t) => t.text)).toEqual(['India · INR', 'Brazil · BRL'])
    expect(option.xAxis[0]?.data).toEqual(['2024-09-02', '2024-09-03', '2024-09-04', '2024-09-05'])
    const india = option.series.filter((s) => s.xAxisIndex === 0)
    expect(india.map((s) => s.name)).toEqual([ACCRUED_SERIES, PAID_SERIES])
    expect(india[0]?.data).toEqual([28000, 14000, 0, 0])
    expect(india[1]?.data).toEqual([0, 0, 28000, 14000])
    expect(option.yAxis[1]?.axisLabel?.formatter?.(500)).toBe('R$ 500')
  })

  it('formats each country in its currency in the tooltip and escapes nothing unsafe', () => {
    const e = evaluation()
    const tip = buildPayoutCashflowOption(e.daily, e.payouts, light)!.tooltip!.formatter!([{ dataIndex: 2 }])
    expect(tip).toContain('Paid out: <b>₹28,000.00</b>')
    expect(tip).toContain('expected cash R$ 490,00')
    expect(tip).not.toContain('NaN')
  })

  it('is null when nothing accrued', () => {
    expect(buildPayoutCashflowOption([], [], light)).toBeNull()
  })
})
