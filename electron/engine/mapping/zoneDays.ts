// Fast local times for the canonical payments view. ICU's timezone() costs ~1 µs a row (≈1.2 s per
// million payments here, 17× a plain cast), so the view does not call it per row: it joins a small
// table of each country's UTC offset per day, and only rows on a day when the offset changes (a
// DST switch) go through ICU. The results are identical; the table is rebuilt when the countries'
// zones change. Layer: electron/engine.
import type { Database } from '../db/database'
import { join, literal, sql, type Sql } from '../db/sql'

export const ZONE_DAYS = sql`canon.zone_days`
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
  const [existing] = await db.rows(sql`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'canon' AND table_name = 'zone_days'`)
  if (Number(existing?.n ?? 0) > 0) {
    const [row] = await db.rows(sql`SELECT comment FROM duckdb_tables() WHERE schema_name = 'canon' AND table_name = 'zone_days'`)
    if (row?.comment === wanted) return
  }
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
  await db.run(sql`COMMENT ON TABLE ${ZONE_DAYS} IS ${literal(wanted)}`)
}

