// Fast local times for the canonical payments view. ICU's timezone() costs ~1 µs a row (≈1.2 s per
// million payments here, 17× a plain cast), so the view does not call it per row.
// - UTC → local (local_ts): each country's offset changes at a few known instants (canon.zone_shifts,
//   found to the minute with ICU when the table is built), so local_ts is `ts + offset` with the
//   offset picked by a CASE over those instants, written into the view as constants. Being a plain
//   expression, it costs nothing when a query does not read local_ts (a join would still run).
// - Wall clock → UTC (files written in local time): the view joins canon.zone_days, each country's
//   offset per local day; only rows on a day when the offset changes go through ICU.
// Results are identical to per-row ICU; both tables are rebuilt when the countries' zones change.
// Layer: electron/engine.
import type { Database } from '../db/database'
import { join, literal, sql, type Sql } from '../db/sql'

export const ZONE_DAYS = sql`canon.zone_days`
const ZONE_SHIFTS = sql`canon.zone_shifts`
/** The days the table covers; rows outside fall back to ICU (still exact, only slower). */
const FIRST_DAY = '1990-01-01'
const LAST_DAY = '2060-12-31'

/**
 * canon.zone_days(country, day, utc_offset, local_offset): minutes to add to a UTC instant on UTC
 * date `day` (utc_offset), and to subtract from a wall-clock time on local date `day`
 * (local_offset); NULL when the offset changes during that day (then the row uses ICU).
 */
export async function ensureZoneDays(db: Database, zones: ReadonlyArray<readonly [string, string]>): Promise<void> {
  const wanted = JSON.stringify([...zones].sort(([a], [b]) => a.localeCompare(b)))
  const tables = await db.rows(sql`SELECT table_name, comment FROM duckdb_tables() WHERE schema_name = 'canon' AND table_name IN ('zone_days', 'zone_shifts')`)
  if (tables.length === 2 && tables.every((t) => t.comment === wanted)) return
  const zoneRows = zones.length === 0 ? sql`SELECT CAST(NULL AS VARCHAR) AS country, CAST(NULL AS VARCHAR) AS zone WHERE false` : sql`SELECT * FROM (VALUES ${join(zones.map(([c, z]) => sql`(CAST(${c} AS VARCHAR), CAST(${z} AS VARCHAR))`))}) v(country, zone)`
  const offset = (instant: Sql, zone: Sql): Sql => sql`date_diff('minute', ${instant}, timezone(${zone}, timezone('UTC', ${instant})))`
  const wallOffset = (wall: Sql, zone: Sql): Sql => sql`date_diff('minute', timezone('UTC', timezone(${zone}, ${wall})), ${wall})`
  await db.run(sql`CREATE OR REPLACE TABLE ${ZONE_DAYS} AS
    WITH z AS (${zoneRows}), d AS (SELECT CAST(t AS DATE) AS day, t AS midnight FROM range(CAST(${FIRST_DAY} AS TIMESTAMP), CAST(${LAST_DAY} AS TIMESTAMP), INTERVAL 1 DAY) r(t)),
    o AS (SELECT z.country, d.day,
            ${offset(sql`d.midnight`, sql`z.zone`)} AS u0, ${offset(sql`d.midnight + INTERVAL 1 DAY`, sql`z.zone`)} AS u1,
            ${wallOffset(sql`d.midnight`, sql`z.zone`)} AS l0, ${wallOffset(sql`d.midnight + INTERVAL 1 DAY`, sql`z.zone`)} AS l1
          FROM z CROSS JOIN d)
    SELECT country, day, CASE WHEN u0 = u1 THEN CAST(u0 AS INTEGER) END AS utc_offset, CASE WHEN l0 = l1 THEN CAST(l0 AS INTEGER) END AS local_offset FROM o`)
  // Each change of a country's UTC offset, to the minute: probe every minute of the UTC days whose
  // offset is not constant (zone_days.utc_offset NULL); plus the offset at the table's first day.
  await db.run(sql`CREATE OR REPLACE TABLE ${ZONE_SHIFTS} AS
    WITH z AS (${zoneRows}),
    probe AS (SELECT zd.country, CAST(zd.day AS TIMESTAMP) + to_minutes(CAST(m AS BIGINT)) AS at_utc,
                ${offset(sql`(CAST(zd.day AS TIMESTAMP) + to_minutes(CAST(m AS BIGINT)))`, sql`z.zone`)} AS utc_offset
              FROM ${ZONE_DAYS} AS zd JOIN z ON z.country = zd.country, range(0, 1441) AS r(m)
              WHERE zd.utc_offset IS NULL),
    changes AS (SELECT country, at_utc, utc_offset FROM probe
              QUALIFY utc_offset IS DISTINCT FROM lag(utc_offset) OVER (PARTITION BY country ORDER BY at_utc)
                AND lag(utc_offset) OVER (PARTITION BY country ORDER BY at_utc) IS NOT NULL)
    SELECT z.country, CAST(${FIRST_DAY} AS TIMESTAMP) AS at_utc, CAST(${offset(sql`CAST(${FIRST_DAY} AS TIMESTAMP)`, sql`z.zone`)} AS INTEGER) AS utc_offset FROM z
    UNION ALL SELECT country, at_utc, CAST(utc_offset AS INTEGER) FROM changes`)
  await db.run(sql`COMMENT ON TABLE ${ZONE_DAYS} IS ${literal(wanted)}`)
  await db.run(sql`COMMENT ON TABLE ${ZONE_SHIFTS} IS ${literal(wanted)}`)
}

/**
 * The local wall-clock time of UTC instant `ts` in `country`'s zone, for a view body (constants
 * only, no parameters): `ts + offset`, the offset chosen among the zone's changes in
 * canon.zone_shifts (most recent first, so recent payments take the first branch); ICU outside
 * the table's years; `ts` itself for a country without a zone. Call after ensureZoneDays.
 */
export async function localTimeExpression(db: Database, zones: ReadonlyArray<readonly [string, string]>, ts: Sql, country: Sql): Promise<Sql> {
  if (zones.length === 0) return ts
  const rows = await db.rows(sql`SELECT country, CAST(at_utc AS VARCHAR) AS at_utc, utc_offset FROM ${ZONE_SHIFTS} ORDER BY country, at_utc DESC`)
  const first = sql`CAST(${literal(FIRST_DAY)} AS TIMESTAMP)`
  const end = sql`CAST(${literal(LAST_DAY)} AS TIMESTAMP)`
  const branches = zones.map(([code, zone]) => {
    const shifts = rows.filter((r) => r.country === code)
    const icu = sql`timezone(${literal(zone)}, timezone('UTC', ${ts}))`
    const steps = shifts.map((r) => {
      const minutes = Number(r.utc_offset)
      if (!Number.isInteger(minutes)) throw new Error(`zone_shifts holds a non-integer offset for ${code}`)
      return sql`WHEN ${ts} >= CAST(${literal(String(r.at_utc))} AS TIMESTAMP) THEN ${ts} + to_minutes(CAST(${literal(String(minutes))} AS BIGINT))`
    })
    return sql`WHEN ${literal(code)} THEN CASE WHEN ${ts} < ${first} OR ${ts} >= ${end} THEN ${icu} ${join(steps, ' ')} ELSE ${icu} END`
  })
  return sql`CASE ${country} ${join(branches, ' ')} ELSE ${ts} END`
}

