// The region × local-day panel of a rollout: per region, its users (canon.users of the country,
// optionally filtered to a population), and per day the SUCCESS payments those users made and how
// many of them paid. Days without payments are zeros, so the panel is balanced. Denominator: all
// the region's users in the users table — not only those who ever paid — fixed over the window.
// Layer: electron/engine.
import type { Queryable } from '../db/database'
import { join, knownIdent, raw, sql, type Sql } from '../db/sql'
import { localDateValue, type LocalDateExpression } from '../uplift/localDates'

export interface PanelRequest {
  users: Sql
  payments: Sql
  usersColumns: readonly string[]
  country: string
  window: { start: string; end: string }
  population?: { column: string; values: readonly string[] } | undefined
  excludedRegions: readonly string[]
  localDate: LocalDateExpression
}

export interface PanelRow {
  region: string
  day: string
  users: number
  payments: number
  active: number
}

/** Users of the country with exactly one region (after the population filter), as (user_id, region). */
export function populationSelect(r: Pick<PanelRequest, 'users' | 'usersColumns' | 'country' | 'population' | 'excludedRegions'>): Sql {
  const filter = r.population === undefined
    ? raw('')
    : sql` AND CAST(${knownIdent(r.population.column, r.usersColumns, 'users column')} AS VARCHAR) IN (${join(r.population.values.map((v) => sql`${v}`))})`
  const excluded = r.excludedRegions.length === 0 ? raw('') : sql` AND region NOT IN (${join(r.excludedRegions.map((v) => sql`${v}`))})`
  return sql`
    SELECT user_id, any_value(region) AS region FROM ${r.users}
    WHERE country = ${r.country} AND region IS NOT NULL AND user_id IS NOT NULL${filter}${excluded}
    GROUP BY user_id HAVING count(DISTINCT region) = 1`
}

/** One row per region × day in [start, end). */
export async function rolloutPanel(db: Queryable, r: PanelRequest): Promise<PanelRow[]> {
  // A payment's UTC ts is within a day of its local date; the margin keeps the scan pruned.
  const rows = await db.rows(sql`
    WITH pop AS (${populationSelect(r)}),
    ru AS (SELECT region, count(*) AS users FROM pop GROUP BY region),
    days AS (SELECT CAST(range AS DATE) AS d FROM range(CAST(${r.window.start} AS DATE), CAST(${r.window.end} AS DATE), INTERVAL 1 DAY)),
    pay AS (
      SELECT user_id, ${localDateValue(r.localDate)} AS d FROM ${r.payments}
      WHERE country = ${r.country} AND status = 'SUCCESS'
        AND ts >= CAST(${r.window.start} AS TIMESTAMP) - INTERVAL 2 DAY AND ts < CAST(${r.window.end} AS TIMESTAMP) + INTERVAL 2 DAY),
    agg AS (
      SELECT pop.region, pay.d, count(*) AS payments, count(DISTINCT pay.user_id) AS active
      FROM pay JOIN pop USING (user_id)
      WHERE pay.d >= CAST(${r.window.start} AS DATE) AND pay.d < CAST(${r.window.end} AS DATE)
      GROUP BY ALL)
    SELECT ru.region, CAST(days.d AS VARCHAR) AS day, CAST(ru.users AS DOUBLE) AS users,
           CAST(coalesce(agg.payments, 0) AS DOUBLE) AS payments, CAST(coalesce(agg.active, 0) AS DOUBLE) AS active
    FROM ru CROSS JOIN days LEFT JOIN agg ON agg.region = ru.region AND agg.d = days.d
    ORDER BY ru.region, days.d`)
  return rows.map((row) => ({ region: String(row.region), day: String(row.day), users: Number(row.users), payments: Number(row.payments), active: Number(row.active) }))
}
