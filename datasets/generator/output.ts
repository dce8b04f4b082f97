// Writes the generated tables as Parquet (ZSTD), optional CSV copies, and reports file sizes.
// Layer: datasets (build-time generator).
import { statSync } from 'node:fs'
import { join } from 'node:path'
import type { DuckDBConnection } from '@duckdb/node-api'
import { str } from './sqlText'

/** The published column order of each table (DOMAIN.md §4 roles first, then extras). */
export const OUTPUT_QUERIES: Record<'users' | 'payments' | 'fx_rates', string> = {
  users: `SELECT user_id, country, region, signup_ts, arm, assigned_ts, study, rollout_start, age_band, platform
          FROM u ORDER BY idx`,
  payments: `SELECT 'P' || lpad(seq::VARCHAR, 10, '0') AS payment_id, user_id, ts, amount, currency, country, rail, kind,
                    status, counterparty_id, region, entry_method, merchant_category
             FROM payments ORDER BY seq`,
  fx_rates: `SELECT date, currency, usd_per_unit FROM fx ORDER BY currency, date`,
}

export interface WrittenFile {
  name: string
  bytes: number
}

/** ZSTD level: 9 keeps committed samples small; large benchmark files use 3 (3× faster, ~7 % bigger). */
export function zstdLevel(payments: number): number {
  return payments <= 5_000_000 ? 9 : 3
}

export async function writeOutputs(conn: DuckDBConnection, outDir: string, csv: boolean, level: number, progress: (m: string) => void): Promise<WrittenFile[]> {
  const files: WrittenFile[] = []
  for (const [table, query] of Object.entries(OUTPUT_QUERIES)) {
    const formats = csv ? ['parquet', 'csv'] : ['parquet']
    for (const format of formats) {
      const name = `${table}.${format}`
      const path = join(outDir, name)
      progress(`writing ${name}`)
      const options = format === 'parquet' ? `FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL ${level}, ROW_GROUP_SIZE 1000000` : `FORMAT csv, HEADER true`
      await conn.run(`COPY (${query}) TO ${str(path)} (${options})`)
      files.push({ name, bytes: statSync(path).size })
    }
  }
  return files
}
