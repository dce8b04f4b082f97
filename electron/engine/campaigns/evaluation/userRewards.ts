// Per-user rewards: one aggregate of the rewarded payments per user within each (country, currency),
// feeding the distribution of reward per user (quantiles, histogram), the top users and the
// rewarded-user counts. Layer: electron/engine. One row per country crosses to JS (lists inside).
//
// Definitions (cents are exact integers throughout):
// - users: users whose total reward in the country is > 0 (rewarded payments only).
// - quantiles: nearest rank — the k-th smallest per-user total with k = ⌈q·n⌉ (≥ 1 as n ≥ 1), in
//   integer arithmetic. This is DuckDB's quantile_disc with DECIMAL fractions; it is read off the
//   cumulative counts of the distinct totals (cb_values), which is cheaper than quantile_disc over
//   every user.
// - bins: when the country has ≤ 20 distinct per-user totals, one bin per value (bin = the value);
//   otherwise 20 bins of equal width over [min, max]: with D = max − min, bin i covers
//   [min + ⌈i·D/20⌉, min + ⌈(i+1)·D/20⌉) (the last one includes max), so a total v falls in
//   bin min(19, ⌊20·(v − min) / D⌋). Edges are whole cents; empty bins are kept.
// - top users: the 10 largest totals, ties by user_id ascending (DuckDB's binary string order):
//   only users at or above the 10th largest total are sorted.
import type { JsonCell, JsonRow, Queryable } from '../../db/database'
import { ident, join, sql, type Sql } from '../../db/sql'
import { EngineError } from '../../engineError'
import { centsOf, countOf } from './rewardCells'

export const DISTINCT_VALUE_BINS = 20
export const EQUAL_WIDTH_BINS = 20
export const TOP_USERS = 10

export interface CountryUsers {
  country: string
  currency: string
  users: number
  total: bigint
  min: bigint
  max: bigint
  p50: bigint
  p90: bigint
  p99: bigint
  distinctValues: number
  /** Users per bin key: the value itself (few distinct values) or the equal-width bin index. */
  binCounts: { key: bigint; users: number }[]
  top: { userId: string; cents: bigint; payments: number }[]
  /** Users per (masked dimension index, value mask), see breakdownUsers.ts. */
  maskCounts: { dim: number; mask: string; users: number }[]
}

export interface UserRewards {
  countries: CountryUsers[]
  /** Distinct users rewarded in any country. */
  rewardedUsers: number
}

/** A (country, currency) of the rewards table; the SQL refers to it by its index in the list. */
export interface RewardGroup {
  country: string
  currency: string
}

/** The row's group index, computed once per row so later steps compare an integer, not two strings. */
export function groupIndex(groups: readonly RewardGroup[]): Sql {
  if (groups.length <= 1) return sql`CAST(0 AS INTEGER)`
  return sql`CASE ${join(groups.map((g, i) => sql`WHEN country = ${g.country} AND currency = ${g.currency} THEN CAST(${i} AS INTEGER)`), ' ')} END`
}

/**
 * groups: every (country, currency) of the table (from the cost cube). masks: one aggregate per
 * masked dimension (breakdownUsers.ts maskAggregate), in plan order. byUser: aggregate by user_id
 * alone — about twice as fast as by (group, user) — which is exact only when no user is rewarded
 * in two groups; mixed_users says whether that held (if not, the caller runs it again by group).
 */
