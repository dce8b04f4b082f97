// Materialise a campaign's per-payment rewards as a table, in two cached stages: candidates (per
// eligibility, N, scope and data version) and rewards (per full campaign). Changing only a reward
// term (reward, caps, budget, payout delay, clawback) reuses the candidates. Layer: electron/engine.
//
// The rewards table (one row per candidate payment = eligible and within the first N per user):
//   payment_id VARCHAR, user_id VARCHAR, ts TIMESTAMP (UTC), local_date DATE (in the country's zone),
//   payout_ts TIMESTAMP (UTC), payout_local_date DATE, country, currency, rail, kind, region,
//   entry_method, arm (NULL unless users.arm is mapped), amount DECIMAL(18,2), raw_reward DECIMAL(18,2),
//   capped_cents BIGINT (after the per-payment and per-user caps, before the budget),
//   accrued_cents BIGINT (after caps and budget, before clawback), budget_spent_cents BIGINT (NULL
//   without budget), budget_reached BOOLEAN, clawed_back BOOLEAN, reward_cents BIGINT (final),
//   usd_local DOUBLE (US$ per unit of the local currency at the UTC date; 1 for USD; NULL if missing).
import { termsFor, type Campaign } from '../../../common/domain/campaign'
import type { Queryable } from '../db/database'
import { sql, type Sql } from '../db/sql'
import { EngineError } from '../engineError'
import { checkUserRules, resolveContext, type CampaignContext, type CampaignContextInput, type UserRules } from './campaignContext'
import { candidatePlan, candidatesSql } from './candidatesSql'
import { rewardsSql, usdBudget, type RewardStageOptions } from './rewardsSql'
import { cachedTable, markSeen, stageKey } from './stageCache'

export interface Candidates {
  /** cb_cache."cand_…" */
  table: Sql
  /** Its cache name (also the key prefix of values cached with it). */
  name: string
  context: CampaignContext
  rules: UserRules
}

/** Everything the candidate stage depends on. */
function candidateKeyParts(campaign: Campaign, context: CampaignContext, rules: UserRules): unknown {
  const e = campaign.eligibility
  const text = (q: Sql | null) => (q === null ? null : [q.text, q.params.map(String)])
  return {
    data: context.dataVersion,
    relations: [text(context.payments), text(context.users), text(context.fx)],
    users: [context.usersColumns, context.mappedUserFields],
    zones: campaign.countries.map((c) => context.timeZones[c] ?? null),
    plan: candidatePlan(campaign, context, rules),
    countries: campaign.countries,
    window: [Date.parse(campaign.window.start), Date.parse(campaign.window.end)],
    rules: [e.rails, e.kinds, e.entryMethods, e.uniqueCounterparty, e.payerType, e.minAccountAgeDays ?? null, rules.arms, e.segments],
    amounts: campaign.countries.map((c) => [termsFor(campaign, c).minAmount ?? null, termsFor(campaign, c).maxAmount ?? null]),
    n: e.maxRewardedPaymentsPerUser ?? null,
  }
}

/** The cache name of the candidate table for this campaign's eligibility and scope (nothing is built). */
export function candidateStage(campaign: Campaign, input: CampaignContextInput): { name: string; context: CampaignContext; rules: UserRules } {
  const context = resolveContext(input)
  const rules = checkUserRules(campaign, context)
  return { name: stageKey('cand', candidateKeyParts(campaign, context, rules)), context, rules }
}

/** The candidate table for this campaign's eligibility and scope (built on first use). */
export async function materializeCandidates(db: Queryable, campaign: Campaign, input: CampaignContextInput): Promise<Candidates> {
  const { name, context, rules } = candidateStage(campaign, input)
  // Seen now: the next evaluateTotals of this eligibility reads this table instead of the payments.
  markSeen(db, name)
  const { table } = await cachedTable(db, 'cand', name, context.dataVersion, () => candidatesSql(campaign, context, rules))
  return { table, name, context, rules }
}

/** Reward-stage terms (everything else comes from the candidates). Breakage only touches totals. */
function rewardKeyParts(campaign: Campaign, candidates: string): unknown {
  return {
    candidates,
    terms: campaign.countries.map((c) => termsFor(campaign, c)),
    budget: campaign.budget ?? null,
    delay: campaign.payoutDelayHours,
    clawback: campaign.clawbackReversals,
  }
}

/** NOT_FOUND naming the date and currency whose FX rate is missing. */
export function missingFxError(campaign: Campaign, date: string, currency: string): EngineError {
  const bc = campaign.budget?.currency ?? ''
  return new EngineError('NOT_FOUND', `There is no FX rate for ${currency} on ${date} (needed to convert rewards to the budget currency ${bc}). Add it to the FX rates.`, {
    details: { date, currency },
  })
}

/** A candidate in another currency than the budget's without an FX rate: NOT_FOUND naming it. */
async function assertFxPresent(db: Queryable, campaign: Campaign, candidates: Sql): Promise<void> {
  const budget = campaign.budget
  if (budget === undefined) return
  const bc = budget.currency
  const [missing] = await db.rows(sql`SELECT CAST(CAST(ts AS DATE) AS VARCHAR) AS date, CASE WHEN usd_local IS NULL THEN currency ELSE ${bc} END AS currency
    FROM ${candidates} WHERE currency <> ${bc} AND (usd_local IS NULL OR ${usdBudget(bc)} IS NULL)
    ORDER BY ts, payment_id LIMIT 1`)
  if (missing !== undefined) throw missingFxError(campaign, String(missing.date), String(missing.currency))
}

/**
 * The rewards table of `campaign` (see the header for its columns), built from cached candidates.
 * Aggregate it before materialising many other campaigns: only the 4 most recently used rewards
 * tables are kept (and 4 candidate tables).
 */
export async function materializeRewards(db: Queryable, campaign: Campaign, input: CampaignContextInput, options: RewardStageOptions = {}): Promise<Sql> {
  return (await materializeStages(db, campaign, input, options)).rewards
}

/** Both stages: the candidates (for the funnel and the gaming signal's control arm) and the rewards. */
export async function materializeStages(db: Queryable, campaign: Campaign, input: CampaignContextInput, options: RewardStageOptions = {}): Promise<{ rewards: Sql; candidates: Candidates }> {
  const candidates = await materializeCandidates(db, campaign, input)
  const name = stageKey('rew', rewardKeyParts(campaign, candidates.name))
  // The FX check runs when the table is built; a cached table passed it on the same data.
  const { table } = await cachedTable(db, 'rew', name, candidates.context.dataVersion, async () => {
    await assertFxPresent(db, campaign, candidates.table)
    return rewardsSql(campaign, candidates.context, candidates.table, options)
  })
  return { rewards: table, candidates }
}
