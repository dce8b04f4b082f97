// Adoption curves builder: one panel per country (India first), control dashed and muted, arm
// colours as in the forest plot, percent axis, tooltip per day; null without days.
import type { EChartsOption } from 'echarts'
import { describe, expect, it } from 'vitest'
import { buildAdoptionCurvesOption } from '../../../common/charts/adoptionCurves'
import { armColor } from '../../../common/charts/forestPlot'
import { chartPalette } from '../../../common/charts/palette'

const dark = chartPalette('dark')
const curves = {
  days: ['2024-09-02', '2024-09-03'],
  series: [
    { arm: 'control', country: 'BR', users: 100, share: [0.05, 0.08] },
    { arm: 'flat', country: 'BR', users: 100, share: [0.06, 0.1] },
    { arm: 'control', country: 'IN', users: 200, share: [0.04, 0.07] },
    { arm: 'flat', country: 'IN', users: 200, share: [0.05, 0.09] },
  ],
}

describe('buildAdoptionCurvesOption', () => {
  it('draws India then Brazil, control dashed, shares as percent', () => {
    const option = buildAdoptionCurvesOption(curves, dark, { controlArm: 'control', treatmentArms: ['flat'] })!
    const typed: EChartsOption = option
    expect(typed).toBe(option)
    expect(option.grid).toHaveLength(2)
    expect(option.title?.map((t) => t.text)).toEqual(['India · adopted since the window start', 'Brazil · adopted since the window start'])
    expect(option.series.map((s) => [s.name, s.xAxisIndex, s.data])).toEqual([
      ['control', 0, [0.04, 0.07]],
      ['flat', 0, [0.05, 0.09]],
      ['control', 1, [0.05, 0.08]],
      ['flat', 1, [0.06, 0.1]],
    ])
    expect(option.series[0]).toMatchObject({ color: dark.muted, lineStyle: { type: 'dashed' } })
    expect(option.series[1]?.color).toBe(armColor(dark, 0))
    expect(option.yAxis[0]?.axisLabel?.formatter?.(0.15)).toBe('15%')
    expect(option.xAxis[0]?.axisLabel?.formatter?.('2024-09-03')).toBe('3 Sep')
    expect(option.tooltip!.formatter!([{ dataIndex: 1 }])).toContain('flat: <b>9.0%</b> of 200')
  })

  it('keeps only the asked countries and gives null without days', () => {
    expect(buildAdoptionCurvesOption(curves, dark, { controlArm: 'control', treatmentArms: ['flat'], countries: ['BR'] })!.grid).toHaveLength(1)
    expect(buildAdoptionCurvesOption({ days: [], series: curves.series }, dark, { controlArm: 'control', treatmentArms: ['flat'] })).toBeNull()
  })
})
