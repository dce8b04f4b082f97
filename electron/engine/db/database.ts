// The project's DuckDB database: one file in the project folder, opened with explicit settings.
// Layer: electron/engine. Query helpers here take Sql fragments only, never raw strings.
import { mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { DuckDBInstance, DuckDBTypeId, type DuckDBConnection, type DuckDBVector } from '@duckdb/node-api'
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
  /** The DuckDB instance the queries run on (identifies the database for in-memory caches). */
  readonly instance: DuckDBInstance
  rows(query: Sql): Promise<JsonRow[]>
  run(query: Sql): Promise<void>
  /**
   * A result of DOUBLE columns as one Float64Array per column (NULL → NaN), read chunk by chunk
   * without a JS object per row: for loading many rows into an in-memory computation.
   */
  doubles(query: Sql): Promise<Float64Array[]>
}

export interface Database {
  readonly path: string
  readonly instance: DuckDBInstance
  /** The engine's own connection, for short queries. Long tasks get their own (see tasks.ts). */
  readonly connection: DuckDBConnection
  rows(query: Sql, connection?: DuckDBConnection): Promise<JsonRow[]>
  run(query: Sql, connection?: DuckDBConnection): Promise<void>
  doubles(query: Sql, connection?: DuckDBConnection): Promise<Float64Array[]>
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

  const doubles = (query: Sql, conn: DuckDBConnection = connection): Promise<Float64Array[]> => readDoubles(conn, query)

  return {
    path,
    instance,
    connection,
    rows,
    run,
    doubles,
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
      return { instance, rows: (query) => rows(query, conn), run: (query) => run(query, conn), doubles: (query) => doubles(query, conn) }
    },
    close() {
      connection.closeSync()
      instance.closeSync()
    },
  }
}

/** About 50 ms of reading here (256 chunks × 2048 rows). */
const YIELD_EVERY_CHUNKS = 256

async function readDoubles(conn: DuckDBConnection, query: Sql): Promise<Float64Array[]> {
  const result = await conn.run(query.text, [...query.params])
  const types = result.columnTypes()
  const wrong = types.findIndex((t) => t.typeId !== DuckDBTypeId.DOUBLE)
  if (wrong >= 0) throw new EngineError('INTERNAL', `Column ${result.columnName(wrong)} of a numeric read is ${types[wrong]?.toString()}, not DOUBLE.`)
  // conn.run materialises the result: its chunks are read synchronously, straight into the columns,
  // yielding to the event loop now and then so progress events and IPC keep flowing.
  const columns = types.map(() => new Float64Array(result.rowCount))
  let at = 0
  for (let k = 0; k < result.chunkCount; k++) {
    if (k > 0 && k % YIELD_EVERY_CHUNKS === 0) await new Promise<void>((resolve) => setImmediate(resolve))
    const chunk = result.getChunk(k)
    const n = chunk.rowCount
    columns.forEach((column, c) => copyDoubles(chunk.getColumnVector(c), n, column, at))
    at += n
  }
  return columns
}

/** What node-api's DuckDBDoubleVector holds (its fields are private in the typings, plain at runtime). */
interface DoubleVectorInternals {
  items?: unknown
  validity?: { data?: unknown; offset?: unknown }
}

/**
 * Copies the vector's n values into out at `at`, NULL as NaN, straight from node-api's own
 * storage: `items` (the vector's data) and `validity.data` (DuckDB's validity words, null when
 * nothing is NULL). false (nothing written) when the vector does not have that shape.
 */
export function copyFlatDoubles(vector: DuckDBVector, n: number, out: Float64Array, at: number): boolean {
  const internals = vector as unknown as DoubleVectorInternals
  const items = internals.items
  const validity = internals.validity
  if (!(items instanceof Float64Array) || items.length !== n || validity === undefined) return false
  const words = validity.data
  if (words !== null && (!(words instanceof BigUint64Array) || validity.offset !== 0 || words.length * 64 < n)) return false
  out.set(items, at)
  if (words === null) return true
  // DuckDB's validity words, read as 32-bit halves (little-endian): a set bit = a valid row.
  const halves = new Uint32Array(words.buffer, words.byteOffset, words.length * 2)
  for (let h = 0; h * 32 < n; h++) {
    const half = halves[h]!
    if (half === 0xffff_ffff) continue
    for (let bit = 0; bit < 32 && h * 32 + bit < n; bit++) {
      if ((half & (1 << bit)) === 0) out[at + h * 32 + bit] = Number.NaN
    }
  }
  return true
}

/**
 * A DOUBLE vector's n values into out at `at` (NULL → NaN). getItem costs ~130 ns per value here,
 * so node-api's storage is copied in one go when it has the expected shape; else item by item.
 */
function copyDoubles(vector: DuckDBVector, n: number, out: Float64Array, at: number): void {
  if (copyFlatDoubles(vector, n, out, at)) return
  for (let i = 0; i < n; i++) out[at + i] = (vector.getItem(i) as number | null) ?? Number.NaN
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