export function userRewardsSql(table: Sql, groups: readonly RewardGroup[], masks: readonly Sql[], byUser: boolean): Sql {
  const maskName = (i: number): Sql => ident(`cb_mask_${i}`)
  const maskColumns = masks.map((m, i) => sql`, ${m} AS ${maskName(i)}`)
  // users per (dimension, mask): each dimension on its own, so the groups stay few
  // (a NULL mask: the user's group has a single value of that dimension, counted without a mask)
  const maskCounts = masks.map((_, i) => sql`SELECT g, ${i} AS dim, ${maskName(i)} AS mask, count(*) AS users FROM cb_user WHERE ${maskName(i)} IS NOT NULL GROUP BY ALL`)
  const none = sql`SELECT g, 0 AS dim, CAST(0 AS BIGINT) AS mask, 0 AS users FROM cb_user WHERE false`
  const maskUnion = maskCounts.reduce((all, part) => sql`${all} UNION ALL ${part}`, none)
  const userKey = byUser ? sql`min(g) AS g, max(g) AS g_last, user_id` : sql`g, g AS g_last, user_id`
  const allUsers = byUser ? sql`(SELECT count(*) FROM cb_user)` : sql`(SELECT count(DISTINCT user_id) FROM cb_user)`
  return sql`WITH cb_rows AS (
  SELECT ${groupIndex(groups)} AS g, user_id, reward_cents, rail, kind, region, arm, entry_method
  FROM ${table} WHERE reward_cents > 0),
cb_user AS MATERIALIZED (
  SELECT ${userKey}, CAST(sum(reward_cents) AS BIGINT) AS cents, count(*) AS payments${join(maskColumns, ' ')}
  FROM cb_rows GROUP BY ${byUser ? sql`user_id` : sql`g, user_id`}),
cb_values AS MATERIALIZED (
  SELECT g, cents, count(*) AS users FROM cb_user GROUP BY g, cents),
cb_stats AS (
  SELECT g, sum(users) AS users, sum(CAST(cents AS HUGEINT) * users) AS total, min(cents) AS lo, max(cents) AS hi,
    count(*) AS distinct_values
  FROM cb_values GROUP BY g),
cb_cumulative AS (
  SELECT v.g, v.cents, s.users AS n,
    sum(v.users) OVER (PARTITION BY v.g ORDER BY v.cents) AS at_most,
    sum(v.users) OVER (PARTITION BY v.g ORDER BY v.cents DESC) AS at_least
  FROM cb_values AS v JOIN cb_stats AS s ON v.g = s.g),
cb_ranked AS (
  SELECT g,
    [min(cents) FILTER (WHERE at_most >= (50 * n + 99) // 100),
     min(cents) FILTER (WHERE at_most >= (90 * n + 99) // 100),
     min(cents) FILTER (WHERE at_most >= (99 * n + 99) // 100)] AS q,
    COALESCE(max(cents) FILTER (WHERE at_least >= ${TOP_USERS}), min(cents)) AS top_floor
  FROM cb_cumulative GROUP BY g),
cb_top AS (
  SELECT u.g, list({'user_id': u.user_id, 'cents': u.cents, 'payments': u.payments} ORDER BY u.cents DESC, u.user_id)[1:${TOP_USERS}] AS top
  FROM cb_user AS u JOIN cb_ranked AS r ON u.g = r.g
  WHERE u.cents >= r.top_floor
  GROUP BY u.g),
cb_bins AS (
  SELECT v.g,
    CASE WHEN s.distinct_values <= ${DISTINCT_VALUE_BINS} THEN v.cents
         ELSE least(${EQUAL_WIDTH_BINS - 1}, (${EQUAL_WIDTH_BINS} * (v.cents - s.lo)) // (s.hi - s.lo)) END AS bin,
    sum(v.users) AS users
  FROM cb_values AS v JOIN cb_stats AS s ON v.g = s.g
  GROUP BY ALL),
cb_bin_lists AS (
  SELECT g, list({'bin': CAST(bin AS VARCHAR), 'users': users} ORDER BY bin) AS bins FROM cb_bins GROUP BY g),
cb_mask_lists AS (
  SELECT g, list({'dim': dim, 'mask': CAST(mask AS VARCHAR), 'users': users}) AS mask_counts FROM (${maskUnion}) GROUP BY g)
SELECT s.g, s.users, CAST(s.total AS VARCHAR) AS total, CAST(s.lo AS VARCHAR) AS lo,
  CAST(s.hi AS VARCHAR) AS hi, CAST(r.q AS VARCHAR[]) AS q, s.distinct_values, t.top, b.bins,
  COALESCE(m.mask_counts, []) AS mask_counts,
  ${allUsers} AS all_users,
  (SELECT count(*) FROM cb_user WHERE g <> g_last) AS mixed_users
FROM cb_stats AS s
JOIN cb_ranked AS r ON s.g = r.g
JOIN cb_top AS t ON s.g = t.g
JOIN cb_bin_lists AS b ON s.g = b.g
LEFT JOIN cb_mask_lists AS m ON s.g = m.g
ORDER BY s.g`
}

function list(cell: JsonCell | undefined): JsonRow[] {
  if (!Array.isArray(cell)) throw new EngineError('INTERNAL', 'The per-user query returned a non-list cell.')
  return cell as JsonRow[]
}

function quantile(cells: JsonCell | undefined, i: number): bigint {
  const q = Array.isArray(cells) ? cells[i] : undefined
  return centsOf(q)
}

/**
 * Runs the per-user aggregate: one more pass over the rewarded rows (two when a user is rewarded in
 * two countries). `masks(groups)` builds the mask aggregates against the same group indexes.
 */
export async function userRewards(db: Queryable, table: Sql, groups: readonly RewardGroup[], masks: readonly Sql[]): Promise<UserRewards> {
  let rows = await db.rows(userRewardsSql(table, groups, masks, true))
  if (countOf(rows[0]?.mixed_users) > 0) rows = await db.rows(userRewardsSql(table, groups, masks, false))
  const countries = rows.map((row): CountryUsers => {
    const group = groups[Number(row.g)]
    if (group === undefined) throw new EngineError('INTERNAL', 'A rewarded payment has a country or currency the cost totals do not list (NULL?).')
    return {
      country: group.country,
      currency: group.currency,
      users: countOf(row.users),
      total: centsOf(row.total),
      min: centsOf(row.lo),
      max: centsOf(row.hi),
      p50: quantile(row.q, 0),
      p90: quantile(row.q, 1),
      p99: quantile(row.q, 2),
      distinctValues: countOf(row.distinct_values),
      binCounts: list(row.bins).map((b) => ({ key: centsOf(b.bin), users: countOf(b.users) })),
      top: list(row.top).map((t) => ({ userId: String(t.user_id), cents: centsOf(t.cents), payments: countOf(t.payments) })),
      maskCounts: list(row.mask_counts).map((c) => ({ dim: countOf(c.dim), mask: String(c.mask), users: countOf(c.users) })),
    }
  })
  return { countries, rewardedUsers: countOf(rows[0]?.all_users) }
}
