// Orchestrates one generation run in an in-memory DuckDB: parameters → users → adoption → true
// effects → payments → fx → files + manifest.json. Layer: datasets (build-time generator).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { adoptionStatements } from './adoptionSql'
import { fxRows } from './fx'
import { macroStatements } from './macros'
import { buildManifest, type Manifest } from './manifest'
import { writeOutputs, zstdLevel } from './output'
import { cumhazStatement, dayFactorsStatement } from './calendarFactors'
import { lookupTableStatements } from './lookupTables'
import { paymentsStatements } from './paymentsSql'
import { values } from './sqlText'
import { OBSERVED_MEANS, POTENTIAL_MEANS, ROLLOUT_EFFECTS, truthStatements } from './truthSql'
import { usersStatements } from './usersSql'

export interface GenerateOptions {
  users: number
  seed: number
  outDir: string
  /** Also write CSV copies (for import benchmarks). */
  csv: boolean
  /** Multiplier on the share of users who already pay (1: IN 22 %, BR 18 %, ≈ 11 payments per user). */
  payers: number
  /** DuckDB threads (default: all cores). */
  threads?: number
}

export type Progress = (message: string) => void

async function rows(conn: DuckDBConnection, query: string): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(query)
  return reader.getRowObjectsJson() as Record<string, unknown>[]
}

/** Generates the dataset into `outDir` and returns its manifest (also written as manifest.json). */
export async function generate(options: GenerateOptions, progress: Progress = () => {}): Promise<Manifest> {
  const spill = mkdtempSync(join(tmpdir(), 'cbl-datasets-'))
  mkdirSync(options.outDir, { recursive: true })
  const config: Record<string, string> = { temp_directory: spill, preserve_insertion_order: 'true' }
  if (options.threads !== undefined) config.threads = String(options.threads)
  const instance = await DuckDBInstance.create(':memory:', config)
  const conn = await instance.connect()
  const step = async (label: string, statements: string[]) => {
    const t0 = performance.now()
    for (const statement of statements) await conn.run(statement)
    progress(`${label} (${((performance.now() - t0) / 1000).toFixed(1)} s)`)
  }
  try {
    await step('parameters', [...macroStatements(options.seed), cumhazStatement(), dayFactorsStatement(), ...lookupTableStatements()])
    await step(`users: ${options.users.toLocaleString('en-US')}`, usersStatements(options.users, options.payers))
    await step('adoption days', adoptionStatements())
    await step('true effects (every user under every arm)', truthStatements(options.users))
    const potential = await rows(conn, POTENTIAL_MEANS)
    const observed = await rows(conn, OBSERVED_MEANS)
    const rollout = await rows(conn, ROLLOUT_EFFECTS)
    for (const table of ['tagg', 'tm', 'rct_y', 'pairs', 'adopt']) await conn.run(`DROP TABLE ${table}`)
    await step('payments', paymentsStatements(options.users))
    const fx = fxRows(options.seed).map((r) => [r.date, r.currency, r.usdPerUnit])
    await step('fx rates', [
      `CREATE OR REPLACE TABLE fx AS SELECT date::DATE AS date, currency, usd_per_unit::DOUBLE AS usd_per_unit FROM ${values('f', ['date', 'currency', 'usd_per_unit'], fx)}`,
    ])
    const [counts] = await rows(conn, `SELECT (SELECT count(*) FROM payments) AS payments, (SELECT count(*) FROM u) AS users, (SELECT count(*) FROM fx) AS fx_rates`)
    const [version] = await rows(conn, 'SELECT version() AS v')
    const files = await writeOutputs(conn, options.outDir, options.csv, zstdLevel(Number(counts?.payments)), progress)
    const manifest = buildManifest({
      seed: options.seed, users: options.users, payers: options.payers, duckdbVersion: String(version?.v),
      rows: { payments: Number(counts?.payments), users: Number(counts?.users), fx_rates: Number(counts?.fx_rates) },
      files, potential, observed, rollout,
    })
    writeFileSync(join(options.outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
    return manifest
  } finally {
    conn.closeSync()
    instance.closeSync()
    rmSync(spill, { recursive: true, force: true })
  }
}
