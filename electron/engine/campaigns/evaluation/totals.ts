// RewardTotals (the shape evaluateCampaign has returned so far) from the cube and the per-user
// aggregate, with the semantics of evaluateRewards.ts totalsOf. Layer: electron/engine; pure.
import { moneyToCents, type Campaign } from '../../../../common/domain/campaign'
import type { CountryCost, RewardTotals } from '../../../../common/domain/campaignResult'
import type { CostCube } from './costCube'
import { money } from './rewardCells'

export function rewardTotals(cube: CostCube, countries: readonly CountryCost[], rewardedUsers: number, campaign: Campaign): RewardTotals {
  const budget = campaign.budget
  return {
    byCountry: countries.map((c) => ({
      country: c.country,
      currency: c.currency,
      candidatePayments: c.candidatePayments,
      rewardedPayments: c.rewardedPayments,
      rewardedUsers: c.rewardedUsers,
      accrued: c.accrued,
      clawedBack: c.clawedBack,
      paidCash: c.paidCash,
    })),
    rewardedPayments: cube.overall.rewarded,
    rewardedUsers,
    budget:
      budget === undefined
        ? null
        : {
            currency: budget.currency,
            amount: money(moneyToCents(budget.amount)),
            spent: money(cube.overall.budgetSpent ?? 0n),
            exhaustedAt: cube.overall.exhaustedAt,
          },
  }
}
