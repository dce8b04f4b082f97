// The CANDIDATE stage of DOMAIN.md §5 (steps 1–2): every eligible payment after "unique
// counterparty", limited to the first N per user, numbered, with its local date, arm and FX rates.
// It depends only on the eligibility and N (and scope and data), so it is materialised once and
// reused while only reward terms change (materializeRewards.ts) — from an eligibility's second
// evaluation on; the first reads the same steps as CTEs (candidateTotalsSource). Layer: electron/engine.
//
// Columns: payment_id, user_id, uid (BIGINT, a dense integer key per user_id: cheaper to group
// and count than the text), user_country (BIGINT, one key per (user, country): the per-user cap's
// group), ts (UTC), local_date, country, currency, rail, kind, region,
// entry_method, arm (NULL unless users.arm is mapped), amount DECIMAL(18,2), status, usd_local /
// usd_inr / usd_brl (US$ per unit at the UTC date; usd_local is 1 for USD; NULL when the rate is
// missing). Rows are stored in no order and carry no global rank: a window over every candidate
// in (ts, payment_id) order is the costliest step there is, and the reward stage only needs that
// order inside small subsets (userCapSql.ts, budgetSql.ts).
import type { Campaign } from '../../../common/domain/campaign'
import { join, raw, sql, type Sql } from '../db/sql'
import { armMapped, needsUsers, type CampaignContext, type UserRules } from './campaignContext'
import { eligibilityRules } from './eligibilitySql'
import { TEXT_KEYS } from './rewardsSql'
import { localDateExpression, priorPayersSql, timeZoneJoin, timeZoneTableSql, usersRowSql } from './supportSql'
import type { TotalsSource } from './totalsSql'

/** What the candidate stage joins, decided once so the SQL and the cache key agree. */
export interface CandidatePlan {
  /** Join users before filtering (a users rule applies). */
  usersInFilter: boolean
  /** Join users after filtering, for the arm column only. */
  usersForArm: boolean
  priorPayers: boolean
}

export function candidatePlan(campaign: Campaign, context: CampaignContext, rules: UserRules): CandidatePlan {
  const usersInFilter = needsUsers(rules)
  return { usersInFilter, usersForArm: !usersInFilter && armMapped(context), priorPayers: campaign.eligibility.payerType !== 'all' }
}

/** Step 2: the first N per user in (ts, payment_id) order (everything without N). */
function firstNSql(campaign: Campaign): Sql {
  const n = campaign.eligibility.maxRewardedPaymentsPerUser
  return n === undefined
    ? raw('cb_first AS (SELECT * FROM cb_unique)')
    : sql`cb_first AS (SELECT * FROM cb_unique QUALIFY row_number() OVER (PARTITION BY user_id ORDER BY ts, payment_id) <= CAST(${n} AS BIGINT))`
}

/** CTEs of steps 1–2 (without WITH), ending in cb_first: eligible, unique counterparty, the first N per user. */
function firstCandidatesCtes(campaign: Campaign, context: CampaignContext, rules: UserRules, plan: CandidatePlan): Sql[] {
  const users = context.users
  const ctes: Sql[] = []
  if (plan.usersInFilter && users !== null) ctes.push(sql`cb_users AS (${usersRowSql(campaign, context, users)})`)
  if (plan.priorPayers) ctes.push(sql`cb_prior AS (${priorPayersSql(campaign, context.payments)})`)

  const conditions = eligibilityRules(campaign, rules).map((r) => r.condition)
  if (campaign.eligibility.uniqueCounterparty) conditions.push(raw('counterparty_id IS NOT NULL'))
  const armInFilter = plan.usersInFilter && armMapped(context) ? raw('u_arm') : raw('CAST(NULL AS VARCHAR)')
  ctes.push(sql`cb_eligible AS (
    SELECT payment_id, user_id, ts, amount, currency, country, rail, kind, region, entry_method, status, counterparty_id, ${armInFilter} AS arm
    FROM ${context.payments} AS p
    ${plan.usersInFilter ? raw('LEFT JOIN cb_users ON cb_users.u_user_id = p.user_id') : raw('')}
    ${plan.priorPayers ? raw('LEFT JOIN cb_prior ON cb_prior.prior_user_id = p.user_id') : raw('')}
    WHERE ${join(conditions.map((c) => sql`(${c})`), ' AND ')})`)
  ctes.push(
    campaign.eligibility.uniqueCounterparty
      ? raw('cb_unique AS (SELECT * FROM cb_eligible QUALIFY row_number() OVER (PARTITION BY user_id, counterparty_id ORDER BY ts, payment_id) = 1)')
      : raw('cb_unique AS (SELECT * FROM cb_eligible)'),
  )
  ctes.push(firstNSql(campaign))
  return ctes
}

