// The REWARD stage of DOMAIN.md §5 (steps 3–7) over the candidates (candidatesSql.ts, which applied
// steps 1–2: a materialised table, or its CTEs for a first evaluation's totals): raw reward, caps,
// budget, payout, clawback.
// Layer: electron/engine. The per-user cap (userCapSql.ts) and the budget (budgetSql.ts) are
// computed without a window over every candidate; totalsSql.ts aggregates the same CTEs in one pass.
//
// Semantics, in order (ties always broken by ts, then payment_id):
// 1. (candidate stage) Eligible: status SUCCESS or REVERSED (see "Reversals"), ts in [start, end),
//    the countries and eligibility rules (min/max amount inclusive, per country); payer type, account
//    age, arms, segments (eligibilitySql.ts). With unique counterparty, only a user's first eligible
//    payment to each counterparty; payments without a counterparty are out.
// 2. (candidate stage) Per user, the first N eligible payments are the candidates (all without N).
// 3. raw = flat | percent × amount rounded half-up to cents | tier value, with the payment's
//    country's terms (termsFor); then min(raw, that country's per-payment cap).
// 4. Per user AND country (each country's cap is in its own currency), S = running sum of step 3:
//    reward = min(cap, S) − min(cap, S − r). Exact DECIMAL.
// 5. Budget, across all users and countries in (ts, payment_id) order, in integer cents of the
//    budget currency. A reward in another currency is converted at its payment's UTC date:
//      cents_budget = round(cents_local × usd_per_unit(local) / usd_per_unit(budget))   [DOUBLE,
//    round half-up — amounts are ≥ 0], then the same clamp on the global running sum G:
//      spent = min(B, G) − min(B, G − cents_budget).
//    The crossing payment's local reward is converted back the same way (rounded, and never more
//    than its step-4 reward); payments after exhaustion get 0. Exhausted = the first payment where
//    G ≥ B. A missing FX rate for a candidate in another currency is an error (checked by the
//    caller before this runs) — never a silent fallback.
// 6. payout_ts = ts + delay hours; payout_local_date = its local date in the country's zone.
//    Reversals: the data has a final status per payment and no reversal time. A REVERSED payment
//    succeeded when it was made, so it is eligible and consumes N, the per-user cap and the budget
//    exactly as it did in reality (the reward was granted at payment time). With clawback on we
//    read every reversal as happening before its payout (reversals in the data carry no time, and
//    the payout delay is what clawback exists for), so its final reward is 0 (the budget it
//    consumed stays consumed). With clawback off it keeps its reward.
//    Breakage is applied to totals only (paid cash), never to the accrued per-payment reward.
// 7. Rewarded = final reward > 0.
import { moneyToCents, termsFor, type Campaign, type CountryTerms } from '../../../common/domain/campaign'
import { join, raw, sql, type Sql } from '../db/sql'
import { budgetClampCtes, NO_BUDGET_SPENT } from './budgetSql'
import type { CampaignContext } from './campaignContext'
import { moneyParam } from './campaignValues'
import { rawRewardExpression } from './rawRewardSql'
import { localDateExpression, timeZoneJoin, timeZoneTableSql } from './supportSql'
import { userCapCtes } from './userCapSql'

/** Tuning that never changes a result (tests use tiny budget blocks to cross block edges). */
export interface RewardStageOptions {
  /** Seconds of ts per budget block (budgetSql.ts); default BUDGET_BLOCK_SECONDS. */
  budgetBlockSeconds?: number
  /**
   * Where evaluateTotals computes from (evaluateRewards.ts; tests force each): `direct` = one
   * statement from the payments (candidateTotalsSource + totalsSql), `table` = the cached candidate
   * table in DuckDB (totalsSql), `memory` = the candidates held in memory (memory/rewardPass.ts;
   * the table's SQL when they do not fit). Default: chosen by what was evaluated before.
   */
  totalsFrom?: 'direct' | 'table' | 'memory'
  /** The in-memory pass runs in two halves, one on a worker thread, above this many candidates; default SPLIT_PASS_ABOVE (tests: 0). */
  splitPassAbove?: number
}

