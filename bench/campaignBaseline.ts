// The hand-written baseline of the campaign benchmarks: for each of the two campaign shapes, one
// plain DuckDB statement with the semantics of DOMAIN.md §5 as electron/engine/campaigns/
// rewardsSql.ts documents them, written directly (not by the engine's builder), over the tables the
// import created. Values are bound; what changes between re-evaluations is only values.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api'
import { centsToString, moneyToCents, termsFor } from '../common/domain/campaign'
import type { CountryRewardTotals, RewardTotals } from '../common/domain/campaignResult'
import type { BenchCampaign } from './campaignCases'

/** Where the baseline reads: the imported tables, or views over the Parquet files (linked case). */
export interface BaselineTables {
  payments: string
  users: string
  fx: string
}

export const IMPORTED_TABLES: BaselineTables = { payments: 'datasets.payments', users: 'datasets.users', fx: 'datasets.fx_rates' }

/** The account-age join (payment-time age), only when the rule is on. */
function accountAge(on: boolean, t: BaselineTables): string {
  return on ? `JOIN ${t.users} u ON u.user_id = p.user_id AND u.signup_ts <= p.ts - to_days(CAST($min_age_days AS INTEGER))` : ''
}

/**
 * Per country and currency (and a grand total row): candidates, rewarded payments and users,
 * Σ reward, Σ clawed back, Σ budget spent, first exhaustion ts, candidates without FX.
 */
const TOTALS = `
SELECT grouping(country) = 1 AS total_row, country, currency,
  count(*) AS candidates,
  count(*) FILTER (WHERE reward_cents > 0) AS rewarded_payments,
  count(DISTINCT user_id) FILTER (WHERE reward_cents > 0) AS rewarded_users,
  CAST(coalesce(sum(reward_cents), 0) AS VARCHAR) AS accrued_cents,
  CAST(coalesce(sum(accrued_cents) FILTER (WHERE clawed_back), 0) AS VARCHAR) AS clawed_cents,
  CAST(coalesce(sum(spent_cents), 0) AS VARCHAR) AS spent_cents,
  min(ts) FILTER (WHERE budget_reached) AS exhausted_at,
  count(*) FILTER (WHERE fx_missing) AS fx_missing
FROM final
GROUP BY GROUPING SETS ((country, currency), ())`

/** (a) flat reward, unique counterparty, first N per user, no caps or budget. */
function whatsappSql(t: BaselineTables, age: boolean): string {
  return `
WITH eligible AS (
  SELECT p.payment_id, p.user_id, p.ts, p.currency, p.country, p.status
  FROM ${t.payments} p ${accountAge(age, t)}
  WHERE p.status IN ('SUCCESS', 'REVERSED')
    AND p.ts >= CAST($start AS TIMESTAMP) AND p.ts < CAST($end AS TIMESTAMP)
    AND p.country = 'IN' AND p.rail = 'UPI' AND p.kind = 'P2P' AND p.entry_method = 'CONTACT'
    AND p.counterparty_id IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY p.user_id, p.counterparty_id ORDER BY p.ts, p.payment_id) = 1
), candidates AS (
  SELECT * FROM eligible
  QUALIFY row_number() OVER (PARTITION BY user_id ORDER BY ts, payment_id) <= CAST($max_per_user AS BIGINT)
), final AS (
  SELECT *, CAST(CAST($amount AS DECIMAL(18,2)) * 100 AS BIGINT) AS accrued_cents,
    $clawback AND status = 'REVERSED' AS clawed_back,
    CASE WHEN $clawback AND status = 'REVERSED' THEN 0 ELSE CAST(CAST($amount AS DECIMAL(18,2)) * 100 AS BIGINT) END AS reward_cents,
    CAST(NULL AS BIGINT) AS spent_cents, FALSE AS budget_reached, FALSE AS fx_missing
  FROM candidates
)${TOTALS}`
}

