// The campaign cost of DOMAIN.md §5 as ONE SQL statement: per candidate payment, its reward after
// every rule, in (ts, payment_id) order. Layer: electron/engine.
//
// Inputs (relations passed as fragments, identifiers fixed here):
//   payments(payment_id VARCHAR, user_id VARCHAR, ts TIMESTAMP (UTC), amount DECIMAL(18,2), currency,
//            country, rail, kind, status, counterparty_id, entry_method)
//   fx(date DATE, currency, usd_per_unit DOUBLE) — one row per (date, currency); USD is 1 by definition.
//
// Semantics, in order (ties always broken by ts, then payment_id; payment_id must be unique):
// 1. Eligible: status SUCCESS or REVERSED (see "Reversals" below), ts in [start, end), the
//    countries and eligibility rules (min/max amount inclusive). With unique counterparty, only a
//    user's first eligible payment to each counterparty; payments without a counterparty are out.
// 2. Per user, the first N eligible payments are the candidates (every eligible one without N).
// 3. raw = flat | percent × amount rounded half-up to cents | tier value; then min(raw, per-payment cap).
// 4. Per user, S = running sum of step 3: reward = min(cap, S) − min(cap, S − r). Exact DECIMAL.
// 5. Budget, across all users and countries in (ts, payment_id) order, in integer cents of the
//    budget currency. A reward in another currency is converted at its payment's UTC date:
//      cents_budget = round(cents_local × usd_per_unit(local) / usd_per_unit(budget))   [DOUBLE,
//    round half-up — amounts are ≥ 0], then the same clamp on the global running sum G:
//      spent = min(B, G) − min(B, G − cents_budget).
//    The crossing payment's local reward is converted back the same way (rounded, and never more
//    than its step-4 reward); payments after exhaustion get 0. Exhausted = the first payment where
//    G ≥ B. Missing FX for a candidate's date and currency is reported per row (fx_missing_*),
//    and the caller raises an error — never a silent fallback.
// 6. payout_ts = ts + delay hours.
//    Reversals: the data has a final status per payment and no reversal time. A REVERSED payment
//    succeeded when it was made, so it is eligible and consumes N, the per-user cap and the budget
//    exactly as it did in reality (the reward was granted at payment time). With clawback on we
//    read every reversal as happening before its payout (reversals in the data carry no time, and
//    the payout delay is what clawback exists for), so its final reward is 0 (the budget it
//    consumed stays consumed). With clawback off it keeps its reward.
//    Breakage is applied to totals only (paid cash), never to the accrued per-payment reward.
// 7. Rewarded = final reward > 0.
import { moneyToCents, type Campaign } from '../../../common/domain/campaign'
import { sql, type Sql } from '../db/sql'
import { moneyParam } from './campaignValues'
import { eligibilityCondition } from './eligibilitySql'
import { rawRewardExpression } from './rawRewardSql'

export interface RewardRelations {
  /** A relation with the payments columns above, e.g. ident('payments') or a subquery in parentheses. */
  payments: Sql
  /** A relation with (date, currency, usd_per_unit); needed only with a budget. */
  fx: Sql
}

const ORDER = sql`ts, payment_id`

function uniqueCounterpartyStep(campaign: Campaign): Sql {
  if (!campaign.eligibility.uniqueCounterparty) return sql`SELECT * FROM cb_eligible`
  return sql`SELECT * FROM cb_eligible
    QUALIFY row_number() OVER (PARTITION BY user_id, counterparty_id ORDER BY ${ORDER}) = 1`
}

function firstNStep(campaign: Campaign): Sql {
  const n = campaign.eligibility.maxRewardedPaymentsPerUser
  const numbered = sql`SELECT *, row_number() OVER (PARTITION BY user_id ORDER BY ${ORDER}) AS user_seq FROM cb_unique`
  return n === undefined ? numbered : sql`SELECT * FROM (${numbered}) WHERE user_seq <= ${n}`
}

function perPaymentCap(campaign: Campaign): Sql {
  const cap = campaign.perPaymentCap
  return cap === undefined ? sql`raw_reward` : sql`LEAST(raw_reward, CAST(${moneyParam(cap)} AS DECIMAL(18,2)))`
}

function perUserCapStep(campaign: Campaign): Sql {
  const cap = campaign.perUserCap
  if (cap === undefined) return sql`SELECT *, payment_capped AS user_capped FROM cb_raw`
  const c = sql`CAST(${moneyParam(cap)} AS DECIMAL(18,2))`
  return sql`SELECT *, CAST(LEAST(${c}, s) - LEAST(${c}, s - payment_capped) AS DECIMAL(18,2)) AS user_capped
    FROM (SELECT *, SUM(payment_capped) OVER (PARTITION BY user_id ORDER BY ${ORDER} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS s FROM cb_raw)`
}

