// Rollout fit builder: treated, counterfactual (dashed) and control per day, the start marked,
// values per user-day or as a share, tooltip per day; null without days.
import type { EChartsOption } from 'echarts'
import { describe, expect, it } from 'vitest'
import { chartPalette } from '../../../common/charts/palette'
import { buildRolloutFitOption, rolloutValueText } from '../../../common/charts/rolloutFit'

const light = chartPalette('light')
const result = {
  treatmentStart: '2024-09-03',
  outcome: 'paymentsPerUserDay' as const,
  preFitRmse: 0.0012,
  series: [
    { date: '2024-09-02', post: false, treated: 0.07, control: 0.068, counterfactual: 0.0705 },
    { date: '2024-09-03', post: true, treated: 0.1, control: 0.085, counterfactual: 0.09 },
  ],
}

describe('buildRolloutFitOption', () => {
  it('draws the three series and marks the start', () => {
    const option = buildRolloutFitOption(result, light, 'Treated (IN-KA)')!
    const typed: EChartsOption = option
    expect(typed).toBe(option)
    expect(option.series.map((s) => s.name)).toEqual(['Control regions', 'Treated, counterfactual (no program)', 'Treated (IN-KA)'])
    expect(option.series[0]?.markLine?.data).toEqual([{ xAxis: '2024-09-03', name: 'Start' }])
    expect(option.series[1]?.lineStyle?.type).toBe('dashed')
    expect(option.series[2]?.data).toEqual([0.07, 0.1])
    expect(option.yAxis[0]?.axisLabel?.formatter?.(0.085)).toBe('0.0850')
    expect(option.tooltip!.formatter!([{ dataIndex: 1 }])).toContain('after the start')
    expect(option.aria?.label?.description).toContain('RMSE 0.0012')
  })

  it('reads the active share as percent and gives null without days', () => {
    expect(rolloutValueText(0.0123, 'activeShare')).toBe('1.23%')
    expect(buildRolloutFitOption({ ...result, series: [] }, light)).toBeNull()
    expect(buildRolloutFitOption({ ...result, treatmentStart: '2025-01-01' }, light)!.series[0]?.markLine).toBeUndefined()
  })
})
