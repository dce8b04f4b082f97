// Why the USD totals are missing: the first (date, currency) without an FX rate among rewarded
// payments. Layer: electron/engine. Runs only when the cube found such payments.
import type { Queryable } from '../../db/database'
import { sql, type Sql } from '../../db/sql'
import { countOf, dateOf } from './rewardCells'

/**
 * "No FX rate for BRL on 2024-09-03 (12 payments)", plus the total when other dates or currencies
 * lack one too. The date is the payment's UTC date (ts), the date rewards are converted at
 * (rewardsSql.ts step 5).
 */
export async function usdNote(db: Queryable, table: Sql, missingPayments: number): Promise<string> {
  const [first] = await db.rows(sql`SELECT currency, CAST(ts AS DATE) AS date, count(*) AS payments
    FROM ${table} WHERE reward_cents > 0 AND usd_local IS NULL
    GROUP BY ALL ORDER BY date, currency LIMIT 1`)
  if (first === undefined) return `No FX rate for ${missingPayments} rewarded payments.`
  const payments = countOf(first.payments)
  const head = `No FX rate for ${String(first.currency)} on ${dateOf(first.date)} (${payments} ${payments === 1 ? 'payment' : 'payments'})`
  return payments === missingPayments ? `${head}.` : `${head}; ${missingPayments} rewarded payments lack an FX rate in all.`
}
