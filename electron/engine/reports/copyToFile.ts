// Row tables (per-payment rewards, per-user metrics) written by DuckDB's COPY, atomically: COPY to
// a temporary file beside the target, optionally prefixed with a UTF-8 BOM (CSV), fsync, rename.
// CSV text cells get the same formula-injection guard as common/format/csv.ts; numbers, booleans
// and dates are untouched. Layer: electron/engine.
import { createReadStream, createWriteStream, closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join as joinPath } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { Queryable } from '../db/database'
import { ident, join, sql, type Sql } from '../db/sql'
import { EngineError } from '../engineError'

/** Text cells starting like a formula (=, +, -, @, TAB, CR) get a leading apostrophe, as in toCsv. */
function guarded(column: string): Sql {
  const c = ident(column)
  return sql`CASE WHEN left(${c}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || ${c} ELSE ${c} END AS ${c}`
}

/** Every column of `query`, its VARCHAR columns guarded against formula injection (CSV only). */
async function guardedColumns(db: Queryable, query: Sql): Promise<Sql> {
  const columns = await db.rows(sql`DESCRIBE ${query}`)
  return join(columns.map((c) => (String(c.column_type) === 'VARCHAR' ? guarded(String(c.column_name)) : ident(String(c.column_name)))))
}

async function prependBom(from: string, to: string): Promise<void> {
  const out = createWriteStream(to, { flags: 'wx' })
  out.write('\uFEFF')
  await pipeline(createReadStream(from), out)
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * COPY the rows of `query` sorted by `orderBy` (neither may hold parameters: DuckDB binds only
 * COPY's target, see datasets/rejectStore.ts) to `target` as Parquet (zstd) or CSV with a header.
 * The order is applied outermost, since a subquery's ORDER BY does not survive the CSV guard.
 */
export async function copyToFile(db: Queryable, query: Sql, orderBy: Sql, format: 'csv' | 'parquet', bom: boolean, target: string): Promise<void> {
  if (query.params.length + orderBy.params.length > 0) throw new EngineError('INTERNAL', 'A COPY query must hold no parameters (COPY binds only its target); materialise the values first.')
  const stem = joinPath(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}`)
  const copied = `${stem}.tmp`
  const withBom = `${stem}.bom.tmp`
  try {
    if (format === 'parquet') await db.run(sql`COPY (SELECT * FROM (${query}) ORDER BY ${orderBy}) TO ${copied} (FORMAT parquet, COMPRESSION zstd)`)
    else await db.run(sql`COPY (SELECT ${await guardedColumns(db, query)} FROM (${query}) ORDER BY ${orderBy}) TO ${copied} (FORMAT csv, HEADER true)`)
    const written = format === 'csv' && bom ? withBom : copied
    if (written === withBom) await prependBom(copied, withBom)
    fsyncFile(written)
    renameSync(written, target)
  } catch (error) {
    if (error instanceof EngineError) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code === undefined) throw error
    throw new EngineError('IO_ERROR', `Cannot write ${basename(target)}: ${code}.`, { cause: error })
  } finally {
    rmSync(copied, { force: true })
    rmSync(withBom, { force: true })
  }
}