/** cb_fx_day(fx_date, fx_inr, fx_brl): US$ per unit of each budget currency, per date. */
function fxDaySql(context: CampaignContext): Sql {
  return sql`cb_fx_day AS (SELECT date AS fx_date, max(usd_per_unit) FILTER (WHERE currency = ${'INR'}) AS fx_inr,
      max(usd_per_unit) FILTER (WHERE currency = ${'BRL'}) AS fx_brl FROM ${context.fx} GROUP BY date)`
}

/** The FX columns of a candidate `c` at its UTC date (joins fl and fd, see fxJoins). */
const FX_COLUMNS = raw('CASE WHEN c.currency = \'USD\' THEN 1.0 ELSE fl.usd_per_unit END AS usd_local, fd.fx_inr AS usd_inr, fd.fx_brl AS usd_brl')

function fxJoins(context: CampaignContext): Sql {
  return sql`LEFT JOIN ${context.fx} AS fl ON fl.date = CAST(c.ts AS DATE) AND fl.currency = c.currency
LEFT JOIN cb_fx_day AS fd ON fd.fx_date = CAST(c.ts AS DATE)`
}

/** SELECT of the candidate relation (the caller wraps it in CREATE TABLE … AS). */
export function candidatesSql(campaign: Campaign, context: CampaignContext, rules: UserRules): Sql {
  const plan = candidatePlan(campaign, context, rules)
  const users = context.users
  const ctes: Sql[] = [sql`cb_tz AS (${timeZoneTableSql(context, campaign.countries, campaign.window.start, Date.parse(campaign.window.end))})`]
  ctes.push(...firstCandidatesCtes(campaign, context, rules, plan))
  // uid numbers the candidates' distinct users without sorting them (a NULL user_id gets NULL, as
  // count(DISTINCT user_id) skips it; its user_country is 0 × countries + index, a group of its own);
  // their users row (for the arm only) is looked up once per user, among the candidates' users only.
  ctes.push(raw('cb_keys AS (SELECT DISTINCT user_id AS k_user_id FROM cb_first)'))
  if (plan.usersForArm && users !== null) {
    ctes.push(sql`cb_users AS (${usersRowSql(campaign, context, sql`(SELECT * FROM ${users} SEMI JOIN cb_keys ON cb_keys.k_user_id = user_id)`)})`)
    ctes.push(raw('cb_uid AS (SELECT k_user_id, row_number() OVER () AS uid, u_arm AS k_arm FROM cb_keys LEFT JOIN cb_users ON cb_users.u_user_id = cb_keys.k_user_id)'))
  } else {
    ctes.push(raw('cb_uid AS (SELECT k_user_id, row_number() OVER () AS uid FROM cb_keys)'))
  }
  ctes.push(fxDaySql(context))

  const arm = plan.usersForArm && users !== null ? raw('k.k_arm') : raw('c.arm')
  const countryIndex = sql`CASE c.country ${join(campaign.countries.map((country, i) => sql`WHEN ${country} THEN CAST(${i} AS BIGINT)`), ' ')} END`
  return sql`WITH ${join(ctes)}
SELECT c.payment_id, c.user_id, CAST(k.uid AS BIGINT) AS uid, COALESCE(CAST(k.uid AS BIGINT), 0) * ${campaign.countries.length} + ${countryIndex} AS user_country, c.ts, ${localDateExpression(raw('c.ts'), raw('tz'))} AS local_date, c.country, c.currency, c.rail, c.kind,
  c.region, c.entry_method, ${arm} AS arm, c.amount, c.status, ${FX_COLUMNS}
FROM cb_first AS c
LEFT JOIN cb_uid AS k ON k.k_user_id = c.user_id
${fxJoins(context)}
${timeZoneJoin(raw('tz'), raw('c.country'), raw('c.ts'))}`
}

/**
 * The candidates as the totals read them (totalsSql.ts), straight from the payments: the same
 * steps 1–2, without what only a cached table needs (user numbers, local dates, the arm column).
 * This is a campaign's first evaluation: one statement, like a hand-written query, with nothing
 * written. FX rates are joined only when a budget needs them.
 */
export function candidateTotalsSource(campaign: Campaign, context: CampaignContext, rules: UserRules): TotalsSource {
  const ctes = firstCandidatesCtes(campaign, context, rules, candidatePlan(campaign, context, rules))
  const withFx = campaign.budget !== undefined
  if (withFx) ctes.push(fxDaySql(context))
  ctes.push(sql`cb_cands AS (SELECT c.payment_id, c.user_id, c.ts, c.country, c.currency, c.status, c.amount,
    ${withFx ? FX_COLUMNS : raw('CAST(NULL AS DOUBLE) AS usd_local, CAST(NULL AS DOUBLE) AS usd_inr, CAST(NULL AS DOUBLE) AS usd_brl')}
  FROM cb_first AS c ${withFx ? fxJoins(context) : raw('')})`)
  return { ctes: join(ctes), relation: raw('cb_cands'), columns: raw('*'), keys: TEXT_KEYS }
}
