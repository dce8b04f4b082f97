// Synthetic payments for the campaign benchmarks (issue 4): payments, users and daily FX written
// as Parquet by DuckDB from range() and hash-based pseudo-random numbers, cached under
// bench/output/campaign-data/ so repeated runs reuse them. Deterministic for a given size.
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'

/** Bump when the generator changes, so cached files of the old shape are not reused. */
const GENERATOR_VERSION = 'v1'
export const CAMPAIGN_DATA_DIR = resolve('bench/output/campaign-data', GENERATOR_VERSION)

export interface CampaignDataFiles {
  payments: string
  users: string
  fx: string
  paymentRows: number
  userRows: number
  paymentsMB: number
}

/** Uniform in [0, 1) from the row number and a salt (stable across runs and DuckDB versions' hash). */
const uniform = (salt: number, of = 'i'): string => `((hash(${of}, ${salt}) % 1000003) / 1000003.0)`
/** Standard normal by Box–Muller from two uniforms. */
const normal = (a: number, b: number): string =>
  `(sqrt(-2 * ln((hash(i, ${a}) % 1000003 + 0.5) / 1000003.5)) * cos(2 * pi() * ${uniform(b)}))`

/**
 * One row per payment attempt, ~Aug 25 – Oct 5 2024 (UTC): India (UPI/CARD, INR) 70 % of users,
 * Brazil (PIX/CARD, BRL) 30 %; kinds and entry methods by country; lognormal amounts with the
 * medians and spreads of DOMAIN.md §3, clipped to [1, 100 000]; a few contacts per user (repeat
 * counterparties) and skewed merchants; 96 % SUCCESS, 3 % FAILED, 1 % REVERSED. Users are skewed
 * too (a few pay often, most rarely). Ties in ts (whole seconds) are common on purpose.
 */
function paymentsSql(rows: number, users: number): string {
  const merchants = Math.max(1000, Math.floor(rows / 50))
  return `
WITH r AS (
  SELECT i,
    CAST(floor(${users} * pow(${uniform(1)}, 1.3)) AS BIGINT) AS uid,
    ${uniform(2)} AS u_kind, ${uniform(3)} AS u_entry, ${uniform(4)} AS u_rail, ${uniform(5)} AS u_status,
    ${uniform(6)} AS u_cp, ${normal(7, 8)} AS z
  FROM range(${rows}) t(i)
), c AS (
  SELECT *, CASE WHEN ${uniform(100, 'uid')} < 0.7 THEN 'IN' ELSE 'BR' END AS country FROM r
), k AS (
  SELECT *,
    CASE WHEN country = 'IN' THEN (CASE WHEN u_kind < 0.60 THEN 'P2M' WHEN u_kind < 0.97 THEN 'P2P' ELSE 'BILL' END)
         ELSE (CASE WHEN u_kind < 0.48 THEN 'P2M' WHEN u_kind < 0.96 THEN 'P2P' ELSE 'BILL' END) END AS kind
  FROM c
)
SELECT
  'P' || lpad(CAST(i AS VARCHAR), 9, '0') AS payment_id,
  'U' || lpad(CAST(uid AS VARCHAR), 8, '0') AS user_id,
  TIMESTAMP '2024-08-25 00:00:00' + to_seconds(CAST(hash(i, 9) % (41 * 86400) AS BIGINT)) AS ts,
  CAST(round(least(100000, greatest(1, exp(ln(
      CASE country || kind WHEN 'INP2P' THEN 350 WHEN 'INP2M' THEN 125 WHEN 'INBILL' THEN 800
                           WHEN 'BRP2P' THEN 60 WHEN 'BRP2M' THEN 45 ELSE 150 END)
    + z * CASE country || kind WHEN 'INP2P' THEN 2.0 WHEN 'INP2M' THEN 1.8 WHEN 'INBILL' THEN 1.2
                               WHEN 'BRP2P' THEN 1.7 WHEN 'BRP2M' THEN 1.6 ELSE 1.0 END))),
    CASE WHEN kind = 'P2P' AND hash(i, 10) % 2 = 0 THEN 0 ELSE 2 END) AS DECIMAL(18,2)) AS amount,
  CASE country WHEN 'IN' THEN 'INR' ELSE 'BRL' END AS currency,
  country,
  CASE WHEN country = 'IN' THEN (CASE WHEN u_rail < 0.97 THEN 'UPI' ELSE 'CARD' END)
       ELSE (CASE WHEN u_rail < 0.85 THEN 'PIX' ELSE 'CARD' END) END AS rail,
  kind,
  CASE WHEN u_status < 0.96 THEN 'SUCCESS' WHEN u_status < 0.99 THEN 'FAILED' ELSE 'REVERSED' END AS status,
  CASE WHEN kind = 'P2P' THEN 'C' || CAST(hash(uid, CAST(floor(4 * u_cp * u_cp) AS BIGINT)) % ${users * 2} AS VARCHAR)
       ELSE 'M' || CAST(CAST(floor(${merchants} * pow(u_cp, 2)) AS BIGINT) AS VARCHAR) END AS counterparty_id,
  CASE WHEN country = 'IN' AND kind = 'P2P' THEN (CASE WHEN u_entry < 0.55 THEN 'CONTACT' WHEN u_entry < 0.80 THEN 'UPI_ID' WHEN u_entry < 0.95 THEN 'QR' ELSE 'COLLECT' END)
       WHEN country = 'IN' THEN (CASE WHEN u_entry < 0.80 THEN 'QR' WHEN u_entry < 0.90 THEN 'UPI_ID' ELSE 'COLLECT' END)
       WHEN kind = 'P2P' THEN (CASE WHEN u_entry < 0.70 THEN 'PIX_KEY' WHEN u_entry < 0.85 THEN 'CONTACT' ELSE 'QR' END)
       ELSE (CASE WHEN u_entry < 0.60 THEN 'QR' ELSE 'PIX_KEY' END) END AS entry_method
FROM k`
}

