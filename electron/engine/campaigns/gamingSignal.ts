// Gaming signal: do rewarded payments bunch just above the minimum amount, compared with what the
// control arm pays under the same rules? Per country. Layer: electron/engine.
//
// minimum = the country's minimum amount (termsFor), else 0.01; nearUpTo = max(minimum × 1.10,
// minimum + 1.00), rounded down to cents. share = rewarded payments with amount ≤ nearUpTo /
// rewarded payments. Control: the users of the control arm (given, else an arm named "control",
// any case); their payments passing the same rules except the arms rule (same window, unique
// counterparty, first N) — the candidates of scope "all" — and the same share among them.
import { centsToString, moneyToCents, termsFor, type Campaign } from '../../../common/domain/campaign'
import type { GamingSignal } from '../../../common/domain/campaignResult'
import type { Queryable } from '../db/database'
import { join, sql, type Sql } from '../db/sql'
import { armMapped, resolveContext, type CampaignContext, type CampaignContextInput } from './campaignContext'
import { moneyParam } from './campaignValues'
import { materializeCandidates } from './materializeRewards'

interface Band {
  country: string
  currency: string
  minimumCents: bigint
  nearUpToCents: bigint
}

export function gamingBands(campaign: Campaign): Band[] {
  return campaign.countries.map((country) => {
    const terms = termsFor(campaign, country)
    const minimumCents = moneyToCents(terms.minAmount ?? 0.01)
    const tenPercent = (minimumCents * 11n) / 10n
    const plusOne = minimumCents + 100n
    return { country, currency: terms.currency, minimumCents, nearUpToCents: tenPercent > plusOne ? tenPercent : plusOne }
  })
}

/** amount ≤ the band's upper end of the row's country. */
function nearCondition(bands: Band[]): Sql {
  const branches = bands.map((b) => sql`WHEN ${b.country} THEN amount <= CAST(${moneyParam(Number(b.nearUpToCents) / 100)} AS DECIMAL(18,2))`)
  return sql`(CASE country ${join(branches, ' ')} ELSE FALSE END)`
}

/** The control arm's name: the one asked for, else an arm named "control" (any case), else none. */
async function resolveControlArm(db: Queryable, context: CampaignContext, asked: string | null): Promise<string | null> {
  if (!armMapped(context) || context.users === null) return null
  if (asked !== null) return asked
  const [row] = await db.rows(sql`SELECT arm FROM ${context.users} WHERE lower(CAST(arm AS VARCHAR)) = ${'control'} GROUP BY arm ORDER BY arm LIMIT 1`)
  return row === undefined ? null : String(row.arm)
}

type Counts = Map<string, { payments: number; near: number }>

async function countsBy(db: Queryable, query: Sql): Promise<Counts> {
  const rows = await db.rows(query)
  return new Map(rows.map((r) => [String(r.country), { payments: Number(r.payments), near: Number(r.near) }]))
}

const share = (near: number, of: number): number | null => (of === 0 ? null : near / of)

/** Per campaign country; `rewardsTable` from materializeRewards for the same campaign and context. */
export async function gamingSignal(db: Queryable, campaign: Campaign, input: CampaignContextInput, rewardsTable: Sql, controlArm: string | null): Promise<GamingSignal[]> {
  const context = resolveContext(input)
  const bands = gamingBands(campaign)
  const near = nearCondition(bands)
  const rewarded = await countsBy(db, sql`SELECT country, count(*) AS payments, count(*) FILTER (WHERE ${near}) AS near FROM ${rewardsTable} WHERE reward_cents > 0 GROUP BY country`)
  const arm = await resolveControlArm(db, context, controlArm)
  let control: Counts | null = null
  if (arm !== null) {
    const all = await materializeCandidates(db, campaign, { ...context, scope: 'all' })
    control = await countsBy(db, sql`SELECT country, count(*) AS payments, count(*) FILTER (WHERE ${near}) AS near FROM ${all.table}
      WHERE arm = ${arm} GROUP BY country`)
  }
  return bands.map((b) => {
    const r = rewarded.get(b.country) ?? { payments: 0, near: 0 }
    const c = control === null ? null : (control.get(b.country) ?? { payments: 0, near: 0 })
    const s = share(r.near, r.payments)
    const cs = c === null ? null : share(c.near, c.payments)
    return {
      country: b.country,
      currency: b.currency,
      minimum: centsToString(b.minimumCents),
      nearUpTo: centsToString(b.nearUpToCents),
      rewardedPayments: r.payments,
      rewardedNearMinimum: r.near,
      share: s,
      controlArm: arm,
      controlPayments: c?.payments ?? null,
      controlNearMinimum: c?.near ?? null,
      controlShare: cs,
      ratio: s === null || cs === null || cs === 0 ? null : s / cs,
    }
  })
}