const decimal = (x: number): Sql => sql`CAST(${moneyParam(x)} AS DECIMAL(18,2))`

/** One expression when every country has the same term, else CASE country (NULL = no term). */
function perCountry<T>(campaign: Campaign, pick: (t: CountryTerms) => T, render: (value: T) => Sql): Sql {
  const terms = campaign.countries.map((c) => termsFor(campaign, c))
  const first = terms[0]
  const same = first !== undefined && terms.every((t) => JSON.stringify(pick(t)) === JSON.stringify(pick(first)))
  if (same) return render(pick(first))
  return sql`CASE country ${join(terms.map((t) => sql`WHEN ${t.country} THEN ${render(pick(t))}`), ' ')} END`
}

function capExpression(campaign: Campaign, pick: (t: CountryTerms) => number | undefined, value: Sql): Sql {
  return perCountry(campaign, pick, (cap) => (cap === undefined ? value : sql`LEAST(${value}, ${decimal(cap)})`))
}

/** The per-user cap of the row's country in cents (NULL where that country has none); null when no country has one. */
function userCapCents(campaign: Campaign): Sql | null {
  const pick = (t: CountryTerms): number | undefined => t.perUserCap
  if (!campaign.countries.some((c) => pick(termsFor(campaign, c)) !== undefined)) return null
  return perCountry(campaign, pick, (cap) => (cap === undefined ? raw('CAST(NULL AS BIGINT)') : sql`CAST(${moneyToCents(cap)} AS BIGINT)`))
}

/** US$ per unit of the budget currency at the payment's date, from the candidate's FX columns. */
export function usdBudget(currency: string): Sql {
  switch (currency) {
    case 'USD':
      return raw('1.0')
    case 'INR':
      return raw('usd_inr')
    case 'BRL':
      return raw('usd_brl')
    default:
      throw new Error(`Unknown budget currency ${currency}`)
  }
}

/** cb_claim (local_cents, budget_cents = the claim in budget-currency cents), cb_spent (the clamp) and cb_final (accrued_cents). */
function budgetCtes(campaign: Campaign, options: RewardStageOptions): Sql {
  const budget = campaign.budget
  if (budget === undefined) {
    return sql`cb_claim AS (SELECT *, CAST(NULL AS BIGINT) AS budget_cents FROM cb_user),
${NO_BUDGET_SPENT},
cb_final AS (SELECT *, local_cents AS accrued_cents FROM cb_spent)`
  }
  const bc = budget.currency
  const b = sql`CAST(${moneyToCents(budget.amount)} AS BIGINT)`
  return sql`cb_claim AS MATERIALIZED (SELECT *, CASE WHEN currency = ${bc} THEN local_cents
           ELSE CAST(round(CAST(local_cents AS DOUBLE) * usd_local / usd_budget) AS BIGINT) END AS budget_cents
      FROM (SELECT *, ${usdBudget(bc)} AS usd_budget FROM cb_user)),
${budgetClampCtes(b, options.budgetBlockSeconds)},
cb_final AS (SELECT *,
      CASE WHEN budget_spent_cents = budget_cents THEN local_cents
           WHEN budget_spent_cents = 0 THEN 0
           WHEN currency = ${bc} THEN budget_spent_cents
           ELSE LEAST(local_cents, CAST(round(CAST(budget_spent_cents AS DOUBLE) * usd_budget / usd_local) AS BIGINT)) END AS accrued_cents
    FROM cb_spent)`
}

/** Raw reward (step 3) and the per-payment cap, as expressions over a candidate row. */
export function rawAndPaymentCapped(campaign: Campaign): { raw: Sql; paymentCapped: Sql } {
  return {
    raw: perCountry(campaign, (t) => t.reward, rawRewardExpression),
    paymentCapped: capExpression(campaign, (t) => t.perPaymentCap, raw('raw_reward')),
  }
}