/**
 * (b) percent of amount, per-payment cap, per-user cap with remainder (per user and country: each
 * country's cap is in its own currency), budget in global
 * (ts, payment_id) order converted at the payment's UTC date, the crossing payment's remainder.
 */
function percentSql(t: BaselineTables, age: boolean): string {
  return `
WITH candidates AS (
  SELECT p.payment_id, p.user_id, p.ts, p.amount, p.currency, p.country, p.status
  FROM ${t.payments} p ${accountAge(age, t)}
  WHERE p.status IN ('SUCCESS', 'REVERSED')
    AND p.ts >= CAST($start AS TIMESTAMP) AND p.ts < CAST($end AS TIMESTAMP)
    AND p.country IN ('IN', 'BR') AND p.kind = 'P2M'
    AND p.amount >= CAST(CASE p.country WHEN 'IN' THEN $min_amount_in ELSE $min_amount_br END AS DECIMAL(18,2))
), capped AS (
  SELECT *, LEAST(CAST(GREATEST(ROUND(amount * CAST($rate AS DECIMAL(18,6)), 2), 0) AS DECIMAL(18,2)),
                  CAST(CASE country WHEN 'IN' THEN $payment_cap_in ELSE $payment_cap_br END AS DECIMAL(18,2))) AS r,
    CAST(CASE country WHEN 'IN' THEN $user_cap_in ELSE $user_cap_br END AS DECIMAL(18,2)) AS user_cap
  FROM candidates
), user_capped AS (
  SELECT *, CAST(CAST(LEAST(user_cap, s) - LEAST(user_cap, s - r) AS DECIMAL(18,2)) * 100 AS BIGINT) AS local_cents
  FROM (SELECT *, sum(r) OVER (PARTITION BY user_id, country ORDER BY ts, payment_id ROWS UNBOUNDED PRECEDING) AS s FROM capped)
), claims AS (
  SELECT c.*, fl.usd_per_unit AS usd_local, fb.usd_per_unit AS usd_budget,
    CASE WHEN c.currency = $budget_currency THEN c.local_cents
         ELSE CAST(round(CAST(c.local_cents AS DOUBLE) * fl.usd_per_unit / fb.usd_per_unit) AS BIGINT) END AS claim
  FROM user_capped c
  LEFT JOIN ${t.fx} fl ON fl.date = CAST(c.ts AS DATE) AND fl.currency = c.currency
  LEFT JOIN ${t.fx} fb ON fb.date = CAST(c.ts AS DATE) AND fb.currency = $budget_currency
), budgeted AS (
  SELECT *, LEAST($budget_cents, g) - LEAST($budget_cents, g - claim) AS spent_cents, g >= $budget_cents AS budget_reached
  FROM (SELECT *, sum(claim) OVER (ORDER BY ts, payment_id ROWS UNBOUNDED PRECEDING) AS g FROM claims)
), accrued AS (
  SELECT *,
    CASE WHEN spent_cents = claim THEN local_cents
         WHEN spent_cents = 0 THEN 0
         WHEN currency = $budget_currency THEN spent_cents
         ELSE LEAST(local_cents, CAST(round(CAST(spent_cents AS DOUBLE) * usd_budget / usd_local) AS BIGINT)) END AS accrued_cents,
    $clawback AND status = 'REVERSED' AS clawed_back,
    claim IS NULL AS fx_missing
  FROM budgeted
), final AS (
  SELECT *, CASE WHEN clawed_back THEN 0 ELSE accrued_cents END AS reward_cents FROM accrued
)${TOTALS}`
}

const utcText = (iso: string): string => new Date(iso).toISOString().replace('T', ' ').replace('Z', '')
const money = (x: number): string => centsToString(moneyToCents(x))

