// Test helpers: a rewards table (the columns the campaign engine materialises) filled by hand with
// bound parameters, and a synthetic one of any size generated inside DuckDB for timings.
import type { Database } from '../../../../electron/engine/db/database'
import { ident, join, sql, type Sql } from '../../../../electron/engine/db/sql'

/** One candidate payment as the rewards table holds it; cents as plain integers. */
export interface RewardRow {
  paymentId: string
  userId: string
  /** UTC, "YYYY-MM-DD HH:MM:SS[.fff]". */
  ts: string
  localDate: string
  payoutTs: string
  payoutLocalDate: string
  country: string
  currency: string
  rail: string | null
  kind: string | null
  region: string | null
  entryMethod: string | null
  arm: string | null
  amountCents: number
  rawRewardCents: number
  accruedCents: number
  budgetSpentCents: number | null
  budgetReached: boolean
  clawedBack: boolean
  rewardCents: number
  usdLocal: number | null
}

export const TABLE = 'rewards'
export const TABLE_SQL: Sql = ident(TABLE)

const decimal = (cents: number): string => `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`

export async function createRewardsTable(db: Database, name = TABLE): Promise<void> {
  await db.run(sql`CREATE OR REPLACE TABLE ${ident(name)} (payment_id VARCHAR, user_id VARCHAR, ts TIMESTAMP, local_date DATE,
    payout_ts TIMESTAMP, payout_local_date DATE, country VARCHAR, currency VARCHAR, rail VARCHAR, kind VARCHAR, region VARCHAR,
    entry_method VARCHAR, arm VARCHAR, amount DECIMAL(18,2), raw_reward DECIMAL(18,2), accrued_cents BIGINT,
    budget_spent_cents BIGINT, budget_reached BOOLEAN, clawed_back BOOLEAN, reward_cents BIGINT, usd_local DOUBLE)`)
}

/** Replaces the table's rows (every value bound). */
export async function loadRewards(db: Database, rows: readonly RewardRow[], name = TABLE): Promise<void> {
  await db.run(sql`DELETE FROM ${ident(name)}`)
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows.slice(i, i + 500).map(
      (r) => sql`(${r.paymentId}, ${r.userId}, CAST(${r.ts} AS TIMESTAMP), CAST(${r.localDate} AS DATE), CAST(${r.payoutTs} AS TIMESTAMP),
        CAST(${r.payoutLocalDate} AS DATE), ${r.country}, ${r.currency}, ${r.rail}, ${r.kind}, ${r.region}, ${r.entryMethod}, ${r.arm},
        CAST(${decimal(r.amountCents)} AS DECIMAL(18,2)), CAST(${decimal(r.rawRewardCents)} AS DECIMAL(18,2)), CAST(${r.accruedCents} AS BIGINT),
        CAST(${r.budgetSpentCents} AS BIGINT), ${r.budgetReached}, ${r.clawedBack}, CAST(${r.rewardCents} AS BIGINT), CAST(${r.usdLocal} AS DOUBLE))`,
    )
    await db.run(sql`INSERT INTO ${ident(name)} VALUES ${join(values)}`)
  }
}

/**
 * n synthetic candidates over 28 days in IN (INR, IST) and BR (BRL, BRT), ~n/4 users per country, a budget
 * exhausted at 80 % of the rows, 2 % clawed back, 27 regions, 6 entry methods (one empty), 10 %
 * without arm. Built with range() inside DuckDB: only the size is a parameter.
 */
export async function createSyntheticRewards(db: Database, n: number, target: Sql): Promise<void> {
  const users = Math.max(1, Math.floor(n / 4))
  const exhaustAt = Math.floor(n * 0.8)
  await db.run(sql`CREATE OR REPLACE TABLE ${target} AS
  WITH base AS (
    SELECT i, CASE WHEN i % 3 = 0 THEN 'BR' ELSE 'IN' END AS country,
      TIMESTAMP '2024-09-01 00:00:00' + to_seconds(CAST(i * 2419200 // ${n} AS BIGINT)) AS ts
    FROM range(${n}) AS t(i)),
  shaped AS (
    SELECT *, CASE WHEN country = 'IN' THEN to_minutes(330) ELSE to_minutes(-180) END AS offset_minutes,
      CAST(CASE WHEN i >= ${exhaustAt} THEN 0 ELSE 100 + hash(i) % 5000 END AS BIGINT) AS accrued
    FROM base)
  SELECT 'p' || i AS payment_id, country || '-u' || (hash(i * 13) % ${users}) AS user_id, ts,
    CAST(ts + offset_minutes AS DATE) AS local_date,
    ts + to_hours(48) AS payout_ts,
    CAST(ts + to_hours(48) + offset_minutes AS DATE) AS payout_local_date,
    country, CASE WHEN country = 'IN' THEN 'INR' ELSE 'BRL' END AS currency,
    CASE WHEN country = 'IN' THEN 'UPI' ELSE 'PIX' END AS rail,
    (['P2P', 'P2M', 'BILL'])[CAST(1 + i % 3 AS BIGINT)] AS kind,
    'R' || (hash(i * 7) % 27) AS region,
    (['CONTACT', 'QR', 'UPI_ID', 'COLLECT', 'PIX_KEY', ''])[CAST(1 + hash(i * 3) % 6 AS BIGINT)] AS entry_method,
    CASE WHEN i % 10 = 0 THEN NULL WHEN i % 2 = 0 THEN 'treatment' ELSE 'control' END AS arm,
    CAST((hash(i * 11) % 100000) / 100.0 AS DECIMAL(18,2)) AS amount,
    CAST(accrued / 100.0 AS DECIMAL(18,2)) AS raw_reward,
    accrued AS accrued_cents,
    accrued AS budget_spent_cents,
    i >= ${exhaustAt - 1} AS budget_reached,
    i % 50 = 7 AS clawed_back,
    CASE WHEN i % 50 = 7 THEN CAST(0 AS BIGINT) ELSE accrued END AS reward_cents,
    CAST(CASE WHEN country = 'IN' THEN 0.012 ELSE 0.19 END AS DOUBLE) AS usd_local
  FROM shaped`)
}
