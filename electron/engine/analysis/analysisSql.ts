// The few numbers an experiment analysis needs besides the sufficient statistics: the experiment
// users (as the uplift module counts them), the scenario's cashback per arm × country, cumulative
// adoption per arm × country × day, and mean FX rates. Layer: electron/engine.
import type { AdoptionCurveInput, RewardSums } from '../../../common/domain/analysis'
import { daysBetween, type LocalWindow } from '../../../common/domain/uplift'
import type { Queryable } from '../db/database'
import { sql, type Sql } from '../db/sql'
import { armColumn, relationColumns } from '../uplift/experimentUsers'
import { dayNumber, localDateExpression } from '../uplift/localDates'

/**
 * One row per experiment user: user_id, arm, country. Users with a null arm are out; users with
 * several different arms are excluded (as in computeSufficientStats); duplicates count once.
 */
export async function experimentUserRows(db: Queryable, users: Sql, arm: string): Promise<Sql> {
  const columns = await relationColumns(db, users)
  const armSql = armColumn(arm, columns)
  const country = columns.has('country') ? sql`CAST(country AS VARCHAR)` : sql`CAST(NULL AS VARCHAR)`
  return sql`(SELECT CAST(user_id AS VARCHAR) AS user_id, min(CAST(${armSql} AS VARCHAR)) AS arm, min(${country}) AS country
    FROM ${users} WHERE user_id IS NOT NULL AND ${armSql} IS NOT NULL
    GROUP BY 1 HAVING count(DISTINCT CAST(${armSql} AS VARCHAR)) = 1)`
}

/** The rewards table as the cashback metric reads it (user_id, cents). */
export function cashbackRelation(rewards: Sql): Sql {
  return sql`(SELECT user_id, reward_cents AS cents FROM ${rewards})`
}

/** Cashback of a rewards table (materializeRewards' columns) per experiment arm × payment country. */
export async function rewardSums(db: Queryable, rewards: Sql, experiment: Sql): Promise<RewardSums[]> {
  const rows = await db.rows(sql`SELECT e.arm AS arm, CAST(r.country AS VARCHAR) AS country, min(CAST(r.currency AS VARCHAR)) AS currency,
      CAST(count(DISTINCT r.user_id) FILTER (WHERE r.reward_cents > 0) AS DOUBLE) AS rewarded_users,
      CAST(count(*) FILTER (WHERE r.reward_cents > 0) AS DOUBLE) AS rewarded_payments,
      CAST(coalesce(sum(r.reward_cents), 0) AS DOUBLE) / 100 AS local,
      CAST(coalesce(sum(r.reward_cents * r.usd_local), 0) AS DOUBLE) / 100 AS usd,
      CAST(count(*) FILTER (WHERE r.reward_cents > 0 AND r.usd_local IS NULL) AS DOUBLE) AS missing_usd
    FROM ${rewards} r JOIN ${experiment} e ON e.user_id = CAST(r.user_id AS VARCHAR)
    GROUP BY 1, 2 ORDER BY 1, 2`)
  return rows.map((r) => ({
    arm: String(r.arm),
    country: r.country === null ? null : String(r.country),
    currency: r.currency === null ? null : String(r.currency),
    rewardedUsers: Number(r.rewarded_users),
    rewardedPayments: Number(r.rewarded_payments),
    cashbackLocal: Number(r.local),
    cashbackUsd: Number(r.missing_usd) > 0 ? null : Number(r.usd),
  }))
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/**
 * Cumulative adopters (≥ 1 successful payment since the window start) per arm × user country ×
 * local day of the window. One scan of the window's payments (±2 days of UTC margin).
 */
export async function adoptionCurves(db: Queryable, payments: Sql, experiment: Sql, window: LocalWindow, timeZones: Readonly<Record<string, string>>): Promise<AdoptionCurveInput> {
  const local = await localDateExpression(db, timeZones, window)
  const start = dayNumber(window.start)
  const end = dayNumber(window.end)
  const first = sql`SELECT CAST(user_id AS VARCHAR) AS user_id, min(d) AS first_d FROM (
      SELECT user_id, ${local.expression} AS d FROM ${payments}
      WHERE status = 'SUCCESS' AND user_id IS NOT NULL
        AND ts >= CAST(${window.start} AS TIMESTAMP) - INTERVAL 2 DAY AND ts < CAST(${window.end} AS TIMESTAMP) + INTERVAL 2 DAY)
    WHERE d >= ${start} AND d < ${end} GROUP BY 1`
  const rows = await db.rows(sql`SELECT e.arm AS arm, e.country AS country, CAST(f.first_d - ${start} AS INTEGER) AS day, CAST(count(*) AS DOUBLE) AS n
    FROM ${experiment} e LEFT JOIN (${first}) f ON f.user_id = e.user_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`)
  const length = daysBetween(window.start, window.end)
  const days = Array.from({ length }, (_, i) => addDays(window.start, i))
  const series = new Map<string, { arm: string; country: string | null; users: number; daily: number[] }>()
  for (const r of rows) {
    const country = r.country === null ? null : String(r.country)
    const key = JSON.stringify([r.arm, country])
    const s = series.get(key) ?? { arm: String(r.arm), country, users: 0, daily: new Array<number>(length).fill(0) }
    series.set(key, s)
    s.users += Number(r.n)
    if (r.day !== null) s.daily[Number(r.day)]! += Number(r.n)
  }
  return {
    days,
    series: [...series.values()].map((s) => {
      let running = 0
      return { arm: s.arm, country: s.country, users: s.users, cumulativeAdopters: s.daily.map((d) => (running += d)) }
    }),
  }
}

/** Local units per US dollar: 1 / mean usd_per_unit over the window (null without rates). */
export async function meanLocalPerUsd(db: Queryable, fx: Sql, currency: string, window: LocalWindow | undefined): Promise<number | null> {
  if (currency === 'USD') return 1
  const range = window === undefined ? sql`true` : sql`date >= CAST(${window.start} AS DATE) AND date < CAST(${window.end} AS DATE)`
  const [row] = await db.rows(sql`SELECT avg(usd_per_unit) AS usd FROM ${fx} WHERE currency = ${currency} AND usd_per_unit > 0 AND ${range}`)
  const usd = row?.usd === null || row?.usd === undefined ? null : Number(row.usd)
  return usd !== null && usd > 0 && Number.isFinite(usd) ? 1 / usd : null
}
