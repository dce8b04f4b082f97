// The campaign funnel: payments remaining after each rule of DOMAIN.md §5, in that order (rules
// not in use are omitted). Eligibility rules are counted in ONE scan of the payments (cumulative
// FILTER counts, users joined only when a users rule needs them), cached with the candidate
// table; the later steps are counted on the candidate and rewards tables. Layer: electron/engine.
import type { Campaign } from '../../../common/domain/campaign'
import type { FunnelRule, FunnelStep } from '../../../common/domain/campaignResult'
import type { Queryable } from '../db/database'
import { ident, join, raw, sql, type Sql } from '../db/sql'
import { EngineError } from '../engineError'
import { needsUsers, type CampaignContextInput } from './campaignContext'
import { eligibilityRules, successfulInWindow } from './eligibilitySql'
import { materializeStages, type Candidates } from './materializeRewards'
import { cachedValue } from './stageCache'
import { priorPayersSql, usersRowSql } from './supportSql'

interface Count {
  rule: FunnelRule
  label: string
  remaining: number
}

/** One scan: all payments, then cumulative counts of the eligibility rules (up to segments). */
async function eligibilityCounts(db: Queryable, campaign: Campaign, candidates: Candidates): Promise<{ total: number; counts: Count[]; uniqueCounterparty: number | null }> {
  const { context, rules: userRules } = candidates
  const rules = eligibilityRules(campaign, userRules)
  const [first, ...rest] = rules
  if (first === undefined || first.rule !== 'successfulInWindow') throw new EngineError('INTERNAL', 'The funnel must start with the successful payments in the window.')
  const withUsers = needsUsers(userRules) && context.users !== null
  const withPrior = campaign.eligibility.payerType !== 'all'
  const ctes: Sql[] = []
  if (withUsers && context.users !== null) ctes.push(sql`cb_users AS (${usersRowSql(campaign, context, context.users)})`)
  if (withPrior) ctes.push(sql`cb_prior AS (${priorPayersSql(campaign, context.payments)})`)
  // Cumulative: step i counts the rows passing rules 1..i (the first is the WHERE).
  const filters = rest.map((_, i) => sql`count(*) FILTER (WHERE ${join(rest.slice(0, i + 1).map((r) => sql`(${r.condition})`), ' AND ')}) AS ${ident(`r${i + 1}`)}`)
  // Unique counterparty keeps one payment per (user, counterparty) pair: count the pairs (the
  // candidate table holds only the first N per user).
  if (campaign.eligibility.uniqueCounterparty) {
    filters.push(sql`count(DISTINCT (user_id, counterparty_id)) FILTER (WHERE ${join([...rest.map((r) => sql`(${r.condition})`), raw('counterparty_id IS NOT NULL')], ' AND ')}) AS unique_cp`)
  }
  const [row] = await db.rows(sql`${ctes.length > 0 ? sql`WITH ${join(ctes)} ` : raw('')}SELECT
      (SELECT count(*) FROM ${context.payments}) AS total, count(*) AS r0${filters.length > 0 ? sql`, ${join(filters)}` : raw('')}
    FROM ${context.payments} AS p
    ${withUsers ? raw('LEFT JOIN cb_users ON cb_users.u_user_id = p.user_id') : raw('')}
    ${withPrior ? raw('LEFT JOIN cb_prior ON cb_prior.prior_user_id = p.user_id') : raw('')}
    WHERE ${successfulInWindow(campaign)}`)
  if (row === undefined) throw new EngineError('INTERNAL', 'The funnel query returned no row.')
  return {
    total: Number(row.total),
    counts: rules.map((r, i) => ({ rule: r.rule, label: r.label, remaining: Number(row[`r${i}`]) })),
    uniqueCounterparty: campaign.eligibility.uniqueCounterparty ? Number(row.unique_cp) : null,
  }
}

/**
 * Unique counterparty (counted in the eligibility scan), first N (the candidates: one rewards row
 * each) and "reward after caps" (the rewards table keeps the capped reward before the budget).
 */
async function candidateCounts(db: Queryable, campaign: Campaign, rewards: Sql, uniqueCounterparty: number | null): Promise<Count[]> {
  const [row] = await db.rows(sql`SELECT count(*) AS first_n, count(*) FILTER (WHERE capped_cents > 0) AS after_caps FROM ${rewards}`)
  if (row === undefined) throw new EngineError('INTERNAL', 'The funnel query returned no row.')
  const out: Count[] = []
  if (uniqueCounterparty !== null) out.push({ rule: 'uniqueCounterparty', label: 'First payment to each counterparty', remaining: uniqueCounterparty })
  const n = campaign.eligibility.maxRewardedPaymentsPerUser
  if (n !== undefined) out.push({ rule: 'firstN', label: `First ${n} payment${n === 1 ? '' : 's'} per user`, remaining: Number(row.first_n) })
  out.push({ rule: 'rewardAfterCaps', label: 'Reward above zero after the caps', remaining: Number(row.after_caps) })
  return out
}

async function rewardCounts(db: Queryable, campaign: Campaign, rewards: Sql): Promise<Count[]> {
  if (campaign.budget === undefined && !campaign.clawbackReversals) return []
  const [row] = await db.rows(sql`SELECT count(*) FILTER (WHERE accrued_cents > 0) AS budget, count(*) FILTER (WHERE reward_cents > 0) AS clawback FROM ${rewards}`)
  if (row === undefined) throw new EngineError('INTERNAL', 'The funnel query returned no row.')
  const out: Count[] = []
  if (campaign.budget !== undefined) out.push({ rule: 'budget', label: 'Rewarded before the budget ran out', remaining: Number(row.budget) })
  if (campaign.clawbackReversals) out.push({ rule: 'clawback', label: 'Not clawed back (not reversed)', remaining: Number(row.clawback) })
  return out
}

/**
 * Payments remaining after each rule in DOMAIN.md §5 order (FUNNEL_RULES), with how many each
 * removed; the first step's `removed` counts every other payment (failed, outside the window).
 */
export async function campaignFunnel(db: Queryable, campaign: Campaign, context: CampaignContextInput): Promise<FunnelStep[]> {
  const { candidates, rewards } = await materializeStages(db, campaign, context)
  const scan = await cachedValue(db, `${candidates.name}|funnel`, () => eligibilityCounts(db, campaign, candidates))
  const counts = [...scan.counts, ...(await candidateCounts(db, campaign, rewards, scan.uniqueCounterparty)), ...(await rewardCounts(db, campaign, rewards))]
  let previous = scan.total
  return counts.map((c) => {
    const step: FunnelStep = { rule: c.rule, label: c.label, remaining: c.remaining, removed: previous - c.remaining }
    previous = c.remaining
    return step
  })
}