/** Adds budget_cents (this payment's claim in budget-currency cents) and the FX it used. */
function budgetClaimStep(campaign: Campaign, relations: RewardRelations): Sql {
  const budget = campaign.budget
  if (budget === undefined) {
    return sql`SELECT *, CAST(user_capped * 100 AS BIGINT) AS local_cents, CAST(NULL AS BIGINT) AS budget_cents,
      CAST(NULL AS DOUBLE) AS usd_local, CAST(NULL AS DOUBLE) AS usd_budget, CAST(NULL AS VARCHAR) AS fx_missing_currency FROM cb_user`
  }
  const bc = budget.currency
  return sql`SELECT *,
      CASE WHEN currency = ${bc} THEN local_cents
           ELSE CAST(round(CAST(local_cents AS DOUBLE) * usd_local / usd_budget) AS BIGINT) END AS budget_cents,
      CASE WHEN currency = ${bc} THEN NULL WHEN usd_local IS NULL THEN currency WHEN usd_budget IS NULL THEN ${bc} END AS fx_missing_currency
    FROM (
      SELECT u.*, CAST(u.user_capped * 100 AS BIGINT) AS local_cents,
        CASE WHEN u.currency = ${'USD'} THEN 1.0 ELSE fl.usd_per_unit END AS usd_local,
        CASE WHEN ${bc} = ${'USD'} THEN 1.0 ELSE fb.usd_per_unit END AS usd_budget
      FROM cb_user AS u
      LEFT JOIN ${relations.fx} AS fl ON fl.date = CAST(u.ts AS DATE) AND fl.currency = u.currency
      LEFT JOIN ${relations.fx} AS fb ON fb.date = CAST(u.ts AS DATE) AND fb.currency = ${bc}
    )`
}

function budgetClampStep(campaign: Campaign): Sql {
  const budget = campaign.budget
  if (budget === undefined) {
    return sql`SELECT *, local_cents AS accrued_cents, CAST(NULL AS BIGINT) AS budget_spent_cents, FALSE AS budget_reached FROM cb_claim`
  }
  const b = sql`CAST(${moneyToCents(budget.amount)} AS BIGINT)`
  return sql`SELECT *,
      CASE WHEN budget_spent_cents = budget_cents THEN local_cents
           WHEN budget_spent_cents = 0 THEN 0
           WHEN currency = ${budget.currency} THEN budget_spent_cents
           ELSE LEAST(local_cents, CAST(round(CAST(budget_spent_cents AS DOUBLE) * usd_budget / usd_local) AS BIGINT)) END AS accrued_cents
    FROM (
      SELECT *, CAST(LEAST(${b}, g) - LEAST(${b}, g - budget_cents) AS BIGINT) AS budget_spent_cents, g >= ${b} AS budget_reached
      FROM (SELECT *, SUM(budget_cents) OVER (ORDER BY ${ORDER} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS g FROM cb_claim)
    )`
}

/** The statement: one row per candidate payment, ordered by (ts, payment_id). */
export function rewardsSql(campaign: Campaign, relations: RewardRelations): Sql {
  const clawback = campaign.clawbackReversals
  return sql`WITH
cb_eligible AS (SELECT payment_id, user_id, ts, amount, currency, country, status, counterparty_id
  FROM ${relations.payments} WHERE ${eligibilityCondition(campaign)}),
cb_unique AS (${uniqueCounterpartyStep(campaign)}),
cb_candidates AS (${firstNStep(campaign)}),
cb_raw AS (SELECT *, CAST(${perPaymentCap(campaign)} AS DECIMAL(18,2)) AS payment_capped
  FROM (SELECT *, ${rawRewardExpression(campaign.reward)} AS raw_reward FROM cb_candidates)),
cb_user AS (${perUserCapStep(campaign)}),
cb_claim AS (${budgetClaimStep(campaign, relations)}),
cb_final AS (${budgetClampStep(campaign)})
SELECT payment_id, user_id, ts, country, currency, CAST(amount AS VARCHAR) AS amount,
  CAST(raw_reward AS VARCHAR) AS raw_reward,
  accrued_cents,
  budget_spent_cents,
  budget_reached,
  (${clawback} AND status = ${'REVERSED'}) AS clawed_back,
  CASE WHEN ${clawback} AND status = ${'REVERSED'} THEN 0 ELSE accrued_cents END AS reward_cents,
  ts + to_hours(CAST(${campaign.payoutDelayHours} AS BIGINT)) AS payout_ts,
  fx_missing_currency
FROM cb_final
ORDER BY ${ORDER}`
}
