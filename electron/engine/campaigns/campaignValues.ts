// Campaign values in the exact forms the SQL binds: decimal strings, integer units, UTC timestamps.
// Layer: electron/engine. Pure functions; no SQL text here.
import { moneyToCents, type Campaign } from '../../../common/domain/campaign'

/** "11.00" — bound and cast to DECIMAL(18,2), so no binary fraction ever reaches DuckDB. */
export function moneyParam(x: number): string {
  const cents = moneyToCents(x)
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`
}

/** percent (≤ 4 decimals) as a rate with 6 decimals: 5 % → "0.050000". */
/** percent (≤ 4 decimals) as a rate in millionths: 5 % → 50 000 (the exact rate the SQL binds). */
export function percentMillionths(percent: number): number {
  return Math.round(percent * 10_000)
}

export function percentRateParam(percent: number): string {
  const millionths = BigInt(percentMillionths(percent))
  return `${millionths / 1_000_000n}.${String(millionths % 1_000_000n).padStart(6, '0')}`
}

/** Breakage rate (≤ 4 decimals) in basis points of 1/10 000. */
export function breakageBasisPoints(rate: number): number {
  return Math.round(rate * 10_000)
}

/** An ISO timestamp with offset → the naive UTC text DuckDB casts to TIMESTAMP. */
export function utcTimestampParam(iso: string): string {
  return new Date(iso).toISOString().replace('T', ' ').replace('Z', '')
}

export interface CampaignWindowUtc {
  start: string
  end: string
}

export function windowParams(campaign: Campaign): CampaignWindowUtc {
  return { start: utcTimestampParam(campaign.window.start), end: utcTimestampParam(campaign.window.end) }
}
