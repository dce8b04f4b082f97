// Distribution of the total reward per rewarded user in one country: the engine's bins as bars,
// edges as money. Layer: common (pure: RewardPerUser → ECharts option).
import type { RewardPerUser } from '../domain/campaignResult'
import { formatCompact, formatCount } from '../format/numbers'
import { categoryAxis, chartBase, tooltipBase, valueAxis } from './axisStyle'
import { amount, countryName, moneyAxisText, moneyText } from './campaignParts'
import type { ChartOption, TooltipParam } from './chartOption'
import { escapeHtml } from './html'
import { countryColor, type ChartPalette } from './palette'

/** "₹33" for a one-value bin, "₹10 – ₹20" otherwise. */
export function binLabel(bin: RewardPerUser['bins'][number], currency: string, short = true): string {
  const fmt = short ? moneyAxisText(currency) : (v: number) => moneyText(v, currency)
  return bin.from === bin.to ? fmt(amount(bin.from)) : `${fmt(amount(bin.from))} – ${fmt(amount(bin.to))}`
}

export function buildRewardPerUserOption(dist: RewardPerUser, palette: ChartPalette): ChartOption | null {
  if (dist.bins.length === 0) return null
  const labels = dist.bins.map((b) => binLabel(b, dist.currency))
  const total = dist.bins.reduce((s, b) => s + b.users, 0)
  const tooltip = (params: TooltipParam | TooltipParam[]): string => {
    const first = Array.isArray(params) ? params[0] : params
    const bin = dist.bins[first?.dataIndex ?? -1]
    if (bin === undefined) return ''
    const share = total === 0 ? 0 : (bin.users / total) * 100
    return `${escapeHtml(binLabel(bin, dist.currency, false))} per user<br><b>${formatCount(bin.users)}</b> users (${share.toFixed(1)}%)`
  }
  return {
    ...chartBase(palette, `Reward per rewarded user in ${countryName(dist.country)}: ${formatCount(dist.users)} users, median ${moneyText(amount(dist.p50), dist.currency)}, ${dist.bins.length} bins.`),
    grid: [{ left: 8, right: 12, top: 12, bottom: 8, containLabel: true }],
    xAxis: [categoryAxis(palette, labels)],
    yAxis: [valueAxis(palette, formatCompact)],
    tooltip: { ...tooltipBase(palette, 'axis'), formatter: tooltip },
    series: [{ type: 'bar', name: 'Users', data: dist.bins.map((b) => b.users), color: countryColor(palette, dist.country, 0), barCategoryGap: '12%', itemStyle: { borderRadius: [2, 2, 0, 0] } }],
  }
}
