// The campaign totals (RewardTotals) in ONE statement, from a cached candidate table or straight
// from the payments (candidateTotalsSource in candidatesSql.ts): the reward stage's CTEs
// (rewardsSql.ts) feed one GROUP BY GROUPING SETS, so nothing per payment is written.
// The missing-FX check rides along: the first candidate (in (ts, payment_id) order) whose conversion to the
// budget currency lacks a rate. Layer: electron/engine.
import type { Campaign } from '../../../common/domain/campaign'
import { raw, sql, type Sql } from '../db/sql'
import { clawedBackExpression, rewardCtes, TABLE_KEYS, TOTALS_COLUMNS, usdBudget, type CandidateKeys, type RewardStageOptions } from './rewardsSql'

/** What the totals read: a candidate table, or the candidate stage's own CTEs (candidateTotalsSource in candidatesSql.ts). */
export interface TotalsSource {
  /** CTEs defining `relation` (without WITH), or null for a table. */
  ctes: Sql | null
  relation: Sql
  /** The columns taken from it (at least TOTALS_COLUMNS' roles). */
  columns: Sql
  keys: CandidateKeys
}

/** A cached candidate table as a TotalsSource. */
export function tableSource(table: Sql): TotalsSource {
  return { ctes: null, relation: table, columns: TOTALS_COLUMNS, keys: TABLE_KEYS }
}

/** A candidate converted to the budget currency `currency` lacks a rate. */
function missingFx(currency: string): Sql {
  return sql`(currency <> ${currency} AND (usd_local IS NULL OR ${usdBudget(currency)} IS NULL))`
}

/**
 * Rows: one per (country, currency) with total_row = false, and one grand total row (total_row =
 * true, country NULL). Columns: candidates, rewarded_payments, rewarded_users, accrued_cents,
 * clawed_cents, spent_cents (text), exhausted_at, fx_missing_date / fx_missing_currency (total
 * row; NULL when every needed rate is there).
 */
export function totalsSql(campaign: Campaign, source: TotalsSource, options: RewardStageOptions = {}): Sql {
  const clawed = clawedBackExpression(campaign)
  const budget = campaign.budget
  // Without a budget nothing is spent, reached or converted: constants, not aggregates that skip every row.
  const budgetAggregates = budget === undefined
    ? raw(`'0' AS spent_cents, CAST(NULL AS TIMESTAMP) AS exhausted_at, CAST(NULL AS VARCHAR) AS fx_missing_date, CAST(NULL AS VARCHAR) AS fx_missing_currency`)
    : sql`CAST(COALESCE(sum(budget_spent_cents), 0) AS VARCHAR) AS spent_cents,
  min(ts) FILTER (WHERE budget_reached) AS exhausted_at,
  arg_min(CAST(CAST(ts AS DATE) AS VARCHAR), (ts, payment_id)) FILTER (WHERE ${missingFx(budget.currency)}) AS fx_missing_date,
  arg_min(CASE WHEN usd_local IS NULL THEN currency ELSE ${budget.currency} END, (ts, payment_id)) FILTER (WHERE ${missingFx(budget.currency)}) AS fx_missing_currency`
  const ctes = rewardCtes(campaign, source.relation, source.columns, source.keys, options)
  return sql`WITH ${source.ctes === null ? ctes : sql`${source.ctes},
${ctes}`},
cb_rows AS (SELECT ${source.keys.user} AS user_key, ts, payment_id, country, currency, usd_local, usd_inr, usd_brl, accrued_cents, budget_spent_cents, budget_reached,
    ${clawed} AS clawed_back, CASE WHEN ${clawed} THEN CAST(0 AS BIGINT) ELSE accrued_cents END AS reward_cents FROM cb_final)
SELECT grouping(country) = 1 AS total_row, country, currency,
  count(*) AS candidates,
  count(*) FILTER (WHERE reward_cents > 0) AS rewarded_payments,
  count(DISTINCT user_key) FILTER (WHERE reward_cents > 0) AS rewarded_users,
  CAST(COALESCE(sum(reward_cents), 0) AS VARCHAR) AS accrued_cents,
  CAST(COALESCE(sum(accrued_cents) FILTER (WHERE clawed_back), 0) AS VARCHAR) AS clawed_cents,
  ${budgetAggregates}
FROM cb_rows
GROUP BY GROUPING SETS ((country, currency), ())`
}
