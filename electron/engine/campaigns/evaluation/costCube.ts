// The cost cube: one scan of the rewards table aggregated by (country, currency, local date, payout
// local date), then rolled up (GROUPING SETS over that small result) into per-country, per-day,
// per-payout-day, per-day-all-countries and overall rows. Layer: electron/engine.
//
// Why two levels: the first GROUP BY is the only pass over the million rows, with ~countries × days
// × 3 groups; every roll-up is then a sum of sums over a few hundred rows. GROUPING SETS straight
// on the table would hash every row once per set.
import type { JsonRow, Queryable } from '../../db/database'
import { sql, type Sql } from '../../db/sql'
import { centsOf, countOf, dateOf, isoUtc, nullableCents } from './rewardCells'

/** Sums over one cube cell; cents are exact integers. */
export interface CubeCell {
  candidates: number
  rewarded: number
  /** Σ reward_cents (after clawback). */
  accrued: bigint
  /** Σ accrued_cents of clawed-back payments. */
  clawedBack: bigint
  /** Σ budget_spent_cents; null when there is no budget (the column is NULL). */
  budgetSpent: bigint | null
  /** Σ round(reward_cents × usd_local) over rewarded payments with an FX rate, in USD cents. */
  usd: bigint
  /** Rewarded payments whose usd_local is NULL. */
  usdMissing: number
}

export interface CountryCell extends CubeCell {
  country: string
  currency: string
}

export interface DatedCell extends CountryCell {
  date: string
}

export interface CostCube {
  overall: CubeCell & { exhaustedAt: string | null }
  countries: CountryCell[]
  /** By local date of the payment. */
  daily: DatedCell[]
  /** By local date of payout_ts. */
  payouts: DatedCell[]
  /** By local date of the payment, all countries together. */
  burn: { date: string; budgetSpent: bigint | null }[]
}

// GROUPING(country, currency, local_date, payout_local_date): a set bit = column rolled up.
const SET_COUNTRY = 0b0011
const SET_DAILY = 0b0001
const SET_PAYOUT = 0b0010
const SET_BURN = 0b1101
const SET_OVERALL = 0b1111

export function costCubeSql(table: Sql): Sql {
  return sql`WITH cb_base AS (
  SELECT country, currency, local_date, payout_local_date,
    count(*) AS candidates,
    count(*) FILTER (WHERE reward_cents > 0) AS rewarded,
    sum(reward_cents) AS accrued,
    sum(accrued_cents) FILTER (WHERE clawed_back) AS clawed,
    sum(budget_spent_cents) AS spent,
    sum(CAST(round(reward_cents * usd_local) AS BIGINT)) FILTER (WHERE reward_cents > 0) AS usd,
    count(*) FILTER (WHERE reward_cents > 0 AND usd_local IS NULL) AS usd_missing,
    min(ts) FILTER (WHERE budget_reached) AS exhausted_at
  FROM ${table}
  GROUP BY country, currency, local_date, payout_local_date)
SELECT GROUPING(country, currency, local_date, payout_local_date) AS grouping_set,
  country, currency, local_date, payout_local_date,
  CAST(sum(candidates) AS VARCHAR) AS candidates,
  CAST(sum(rewarded) AS VARCHAR) AS rewarded,
  CAST(sum(accrued) AS VARCHAR) AS accrued,
  CAST(sum(clawed) AS VARCHAR) AS clawed,
  CAST(sum(spent) AS VARCHAR) AS spent,
  CAST(sum(usd) AS VARCHAR) AS usd,
  CAST(sum(usd_missing) AS VARCHAR) AS usd_missing,
  min(exhausted_at) AS exhausted_at
FROM cb_base
GROUP BY GROUPING SETS ((country, currency), (country, currency, local_date), (country, currency, payout_local_date), (local_date), ())
ORDER BY grouping_set, country, currency, local_date, payout_local_date`
}

function cell(row: JsonRow): CubeCell {
  return {
    candidates: countOf(row.candidates),
    rewarded: countOf(row.rewarded),
    accrued: centsOf(row.accrued),
    clawedBack: centsOf(row.clawed),
    budgetSpent: nullableCents(row.spent),
    usd: centsOf(row.usd),
    usdMissing: countOf(row.usd_missing),
  }
}

const EMPTY: CubeCell = { candidates: 0, rewarded: 0, accrued: 0n, clawedBack: 0n, budgetSpent: null, usd: 0n, usdMissing: 0 }

/** Runs the cube query: a single pass over the rewards table. */
export async function costCube(db: Queryable, table: Sql): Promise<CostCube> {
  const rows = await db.rows(costCubeSql(table))
  const cube: CostCube = { overall: { ...EMPTY, exhaustedAt: null }, countries: [], daily: [], payouts: [], burn: [] }
  for (const row of rows) {
    const set = Number(row.grouping_set)
    const country = String(row.country)
    const currency = String(row.currency)
    if (set === SET_OVERALL) {
      const exhausted = row.exhausted_at
      cube.overall = { ...cell(row), exhaustedAt: exhausted === null || exhausted === undefined ? null : isoUtc(exhausted) }
    } else if (set === SET_COUNTRY) cube.countries.push({ country, currency, ...cell(row) })
    else if (set === SET_DAILY) cube.daily.push({ country, currency, date: dateOf(row.local_date), ...cell(row) })
    else if (set === SET_PAYOUT) cube.payouts.push({ country, currency, date: dateOf(row.payout_local_date), ...cell(row) })
    else if (set === SET_BURN) cube.burn.push({ date: dateOf(row.local_date), budgetSpent: nullableCents(row.spent) })
  }
  return cube
}