/** Every user of the payments: country as in paymentsSql, signup mostly long ago but 15 % recent (so a 30-day account age binds), two arms. */
function usersSql(users: number): string {
  return `
SELECT 'U' || lpad(CAST(i AS VARCHAR), 8, '0') AS user_id,
  CASE WHEN ${uniform(100)} < 0.7 THEN 'IN' ELSE 'BR' END AS country,
  CASE WHEN ${uniform(101)} < 0.85
       THEN TIMESTAMP '2019-01-01 00:00:00' + to_seconds(CAST(hash(i, 102) % (2039 * 86400) AS BIGINT))
       ELSE TIMESTAMP '2024-08-01 00:00:00' + to_seconds(CAST(hash(i, 102) % (61 * 86400) AS BIGINT)) END AS signup_ts,
  CASE WHEN hash(i, 103) % 2 = 0 THEN 'control' ELSE 'treatment' END AS arm
FROM range(${users}) t(i)`
}

/** Daily US dollars per unit for INR (~₹84/$) and BRL (~R$5.55/$), Aug–Oct 2024, gently moving. */
const FX_SQL = `
SELECT CAST(d AS DATE) AS date, c.currency,
  CASE c.currency WHEN 'INR' THEN 1 / (83.9 + 0.3 * sin(n / 5.0)) ELSE 1 / (5.55 + 0.15 * sin(n / 7.0)) END AS usd_per_unit
FROM (SELECT d, row_number() OVER (ORDER BY d) AS n FROM range(DATE '2024-08-01', DATE '2024-11-01', INTERVAL 1 DAY) t(d))
CROSS JOIN (VALUES ('INR'), ('BRL')) c(currency)`

function label(rows: number): string {
  return rows % 1_000_000 === 0 ? `${rows / 1_000_000}M` : String(rows)
}

/** Write `select` to `path` as Parquet through a temporary name (an interrupted run leaves no half file). */
async function writeParquet(path: string, select: string): Promise<void> {
  if (existsSync(path)) return
  const partial = `${path}.partial`
  rmSync(partial, { force: true })
  const db = await DuckDBInstance.create(':memory:', { temp_directory: join(CAMPAIGN_DATA_DIR, '.tmp'), preserve_insertion_order: 'false' })
  const conn = await db.connect()
  try {
    await conn.run(`COPY (${select}) TO '${partial.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION zstd)`)
  } finally {
    conn.closeSync()
    db.closeSync()
  }
  renameSync(partial, path)
}

/** The cached files for `rows` payments, generated on first use. */
export async function campaignData(rows: number, log: (line: string) => void = () => undefined): Promise<CampaignDataFiles> {
  mkdirSync(CAMPAIGN_DATA_DIR, { recursive: true })
  const users = Math.max(1, Math.round(rows / 6))
  const payments = join(CAMPAIGN_DATA_DIR, `payments_${label(rows)}.parquet`)
  const usersPath = join(CAMPAIGN_DATA_DIR, `users_${label(rows)}.parquet`)
  const fx = join(CAMPAIGN_DATA_DIR, 'fx_rates.parquet')
  if (!existsSync(payments)) {
    const started = performance.now()
    log(`generating ${label(rows)} payments → ${payments}`)
    await writeParquet(payments, paymentsSql(rows, users))
    log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
  await writeParquet(usersPath, usersSql(users))
  await writeParquet(fx, FX_SQL)
  return { payments, users: usersPath, fx, paymentRows: rows, userRows: users, paymentsMB: Math.round(statSync(payments).size / 2 ** 20) }
}
