// Per-day factors computed in TypeScript: seasonality per country × kind, program intensity per
// schedule, and the cumulative first-payment hazard table. Layer: datasets (build-time generator).
import { CALENDAR, DAY, addDays } from './calendar'
import { COUNTRIES, type Country, type Kind, PROFILE } from './countries'
import { PERSISTENCE, PERSISTENCE_DAYS, RESPONSE, SCHEDULES, type Schedule } from './experiment'
import { MONTH_START, MONTH_START_DAYS, WEEKDAY } from './seasonality'
import { values } from './sqlText'

const DAYS = Array.from({ length: DAY.end }, (_, d) => addDays(CALENDAR.preStart, d))

/** Seasonality of a country × kind for each study day, normalised to mean 1. */
export function seasonal(c: Country, kind: Kind | 'ADOPT'): number[] {
  const raw = DAYS.map((date) => {
    const js = new Date(`${date}T00:00:00Z`)
    const monday0 = (js.getUTCDay() + 6) % 7
    const monthStart = js.getUTCDate() <= MONTH_START_DAYS ? MONTH_START[kind] : 1
    return (WEEKDAY[c][kind][monday0] ?? 1) * monthStart
  })
  const mean = raw.reduce((a, b) => a + b, 0) / raw.length
  return raw.map((x) => x / mean)
}

/** Program intensity of a schedule on day d: 1 while on, a decaying tail afterwards, 0 before. */
export function programIntensity(s: Schedule, d: number): number {
  if (s.program === 'none' || d < s.start) return 0
  if (d < s.end) return 1
  return PERSISTENCE * Math.exp(-(d - s.end) / PERSISTENCE_DAYS)
}

/** Daily first-payment hazard of a never-paid user with propensity 1, without cashback. */
export function baseDailyHazard(c: Country): number {
  return -Math.log(1 - PROFILE[c].monthlyAdoption) / 30.4375
}

/**
 * `cumhaz`: per country (ci), schedule and day, the cumulative hazard [lo, hi). A user adopts on the
 * day whose interval holds their threshold −ln(U)/propensity; schedules share U (common random numbers).
 */
export function cumhazStatement(): string {
  const rows: number[][] = []
  COUNTRIES.forEach((c, ci) => {
    const s = seasonal(c, 'ADOPT')
    for (const sch of SCHEDULES) {
      const boost = sch.program === 'none' ? 0 : RESPONSE[sch.program].hazardBoost[c]
      let hi = 0
      for (let d = 0; d < DAY.end; d++) {
        const h = baseDailyHazard(c) * (s[d] ?? 1) * (1 + boost * programIntensity(sch, d))
        rows.push([ci, sch.id, d, hi, hi + h])
        hi += h
      }
    }
  })
  return `CREATE OR REPLACE TABLE cumhaz AS SELECT ci::INTEGER AS ci, schedule::INTEGER AS schedule, d::INTEGER AS d,
            lo::DOUBLE AS lo, hi::DOUBLE AS hi FROM ${values('h', ['ci', 'schedule', 'd', 'lo', 'hi'], rows)}`
}

/** Per-schedule constants as SQL lists indexed by `schedule + 1`. */
export const BY_SCHEDULE = {
  gamerShare: SCHEDULES.map((s) => (s.program === 'none' ? 0 : RESPONSE[s.program].gamerShare)),
}

/**
 * `dayf`: everything a user-day needs from (schedule, country, day) in one row — kind mix ×
 * seasonality, reversal and abandonment rates, program boost and window — joined once per
 * user-day (one hash join is much cheaper in DuckDB than many constant-list lookups).
 */
export function dayFactorsStatement(): string {
  const rows: Array<Array<number | boolean>> = []
  for (const sch of SCHEDULES) {
    const response = sch.program === 'none' ? undefined : RESPONSE[sch.program]
    COUNTRIES.forEach((c, ci) => {
      const p = PROFILE[c]
      const season = { P2P: seasonal(c, 'P2P'), P2M: seasonal(c, 'P2M'), BILL: seasonal(c, 'BILL') }
      for (let d = 0; d < DAY.end; d++) {
        rows.push([sch.id, ci, d,
          p.kindMix.P2P * (season.P2P[d] ?? 1), p.kindMix.P2M * (season.P2M[d] ?? 1), p.kindMix.BILL * (season.BILL[d] ?? 1),
          p.reversal.P2P, p.reversal.P2M, p.reversal.BILL, p.abandonedFailure,
          (response?.rateBoost ?? 0) * programIntensity(sch, d), response?.target === 'P2M' ? 0 : 1, d >= sch.start && d < sch.end])
      }
    })
  }
  const columns = ['schedule', 'ci', 'd', 'm_p2p', 'm_p2m', 'm_bill', 'rev_p2p', 'rev_p2m', 'rev_bill', 'abandon', 'boost', 'target_p2p', 'in_window']
  return `CREATE OR REPLACE TABLE dayf AS SELECT schedule::INTEGER AS schedule, ci::INTEGER AS ci, d::INTEGER AS d,
            ${columns.slice(3, 11).map((c) => `${c}::DOUBLE AS ${c}`).join(', ')}, target_p2p::INTEGER AS target_p2p, in_window
          FROM ${values('f', columns, rows)}`
}
