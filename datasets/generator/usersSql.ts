// Users: country, region, segments, signup, experiment arm or rollout wave, and hidden behaviour
// (existing payer?, intensity, kind tilt, adoption threshold). Layer: datasets (build-time generator).
import { CALENDAR } from './calendar'
import { COUNTRIES, type Country, MAX_DAILY_RATE, PROFILE, ROLLOUT_SHARE, SPREAD } from './countries'
import { ARMS } from './experiment'
import { AGE_BANDS, PLATFORMS, REGIONS, ROLLOUT_FIRST, regionFactor } from './regions'
import { bucketCounts, list, lookup, num, str, values } from './sqlText'

/** Mean adoption factor of a country's population, so propensities average 1. */
function propensityNorm(c: Country): number {
  const mean = (rows: ReadonlyArray<readonly [number, number]>) =>
    rows.reduce((s, [w, f]) => s + w * f, 0) / rows.reduce((s, [w]) => s + w, 0)
  return mean(AGE_BANDS[c].map(([, w, f]) => [w, f] as const)) * mean(PLATFORMS[c].map(([, w, f]) => [w, f] as const))
}

/** `[v_IN, v_BR][ci + 1]` */
export const perCountry = (f: (c: Country) => number | string) => `${list(COUNTRIES.map(f))}[ci + 1]`
const lognormal1 = (sigma: number, key: number) => `exp(${num(sigma)} * gauss(base, ${key}) - ${num((sigma * sigma) / 2)})`
const segments = (rows: Record<Country, ReadonlyArray<readonly [string, number, number]>>) => ({
  items: COUNTRIES.map((c) => rows[c].map(([v, w]) => [v, w] as const)),
  factors: COUNTRIES.map((c) => rows[c].map(([, , f]) => f)),
})

const REGION_BUCKETS = 16384

/** Rows (ci, region, intensity factor normalised to a mean of 1, first bucket, bucket count). */
function regionRows(): Array<[number, string, number, number, number]> {
  return COUNTRIES.flatMap((c, ci) => {
    const counts = bucketCounts(REGIONS[c].map(([, w]) => w), REGION_BUCKETS)
    const mean = REGIONS[c].reduce((s, [code, w]) => s + w * regionFactor(code), 0) / REGIONS[c].reduce((s, [, w]) => s + w, 0)
    let first = 0
    return REGIONS[c].map(([code], i) => {
      const row: [number, string, number, number, number] = [ci, code, regionFactor(code) / mean, first, counts[i] ?? 0]
      first += counts[i] ?? 0
      return row
    })
  })
}

export function usersStatements(users: number, payers: number): string[] {
  const age = segments(AGE_BANDS)
  const platform = segments(PLATFORMS)
  const idWidth = Math.max(7, String(users - 1).length)
  const firstRegion = `region IN (${COUNTRIES.map((c) => str(ROLLOUT_FIRST[c])).join(', ')})`
  const offset = perCountry((c) => PROFILE[c].utcOffsetMinutes)
  return [
    // Regions need fine buckets (small UTs): a join table instead of an inline list.
    `CREATE OR REPLACE TABLE region_lut AS SELECT ci, region, factor, unnest(range(first, first + n)) AS b
     FROM ${values('r', ['ci', 'region', 'factor', 'first', 'n'], regionRows())}`,
    `CREATE OR REPLACE TABLE u0 AS
     SELECT idx, base, t.ci, ${list(COUNTRIES)}[t.ci + 1] AS country, r.region, r.factor AS rfactor,
            ${lookup('draw(base, 5)', age.items, 't.ci', 1000, age.factors)}
              * ${lookup('draw(base, 6)', platform.items, 't.ci', 1000, platform.factors)} AS pfactor,
            ${lookup('draw(base, 5)', age.items, 't.ci')} AS age_band,
            ${lookup('draw(base, 6)', platform.items, 't.ci')} AS platform,
            draw(base, 3) < ${num(ROLLOUT_SHARE)} AS rollout,
            draw(base, 8) < ${list(COUNTRIES.map((c) => PROFILE[c].existingShare * payers))}[t.ci + 1] AS existing
     FROM (SELECT idx, base, (draw(base, 1) >= ${num(PROFILE.IN.userShare)})::INTEGER AS ci
           FROM (SELECT i AS idx, user_base(i) AS base FROM range(${users}) t(i))) t
     JOIN region_lut r ON r.ci = t.ci AND r.b = floor(draw(base, 2) * ${REGION_BUCKETS})::INTEGER`,
    // Complete randomization stratified by country: rank by a hash, deal the arms in turn.
    `CREATE OR REPLACE TABLE u AS
     SELECT idx, base, 'U' || lpad(idx::VARCHAR, ${idWidth}, '0') AS user_id, ci, country, region,
            CASE WHEN rollout THEN 'rollout' ELSE 'rct' END AS study,
            CASE WHEN rollout THEN NULL ELSE ${list(ARMS)}[1 + (arm_rank - 1) % ${ARMS.length}] END AS arm,
            (CASE WHEN NOT rollout THEN (arm_rank - 1) % ${ARMS.length} WHEN ${firstRegion} THEN 4 ELSE 5 END)::INTEGER AS schedule,
            age_band, platform, existing,
            least(${num(MAX_DAILY_RATE)}, ${perCountry((c) => PROFILE[c].meanDailyPayments)} * rfactor
                  * ${lognormal1(SPREAD.intensity, 9)}) AS lam,
            ${lognormal1(SPREAD.kindTilt, 14)} AS w_p2p, ${lognormal1(SPREAD.kindTilt, 16)} AS w_p2m,
            ${lognormal1(SPREAD.kindTilt, 18)} AS w_bill,
            -ln(draw(base, 13)) * ${perCountry(propensityNorm)} / (pfactor * ${lognormal1(SPREAD.propensity, 11)}) AS thr,
            draw(base, 20) AS gamer_u,
            3 + floor(exp(draw(base, 21) * ln(58)))::INTEGER AS contacts,
            TIMESTAMP '${CALENDAR.preStart} 00:00:00' - to_minutes(${offset})
              - to_seconds(((CASE WHEN existing THEN 30 ELSE 0 END + exp(draw(base, 22) * ln(1400))) * 86400)::BIGINT) AS signup_ts,
            CASE WHEN NOT rollout THEN TIMESTAMP '${CALENDAR.campaignStart} 00:00:00' - to_minutes(${offset}) END AS assigned_ts,
            CASE WHEN NOT rollout THEN NULL WHEN ${firstRegion} THEN DATE '${CALENDAR.campaignStart}'
                 ELSE DATE '${CALENDAR.rolloutNationalStart}' END AS rollout_start
     FROM (SELECT *, CASE WHEN NOT rollout THEN row_number() OVER (PARTITION BY ci, rollout ORDER BY draw(base, 4), idx) END AS arm_rank
           FROM u0)`,
    `DROP TABLE u0`,
  ]
}
