// The hand-written baseline of the uplift benchmark (issue 5): ONE plain DuckDB statement computing
// the sufficient statistics (n, Σy, Σy², Σx, Σx², Σxy) of the six payment metrics per arm, overall
// and per country, payer type (new/existing) and payment kind, with the definitions of
// docs/uplift-metrics.md, written directly (not by the engine's builder) over the tables the import
// created. Local dates: the countries' fixed UTC offsets of the bench data (IST +5:30, BRT −3:00),
// as integer arithmetic on epoch microseconds. Distinct active days: count(DISTINCT day).
import type { DuckDBConnection } from '@duckdb/node-api'
import type { LocalWindow, UpliftCell } from '../common/domain/uplift'

export interface BaselineTables {
  payments: string
  users: string
}

export const IMPORTED_TABLES: BaselineTables = { payments: 'datasets.payments', users: 'datasets.users' }

export interface UpliftWindows {
  window: LocalWindow
  preWindow: LocalWindow
  postWindow: LocalWindow
}

/** Days since 1970-01-01 of a local date. */
function day(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000)
}

/** Per metric: y and x over the per-user columns, whether y / x are 0/1, and its population. */
const METRICS: { id: string; y: string; x: string; binaryY: boolean; binaryX: boolean; newOnly: boolean }[] = [
  { id: 'adopted', y: 'CAST(w_n > 0 AS DOUBLE)', x: 'CAST(p_n > 0 AS DOUBLE)', binaryY: true, binaryX: true, newOnly: false },
  { id: 'activated', y: 'CASE WHEN is_new THEN CAST(w_n > 0 AS DOUBLE) END', x: 'CASE WHEN is_new THEN 0.0 END', binaryY: true, binaryX: true, newOnly: true },
  { id: 'payments', y: 'CAST(w_n AS DOUBLE)', x: 'CAST(p_n AS DOUBLE)', binaryY: false, binaryX: false, newOnly: false },
  { id: 'tpv', y: 'w_tpv', x: 'p_tpv', binaryY: false, binaryX: false, newOnly: false },
  { id: 'activeDays', y: 'CAST(w_days AS DOUBLE)', x: 'CAST(p_days AS DOUBLE)', binaryY: false, binaryX: false, newOnly: false },
  { id: 'retained', y: 'CAST(post_n > 0 AS DOUBLE)', x: 'CAST(p_n > 0 AS DOUBLE)', binaryY: true, binaryX: true, newOnly: false },
]

function sums(): string {
  return METRICS.map((m, i) => `count(${m.y}) AS m${i}_n, coalesce(sum(${m.y}), 0) AS m${i}_sy, coalesce(sum(${m.y} * ${m.y}), 0) AS m${i}_syy,
    coalesce(sum(${m.x}), 0) AS m${i}_sx, coalesce(sum(${m.x} * ${m.x}), 0) AS m${i}_sxx, coalesce(sum(${m.x} * ${m.y}), 0) AS m${i}_sxy`).join(',\n    ')
}

