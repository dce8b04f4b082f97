// In-memory candidate columns per DuckDB instance and candidate table name (the name already
// encodes the data version and everything the stage depends on). Only the most recently used
// KEEP tables stay, so memory is bounded by KEEP × MAX_IN_MEMORY_CANDIDATES rows. Layer: electron/engine.
import type { DuckDBInstance } from '@duckdb/node-api'
import type { Campaign } from '../../../../common/domain/campaign'
import type { Queryable } from '../../db/database'
import type { Sql } from '../../db/sql'
import { loadCandidateColumns, type CandidateColumns } from './candidateColumns'

const KEEP = 2

const caches = new WeakMap<DuckDBInstance, Map<string, Promise<CandidateColumns | null>>>()

/** The candidates `name` (table `table`) in memory, loaded on first use; null when they stay in DuckDB. */
export function candidateColumns(db: Queryable, campaign: Campaign, name: string, table: Sql): Promise<CandidateColumns | null> {
  let cache = caches.get(db.instance)
  if (cache === undefined) {
    cache = new Map()
    caches.set(db.instance, cache)
  }
  const hit = cache.get(name)
  if (hit !== undefined) {
    // Most recently used last.
    cache.delete(name)
    cache.set(name, hit)
    return hit
  }
  const loading = loadCandidateColumns(db, campaign, table)
  cache.set(name, loading)
  // A failed load (an interrupted task) is not kept: the next evaluation loads again.
  loading.catch(() => {
    if (cache.get(name) === loading) cache.delete(name)
  })
  for (const old of [...cache.keys()].slice(0, Math.max(0, cache.size - KEEP))) cache.delete(old)
  return loading
}

/** The candidates `name` if they are in memory or loading, without loading them; undefined otherwise. */
export function peekCandidateColumns(db: Queryable, name: string): Promise<CandidateColumns | null> | undefined {
  return caches.get(db.instance)?.get(name)
}
