// The campaign totals (RewardTotals) in ONE pass, straight from the candidate table: the reward
// stage's CTEs (rewardsSql.ts) feed one GROUP BY GROUPING SETS, so nothing per payment is written.
// The missing-FX check rides along: the first candidate (in (ts, payment_id) order) whose conversion to the
// budget currency lacks a rate. Layer: electron/engine.
import type { Campaign } from '../../../common/domain/campaign'
import { raw, sql, type Sql } from '../db/sql'
import { clawedBackExpression, rewardCtes, TOTALS_COLUMNS, usdBudget, type RewardStageOptions } from './rewardsSql'

/**
 * Rows: one per (country, currency) with total_row = false, and one grand total row (total_row =
 * true, country NULL). Columns: candidates, rewarded_payments, rewarded_users, accrued_cents,
 * clawed_cents, spent_cents (text), exhausted_at, fx_missing_date / fx_missing_currency (total
 * row; NULL when every needed rate is there).
 */
export function totalsSql(campaign: Campaign, candidates: Sql, options: RewardStageOptions = {}): Sql {
  const clawed = clawedBackExpression(campaign)
  const budget = campaign.budget
  const missing = budget === undefined
    ? raw('FALSE')
    : sql`(currency <> ${budget.currency} AND (usd_local IS NULL OR ${usdBudget(budget.currency)} IS NULL))`
  const missingCurrency = budget === undefined ? raw('CAST(NULL AS VARCHAR)') : sql`CASE WHEN usd_local IS NULL THEN currency ELSE ${budget.currency} END`
  return sql`WITH ${rewardCtes(campaign, candidates, TOTALS_COLUMNS, options)},
cb_rows AS (SELECT uid, ts, payment_id, country, currency, usd_local, usd_inr, usd_brl, accrued_cents, budget_spent_cents, budget_reached,
    ${clawed} AS clawed_back, CASE WHEN ${clawed} THEN CAST(0 AS BIGINT) ELSE accrued_cents END AS reward_cents FROM cb_final)
SELECT grouping(country) = 1 AS total_row, country, currency,
  count(*) AS candidates,
  count(*) FILTER (WHERE reward_cents > 0) AS rewarded_payments,
  count(DISTINCT uid) FILTER (WHERE reward_cents > 0) AS rewarded_users,
  CAST(COALESCE(sum(reward_cents), 0) AS VARCHAR) AS accrued_cents,
  CAST(COALESCE(sum(accrued_cents) FILTER (WHERE clawed_back), 0) AS VARCHAR) AS clawed_cents,
  CAST(COALESCE(sum(budget_spent_cents), 0) AS VARCHAR) AS spent_cents,
  min(ts) FILTER (WHERE budget_reached) AS exhausted_at,
  arg_min(CAST(CAST(ts AS DATE) AS VARCHAR), (ts, payment_id)) FILTER (WHERE ${missing}) AS fx_missing_date,
  arg_min(${missingCurrency}, (ts, payment_id)) FILTER (WHERE ${missing}) AS fx_missing_currency
FROM cb_rows
GROUP BY GROUPING SETS ((country, currency), ())`
}
