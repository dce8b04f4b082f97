// The campaign evaluation (CampaignEvaluation) from a materialised rewards table: every aggregate
// is computed in DuckDB and only aggregates cross to JS. Layer: electron/engine.
//
// Passes over the rewards table, in order:
//   1. costCube.ts      — all payments by (country, currency, local date, payout local date), rolled up
//   2. breakdownSums.ts — rewarded payments by (country, currency, rail, kind, region, arm, entry method)
//   3. userRewards.ts   — rewarded payments by user, with the breakdown value masks (once more by
//                         (country, currency, user) if a user is rewarded in two countries)
//   (+ usdNote.ts only when an FX rate is missing; + one pass per breakdown dimension wider than 63
//   values in a country, see breakdownUsers.ts)
//
// The rewards table has one row per candidate payment with these columns: payment_id, user_id,
// ts (UTC), local_date, payout_ts, payout_local_date, country, currency, rail, kind, region,
// entry_method, arm, amount, raw_reward, accrued_cents, budget_spent_cents, budget_reached,
// clawed_back, reward_cents, usd_local.
import type { Campaign } from '../../../../common/domain/campaign'
import type { CampaignEvaluation, EvaluationScope, FunnelStep, GamingSignal } from '../../../../common/domain/campaignResult'
import type { Queryable } from '../../db/database'
import type { Sql } from '../../db/sql'
import { breakdownRows } from './breakdowns'
import { breakdownSums } from './breakdownSums'
import { addMaskUsers, addSingleValueUsers, fallbackUsers, groupKey, maskAggregate, userCountPlan } from './breakdownUsers'
import { costCube } from './costCube'
import { countryCost } from './countryCost'
import { budgetBurn, dailyCost, dailyPayouts } from './dailyCost'
import { nothingRewarded } from './nothingRewarded'
import { nullableMoney } from './rewardCells'
import { rewardPerUser } from './rewardPerUser'
import { topUsers } from './topUsers'
import { rewardTotals } from './totals'
import { usdNote } from './usdNote'
import { userRewards } from './userRewards'

export interface EvaluationExtras {
  scope: EvaluationScope
  /** Computed with the rewards (the rules' funnel); passed through. */
  funnel: FunnelStep[]
  gaming: GamingSignal[]
}

/**
 * The evaluation DTO (JSON-safe) of `campaign` from the rewards `table` (a table name via ident()
 * or a parenthesised subquery). Money is exact: integer cents summed in DuckDB, formatted here.
 */
export async function evaluationFromRewards(db: Queryable, table: Sql, campaign: Campaign, extras: EvaluationExtras): Promise<CampaignEvaluation> {
  const cube = await costCube(db, table)
  const sums = await breakdownSums(db, table)
  const plan = userCountPlan(sums)
  const groups = cube.countries.map((c) => ({ country: c.country, currency: c.currency }))
  const users = await userRewards(db, table, groups, plan.masked.map((m) => maskAggregate(m, groups)))

  const countryUsers = new Map(users.countries.map((c) => [groupKey(c.country, c.currency), c.users]))
  const valueUsers = new Map<string, number>()
  addSingleValueUsers(plan, countryUsers, valueUsers)
  for (const c of users.countries) {
    for (const count of c.maskCounts) addMaskUsers(plan, c.country, c.currency, count, valueUsers)
  }
  await fallbackUsers(db, table, plan.fallback, valueUsers)

  const countries = cube.countries.map((cell) => countryCost(cell, countryUsers.get(groupKey(cell.country, cell.currency)) ?? 0, campaign))
  const usdMissing = cube.overall.usdMissing
  return {
    campaignName: campaign.name,
    scope: extras.scope,
    totals: rewardTotals(cube, countries, users.rewardedUsers, campaign),
    countries,
    accruedUsd: usdMissing > 0 ? null : nullableMoney(cube.overall.usd),
    usdNote: usdMissing > 0 ? await usdNote(db, table, usdMissing) : null,
    daily: dailyCost(cube, campaign),
    payouts: dailyPayouts(cube, campaign),
    burn: budgetBurn(cube, campaign),
    breakdowns: breakdownRows(sums, valueUsers, countryUsers),
    rewardPerUser: rewardPerUser(users.countries),
    topUsers: topUsers(users.countries),
    gaming: extras.gaming,
    funnel: extras.funnel,
    nothingRewarded: nothingRewarded(extras.funnel, cube.overall.candidates, cube.overall.rewarded, campaign),
  }
}
