// Evaluate a campaign's per-payment rewards and totals (DOMAIN.md §5) from its materialised
// rewards table (materializeRewards.ts). Layer: electron/engine. This file shapes the DTOs.
import { centsToString, moneyToCents, type Campaign } from '../../../common/domain/campaign'
import type { CountryRewardTotals, PaymentReward, RewardsResult, RewardTotals } from '../../../common/domain/campaignResult'
import type { JsonRow, Queryable } from '../db/database'
import { sql, type Sql } from '../db/sql'
import { EngineError } from '../engineError'
import type { CampaignContextInput } from './campaignContext'
import { afterBreakage as paidCash, centsOf as cents, isoUtc } from './evaluation/rewardCells'
import { candidateColumns, peekCandidateColumns } from './memory/columnCache'
import type { CandidateColumns } from './memory/candidateColumns'
import { rewardPass } from './memory/rewardPass'
import { candidateTotalsSource } from './candidatesSql'
import { candidateStage, materializeCandidates, materializeRewards, missingFxError } from './materializeRewards'
import type { RewardStageOptions } from './rewardsSql'
import { markSeen, seenBefore } from './stageCache'
import { tableSource, totalsSql } from './totalsSql'

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

/** Per-payment rewards and totals (tests and small evaluations: every candidate crosses to JS). */
export async function evaluateRewards(db: Queryable, campaign: Campaign, context: CampaignContextInput, options: RewardStageOptions = {}): Promise<RewardsResult> {
  return rewardsOfTable(db, campaign, await materializeRewards(db, campaign, context, options))
}

/** Per-payment rewards and totals of a rewards table (materializeRewards). */
export async function rewardsOfTable(db: Queryable, campaign: Campaign, table: Sql): Promise<RewardsResult> {
  const rows = await db.rows(sql`SELECT payment_id, user_id, ts, country, currency, CAST(amount AS VARCHAR) AS amount, CAST(raw_reward AS VARCHAR) AS raw_reward,
      accrued_cents, budget_spent_cents, clawed_back, reward_cents, payout_ts FROM ${table} ORDER BY ts, payment_id`)
  return { payments: rows.map(toPaymentReward), totals: await rewardTotals(db, campaign, table) }
}

/**
 * Totals only, without writing a per-payment table, from the cheapest place that has what they need:
 * - candidates already in memory: one loop over them (memory/rewardPass.ts);
 * - the first evaluation of an eligibility (nothing cached): ONE statement straight from the payments
 *   (candidateTotalsSource + totalsSql), with nothing written — a one-shot evaluation costs what a
 *   hand-written query does;
 * - from the second on — a change of reward terms, as the analyst iterates — the candidate table is
 *   built (or found: evaluateCampaign builds it too) and loaded into memory once (memory/columnCache.ts),
 *   then the loop; candidates too many to hold are aggregated from the table in DuckDB (totalsSql).
 * `options.totalsFrom` forces one of the three (tests). A missing FX rate for a candidate that needs
 * converting to the budget currency is NOT_FOUND naming it.
 */
export async function evaluateTotals(db: Queryable, campaign: Campaign, context: CampaignContextInput, options: RewardStageOptions = {}): Promise<RewardTotals> {
  const from = options.totalsFrom
  const stage = candidateStage(campaign, context)
  if (from === undefined || from === 'memory') {
    // Held in memory: no stage-cache bookkeeping either (a few statements, 5–30 ms; the DuckDB
    // table's last-used stamp then lags, which only affects which table is evicted first).
    const held = await peekCandidateColumns(db, stage.name)?.catch(() => null)
    if (held !== undefined && held !== null) {
      markSeen(db, stage.name)
      return totalsInMemory(campaign, held, options)
    }
  }
  if (from === 'direct' || (from === undefined && !seenBefore(db, stage.name))) {
    const totals = await totalsOfSql(db, campaign, totalsSql(campaign, candidateTotalsSource(campaign, stage.context, stage.rules), options))
    // Only an answer counts: a cancelled or failed statement leaves the eligibility new.
    markSeen(db, stage.name)
    return totals
  }
  const candidates = await materializeCandidates(db, campaign, context)
  const columns = from === 'table' ? null : await candidateColumns(db, campaign, candidates.name, candidates.table)
  if (columns !== null) return totalsInMemory(campaign, columns, options)
  return totalsOfSql(db, campaign, totalsSql(campaign, tableSource(candidates.table), options))
}

