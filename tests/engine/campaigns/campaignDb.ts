// Test helpers: a real DuckDB file holding `payments` and `fx` tables, reloaded per dataset.
import type { Database } from '../../../electron/engine/db/database'
import { join, sql } from '../../../electron/engine/db/sql'
import type { RewardRelations } from '../../../electron/engine/campaigns/rewardsSql'
import { ident } from '../../../electron/engine/db/sql'
import { centsToString } from '../../../common/domain/campaign'
import type { RefFx, RefPayment } from './reference'

export const RELATIONS: RewardRelations = { payments: ident('payments'), fx: ident('fx') }

export async function createTables(db: Database): Promise<void> {
  await db.run(sql`CREATE OR REPLACE TABLE payments (payment_id VARCHAR, user_id VARCHAR, ts TIMESTAMP, amount DECIMAL(18,2),
    currency VARCHAR, country VARCHAR, rail VARCHAR, kind VARCHAR, status VARCHAR, counterparty_id VARCHAR, entry_method VARCHAR)`)
  await db.run(sql`CREATE OR REPLACE TABLE fx (date DATE, currency VARCHAR, usd_per_unit DOUBLE)`)
}

export async function loadData(db: Database, payments: readonly RefPayment[], fx: RefFx): Promise<void> {
  await db.run(sql`DELETE FROM payments`)
  await db.run(sql`DELETE FROM fx`)
  if (payments.length > 0) {
    const rows = payments.map(
      (p) =>
        sql`(${p.paymentId}, ${p.userId}, CAST(${new Date(p.ts).toISOString().replace('T', ' ').replace('Z', '')} AS TIMESTAMP),
          CAST(${centsToString(p.amountCents)} AS DECIMAL(18,2)), ${p.currency}, ${p.country}, ${p.rail}, ${p.kind}, ${p.status},
          ${p.counterpartyId}, ${p.entryMethod})`,
    )
    await db.run(sql`INSERT INTO payments VALUES ${join(rows)}`)
  }
  const fxRows = [...fx.entries()].map(([key, usd]) => {
    const [date = '', currency = ''] = key.split('|')
    return sql`(CAST(${date} AS DATE), ${currency}, CAST(${usd} AS DOUBLE))`
  })
  if (fxRows.length > 0) await db.run(sql`INSERT INTO fx VALUES ${join(fxRows)}`)
}
