// The gaming signal in words: how much more often rewarded payments sit at the minimum amount
// than the control arm's comparable payments. Layer: renderer/components (pure).
import type { GamingSignal } from '../../../common/domain/campaignResult'
import { formatCount, formatPercent } from '../../../common/format/numbers'
import { countryName, money } from './resultFormat'

/** Above this ratio, token payments at the minimum are likely being made for the reward. */
export const GAMING_WARN_RATIO = 1.5

export interface GamingLine {
  country: string
  warn: boolean
  text: string
}

export function gamingLine(g: GamingSignal): GamingLine {
  const band = `${money(g.minimum, g.currency)}–${money(g.nearUpTo, g.currency)}`
  const name = countryName(g.country)
  if (g.share === null || g.rewardedPayments === 0) return { country: g.country, warn: false, text: `${name}: no rewarded payments, so no signal.` }
  const own = `${formatPercent(g.share)} of rewarded payments (${formatCount(g.rewardedNearMinimum)} of ${formatCount(g.rewardedPayments)}) are near the minimum (${band})`
  if (g.controlArm === null || g.controlShare === null) return { country: g.country, warn: false, text: `${name}: ${own}; there is no control arm to compare with.` }
  const control = `${formatPercent(g.controlShare)} of the “${g.controlArm}” arm’s comparable payments (${formatCount(g.controlNearMinimum ?? 0)} of ${formatCount(g.controlPayments ?? 0)})`
  if (g.ratio === null) return { country: g.country, warn: false, text: `${name}: ${own}, against ${control}.` }
  const warn = g.ratio > GAMING_WARN_RATIO
  const times = `${g.ratio.toFixed(1)}×`
  const verdict = warn ? ` — ${times} as often: rewards may be drawing token payments made for the cashback.` : ` — ${times}, no sign of gaming.`
  return { country: g.country, warn, text: `${name}: ${own}, against ${control}${verdict}` }
}
