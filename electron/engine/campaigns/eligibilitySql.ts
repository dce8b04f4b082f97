// Step 1 of DOMAIN.md §5 as a WHERE condition over the payments relation: status, window,
// countries and the eligibility rules. Layer: electron/engine.
import type { Campaign } from '../../../common/domain/campaign'
import { join, raw, sql, type Sql } from '../db/sql'
import { moneyParam, windowParams } from './campaignValues'

/** `column IN (?, ?, …)` for a non-empty list, or nothing for an empty one (= any). */
function inList(column: Sql, values: readonly string[]): Sql[] {
  if (values.length === 0) return []
  return [sql`${column} IN (${join(values.map((v) => sql`${v}`))})`]
}

/**
 * SUCCESS and REVERSED payments are both "successful at payment time": a reversal happens later
 * (see rewardsSql.ts for how clawback treats them). FAILED and anything else never qualify.
 */
export function eligibilityCondition(campaign: Campaign): Sql {
  const window = windowParams(campaign)
  const e = campaign.eligibility
  const parts: Sql[] = [
    sql`status IN (${'SUCCESS'}, ${'REVERSED'})`,
    sql`ts >= CAST(${window.start} AS TIMESTAMP)`,
    sql`ts < CAST(${window.end} AS TIMESTAMP)`,
    ...inList(raw('country'), campaign.countries),
    ...inList(raw('rail'), e.rails),
    ...inList(raw('kind'), e.kinds),
    ...inList(raw('entry_method'), e.entryMethods),
  ]
  if (e.minAmount !== undefined) parts.push(sql`amount >= CAST(${moneyParam(e.minAmount)} AS DECIMAL(18,2))`)
  if (e.maxAmount !== undefined) parts.push(sql`amount <= CAST(${moneyParam(e.maxAmount)} AS DECIMAL(18,2))`)
  if (e.uniqueCounterparty) parts.push(sql`counterparty_id IS NOT NULL`)
  return join(parts, ' AND ')
}
