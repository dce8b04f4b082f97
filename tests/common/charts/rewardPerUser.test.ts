// Reward per user: bins as bars, single-value bins labelled by their value.
import type { EChartsOption } from 'echarts'
import { describe, expect, it } from 'vitest'
import { chartPalette } from '../../../common/charts/palette'
import { binLabel, buildRewardPerUserOption } from '../../../common/charts/rewardPerUser'
import { evaluation } from '../../renderer/support/campaignFixtures'

const dist = evaluation().rewardPerUser[0]!

describe('buildRewardPerUserOption', () => {
  it('labels bins in the country’s money and counts users', () => {
    const option = buildRewardPerUserOption(dist, chartPalette('dark'))!
    const typed: EChartsOption = option
    expect(typed).toBe(option)
    expect(option.xAxis[0]?.data).toEqual(['₹35', '₹70', '₹105'])
    expect(option.series[0]?.data).toEqual([60, 60, 360])
    expect(option.tooltip!.formatter!({ dataIndex: 2 })).toBe('₹105.00 per user<br><b>360</b> users (75.0%)')
    expect(binLabel({ from: '10.00', to: '20.00', users: 1 }, 'BRL')).toBe('R$ 10 – R$ 20')
  })

  it('is null without bins', () => {
    expect(buildRewardPerUserOption({ ...dist, bins: [] }, chartPalette('light'))).toBeNull()
  })
})
