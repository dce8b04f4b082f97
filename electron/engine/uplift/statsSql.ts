// Pass 2 of an uplift analysis: experiment users ⟕ their per-user payments row (⟕ cashback),
// then every metric's sufficient statistics per arm × segment in ONE aggregate with GROUPING
// SETS. The kind segment has its own aggregate over the per-(user, kind) rows. Neither reads
// payments. Layer: electron/engine.
import type { JsonRow, Queryable } from '../db/database'
import { ident, join, raw, sql, type Sql } from '../db/sql'
import type { MetricSql } from './metricSql'
import { sufficientAggregates } from './metricSql'

/** A grouping column of the per-user relation `u` and the dimension it stands for. */
export interface Dimension {
  dimension: string
  /** Column of `u` (an alias like s0, or pt for payerType). */
  column: string
}

/** Per-country caps for one TPV column; null cap = leave as is. */
export type Caps = { country: string | null; kind: string | null; cap: number | null }[]

export interface StatsInputs {
  /** Experiment users: user_id, arm, country_key, s<i>, o<i>, c<i>. */
  experiment: Sql
  /** The cached per-user payments table, or null when no payments are mapped. */
  perUser: Sql | null
  /** Rewards per payment or per user: user_id, cents. */
  cashback: Sql | null
}

const PER_USER_COLUMNS = ['w_n', 'w_tpv', 'w_days', 'p_n', 'p_tpv', 'p_days', 'post_n'] as const

/** `u`: one row per experiment user with zeros for users without payments, is_new and cashback. */
export function perUserRelation(inputs: StatsInputs): Sql {
  const parts: Sql[] = [raw('ex.*')]
  let from = sql`(${inputs.experiment}) ex`
  if (inputs.perUser !== null) {
    parts.push(...PER_USER_COLUMNS.map((c) => sql`coalesce(pu.${ident(c)}, 0) AS ${ident(c)}`))
    parts.push(raw('coalesce(pu.before_n, 0) = 0 AS is_new'))
    from = sql`${from} LEFT JOIN (SELECT * FROM ${inputs.perUser} WHERE all_kinds) pu ON pu.user_id = ex.user_id`
  }
  if (inputs.cashback !== null) {
    parts.push(raw('coalesce(cb.cashback, 0.0) AS cashback'))
    from = sql`${from} LEFT JOIN (SELECT CAST(user_id AS VARCHAR) AS user_id, CAST(sum(cents) AS DOUBLE) / 100 AS cashback FROM ${inputs.cashback} GROUP BY 1) cb ON cb.user_id = ex.user_id`
  }
  return sql`SELECT ${join(parts)} FROM ${from}`
}

/**
 * `u` per (user, kind) with payments of that kind only; users without such payments add nothing
 * to any sum. is_new (no payment of any kind before the window) is the user's, which pass 1
 * wrote on every kind row (user_new).
 */
function perUserKindRelation(inputs: StatsInputs & { perUser: Sql }, withNew: boolean): Sql {
  const isNew = withNew ? raw('pk.user_new AS is_new') : raw('CAST(NULL AS BOOLEAN) AS is_new')
  return sql`SELECT ex.*, pk.kind, ${join(PER_USER_COLUMNS.map((c) => sql`pk.${ident(c)}`))}, ${isNew}
    FROM (${inputs.experiment}) ex
    JOIN (SELECT * FROM ${inputs.perUser} WHERE NOT all_kinds) pk ON pk.user_id = ex.user_id`
}

/** A TPV column capped per country (and kind): least(value, cap) where a cap exists. */
export function cappedTpv(column: 'w_tpv' | 'p_tpv', caps: Caps | null, byKind: boolean): Sql {
  const value = raw(column)
  const usable = (caps ?? []).filter((c) => c.cap !== null)
  if (usable.length === 0) return sql`CAST(${value} AS DOUBLE)`
  const when = usable.map((c) =>
    byKind
      ? sql`WHEN country_key IS NOT DISTINCT FROM ${c.country} AND kind IS NOT DISTINCT FROM ${c.kind} THEN least(${value}, ${c.cap})`
      : sql`WHEN country_key IS NOT DISTINCT FROM ${c.country} THEN least(${value}, ${c.cap})`,
  )
  return sql`CAST(CASE ${join(when, ' ')} ELSE ${value} END AS DOUBLE)`
}

