// Test helper: generate a small dataset into a temporary folder and query its files with DuckDB.
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { generate, type GenerateOptions } from '../../datasets/generator/generate'
import type { Manifest } from '../../datasets/generator/manifest'
import { tempDir } from '../helpers/tempDir'

export type Row = Record<string, unknown>

export interface Sample {
  dir: string
  manifest: Manifest
  rows(sql: string): Promise<Row[]>
  close(): void
}

/** Generates into a fresh temp folder; views `payments`, `users`, `fx_rates` read its Parquet files. */
export async function generateSample(options: Partial<GenerateOptions> & { users: number }, prefix = 'dataset'): Promise<Sample> {
  const dir = tempDir(prefix)
  const manifest = await generate({ seed: 42, csv: false, payers: 1, outDir: dir, ...options })
  const instance = await DuckDBInstance.create(':memory:')
  const conn = await instance.connect()
  for (const table of ['payments', 'users', 'fx_rates']) {
    await conn.run(`CREATE VIEW ${table} AS SELECT * FROM read_parquet('${join(dir, `${table}.parquet`)}')`)
  }
  return {
    dir,
    manifest,
    async rows(sql) {
      const reader = await conn.runAndReadAll(sql)
      return reader.getRowObjectsJson() as Row[]
    },
    close() {
      conn.closeSync()
      instance.closeSync()
    },
  }
}

/** A numeric cell (DuckDB's JSON rows give BIGINT and DECIMAL as strings). */
export const num = (row: Row | undefined, key: string): number => Number(row?.[key])

/** Local day index (0 = pre-period start) of a payment, in SQL. */
export const LOCAL_DAY = `((ts + to_minutes(CASE country WHEN 'IN' THEN 330 ELSE -180 END))::DATE - DATE '2024-08-05')`
