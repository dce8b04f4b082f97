// Where datasets live in the project database: tables (or views, for linked Parquet) in the
// `datasets` schema; staged imports and their rejects in `meta`. Layer: electron/engine.
import type { DuckDBConnection } from '@duckdb/node-api'
import type { Database } from '../db/database'
import { ident, sql, type Sql } from '../db/sql'
import { EngineError } from '../engineError'

export const DATASET_SCHEMA = 'datasets'
const STAGING_PREFIX = '__staging_'

export async function ensureCatalog(db: Database): Promise<void> {
  await db.run(sql`CREATE SCHEMA IF NOT EXISTS datasets`)
  await db.run(sql`CREATE SCHEMA IF NOT EXISTS meta`)
  await db.run(sql`
    CREATE TABLE IF NOT EXISTS meta.imports (
      import_id VARCHAR PRIMARY KEY, dataset VARCHAR NOT NULL, file_id VARCHAR NOT NULL,
      status VARCHAR NOT NULL, mode VARCHAR NOT NULL, report JSON NOT NULL, options JSON NOT NULL,
      created_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`)
  await db.run(sql`
    CREATE TABLE IF NOT EXISTS meta.import_rejects (
      import_id VARCHAR NOT NULL, seq INTEGER NOT NULL, line BIGINT, column_name VARCHAR,
      error_type VARCHAR NOT NULL, message VARCHAR NOT NULL, raw VARCHAR)`)
  // Staged imports live only as long as the engine that staged them: clear leftovers.
  const leftovers = await db.rows(sql`SELECT table_name FROM information_schema.tables WHERE table_schema = ${DATASET_SCHEMA} AND starts_with(table_name, ${STAGING_PREFIX})`)
  for (const row of leftovers) await dropDatasetRelation(db, String(row.table_name))
  await db.run(sql`DELETE FROM meta.import_rejects WHERE import_id IN (SELECT import_id FROM meta.imports WHERE status = 'staged')`)
  await db.run(sql`UPDATE meta.imports SET status = 'discarded' WHERE status = 'staged'`)
}

export function datasetTable(name: string): Sql {
  return sql`${ident(DATASET_SCHEMA)}.${ident(name)}`
}

export function stagingName(importId: string): string {
  return `${STAGING_PREFIX}${importId.replaceAll('-', '')}`
}

/** Dataset names are shown to users and used in reports: printable, no leading underscore. */
export function checkDatasetName(name: string): string {
  const trimmed = name.trim()
  if (trimmed === '' || trimmed.length > 120 || trimmed.startsWith('__') || /[\u0000-\u001f"]/.test(trimmed)) {
    throw new EngineError('INVALID_REQUEST', `"${name}" cannot name a dataset: use 1–120 printable characters, no double quotes, not starting with "__".`, { details: { datasetName: name } })
  }
  return trimmed
}

/** A dataset name derived from a file name: "UPI payments 2024.csv.gz" → "upi_payments_2024". */
export function datasetNameFromFile(fileName: string): string {
  const stem = fileName.replace(/(\.(csv|tsv|txt|gz|parquet|json|ndjson|jsonl|xlsx|xlsm))+$/i, '')
  const slug = stem.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '')
  return slug === '' ? 'dataset' : slug.slice(0, 60)
}

export async function relationKind(db: Database, name: string, connection?: DuckDBConnection): Promise<'table' | 'view' | null> {
  const rows = await db.rows(sql`SELECT table_type FROM information_schema.tables WHERE table_schema = ${DATASET_SCHEMA} AND table_name = ${name}`, connection)
  const type = rows[0]?.table_type
  return type === 'BASE TABLE' ? 'table' : type === 'VIEW' ? 'view' : null
}

/** Drop a table or view of the datasets schema (a linked source's staging is a view); absent is fine. */
export async function dropDatasetRelation(db: Database, name: string, connection?: DuckDBConnection): Promise<void> {
  const kind = await relationKind(db, name, connection)
  if (kind === 'table') await db.run(sql`DROP TABLE ${datasetTable(name)}`, connection)
  if (kind === 'view') await db.run(sql`DROP VIEW ${datasetTable(name)}`, connection)
}

export async function datasetColumns(db: Database, name: string): Promise<{ name: string; type: string }[]> {
  const rows = await db.rows(sql`
    SELECT column_name, data_type FROM information_schema.columns
    WHERE table_schema = ${DATASET_SCHEMA} AND table_name = ${name} ORDER BY ordinal_position`)
  return rows.map((r) => ({ name: String(r.column_name), type: String(r.data_type) }))
}