/** How a candidate relation names a user (for distinct-user counts) and a (user, country) group (the per-user cap's). */
export interface CandidateKeys {
  user: Sql
  userCountry: readonly Sql[]
}

/** A candidate table (candidatesSql.ts): the dense integer keys it numbered. */
export const TABLE_KEYS: CandidateKeys = { user: raw('uid'), userCountry: [raw('user_country')] }

/** Candidates never numbered (candidateTotalsSource in candidatesSql.ts): the text user_id itself. */
export const TEXT_KEYS: CandidateKeys = { user: raw('user_id'), userCountry: [raw('user_id'), raw('country')] }

/** The candidate columns the totals need from a candidate table (totalsSql.ts); the rewards table takes them all. */
export const TOTALS_COLUMNS = raw('payment_id, uid, user_country, ts, country, currency, status, amount, usd_local, usd_inr, usd_brl')

/** Steps 3–4 (raw, caps) over `candidates` (its `columns`), as CTEs cb_raw, cb_pay (pay_cents), cb_user (local_cents; + cb_over). */
function cappedCtes(campaign: Campaign, candidates: Sql, columns: Sql, keys: CandidateKeys): Sql {
  const r = rawAndPaymentCapped(campaign)
  return sql`cb_raw AS (SELECT ${columns}, CAST(${r.raw} AS DECIMAL(18,2)) AS raw_reward FROM ${candidates}),
cb_pay AS (SELECT *, CAST(CAST(${r.paymentCapped} AS DECIMAL(18,2)) * 100 AS BIGINT) AS pay_cents FROM cb_raw),
${userCapCtes(userCapCents(campaign), keys.userCountry)}`
}

/** Steps 3–5 as CTEs ending in cb_final(…, local_cents, budget_cents, budget_spent_cents, budget_reached, accrued_cents). */
export function rewardCtes(campaign: Campaign, candidates: Sql, columns: Sql, keys: CandidateKeys, options: RewardStageOptions = {}): Sql {
  return sql`${cappedCtes(campaign, candidates, columns, keys)},
${budgetCtes(campaign, options)}`
}

/** Step 6: clawed back = clawback on and the payment was reversed. */
export function clawedBackExpression(campaign: Campaign): Sql {
  return sql`(${campaign.clawbackReversals} AND status = ${'REVERSED'})`
}

/**
 * SELECT of the rewards relation (the contract in materializeRewards.ts), one row per candidate
 * payment, in no particular order.
 */
export function rewardsSql(campaign: Campaign, context: CampaignContext, candidates: Sql, options: RewardStageOptions = {}): Sql {
  const delay = campaign.payoutDelayHours
  const lastPayout = Date.parse(campaign.window.end) + delay * 3_600_000
  const clawed = clawedBackExpression(campaign)
  return sql`WITH ${rewardCtes(campaign, candidates, raw('*'), TABLE_KEYS, options)},
cb_tz AS (${timeZoneTableSql(context, campaign.countries, campaign.window.start, lastPayout)}),
cb_out AS (SELECT *, ts + to_hours(CAST(${delay} AS BIGINT)) AS payout_ts FROM cb_final)
SELECT payment_id, user_id, ts, local_date, payout_ts, ${localDateExpression(raw('payout_ts'), raw('tz'))} AS payout_local_date,
  country, currency, rail, kind, region, entry_method, arm, amount, raw_reward,
  local_cents AS capped_cents, accrued_cents, budget_spent_cents, budget_reached,
  ${clawed} AS clawed_back,
  CASE WHEN ${clawed} THEN CAST(0 AS BIGINT) ELSE accrued_cents END AS reward_cents,
  usd_local
FROM cb_out
${timeZoneJoin(raw('tz'), raw('cb_out.country'), raw('payout_ts'))}`
}
