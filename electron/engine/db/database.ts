// The project's DuckDB database: one file in the project folder, opened with explicit settings.
// Layer: electron/engine. Query helpers here take Sql fragments only, never raw strings.
import { mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { EngineError } from '../engineError'
import { duckdbConfig, resolveSettings, type DatabaseSettingsInput } from './settings'
import type { Sql } from './sql'
import { sql } from './sql'

export const DATABASE_FILE_NAME = 'project.duckdb'

/** A JSON-safe cell as DuckDB's JSON reader gives it (BIGINT, DECIMAL, DATE arrive as strings). */
export type JsonCell = string | number | boolean | null | JsonCell[] | { [key: string]: JsonCell }
export type JsonRow = Record<string, JsonCell>

/** What DuckDB reports it is actually running with (read back, not echoed from the input). */
export interface EffectiveSettings {
  duckdbVersion: string
  memoryLimit: string
  threads: number
  tempDirectory: string
  autoinstallKnownExtensions: boolean
  autoloadKnownExtensions: boolean
}

/** Something queries can run on: the database's own connection, or a task's. */
export interface Queryable {
  rows(query: Sql): Promise<JsonRow[]>
  run(query: Sql): Promise<void>
}

export interface Database {
  readonly path: string
  readonly instance: DuckDBInstance
  /** The engine's own connection, for short queries. Long tasks get their own (see tasks.ts). */
  readonly connection: DuckDBConnection
  rows(query: Sql, connection?: DuckDBConnection): Promise<JsonRow[]>
  run(query: Sql, connection?: DuckDBConnection): Promise<void>
  effectiveSettings(): Promise<EffectiveSettings>
  /** The same helpers bound to another connection (temp tables are per connection). */
  on(connection: DuckDBConnection): Queryable
  close(): void
}

export async function openDatabase(projectDir: string, input: DatabaseSettingsInput = {}): Promise<Database> {
  ensureFolder(projectDir)
  const settings = resolveSettings(projectDir, input)
  ensureFolder(settings.tempDirectory)
  const path = join(projectDir, DATABASE_FILE_NAME)
  let instance: DuckDBInstance
  try {
    instance = await DuckDBInstance.create(path, duckdbConfig(settings))
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause)
    if (/lock/i.test(message)) {
      throw new EngineError('CONFLICT', `The project database ${path} is open in another Cashback Lab process; close it there first.`, { cause })
    }
    throw new EngineError('IO_ERROR', `Cannot open the project database ${path}: ${message}`, { cause })
  }
  const connection = await instance.connect()

  const rows = async (query: Sql, conn: DuckDBConnection = connection): Promise<JsonRow[]> => {
    const reader = await conn.runAndReadAll(query.text, [...query.params])
    return reader.getRowObjectsJson() as JsonRow[]
  }
  const run = async (query: Sql, conn: DuckDBConnection = connection): Promise<void> => {
    await conn.run(query.text, [...query.params])
  }

  return {
    path,
    instance,
    connection,
    rows,
    run,
    async effectiveSettings() {
      const [row] = await rows(sql`
        SELECT version() AS duckdb_version,
               current_setting('memory_limit') AS memory_limit,
               current_setting('threads')::INTEGER AS threads,
               current_setting('temp_directory') AS temp_directory,
               current_setting('autoinstall_known_extensions') AS autoinstall,
               current_setting('autoload_known_extensions') AS autoload`)
      if (row === undefined) throw new EngineError('INTERNAL', 'DuckDB returned no settings row.')
      return {
        duckdbVersion: String(row.duckdb_version),
        memoryLimit: String(row.memory_limit),
        threads: Number(row.threads),
        tempDirectory: String(row.temp_directory),
        autoinstallKnownExtensions: row.autoinstall === true,
        autoloadKnownExtensions: row.autoload === true,
      }
    },
    on(conn) {
      return { rows: (query) => rows(query, conn), run: (query) => run(query, conn) }
    },
    close() {
      connection.closeSync()
      instance.closeSync()
    },
  }
}

function ensureFolder(dir: string): void {
  const existing = statSync(dir, { throwIfNoEntry: false })
  if (existing !== undefined && !existing.isDirectory()) {
    throw new EngineError('INVALID_REQUEST', `${dir} is a file, not a folder; choose a folder for the project.`, { details: { path: dir } })
  }
  if (existing !== undefined) return
  try {
    mkdirSync(dir, { recursive: true })
  } catch (cause) {
    throw new EngineError('IO_ERROR', `Cannot create the folder ${dir}: ${(cause as Error).message}`, { cause, details: { path: dir } })
  }
}
