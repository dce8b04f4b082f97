// Reading aggregate cells from DuckDB's JSON rows, and the exact cent arithmetic the evaluation uses.
// Layer: electron/engine. Sums arrive as VARCHAR (cast in SQL) and become bigint here, never a double.
import { centsToString } from '../../../../common/domain/campaign'
import type { JsonCell } from '../../db/database'
import { breakageBasisPoints } from '../campaignValues'

/** Integer cents of a summed cell (BIGINT/HUGEINT cast to VARCHAR); NULL (empty sum) is 0. */
export function centsOf(cell: JsonCell | undefined): bigint {
  return cell === null || cell === undefined ? 0n : BigInt(String(cell))
}

/** Cents, or null when the cell is NULL (a sum that does not exist, e.g. no budget). */
export function nullableCents(cell: JsonCell | undefined): bigint | null {
  return cell === null || cell === undefined ? null : BigInt(String(cell))
}

/** A count(*) cell (BIGINT arrives as a string); counts of rows fit a double exactly. */
export function countOf(cell: JsonCell | undefined): number {
  return cell === null || cell === undefined ? 0 : Number(cell)
}

/** A DATE cell: DuckDB's JSON rows already carry "YYYY-MM-DD". */
export function dateOf(cell: JsonCell | undefined): string {
  return String(cell)
}

/** DuckDB's JSON rows carry TIMESTAMP as "YYYY-MM-DD HH:MM:SS[.fff…]" (UTC); ISO with milliseconds. */
export function isoUtc(cell: JsonCell | undefined): string {
  const text = String(cell)
  const [date, time = '00:00:00'] = text.split(' ')
  const [hms = '00:00:00', frac = ''] = time.split('.')
  return `${date}T${hms}.${frac.padEnd(3, '0').slice(0, 3)}Z`
}

export function money(cents: bigint): string {
  return centsToString(cents)
}

export function nullableMoney(cents: bigint | null): string | null {
  return cents === null ? null : centsToString(cents)
}

/** numerator / denominator rounded half-up, for numerator ≥ 0 and denominator > 0. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator)
}

/** Cash expected to be paid: cents × (1 − breakage), half-up to cents (same rule as totals). */
export function afterBreakage(cents: bigint, breakageRate: number): bigint {
  const keep = BigInt(10_000 - breakageBasisPoints(breakageRate))
  return (cents * keep + 5_000n) / 10_000n
}
