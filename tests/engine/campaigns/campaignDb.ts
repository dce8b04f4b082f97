// Test helpers: a real DuckDB file holding `payments`, `users` and `fx` tables, reloaded per
// dataset; each load bumps the data version, so cached stage tables are never reused across data.
import type { Database } from '../../../electron/engine/db/database'
import { ident, join, sql } from '../../../electron/engine/db/sql'
import type { CampaignContext } from '../../../electron/engine/campaigns/campaignContext'
import { centsToString } from '../../../common/domain/campaign'
import type { RefFx, RefPayment, RefUser } from './reference'

/** Extra users columns the tests use as segments. */
export const SEGMENT_COLUMNS = ['tier', 'state'] as const

let version = 0

/** The context the tests evaluate with (users mapped with signup_ts and arm). */
export function context(overrides: Partial<CampaignContext> = {}): CampaignContext {
  return {
    payments: ident('payments'),
    users: ident('users'),
    usersColumns: ['user_id', 'country', 'region', 'signup_ts', 'arm', 'assigned_ts', ...SEGMENT_COLUMNS],
    mappedUserFields: ['user_id', 'signup_ts', 'arm'],
    fx: ident('fx'),
    timeZones: { IN: 'Asia/Kolkata', BR: 'America/Sao_Paulo' },
    scope: 'treatment',
    dataVersion: `test-${version}`,
    ...overrides,
  }
}

/** The old form: payments and fx only. */
export const RELATIONS = { payments: ident('payments'), fx: ident('fx') }

export async function createTables(db: Database): Promise<void> {
  await db.run(sql`CREATE OR REPLACE TABLE payments (payment_id VARCHAR, user_id VARCHAR, ts TIMESTAMP, amount DECIMAL(18,2),
    currency VARCHAR, country VARCHAR, rail VARCHAR, kind VARCHAR, status VARCHAR, counterparty_id VARCHAR, entry_method VARCHAR, region VARCHAR)`)
  await db.run(sql`CREATE OR REPLACE TABLE users (user_id VARCHAR, country VARCHAR, region VARCHAR, signup_ts TIMESTAMP, arm VARCHAR,
    assigned_ts TIMESTAMP, tier VARCHAR, state VARCHAR)`)
  await db.run(sql`CREATE OR REPLACE TABLE fx (date DATE, currency VARCHAR, usd_per_unit DOUBLE)`)
}

const naive = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')

export async function loadData(db: Database, payments: readonly RefPayment[], fx: RefFx, users: readonly RefUser[] = []): Promise<void> {
  version += 1
  await db.run(sql`DELETE FROM payments`)
  await db.run(sql`DELETE FROM users`)
  await db.run(sql`DELETE FROM fx`)
  if (payments.length > 0) {
    const rows = payments.map(
      (p) =>
        sql`(${p.paymentId}, ${p.userId}, CAST(${naive(p.ts)} AS TIMESTAMP),
          CAST(${centsToString(p.amountCents)} AS DECIMAL(18,2)), ${p.currency}, ${p.country}, ${p.rail}, ${p.kind}, ${p.status},
          ${p.counterpartyId}, ${p.entryMethod}, ${p.region ?? null})`,
    )
    await db.run(sql`INSERT INTO payments VALUES ${join(rows)}`)
  }
  if (users.length > 0) {
    const rows = users.map(
      (u) => sql`(${u.userId}, NULL, NULL, CAST(${u.signupTs === null ? null : naive(u.signupTs)} AS TIMESTAMP), ${u.arm}, NULL, ${u.tier ?? null}, ${u.state ?? null})`,
    )
    await db.run(sql`INSERT INTO users VALUES ${join(rows)}`)
  }
  const fxRows = [...fx.entries()].map(([key, usd]) => {
    const [date = '', currency = ''] = key.split('|')
    return sql`(CAST(${date} AS DATE), ${currency}, CAST(${usd} AS DOUBLE))`
  })
  if (fxRows.length > 0) await db.run(sql`INSERT INTO fx VALUES ${join(fxRows)}`)
}
