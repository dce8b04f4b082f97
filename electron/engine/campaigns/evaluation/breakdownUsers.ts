// Distinct rewarded users per breakdown value, without one count(DISTINCT user_id) pass per
// dimension. Layer: electron/engine.
//
// How: the breakdown sums (breakdownSums.ts) already list every value of every dimension per
// country. A value that is alone in its (country, currency) needs nothing: its users are the
// country's rewarded users. Otherwise each value gets a code 0..62 within its (country, currency),
// and the per-user aggregate (userRewards.ts) ORs 2^code over the user's rewarded payments: a
// BIGINT mask per user and dimension holding exactly the set of values the user was rewarded with.
// The users of a value are the users whose mask has its bit set, counted over the distinct masks of
// each dimension — exact, and only integer aggregates in a pass that runs anyway. A dimension with
// more than 63 values in one country falls back to count(DISTINCT user_id) (one more pass for it).
import type { Queryable } from '../../db/database'
import { ident, join, sql, type Sql } from '../../db/sql'
import { COLUMN_DIMENSIONS, type BreakdownSum, type ColumnDimension } from './breakdownSums'
import { countOf } from './rewardCells'
import type { RewardGroup } from './userRewards'

// bits 0..62 of a signed BIGINT: 2^code is a positive BIGINT parameter
const MASK_BITS = 63

/** (country, currency) as one map key. */
export function groupKey(country: string, currency: string): string {
  return `${country}\u0000${currency}`
}

/** (dimension, country, currency, value) as one map key. */
export function valueKey(dimension: string, country: string, currency: string, value: string | null): string {
  return JSON.stringify([dimension, country, currency, value])
}

export interface MaskedDimension {
  dimension: ColumnDimension
  /** Per (country, currency): the values in code order (null = unknown). */
  codes: Map<string, (string | null)[]>
}

export interface UserCountPlan {
  /** Dimensions with several values in some country; groups with a single value are left out. */
  masked: MaskedDimension[]
  /** Dimensions with more than 63 values in some country. */
  fallback: ColumnDimension[]
  /** The only value of a dimension in a group: its users are all the group's rewarded users. */
  single: { dimension: ColumnDimension; country: string; currency: string; value: string | null }[]
}

export function userCountPlan(sums: readonly BreakdownSum[]): UserCountPlan {
  const plan: UserCountPlan = { masked: [], fallback: [], single: [] }
  for (const dimension of COLUMN_DIMENSIONS) {
    const byGroup = new Map<string, BreakdownSum[]>()
    for (const s of sums) {
      if (s.dimension !== dimension) continue
      const key = groupKey(s.country, s.currency)
      byGroup.set(key, [...(byGroup.get(key) ?? []), s])
    }
    const codes = new Map<string, (string | null)[]>()
    for (const [key, group] of byGroup) {
      const [only] = group
      if (group.length === 1 && only !== undefined) plan.single.push({ dimension, country: only.country, currency: only.currency, value: only.value })
      else codes.set(key, group.map((s) => s.value))
    }
    if (codes.size === 0) continue
    if ([...codes.values()].some((values) => values.length > MASK_BITS)) plan.fallback.push(dimension)
    else plan.masked.push({ dimension, codes })
  }
  return plan
}

/** Users of the single-valued groups: the group's rewarded users (per groupKey). */
export function addSingleValueUsers(plan: UserCountPlan, groupUsers: ReadonlyMap<string, number>, into: Map<string, number>): void {
  for (const s of plan.single) into.set(valueKey(s.dimension, s.country, s.currency, s.value), groupUsers.get(groupKey(s.country, s.currency)) ?? 0)
}

/**
 * 2^code for the row's value within its group. The values are one list of bound values and
 * list_position finds the code: one function call per row (a CASE with one branch per value made
 * the masked per-user pass about 2.2× the unmasked one; this, about 1.7×).
 */
function bitOf(dimension: ColumnDimension, values: readonly (string | null)[]): Sql {
  const column = ident(dimension)
  const known = values.flatMap((value, code) => (value === null ? [] : [{ value, code }]))
  const nullCode = values.indexOf(null)
  const list = sql`[${join(known.map((k) => sql`${k.value}`))}]`
  const codes = sql`[${join(known.map((k) => sql`CAST(${k.code} AS BIGINT)`))}]`
  // '' and NULL are the same unknown value (breakdownSums.ts groups NULLIF(column, ''))
  const unknown = nullCode < 0 ? sql`NULL` : sql`CAST(${2n ** BigInt(nullCode)} AS BIGINT)`
  if (known.length === 0) return unknown
  return sql`CASE WHEN ${column} IS NULL OR ${column} = '' THEN ${unknown}
    ELSE CAST(1 AS BIGINT) << ${codes}[list_position(${list}, ${column})] END`
}

/**
 * bit_or(2^code) per user: the set of this dimension's values among the user's rewarded payments.
 * Rows carry g, their group's index in `groups` (userRewards.ts groupIndex).
 */
export function maskAggregate(m: MaskedDimension, groups: readonly RewardGroup[]): Sql {
  // rows of groups not listed (single-valued) get NULL, which bit_or ignores
  const arms = groups.flatMap((g, i) => {
    const values = m.codes.get(groupKey(g.country, g.currency))
    return values === undefined ? [] : [sql`WHEN g = ${i} THEN ${bitOf(m.dimension, values)}`]
  })
  return sql`bit_or(CASE ${join(arms, ' ')} END)`
}

/** Adds the users holding one mask of masked dimension `dim` to every value whose bit is set. */
export function addMaskUsers(
  plan: UserCountPlan,
  country: string,
  currency: string,
  count: { dim: number; mask: string; users: number },
  into: Map<string, number>,
): void {
  const m = plan.masked[count.dim]
  if (m === undefined) return
  const values = m.codes.get(groupKey(country, currency)) ?? []
  let mask = BigInt(count.mask)
  for (let code = 0; mask > 0n; code++, mask >>= 1n) {
    if ((mask & 1n) === 0n) continue
    const key = valueKey(m.dimension, country, currency, values[code] ?? null)
    into.set(key, (into.get(key) ?? 0) + count.users)
  }
}

/** count(DISTINCT user_id) per value, for the dimensions too wide for a mask. */
export async function fallbackUsers(db: Queryable, table: Sql, dimensions: readonly ColumnDimension[], into: Map<string, number>): Promise<void> {
  for (const dimension of dimensions) {
    const rows = await db.rows(sql`SELECT country, currency, NULLIF(${ident(dimension)}, '') AS value, count(DISTINCT user_id) AS users
      FROM ${table} WHERE reward_cents > 0 GROUP BY ALL`)
    for (const row of rows) {
      const value = row.value === null || row.value === undefined ? null : String(row.value)
      into.set(valueKey(dimension, String(row.country), String(row.currency), value), countOf(row.users))
    }
  }
}
