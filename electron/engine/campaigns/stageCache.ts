// Cached stage tables (candidates, rewards) in `cb_cache`, an in-memory database ATTACHed to the
// project's DuckDB instance: every connection of the instance sees it (tasks each have their own
// connection, so TEMP tables would not survive), nothing is written to project.duckdb, and it is
// gone when the project closes — a re-derivable cache. Layer: electron/engine.
//
// cb_cache.cb_tables records each table's kind, data version and last use; tables of another data
// version are dropped, and only the most recently used KEEP[kind] tables of each kind are kept.
import { createHash } from 'node:crypto'
import type { DuckDBInstance } from '@duckdb/node-api'
import type { Queryable } from '../db/database'
import { ident, sql, type Sql } from '../db/sql'

export type StageKind = 'cand' | 'rew'

/** How many tables of each kind stay cached (a candidate table per eligibility, a rewards table per campaign). */
const KEEP: Record<StageKind, number> = { cand: 4, rew: 4 }

/** Bump when a stage's SQL changes shape, so tables of the old shape are never reused. */
const STAGE_VERSION = 'v3'

let clock = 0
/** Strictly increasing use stamps (several uses in one millisecond keep their order). */
function stamp(): number {
  clock = Math.max(clock + 1, Date.now() * 1000)
  return clock
}

export function stageKey(kind: StageKind, parts: unknown): string {
  return `${kind}_${createHash('sha256').update(JSON.stringify([STAGE_VERSION, parts])).digest('hex').slice(0, 24)}`
}

export function stageTable(name: string): Sql {
  return sql`cb_cache.${ident(name)}`
}

const ready = new WeakSet<Queryable>()

async function ensureCacheDatabase(db: Queryable): Promise<void> {
  if (ready.has(db)) return
  await db.run(sql`ATTACH IF NOT EXISTS ':memory:' AS cb_cache`)
  await db.run(sql`CREATE TABLE IF NOT EXISTS cb_cache.cb_tables (name VARCHAR PRIMARY KEY, kind VARCHAR, data_version VARCHAR, used_at BIGINT)`)
  await db.run(sql`CREATE TABLE IF NOT EXISTS cb_cache.cb_values (key VARCHAR PRIMARY KEY, value VARCHAR)`)
  ready.add(db)
}

/** How many stage names seenBefore remembers per DuckDB instance (markSeen notes them). */
const REMEMBERED = 64
const evaluated = new WeakMap<DuckDBInstance, Set<string>>()

/** The names seenBefore knows, most recently noted last. */
function seenNames(db: Queryable): Set<string> {
  let names = evaluated.get(db.instance)
  if (names === undefined) {
    names = new Set()
    evaluated.set(db.instance, names)
  }
  return names
}

/**
 * Whether stage `name` was evaluated in this DuckDB instance (markSeen), among the last REMEMBERED
 * names. A stage evaluated once is worth caching, one never evaluated again is not; and a stage
 * never evaluated has no cached table (cb_cache lives and dies with the instance). A name
 * forgotten while its table still exists only costs that table's reuse.
 */
export function seenBefore(db: Queryable, name: string): boolean {
  return seenNames(db).has(name)
}

/** Note that stage `name` was evaluated (or its table built, or its candidates used) just now. */
export function markSeen(db: Queryable, name: string): void {
  const names = seenNames(db)
  names.delete(name)
  names.add(name)
  if (names.size > REMEMBERED) names.delete(names.values().next().value as string)
}

async function tableExists(db: Queryable, name: string): Promise<boolean> {
  const [row] = await db.rows(sql`SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = 'cb_cache' AND table_name = ${name}`)
  return Number(row?.n ?? 0) > 0
}

/**
 * The cached table `name`, built from `select` when absent (select may check things first). Concurrent builders of the same table
 * (two tasks) are fine: the loser's CREATE fails and the winner's table is used.
 */
export async function cachedTable(db: Queryable, kind: StageKind, name: string, dataVersion: string, select: () => Sql | Promise<Sql>): Promise<{ table: Sql; built: boolean }> {
  await ensureCacheDatabase(db)
  const table = stageTable(name)
  let built = false
  if (!(await tableExists(db, name))) {
    try {
      const body = await select()
      await db.run(sql`CREATE TABLE ${table} AS ${body}`)
      built = true
    } catch (error) {
      if (!(await tableExists(db, name))) throw error
    }
  }
  await db.run(sql`INSERT OR REPLACE INTO cb_cache.cb_tables VALUES (${name}, ${kind}, ${dataVersion}, ${stamp()})`)
  // Only a new table can push the cache past its size (a data version change always builds one).
  if (built) await evict(db, kind, name, dataVersion)
  return { table, built }
}

/** Drop tables of other data versions and all but the KEEP most recently used of this kind. */
async function evict(db: Queryable, kind: StageKind, current: string, dataVersion: string): Promise<void> {
  const stale = await db.rows(sql`SELECT name FROM (
      SELECT name, data_version, row_number() OVER (ORDER BY used_at DESC) AS rank FROM cb_cache.cb_tables WHERE kind = ${kind}
    ) WHERE name <> ${current} AND (rank > ${KEEP[kind]} OR data_version <> ${dataVersion})
    UNION SELECT name FROM cb_cache.cb_tables WHERE data_version <> ${dataVersion}`)
  for (const row of stale) {
    const name = String(row.name)
    await db.run(sql`DROP TABLE IF EXISTS ${stageTable(name)}`)
    await db.run(sql`DELETE FROM cb_cache.cb_tables WHERE name = ${name}`)
    await db.run(sql`DELETE FROM cb_cache.cb_values WHERE starts_with(key, ${name})`)
  }
}

/** Small JSON values kept with a cached table (key = the table's name + a suffix), dropped with it. */
export async function cachedValue<T>(db: Queryable, key: string, compute: () => Promise<T>): Promise<T> {
  await ensureCacheDatabase(db)
  const [row] = await db.rows(sql`SELECT value FROM cb_cache.cb_values WHERE key = ${key}`)
  if (row !== undefined) return JSON.parse(String(row.value)) as T
  const value = await compute()
  await db.run(sql`INSERT OR REPLACE INTO cb_cache.cb_values VALUES (${key}, ${JSON.stringify(value)})`)
  return value
}