/** The statement: one row per (dimension, segment, arm) with every metric's sums. */
export function baselineSql(t: BaselineTables, w: UpliftWindows): string {
  const [ws, we, ps, pe, qs, qe] = [w.window.start, w.window.end, w.preWindow.start, w.preWindow.end, w.postWindow.start, w.postWindow.end].map(day)
  const last = Math.max(we!, pe!, qe!)
  const inW = `d >= ${ws} AND d < ${we}`
  const inP = `d >= ${ps} AND d < ${pe}`
  const inQ = `d >= ${qs} AND d < ${qe}`
  return `
WITH p AS (
  SELECT CAST(user_id AS VARCHAR) AS user_id, kind, amount,
    (epoch_us(ts) + CASE country WHEN 'IN' THEN 19800000000 WHEN 'BR' THEN -10800000000 ELSE 0 END) // 86400000000 AS d
  FROM ${t.payments} WHERE status = 'SUCCESS' AND user_id IS NOT NULL
), per AS (
  SELECT user_id, kind, grouping(kind) = 1 AS all_kinds,
    count(*) FILTER (WHERE ${inW}) AS w_n, coalesce(CAST(sum(amount) FILTER (WHERE ${inW}) AS DOUBLE), 0) AS w_tpv, count(DISTINCT d) FILTER (WHERE ${inW}) AS w_days,
    count(*) FILTER (WHERE ${inP}) AS p_n, coalesce(CAST(sum(amount) FILTER (WHERE ${inP}) AS DOUBLE), 0) AS p_tpv, count(DISTINCT d) FILTER (WHERE ${inP}) AS p_days,
    count(*) FILTER (WHERE ${inQ}) AS post_n, count(*) FILTER (WHERE d < ${ws}) AS before_n
  FROM p WHERE d < ${last}
  GROUP BY GROUPING SETS ((user_id), (user_id, kind))
), ex AS (
  SELECT CAST(user_id AS VARCHAR) AS user_id, CAST(arm AS VARCHAR) AS arm, CAST(country AS VARCHAR) AS country
  FROM ${t.users} WHERE arm IS NOT NULL AND user_id IS NOT NULL
), u AS (
  SELECT ex.arm, ex.country, coalesce(a.before_n, 0) = 0 AS is_new,
    coalesce(a.w_n, 0) AS w_n, coalesce(a.w_tpv, 0) AS w_tpv, coalesce(a.w_days, 0) AS w_days,
    coalesce(a.p_n, 0) AS p_n, coalesce(a.p_tpv, 0) AS p_tpv, coalesce(a.p_days, 0) AS p_days, coalesce(a.post_n, 0) AS post_n
  FROM ex LEFT JOIN per a ON a.user_id = ex.user_id AND a.all_kinds
), uk AS (
  SELECT ex.arm, k.kind, coalesce(a.before_n, 0) = 0 AS is_new, k.w_n, k.w_tpv, k.w_days, k.p_n, k.p_tpv, k.p_days, k.post_n
  FROM ex JOIN per k ON k.user_id = ex.user_id AND NOT k.all_kinds
  LEFT JOIN per a ON a.user_id = ex.user_id AND a.all_kinds
)
SELECT CASE WHEN grouping(country) = 0 THEN 'country' WHEN grouping(pt) = 0 THEN 'payerType' ELSE 'overall' END AS dimension,
    coalesce(country, pt) AS segment, arm, count(*) AS n_all, count(*) FILTER (WHERE is_new) AS n_new,
    ${sums()}
  FROM (SELECT *, CASE WHEN is_new THEN 'new' ELSE 'existing' END AS pt FROM u)
  GROUP BY GROUPING SETS ((arm), (arm, country), (arm, pt))
UNION ALL
SELECT 'kind' AS dimension, kind AS segment, arm, NULL AS n_all, NULL AS n_new,
    ${sums()}
  FROM uk GROUP BY arm, kind`
}

/** Run the statement and shape its rows as the engine's cells (kind cells: n = the arm's population). */
export async function runUpliftBaseline(conn: DuckDBConnection, t: BaselineTables, w: UpliftWindows): Promise<UpliftCell[]> {
  const rows = (await conn.runAndReadAll(baselineSql(t, w))).getRowObjectsJson()
  const overall = new Map(rows.filter((r) => r.dimension === 'overall').map((r) => [String(r.arm), { all: Number(r.n_all), new: Number(r.n_new) }]))
  const cells: UpliftCell[] = []
  for (const r of rows) {
    const dimension = String(r.dimension)
    const arm = String(r.arm)
    METRICS.forEach((m, i) => {
      const v = (s: string): number => Number(r[`m${i}_${s}`] ?? 0)
      const pop = overall.get(arm) ?? { all: 0, new: 0 }
      const n = dimension === 'kind' ? (m.newOnly ? pop.new : pop.all) : v('n')
      cells.push({ metric: m.id, dimension, segment: r.segment === null ? null : String(r.segment), arm, n, sumY: v('sy'), sumY2: v('syy'), sumX: v('sx'), sumX2: v('sxx'), sumXY: v('sxy') })
    })
  }
  return cells
}

/**
 * Baseline and engine cells must be the same set with the same numbers: n exactly, sums to a
 * relative 1e-9 (DOUBLE sums in parallel come out in a different order). Throws with the first
 * differences otherwise.
 */
export function assertSameCells(engine: readonly UpliftCell[], baseline: readonly UpliftCell[], what: string): void {
  const key = (c: UpliftCell): string => JSON.stringify([c.metric, c.dimension, c.segment, c.arm])
  const base = new Map(baseline.map((c) => [key(c), c]))
  const problems: string[] = []
  const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
  for (const c of engine) {
    const b = base.get(key(c))
    base.delete(key(c))
    if (b === undefined) {
      problems.push(`engine-only cell ${key(c)}`)
      continue
    }
    const fields = ['n', 'sumY', 'sumY2', 'sumX', 'sumX2', 'sumXY'] as const
    const bad = fields.filter((f) => (f === 'n' ? c[f] !== b[f] : !close(c[f], b[f])))
    if (bad.length > 0) problems.push(`${key(c)}: ${bad.map((f) => `${f} engine ${c[f]} baseline ${b[f]}`).join(', ')}`)
  }
  for (const k of base.keys()) problems.push(`baseline-only cell ${k}`)
  if (problems.length > 0) throw new Error(`CORRECTNESS CHECK FAILED for ${what}: the engine and the hand-written baseline disagree (${problems.length} cells):\n  ${problems.slice(0, 10).join('\n  ')}`)
}
