// Rejected rows of an import, kept in meta.import_rejects for the report, paging and export.
// Layer: electron/engine.
import type { RejectRow } from '../../../common/domain/dataset'
import type { Database } from '../db/database'
import { literal, sql } from '../db/sql'

export async function saveRejects(db: Database, importId: string, rejects: readonly RejectRow[]): Promise<void> {
  if (rejects.length === 0) return
  const appender = await db.connection.createAppender('import_rejects', 'meta')
  rejects.forEach((r, seq) => {
    appender.appendVarchar(importId)
    appender.appendInteger(seq)
    if (r.line === null) appender.appendNull()
    else appender.appendBigInt(BigInt(r.line))
    if (r.column === null) appender.appendNull()
    else appender.appendVarchar(r.column)
    appender.appendVarchar(r.errorType)
    appender.appendVarchar(r.message)
    if (r.raw === null) appender.appendNull()
    else appender.appendVarchar(r.raw)
    appender.endRow()
  })
  appender.flushSync()
  appender.closeSync()
}

export async function pageRejects(db: Database, importId: string, offset: number, limit: number): Promise<{ total: number; rows: RejectRow[] }> {
  const [count] = await db.rows(sql`SELECT count(*)::BIGINT AS n FROM meta.import_rejects WHERE import_id = ${importId}`)
  const rows = await db.rows(sql`
    SELECT line, column_name, error_type, message, raw FROM meta.import_rejects
    WHERE import_id = ${importId} ORDER BY seq LIMIT ${limit} OFFSET ${offset}`)
  return {
    total: Number(count?.n ?? 0),
    rows: rows.map((r) => ({
      line: r.line === null ? null : Number(r.line),
      column: r.column_name === null ? null : String(r.column_name),
      errorType: String(r.error_type),
      message: String(r.message),
      raw: r.raw === null ? null : String(r.raw),
    })),
  }
}

/** Write the rejects as CSV (line, column, reason, raw text) to `path`. */
export async function exportRejectsCsv(db: Database, importId: string, path: string): Promise<void> {
  // DuckDB binds COPY's target before the parameters of its query, so the query holds no
  // parameter: the id is a literal (an engine-issued UUID), the path the only bound value.
  await db.run(sql`
    COPY (SELECT line, column_name AS "column", error_type, message AS reason, raw AS raw_text
          FROM meta.import_rejects WHERE import_id = ${literal(importId)} ORDER BY seq)
    TO ${path} (FORMAT csv, HEADER true)`)
}
