// The per-user payments aggregates of uplift analyses, cached in `uplift_cache`: an in-memory
// database ATTACHed to the project's DuckDB instance. Every connection of the instance sees it
// (each task has its own connection), nothing is written to project.duckdb, and it is gone when
// the project closes — a cache in the literal sense. Layer: electron/engine.
//
// uplift_cache.entries records each table's data version and last use; tables of another data
// version are dropped, and only the KEEP most recently used tables stay. uplift_cache.cached_values
// keeps small JSON results (the experiment's users summary) per data version.
import { createHash } from 'node:crypto'
import type { Queryable } from '../db/database'
import { ident, sql, type Sql } from '../db/sql'

/** How many per-user tables stay cached (each is ~50 bytes × users × (1 + kinds)). */
const KEEP = 4

/** Bump when the per-user SQL changes shape, so tables of the old shape are never reused. */
const CACHE_VERSION = 'u2'

let clock = 0
/** Strictly increasing use stamps (several uses in one millisecond keep their order). */
function stamp(): number {
  clock = Math.max(clock + 1, Date.now() * 1000)
  return clock
}

/** A table name for everything that determines the table's content. */
export function cacheKey(parts: unknown): string {
  return `pu_${createHash('sha256').update(JSON.stringify([CACHE_VERSION, parts])).digest('hex').slice(0, 24)}`
}

export function cacheTable(name: string): Sql {
  return sql`uplift_cache.${ident(name)}`
}

async function ensureCacheDatabase(db: Queryable): Promise<void> {
  await db.run(sql`ATTACH IF NOT EXISTS ':memory:' AS uplift_cache`)
  await db.run(sql`CREATE TABLE IF NOT EXISTS uplift_cache.entries (name VARCHAR PRIMARY KEY, data_version VARCHAR, used_at BIGINT)`)
  await db.run(sql`CREATE TABLE IF NOT EXISTS uplift_cache.cached_values (key VARCHAR PRIMARY KEY, data_version VARCHAR, value VARCHAR)`)
}

/**
 * A small JSON result (e.g. a users summary) computed once per data version: `key` names
 * everything else it depends on. Storing one drops the values of other data versions.
 */
export async function cachedValue<T>(db: Queryable, key: string, dataVersion: string, compute: () => Promise<T>): Promise<T> {
  await ensureCacheDatabase(db)
  const [row] = await db.rows(sql`SELECT value FROM uplift_cache.cached_values WHERE key = ${key} AND data_version = ${dataVersion}`)
  if (row !== undefined) return JSON.parse(String(row.value)) as T
  const value = await compute()
  await db.run(sql`DELETE FROM uplift_cache.cached_values WHERE data_version <> ${dataVersion}`)
  await db.run(sql`INSERT OR REPLACE INTO uplift_cache.cached_values VALUES (${key}, ${dataVersion}, ${JSON.stringify(value)})`)
  return value
}

async function tableExists(db: Queryable, name: string): Promise<boolean> {
  const [row] = await db.rows(sql`SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = 'uplift_cache' AND table_name = ${name}`)
  return Number(row?.n ?? 0) > 0
}

/**
 * The cached table `name`, built from `select` when absent. Two tasks building the same table
 * at once are fine: the loser's CREATE fails and the winner's table is used.
 */
export async function cachedTable(db: Queryable, name: string, dataVersion: string, select: () => Sql): Promise<{ table: Sql; built: boolean }> {
  await ensureCacheDatabase(db)
  const table = cacheTable(name)
  let built = false
  if (!(await tableExists(db, name))) {
    try {
      await db.run(sql`CREATE TABLE ${table} AS ${select()}`)
      built = true
    } catch (error) {
      if (!(await tableExists(db, name))) throw error
    }
  }
  await db.run(sql`INSERT OR REPLACE INTO uplift_cache.entries VALUES (${name}, ${dataVersion}, ${stamp()})`)
  await evict(db, name, dataVersion)
  return { table, built }
}

/** Drop tables of other data versions and all but the KEEP most recently used. */
async function evict(db: Queryable, current: string, dataVersion: string): Promise<void> {
  const stale = await db.rows(sql`SELECT name FROM (
      SELECT name, data_version, row_number() OVER (ORDER BY used_at DESC) AS rank FROM uplift_cache.entries
    ) WHERE name <> ${current} AND (rank > ${KEEP} OR data_version <> ${dataVersion})`)
  for (const row of stale) {
    const name = String(row.name)
    await db.run(sql`DROP TABLE IF EXISTS ${cacheTable(name)}`)
    await db.run(sql`DELETE FROM uplift_cache.entries WHERE name = ${name}`)
  }
}