/** The percentile of positive TPV per country (and kind), pooled over arms: the winsorization caps. */
export async function tpvCaps(db: Queryable, inputs: StatsInputs & { perUser: Sql }, percentile: number, byKind: boolean): Promise<{ window: Caps; preWindow: Caps }> {
  const u = byKind ? perUserKindRelation(inputs, false) : perUserRelation({ ...inputs, cashback: null })
  const keys = byKind ? raw('country_key, kind') : raw('country_key')
  const rows = await db.rows(sql`SELECT ${keys}, quantile_cont(w_tpv, ${percentile / 100}) FILTER (WHERE w_tpv > 0) AS cap_w,
      quantile_cont(p_tpv, ${percentile / 100}) FILTER (WHERE p_tpv > 0) AS cap_p
    FROM (${u}) GROUP BY ${keys} ORDER BY ${keys}`)
  const of = (r: JsonRow, c: 'cap_w' | 'cap_p'): { country: string | null; kind: string | null; cap: number | null } => ({
    country: r.country_key === null || r.country_key === undefined ? null : String(r.country_key),
    kind: !byKind || r.kind === null || r.kind === undefined ? null : String(r.kind),
    cap: r[c] === null || r[c] === undefined ? null : Number(r[c]),
  })
  return { window: rows.map((r) => of(r, 'cap_w')), preWindow: rows.map((r) => of(r, 'cap_p')) }
}

function metricColumns(metrics: readonly MetricSql[]): Sql[] {
  return metrics.flatMap((m, i) => [sql`${m.y} AS ${ident(`y${i}`)}`, sql`${m.x} AS ${ident(`x${i}`)}`])
}

/**
 * Overall and users-segment cells. `fine`: GROUP BY arm and every dimension at once (one small hash
 * table; rollUp() adds the marginals in JS, since sums add up) — much cheaper than GROUPING SETS,
 * which aggregates every row once per set. `sets`: GROUPING SETS ((arm), (arm, dim₁), …), for
 * dimensions whose cross product is too large. Columns: arm, `g_<column>` flags (sets only; 0 =
 * grouped by it), the dimensions, n_all, n_new, tot_*, m<i>_*.
 */
export function statsQuery(inputs: StatsInputs, metrics: readonly MetricSql[], dimensions: readonly Dimension[], grain: 'fine' | 'sets'): Sql {
  const dims = dimensions.map((d) => ident(d.column))
  const payerType = inputs.perUser === null ? raw('') : raw(", CASE WHEN is_new THEN 'new' ELSE 'existing' END AS pt")
  const columns = [raw('arm'), ...dims, ...metricColumns(metrics), ...(inputs.perUser === null ? [raw('false AS is_new')] : [raw('is_new, w_n, p_n, post_n')])]
  // Successful payments of experiment users in each window, for the "empty window" notes.
  const totals = inputs.perUser === null ? [] : [raw('sum(w_n) AS tot_w, sum(p_n) AS tot_p, sum(post_n) AS tot_post')]
  const flags = grain === 'sets' ? dimensions.map((d) => sql`GROUPING(${ident(d.column)}) AS ${ident(`g_${d.column}`)}`) : []
  const groupBy = grain === 'sets' ? sql`GROUPING SETS (${join([sql`(arm)`, ...dims.map((d) => sql`(arm, ${d})`)])})` : join([raw('arm'), ...dims])
  return sql`WITH u AS (SELECT *${payerType} FROM (${perUserRelation(inputs)})),
    m AS (SELECT ${join(columns)} FROM u)
    SELECT arm, ${join([...flags, ...dims, raw('count(*) AS n_all'), raw('count(*) FILTER (WHERE is_new) AS n_new'), ...totals, ...metrics.map((m, i) => sufficientAggregates(i, m))])}
    FROM m GROUP BY ${groupBy}`
}

/** Fine-grained rows → the rows GROUPING SETS would give: overall per arm, then per arm × each dimension. */
export function rollUp(rows: readonly JsonRow[], dimensions: readonly Dimension[]): JsonRow[] {
  const sets: (Dimension | null)[] = [null, ...dimensions]
  const out = new Map<string, JsonRow>()
  for (const row of rows) {
    for (const set of sets) {
      const value = set === null ? null : (row[set.column] ?? null)
      const key = JSON.stringify([set?.column ?? null, value, row.arm])
      let target = out.get(key)
      if (target === undefined) {
        target = { arm: row.arm ?? null }
        for (const d of dimensions) {
          target[`g_${d.column}`] = d === set ? 0 : 1
          target[d.column] = d === set ? value : null
        }
        out.set(key, target)
      }
      for (const [k, v] of Object.entries(row)) {
        if (k === 'arm' || dimensions.some((d) => d.column === k)) continue
        target[k] = Number(target[k] ?? 0) + Number(v ?? 0)
      }
    }
  }
  return [...out.values()]
}

/** Kind cells (payments of one kind only): sums over users with payments of that kind, per arm × kind. */
export function kindStatsQuery(inputs: StatsInputs & { perUser: Sql }, metrics: readonly MetricSql[]): Sql {
  const withNew = metrics.some((m) => m.info.population === 'new')
  return sql`WITH m AS (SELECT arm, kind, ${join(metricColumns(metrics))} FROM (${perUserKindRelation(inputs, withNew)}))
    SELECT arm, kind, ${join(metrics.map((m, i) => sufficientAggregates(i, m)))} FROM m GROUP BY arm, kind`
}