/** RewardTotals from a totalsSql statement; its missing-FX columns become NOT_FOUND. */
async function totalsOfSql(db: Queryable, campaign: Campaign, statement: Sql): Promise<RewardTotals> {
  const rows = await db.rows(statement)
  const total = rows.find((r) => r.total_row === true)
  if (total === undefined) throw new EngineError('INTERNAL', 'The campaign totals query returned no total row.')
  if (total.fx_missing_date !== null && total.fx_missing_date !== undefined) {
    throw missingFxError(campaign, String(total.fx_missing_date), String(total.fx_missing_currency))
  }
  return totalsFromRows(campaign, rows)
}

async function totalsInMemory(campaign: Campaign, columns: CandidateColumns, options: RewardStageOptions): Promise<RewardTotals> {
  const pass = await rewardPass(campaign, columns, options.splitPassAbove)
  if (pass.missingFx !== null) throw missingFxError(campaign, pass.missingFx.date, pass.missingFx.currency)
  return totalsFromRows(campaign, pass.rows)
}

/**
 * The designer's quick estimate: the totals from candidates already in memory (prepareEstimates
 * put them there after an evaluation of the same eligibility), in milliseconds and without
 * touching DuckDB's tables; null when they are not in memory (or a rate is missing: the full
 * evaluation reports that).
 */
export async function estimateTotals(db: Queryable, campaign: Campaign, context: CampaignContextInput): Promise<RewardTotals | null> {
  const columns = peekCandidateColumns(db, candidateStage(campaign, context).name)
  if (columns === undefined) return null
  const loaded = await columns.catch(() => null)
  if (loaded === null) return null
  markSeen(db, candidateStage(campaign, context).name)
  const pass = await rewardPass(campaign, loaded)
  return pass.missingFx === null ? totalsFromRows(campaign, pass.rows) : null
}

/**
 * True when this campaign's eligibility was never evaluated in this DuckDB instance (nothing of it
 * is cached or held); evaluateTotals' answer or a built candidate table changes that.
 */
export function neverEvaluated(db: Queryable, campaign: Campaign, context: CampaignContextInput): boolean {
  return !seenBefore(db, candidateStage(campaign, context).name)
}

/**
 * Load this campaign's candidates into memory for estimateTotals (builds the candidate table if
 * needed); nothing to do, not even the stage cache's bookkeeping, when they are there already.
 */
export async function prepareEstimates(db: Queryable, campaign: Campaign, context: CampaignContextInput): Promise<void> {
  if (peekCandidateColumns(db, candidateStage(campaign, context).name) !== undefined) return
  const candidates = await materializeCandidates(db, campaign, context)
  await candidateColumns(db, campaign, candidates.name, candidates.table)
}

/** Totals of a rewards table (materializeRewards), in one pass. */
export async function rewardTotals(db: Queryable, campaign: Campaign, table: Sql): Promise<RewardTotals> {
  return totalsFromRows(campaign, await db.rows(sql`SELECT grouping(country) = 1 AS total_row, country, currency, count(*) AS candidates,
      count(*) FILTER (WHERE reward_cents > 0) AS rewarded_payments,
      count(DISTINCT user_id) FILTER (WHERE reward_cents > 0) AS rewarded_users,
      CAST(COALESCE(sum(reward_cents), 0) AS VARCHAR) AS accrued_cents,
      CAST(COALESCE(sum(accrued_cents) FILTER (WHERE clawed_back), 0) AS VARCHAR) AS clawed_cents,
      CAST(COALESCE(sum(budget_spent_cents), 0) AS VARCHAR) AS spent_cents,
      min(ts) FILTER (WHERE budget_reached) AS exhausted_at
    FROM ${table} GROUP BY GROUPING SETS ((country, currency), ())`))
}

/** RewardTotals from per-(country, currency) rows plus the grand total row (total_row). */
function totalsFromRows(campaign: Campaign, rows: JsonRow[]): RewardTotals {
  const overall = rows.find((r) => r.total_row === true)
  if (overall === undefined) throw new EngineError('INTERNAL', 'The campaign totals query returned no total row.')
  const byCountry: CountryRewardTotals[] = rows
    .filter((r) => r.total_row !== true)
    .sort((a, b) => compareText(String(a.country), String(b.country)) || compareText(String(a.currency), String(b.currency)))
    .map((r) => {
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

/** Byte order, as DuckDB's ORDER BY on VARCHAR. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
