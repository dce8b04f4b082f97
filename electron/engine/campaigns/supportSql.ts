// Relations the campaign stages join: one users row per user, the users who paid before the
// window (payer type), and local dates in each country's time zone. Layer: electron/engine.
import type { Campaign } from '../../../common/domain/campaign'
import { ident, join, knownIdent, raw, sql, type Sql } from '../db/sql'
import type { CampaignContext } from './campaignContext'
import { windowParams } from './campaignValues'

/**
 * One row per user_id: u_user_id, u_signup_ts, u_arm, u_seg_0 … (segment columns as text). A user
 * with several users rows (the data validation flags them) gets the row that sorts first by
 * (signup_ts, arm, the segment values), NULLs last — deterministic, whatever the rules.
 */
export function usersRowSql(campaign: Campaign, context: CampaignContext, users: Sql): Sql {
  const segments = campaign.eligibility.segments.map((s, i) => sql`${ident(`s${i}`)} := CAST(${knownIdent(s.column, context.usersColumns)} AS VARCHAR)`)
  const fields = [sql`signup_ts := CAST(signup_ts AS TIMESTAMP)`, sql`arm := CAST(arm AS VARCHAR)`, ...segments]
  const picks = campaign.eligibility.segments.map((_, i) => sql`struct_extract(r, ${`s${i}`}) AS ${ident(`u_seg_${i}`)}`)
  return sql`SELECT user_id AS u_user_id, struct_extract(r, 'signup_ts') AS u_signup_ts, struct_extract(r, 'arm') AS u_arm${picks.length > 0 ? sql`, ${join(picks)}` : raw('')}
    FROM (SELECT user_id, min(struct_pack(${join(fields)})) AS r FROM ${users} GROUP BY user_id)`
}

/** Users with a SUCCESS or REVERSED payment (any rail, kind, country) before the window start. */
export function priorPayersSql(campaign: Campaign, payments: Sql): Sql {
  return sql`SELECT DISTINCT user_id AS prior_user_id FROM ${payments}
    WHERE status IN (${'SUCCESS'}, ${'REVERSED'}) AND ts < CAST(${windowParams(campaign).start} AS TIMESTAMP)`
}

const DAY_MS = 86_400_000

/**
 * cb_tz(tz_country, tz_date, tz_zone, tz_off0, tz_off1): per country and UTC date in
 * [from − 1 day, to + 1 day], the zone's UTC offset at that date's 00:00 and the next day's
 * 00:00 UTC (ICU, as canonicalViews.ts converts). ICU per row costs ~1 µs, so rows look their
 * offset up here and only rows on a day whose offset changes are converted one by one.
 */
export function timeZoneTableSql(context: CampaignContext, countries: readonly string[], fromIso: string, toMs: number): Sql {
  const zones = countries.flatMap((c) => {
    const zone = context.timeZones[c]
    return zone === undefined ? [] : [sql`(${c}, ${zone})`]
  })
  if (zones.length === 0) return sql`SELECT CAST(NULL AS VARCHAR) AS tz_country, CAST(NULL AS DATE) AS tz_date, CAST(NULL AS VARCHAR) AS tz_zone, CAST(NULL AS INTERVAL) AS tz_off0, CAST(NULL AS INTERVAL) AS tz_off1 WHERE FALSE`
  const from = new Date(Date.parse(fromIso) - DAY_MS).toISOString().slice(0, 10)
  const to = new Date(toMs + 2 * DAY_MS).toISOString().slice(0, 10)
  return sql`SELECT z.country AS tz_country, CAST(d.d AS DATE) AS tz_date, z.zone AS tz_zone,
      timezone(z.zone, timezone('UTC', d.d)) - d.d AS tz_off0,
      timezone(z.zone, timezone('UTC', d.d + INTERVAL 1 DAY)) - (d.d + INTERVAL 1 DAY) AS tz_off1
    FROM (VALUES ${join(zones)}) AS z(country, zone),
      range(CAST(${from} AS TIMESTAMP), CAST(${to} AS TIMESTAMP), INTERVAL 1 DAY) AS d(d)`
}

/** The local date of `ts` (a UTC TIMESTAMP) given the joined cb_tz row `tz` (UTC date when none). */
export function localDateExpression(ts: Sql, tz: Sql): Sql {
  return sql`CASE WHEN ${tz}.tz_off0 IS NULL THEN CAST(${ts} AS DATE)
    WHEN ${tz}.tz_off0 = ${tz}.tz_off1 THEN CAST(${ts} + ${tz}.tz_off0 AS DATE)
    ELSE CAST(timezone(${tz}.tz_zone, timezone('UTC', ${ts})) AS DATE) END`
}

export function timeZoneJoin(tz: Sql, country: Sql, ts: Sql): Sql {
  return sql`LEFT JOIN cb_tz AS ${tz} ON ${tz}.tz_country = ${country} AND ${tz}.tz_date = CAST(${ts} AS DATE)`
}
