// Per-country cost in local currency, the budget currency and USD. Layer: electron/engine; pure.
//
// USD: each rewarded payment converts on its own, round(reward_cents × usd_local) to whole USD cents
// (DOUBLE product, rounded half away from zero — half-up, as rewards are ≥ 0), and the cents are
// summed exactly. A country with any rewarded payment lacking an FX rate has accruedUsd null.
import type { Campaign } from '../../../../common/domain/campaign'
import type { CountryCost } from '../../../../common/domain/campaignResult'
import type { CountryCell } from './costCube'
import { afterBreakage, divideHalfUp, money, nullableMoney } from './rewardCells'

/** @param rewardedUsers distinct users with a rewarded payment in the country (from the per-user aggregate). */
export function countryCost(cell: CountryCell, rewardedUsers: number, campaign: Campaign): CountryCost {
  return {
    country: cell.country,
    currency: cell.currency,
    candidatePayments: cell.candidates,
    rewardedPayments: cell.rewarded,
    rewardedUsers,
    accrued: money(cell.accrued),
    clawedBack: money(cell.clawedBack),
    paidCash: money(afterBreakage(cell.accrued, campaign.breakageRate)),
    averageReward: cell.rewarded === 0 ? null : money(divideHalfUp(cell.accrued, BigInt(cell.rewarded))),
    budgetSpent: campaign.budget === undefined ? null : money(cell.budgetSpent ?? 0n),
    accruedUsd: cell.usdMissing > 0 ? null : nullableMoney(cell.usd),
  }
}
