// Cost over time: accrual by the payment's local date, cash by the payout's local date, and the
// budget burn-down across countries. Layer: electron/engine; pure (rows come from costCube.ts).
import type { Campaign } from '../../../../common/domain/campaign'
import type { BudgetBurnPoint, DailyCost, DailyPayout } from '../../../../common/domain/campaignResult'
import type { CostCube } from './costCube'
import { afterBreakage, money } from './rewardCells'

/** Every local date with a candidate payment, per country (days after exhaustion show 0). */
export function dailyCost(cube: CostCube, campaign: Campaign): DailyCost[] {
  return cube.daily.map((d) => ({
    country: d.country,
    currency: d.currency,
    date: d.date,
    rewardedPayments: d.rewarded,
    accrued: money(d.accrued),
    budgetSpent: campaign.budget === undefined ? null : money(d.budgetSpent ?? 0n),
  }))
}

/**
 * Cash paid per local payout date: only days on which a rewarded payment is paid out. expectedCash
 * applies breakage to each day's amount, half-up, so the days may differ from paidCash by cents.
 */
export function dailyPayouts(cube: CostCube, campaign: Campaign): DailyPayout[] {
  return cube.payouts
    .filter((d) => d.rewarded > 0)
    .map((d) => ({
      country: d.country,
      currency: d.currency,
      date: d.date,
      payments: d.rewarded,
      amount: money(d.accrued),
      expectedCash: money(afterBreakage(d.accrued, campaign.breakageRate)),
    }))
}

/** Budget spent per local date of the payment, all countries together, and its running total; null without a budget. */
export function budgetBurn(cube: CostCube, campaign: Campaign): BudgetBurnPoint[] | null {
  if (campaign.budget === undefined) return null
  let cumulative = 0n
  return [...cube.burn]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((d) => {
      const spent = d.budgetSpent ?? 0n
      cumulative += spent
      return { date: d.date, spent: money(spent), cumulative: money(cumulative) }
    })
}
