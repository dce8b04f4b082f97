// Evaluate a campaign's per-payment rewards and totals on a payments relation (DOMAIN.md §5).
// Layer: electron/engine. The SQL is in rewardsSql.ts; this file runs it and shapes the DTO.
import { centsToString, moneyToCents, type Campaign } from '../../../common/domain/campaign'
import type { CountryRewardTotals, PaymentReward, RewardsResult, RewardTotals } from '../../../common/domain/campaignResult'
import type { JsonCell, JsonRow, Queryable } from '../db/database'
import { sql, type Sql } from '../db/sql'
import { EngineError } from '../engineError'
import { breakageBasisPoints } from './campaignValues'
import { rewardsSql, type RewardRelations } from './rewardsSql'

/** DuckDB's JSON rows carry TIMESTAMP as "YYYY-MM-DD HH:MM:SS[.fff…]" (UTC here). */
function isoUtc(cell: JsonCell): string {
  const text = String(cell)
  const [date, time = '00:00:00'] = text.split(' ')
  const [hms = '00:00:00', frac = ''] = time.split('.')
  return `${date}T${hms}.${frac.padEnd(3, '0').slice(0, 3)}Z`
}

function cents(cell: JsonCell): bigint {
  return cell === null ? 0n : BigInt(String(cell))
}

function toPaymentReward(row: JsonRow): PaymentReward {
  return {
    paymentId: String(row.payment_id),
    userId: String(row.user_id),
    ts: isoUtc(row.ts ?? null),
    country: String(row.country),
    currency: String(row.currency),
    amount: String(row.amount),
    rawReward: String(row.raw_reward),
    accruedBeforeClawback: centsToString(cents(row.accrued_cents ?? null)),
    budgetSpent: row.budget_spent_cents === null || row.budget_spent_cents === undefined ? null : centsToString(cents(row.budget_spent_cents)),
    clawedBack: row.clawed_back === true,
    reward: centsToString(cents(row.reward_cents ?? null)),
    payoutTs: isoUtc(row.payout_ts ?? null),
  }
}

/** Accrued × (1 − breakage), half-up to cents, in exact integer arithmetic. */
function paidCash(accruedCents: bigint, breakageRate: number): bigint {
  const keep = BigInt(10_000 - breakageBasisPoints(breakageRate))
  return (accruedCents * keep + 5_000n) / 10_000n
}

/** Per-payment rewards and totals (tests and small evaluations: every candidate crosses to JS). */
export async function evaluateRewards(db: Queryable, campaign: Campaign, relations: RewardRelations): Promise<RewardsResult> {
  const statement = rewardsSql(campaign, relations)
  await assertFxPresent(db, campaign, statement)
  const rows = await db.rows(statement)
  return { payments: rows.map(toPaymentReward), totals: await totalsOf(db, campaign, statement) }
}

/** Totals only, computed in DuckDB: what the app and the CLI ask for on real data. */
export async function evaluateTotals(db: Queryable, campaign: Campaign, relations: RewardRelations): Promise<RewardTotals> {
  const statement = rewardsSql(campaign, relations)
  await assertFxPresent(db, campaign, statement)
  return totalsOf(db, campaign, statement)
}

async function assertFxPresent(db: Queryable, campaign: Campaign, statement: Sql): Promise<void> {
  const [missing] = await db.rows(sql`SELECT ts, fx_missing_currency FROM (${statement}) WHERE fx_missing_currency IS NOT NULL ORDER BY ts, payment_id LIMIT 1`)
  if (missing === undefined) return
  const date = isoUtc(missing.ts ?? null).slice(0, 10)
  const currency = String(missing.fx_missing_currency)
  throw new EngineError('NOT_FOUND', `There is no FX rate for ${currency} on ${date} (needed to convert rewards to the budget currency ${campaign.budget?.currency ?? ''}). Add it to the FX rates.`, {
    details: { date, currency },
  })
}

async function totalsOf(db: Queryable, campaign: Campaign, statement: Sql): Promise<RewardTotals> {
  const byCountryRows = await db.rows(sql`SELECT country, currency, count(*) AS candidates,
      count(*) FILTER (WHERE reward_cents > 0) AS rewarded_payments,
      count(DISTINCT user_id) FILTER (WHERE reward_cents > 0) AS rewarded_users,
      CAST(COALESCE(sum(reward_cents), 0) AS VARCHAR) AS accrued_cents,
      CAST(COALESCE(sum(accrued_cents) FILTER (WHERE clawed_back), 0) AS VARCHAR) AS clawed_cents
    FROM (${statement}) GROUP BY country, currency ORDER BY country, currency`)
  const [overall] = await db.rows(sql`SELECT count(*) FILTER (WHERE reward_cents > 0) AS rewarded_payments,
      count(DISTINCT user_id) FILTER (WHERE reward_cents > 0) AS rewarded_users,
      CAST(COALESCE(sum(budget_spent_cents), 0) AS VARCHAR) AS spent_cents,
      min(ts) FILTER (WHERE budget_reached) AS exhausted_at
    FROM (${statement})`)
  if (overall === undefined) throw new EngineError('INTERNAL', 'The campaign totals query returned no row.')

  const byCountry: CountryRewardTotals[] = byCountryRows.map((r) => {
    const accrued = cents(r.accrued_cents ?? null)
    return {
      country: String(r.country),
      currency: String(r.currency),
      candidatePayments: Number(r.candidates),
      rewardedPayments: Number(r.rewarded_payments),
      rewardedUsers: Number(r.rewarded_users),
      accrued: centsToString(accrued),
      clawedBack: centsToString(cents(r.clawed_cents ?? null)),
      paidCash: centsToString(paidCash(accrued, campaign.breakageRate)),
    }
  })
  const budget = campaign.budget
  return {
    byCountry,
    rewardedPayments: Number(overall.rewarded_payments),
    rewardedUsers: Number(overall.rewarded_users),
    budget:
      budget === undefined
        ? null
        : {
            currency: budget.currency,
            amount: centsToString(moneyToCents(budget.amount)),
            spent: centsToString(cents(overall.spent_cents ?? null)),
            exhaustedAt: overall.exhausted_at === null || overall.exhausted_at === undefined ? null : isoUtc(overall.exhausted_at),
          },
  }
}
