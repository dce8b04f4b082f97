// A candidate table (candidatesSql.ts) held in memory as typed arrays, so a change of reward terms
// re-evaluates in two sequential loops over the candidates (rewardPass.ts) instead of a DuckDB
// query. Layer: electron/engine.
//
// Layout: rows in (user_country, ts, payment_id) order, i.e. user by user (and country by country
// within a user), each in time order, so the per-user cap's running sum and the distinct-user
// counts read memory sequentially (a random access per row into per-user arrays was the cost
// that mattered). The global (ts, payment_id) order the budget needs is kept as each row's rank
// and the inverse permutation, and is walked only inside the one time block where the budget is
// crossed (the same block idea as budgetSql.ts). About 56 bytes per candidate with the two scratch
// columns; tables over MAX_IN_MEMORY_CANDIDATES rows stay in DuckDB only.
import type { Campaign } from '../../../../common/domain/campaign'
import type { Queryable } from '../../db/database'
import { join, raw, sql, type Sql } from '../../db/sql'

/** 10M candidates ≈ 550 MB of arrays; bigger tables are evaluated by SQL only. */
export const MAX_IN_MEMORY_CANDIDATES = 10_000_000

const US_PER_DAY = 86_400_000_000
/** Budget blocks: an hour of ts each (few blocks to sum, few rows in the crossing one). */
const BLOCK_US = 3_600_000_000

export interface CandidateColumns {
  length: number
  /** amount × 100 (exact integer cents). */
  amountCents: Float64Array
  /** epoch microseconds of ts (UTC). */
  tsUs: Float64Array
  /** The row's position in (ts, payment_id) order, and the row at each position. */
  rank: Int32Array
  byRank: Int32Array
  /** Budget block of the row (hours since the first candidate); blockStart[b] = first rank in block b (+ a final end). */
  block: Int32Array
  blockStart: Int32Array
  /** UTC day of ts, counted from firstDay (the index into the rates below). */
  day: Int32Array
  /** The dense user number (uid); 0 for a payment without user_id. Rows of one uid are contiguous. */
  uid: Int32Array
  /** Index into the campaign's countries. */
  country: Uint8Array
  /** Index into `currencies`. */
  currency: Uint8Array
  /** status = 'REVERSED'. */
  reversed: Uint8Array
  /** The currencies the candidates are in (payment currency, as the rewards SQL uses it). */
  currencies: string[]
  /** First UTC day number (epoch days) of the rates below. */
  firstDay: number
  /** US$ per unit of currencies[k] at day firstDay + d: usdLocal[k][d]; usdInr[d], usdBrl[d]; NaN = missing. */
  usdLocal: Float64Array[]
  usdInr: Float64Array
  usdBrl: Float64Array
  /** Scratch columns of a pass (the capped reward and the budget claim per row); passes are synchronous. */
  scratchLocal: Float64Array
  scratchClaim: Float64Array
  /** Scratch flags of a pass (rewardPass.ts: a user's first rewarded rows). */
  scratchFirst: Uint8Array
}

function utcDay(tsUs: number): number {
  return Math.floor(tsUs / US_PER_DAY)
}

/** How many candidates the table has, and in which currencies. */
async function shape(db: Queryable, table: Sql): Promise<{ rows: number; currencies: string[] }> {
  const rows = await db.rows(sql`SELECT count(*) AS n, list(DISTINCT currency ORDER BY currency) AS currencies FROM ${table}`)
  const row = rows[0]
  const currencies = Array.isArray(row?.currencies) ? row.currencies.map(String) : []
  return { rows: Number(row?.n ?? 0), currencies }
}

function indexOf(column: Sql, values: readonly string[]): Sql {
  if (values.length === 0) return sql`CAST(NULL AS DOUBLE)`
  return sql`CAST(CASE ${column} ${join(values.map((v, i) => sql`WHEN ${v} THEN CAST(${i} AS INTEGER)`), ' ')} END AS DOUBLE)`
}

/**
 * The candidate table in memory, or null when it is too big or holds values the in-memory pass
 * does not cover (a NULL amount, a country outside the campaign, too many currencies): those stay on SQL.
 */