/** The statement and its values for one campaign of the two shapes above. */
export function baselineStatement(bc: BenchCampaign, tables: BaselineTables = IMPORTED_TABLES): { text: string; values: Record<string, DuckDBValue> } {
  const c = bc.campaign
  const age = bc.minAccountAgeDays !== null
  const common: Record<string, DuckDBValue> = { start: utcText(c.window.start), end: utcText(c.window.end), clawback: c.clawbackReversals, ...(age ? { min_age_days: bc.minAccountAgeDays } : {}) }
  if (bc.id === 'whatsapp') {
    if (c.reward.type !== 'flat') throw new Error('the WhatsApp baseline is for a flat reward')
    return { text: whatsappSql(tables, age), values: { ...common, amount: money(c.reward.amount), max_per_user: c.eligibility.maxRewardedPaymentsPerUser ?? 0 } }
  }
  const india = termsFor(c, 'IN')
  const brazil = termsFor(c, 'BR')
  const terms = [india, brazil]
  if (c.reward.type !== 'percent' || c.budget === undefined || terms.some((t) => t.reward.type !== 'percent' || t.perPaymentCap === undefined || t.perUserCap === undefined)) {
    throw new Error('the percent baseline needs one percent reward, both caps in each country and a budget')
  }
  return {
    text: percentSql(tables, age),
    values: {
      ...common,
      rate: (c.reward.percent / 100).toFixed(6),
      min_amount_in: money(india.minAmount ?? 0),
      min_amount_br: money(brazil.minAmount ?? 0),
      payment_cap_in: money(india.perPaymentCap!),
      payment_cap_br: money(brazil.perPaymentCap!),
      user_cap_in: money(india.perUserCap!),
      user_cap_br: money(brazil.perUserCap!),
      budget_currency: c.budget.currency,
      budget_cents: moneyToCents(c.budget.amount),
    },
  }
}

/** "YYYY-MM-DD HH:MM:SS[.fff]" (UTC) → ISO with milliseconds, as the engine reports it. */
function isoUtc(text: string): string {
  const [date, time = '00:00:00'] = text.split(' ')
  const [hms = '00:00:00', frac = ''] = time.split('.')
  return `${date}T${hms}.${frac.padEnd(3, '0').slice(0, 3)}Z`
}

/** Run the baseline and shape its rows like the engine's RewardTotals (breakage: none in these campaigns). */
export async function runBaseline(conn: DuckDBConnection, bc: BenchCampaign, tables: BaselineTables = IMPORTED_TABLES): Promise<RewardTotals> {
  const { text, values } = baselineStatement(bc, tables)
  const rows = (await conn.runAndReadAll(text, values)).getRowObjectsJson()
  const total = rows.find((r) => r.total_row === true)
  if (total === undefined) throw new Error('the baseline returned no total row')
  if (Number(total.fx_missing) > 0) throw new Error(`the baseline found ${String(total.fx_missing)} candidates without an FX rate`)
  const c = bc.campaign
  if (c.breakageRate !== 0) throw new Error('the baseline does not model breakage')
  const byCountry: CountryRewardTotals[] = rows
    .filter((r) => r.total_row !== true)
    .map((r) => ({
      country: String(r.country),
      currency: String(r.currency),
      candidatePayments: Number(r.candidates),
      rewardedPayments: Number(r.rewarded_payments),
      rewardedUsers: Number(r.rewarded_users),
      accrued: centsToString(BigInt(String(r.accrued_cents))),
      clawedBack: centsToString(BigInt(String(r.clawed_cents))),
      paidCash: centsToString(BigInt(String(r.accrued_cents))),
    }))
    .sort((a, b) => (a.country + a.currency < b.country + b.currency ? -1 : 1))
  return {
    byCountry,
    rewardedPayments: Number(total.rewarded_payments),
    rewardedUsers: Number(total.rewarded_users),
    budget:
      c.budget === undefined
        ? null
        : {
            currency: c.budget.currency,
            amount: centsToString(moneyToCents(c.budget.amount)),
            spent: centsToString(BigInt(String(total.spent_cents))),
            exhaustedAt: total.exhausted_at === null || total.exhausted_at === undefined ? null : isoUtc(String(total.exhausted_at)),
          },
  }
}
