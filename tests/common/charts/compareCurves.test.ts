// Compare curves: cumulative cost per day per scenario, one panel per currency.
import type { EChartsOption } from 'echarts'
import { describe, expect, it } from 'vitest'
import { buildCompareCurvesOption, scenarioColor } from '../../../common/charts/compareCurves'
import { chartPalette } from '../../../common/charts/palette'
import { evaluation } from '../../renderer/support/campaignFixtures'

const light = chartPalette('light')

describe('buildCompareCurvesOption', () => {
  it('overlays cumulative curves per currency with scenario colours', () => {
    const a = { name: 'A <b>', daily: evaluation().daily }
    const b = { name: 'B', daily: evaluation().daily.filter((d) => d.country === 'IN').map((d) => ({ ...d, accrued: '1000.00' })) }
    const option = buildCompareCurvesOption([a, b], light)!
    const typed: EChartsOption = option
    expect(typed).toBe(option)
    expect(option.title?.map((t) => t.text)).toEqual(['Cumulative cost · INR', 'Cumulative cost · BRL'])
    const inr = option.series.filter((s) => s.xAxisIndex === 0)
    expect(inr.map((s) => s.data)).toEqual([[28000, 42000], [1000, 2000]])
    expect(inr.map((s) => s.color)).toEqual([scenarioColor(light, 0), scenarioColor(light, 1)])
    expect(option.series.filter((s) => s.xAxisIndex === 1).map((s) => s.name)).toEqual(['A <b>'])
    const tip = option.tooltip!.formatter!([{ dataIndex: 1 }])
    expect(tip).toContain('A &lt;b&gt;: <b>₹42,000.00</b>')
    expect(tip).toContain('B: <b>₹2,000.00</b>')
    expect(tip).toContain('R$ 500,00')
  })

  it('is null when nothing accrued', () => {
    expect(buildCompareCurvesOption([{ name: 'A', daily: [] }], light)).toBeNull()
  })
})
