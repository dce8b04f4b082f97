// Step 3 of DOMAIN.md §5: the raw reward of one payment (before any cap), as a DECIMAL(18,2)
// expression over `amount`. Layer: electron/engine.
import type { CampaignReward } from '../../../common/domain/campaign'
import { join, sql, type Sql } from '../db/sql'
import { moneyParam, percentRateParam } from './campaignValues'

/**
 * - flat: the amount;
 * - percent: amount × percent / 100, ROUNDED HALF-UP TO CENTS (DuckDB's DECIMAL round; the
 *   rate is bound as DECIMAL(18,6), so the product is exact before rounding);
 * - tiers: the reward of the highest tier whose starting amount ≤ amount, else 0.
 * A payment amount ≤ 0 never earns a negative reward (GREATEST with 0).
 */
export function rawRewardExpression(reward: CampaignReward): Sql {
  switch (reward.type) {
    case 'flat':
      return sql`CAST(${moneyParam(reward.amount)} AS DECIMAL(18,2))`
    case 'percent':
      return sql`CAST(GREATEST(ROUND(amount * CAST(${percentRateParam(reward.percent)} AS DECIMAL(18,6)), 2), 0) AS DECIMAL(18,2))`
    case 'tiers': {
      const branches = [...reward.tiers]
        .reverse()
        .map((t) => sql`WHEN amount >= CAST(${moneyParam(t.minAmount)} AS DECIMAL(18,2)) THEN CAST(${moneyParam(t.reward)} AS DECIMAL(18,2))`)
      return sql`CAST(CASE ${join(branches, ' ')} ELSE 0 END AS DECIMAL(18,2))`
    }
    default: {
      const unknown: never = reward
      throw new Error(`Unknown reward type ${JSON.stringify(unknown)}`)
    }
  }
}
