// Forest plot builder: one floating bar per arm and segment from the interval's lower to upper
// end (stacked on an invisible base, stackStrategy 'all' so intervals crossing 0 work), a tick at
// the estimate, a dashed zero line, points or percent on the axis, escaped tooltips, and rows
// without an interval left out. The output is a valid EChartsOption.
import type { EChartsOption } from 'echarts'
import { describe, expect, it } from 'vitest'
import { buildForestPlotOption, liftText, signed } from '../../../common/charts/forestPlot'
import { chartPalette } from '../../../common/charts/palette'
import type { MetricRow } from '../../../common/domain/analysis'

const light = chartPalette('light')

function row(arm: string, dimension: string, segment: string | null, estimate: number, lower: number, upper: number, significant = true): MetricRow {
  const lift = { estimate, standardError: (upper - lower) / 3.92, ci: { lower, upper }, pValue: 0.01 }
  return {
    metric: 'adopted', label: 'Adopted (≥ 1 successful payment)', type: 'binary', unit: 'users', dimension, segment, arm, controlArm: 'control', test: 'proportions',
    control: { n: 100, mean: 0.1 }, treatment: { n: 100, mean: 0.1 + estimate }, absolute: lift, absoluteReason: null,
    relative: { ...lift, estimate: estimate * 10, ci: { lower: lower * 10, upper: upper * 10 } }, relativeReason: null,
    adjustedPValue: 0.01, significant, chanceToWin: 0.99, risk: 0, bayesScale: 'relative', cuped: null, cupedReason: null,
  }
}

const rows = [
  row('flat', 'overall', null, 0.03, 0.02, 0.04),
  row('flat', 'country', 'IN', 0.04, 0.03, 0.05),
  row('flat', 'country', 'BR', 0.01, -0.005, 0.025, false),
  row('<pct>', 'overall', null, 0.005, -0.01, 0.02, false),
]

describe('buildForestPlotOption', () => {
  it('stacks an invisible base, the lower part, the estimate tick and the upper part per arm', () => {
    const option = buildForestPlotOption(rows, light, { scale: 'absolute', segmentLabel: (s, d) => (d === 'overall' ? 'Overall' : s === 'IN' ? 'India' : 'Brazil') })!
    const typed: EChartsOption = option
    expect(typed).toBe(option)
    expect(option.xAxis[0]?.data).toEqual(['Overall', 'India', 'Brazil'])
    expect(option.series).toHaveLength(8)
    const [base, low, tick, high] = option.series
    expect(base).toMatchObject({ type: 'bar', stack: 'flat', stackStrategy: 'all', silent: true, itemStyle: { color: 'transparent' } })
    expect(base?.data).toEqual([0.02, 0.03, -0.005])
    // Each bar adds up to the interval's upper end.
    for (let i = 0; i < 3; i += 1) {
      const total = [base, low, tick, high].reduce((sum, s) => sum + (s?.data[i] ?? 0), 0)
      expect(total).toBeCloseTo([0.04, 0.05, 0.025][i]!, 12)
    }
    expect(tick?.itemStyle?.opacity).toBe(1)
    expect(base?.markLine?.data).toEqual([{ yAxis: 0, name: 'No effect' }])
    // The second arm has no country rows: nulls, not zeros.
    expect(option.series[4]?.data).toEqual([-0.01, null, null])
    expect(option.yAxis[0]?.axisLabel?.formatter?.(0.02)).toBe('2.0 pp')
    expect(option.yAxis[0]).not.toHaveProperty('minInterval')
  })

  it('writes the tooltip with escaped arm names and the interval', () => {
    const option = buildForestPlotOption(rows, light, { scale: 'absolute' })!
    const html = option.tooltip!.formatter!([{ dataIndex: 0 }])
    expect(html).toContain('&lt;pct&gt;')
    expect(html).toContain('<b>+3.00 pp</b> [+2.00 pp, +4.00 pp] · significant')
    expect(option.tooltip!.formatter!({ dataIndex: 7 })).toBe('')
  })

  it('plots relative lifts as percent and gives null when nothing has an interval', () => {
    const option = buildForestPlotOption(rows, light, { scale: 'relative' })!
    expect(option.yAxis[0]?.axisLabel?.formatter?.(0.25)).toBe('25%')
    const none = rows.map((r) => ({ ...r, relative: null, relativeReason: 'Relative lift is undefined: the control mean is 0' }))
    expect(buildForestPlotOption(none, light, { scale: 'relative' })).toBeNull()
  })
})

describe('liftText', () => {
  it('signs lifts with a typographic minus and ± for zero', () => {
    expect(liftText(0.0351, 'absolute', 'binary')).toBe('+3.51 pp')
    expect(liftText(-0.125, 'relative', 'numeric')).toBe('−12.5%')
    expect(liftText(0.24, 'absolute', 'numeric')).toBe('+0.240')
    expect(liftText(0, 'absolute', 'numeric')).toBe('±0.000')
    expect(liftText(Number.NaN, 'absolute', 'numeric')).toBe('—')
    expect(signed('0.00', -0.0001)).toBe('±0.00')
  })
})