export async function loadCandidateColumns(db: Queryable, campaign: Campaign, table: Sql): Promise<CandidateColumns | null> {
  const { rows, currencies } = await shape(db, table)
  const countries = campaign.countries.length
  // One bit per (country, currency) group in an Int32 (rewardPass.ts).
  if (rows > MAX_IN_MEMORY_CANDIDATES || countries * currencies.length > 31) return null
  const currencyIndex = indexOf(raw('currency'), currencies)
  // Rows come in the stored order with their rank in (ts, payment_id) order; user_country (uid ×
  // countries + country index) and (currency, reversed) travel packed, as fewer columns read faster.
  // (Sorting by time alone and permuting in JS was slower: scattered writes into every column.)
  const [amount, userCountry, currencyReversed, ts, rankOf] = await db.doubles(sql`SELECT CAST(amount * 100 AS DOUBLE), CAST(user_country AS DOUBLE),
      ${currencyIndex} * 2 + CAST(status = ${'REVERSED'} AS DOUBLE), CAST(epoch_us(ts) AS DOUBLE),
      CAST(row_number() OVER (ORDER BY ts, payment_id) - 1 AS DOUBLE)
    FROM ${table} ORDER BY user_country, ts, payment_id`)
  if (amount === undefined || userCountry === undefined || currencyReversed === undefined || ts === undefined || rankOf === undefined) return null
  const length = amount.length
  let minTs = Number.POSITIVE_INFINITY
  let maxTs = Number.NEGATIVE_INFINITY
  for (let i = 0; i < length; i++) {
    // NULL amount or currency, a NULL status (NaN), or an amount whose cents a double cannot hold
    // exactly (over 2^53 cents): the SQL path handles those.
    if (Number.isNaN(amount[i]!) || Number.isNaN(userCountry[i]!) || Number.isNaN(currencyReversed[i]!) || Math.abs(amount[i]!) > Number.MAX_SAFE_INTEGER) return null
    minTs = Math.min(minTs, ts[i]!)
    maxTs = Math.max(maxTs, ts[i]!)
  }
  if (length === 0) minTs = maxTs = 0
  const firstDay = utcDay(minTs)
  const blocks = length === 0 ? 0 : Math.floor((maxTs - minTs) / BLOCK_US) + 1
  const blockStart = new Int32Array(blocks + 1).fill(length)
  const out = {
    rank: new Int32Array(length), byRank: new Int32Array(length), block: new Int32Array(length), day: new Int32Array(length),
    uid: new Int32Array(length), country: new Uint8Array(length), currency: new Uint8Array(length), reversed: new Uint8Array(length),
  }
  for (let i = 0; i < length; i++) {
    const r = rankOf[i]!
    const key = userCountry[i]!
    const b = Math.floor((ts[i]! - minTs) / BLOCK_US)
    out.rank[i] = r
    out.byRank[r] = i
    out.block[i] = b
    // blockStart[b] = the first rank in block b.
    if (r < blockStart[b]!) blockStart[b] = r
    out.day[i] = utcDay(ts[i]!) - firstDay
    out.uid[i] = Math.floor(key / countries)
    out.country[i] = key % countries
    out.currency[i] = currencyReversed[i]! >> 1
    out.reversed[i] = currencyReversed[i]! & 1
  }
  // An empty block starts where the next one does.
  for (let b = blocks - 1; b >= 0; b--) blockStart[b] = Math.min(blockStart[b]!, blockStart[b + 1]!)
  const rates = await loadRates(db, table, currencyIndex, currencies.length, firstDay, utcDay(maxTs))
  return {
    length, amountCents: amount, tsUs: ts, blockStart, currencies, ...out, ...rates,
    scratchLocal: new Float64Array(length), scratchClaim: new Float64Array(length), scratchFirst: new Uint8Array(length),
  }
}

/** The candidates' FX columns per (UTC day, currency): the same value on every row of one day and currency. */
async function loadRates(db: Queryable, table: Sql, currencyIndex: Sql, currencies: number, firstDay: number, lastDay: number) {
  const days = lastDay - firstDay + 1
  const usdLocal = Array.from({ length: currencies }, () => new Float64Array(days).fill(Number.NaN))
  const usdInr = new Float64Array(days).fill(Number.NaN)
  const usdBrl = new Float64Array(days).fill(Number.NaN)
  const [day, currency, local, inr, brl] = await db.doubles(sql`SELECT CAST(date_diff('day', DATE '1970-01-01', CAST(ts AS DATE)) AS DOUBLE) AS d, ${currencyIndex} AS k,
      CAST(any_value(usd_local) AS DOUBLE), CAST(any_value(usd_inr) AS DOUBLE), CAST(any_value(usd_brl) AS DOUBLE)
    FROM ${table} GROUP BY d, k`)
  for (let i = 0; i < (day?.length ?? 0); i++) {
    const d = day![i]! - firstDay
    usdLocal[currency![i]!]![d] = local![i]!
    usdInr[d] = inr![i]!
    usdBrl[d] = brl![i]!
  }
  return { firstDay, usdLocal, usdInr, usdBrl }
}
