// Load a CSV file into a staging table with the chosen options: DuckDB's strict reader with
// store_rejects, plus strict SQL conversions for what DuckDB would coerce silently (digit groups,
// money with more than 2 decimals). Counts records independently to reconcile. Layer: engine.
import { randomUUID } from 'node:crypto'
import type { ColumnPlan, ImportOptions, RejectRow } from '../../../common/domain/dataset'
import { ident, join, literal, raw, sql, type Sql } from '../db/sql'
import { EngineError } from '../engineError'
import type { TaskContext } from '../tasks'
import type { Database } from '../db/database'
import { scanRecords } from './csvRecords'
import { readCsvSql, readTypeOf } from './csvRead'
import type { CsvSources } from './csvSource'
import type { FileKind } from './fileFormat'
import type { RegisteredFile } from './fileRegistry'

export interface StageResult {
  sourceRows: number
  loadedRows: number
  rejects: RejectRow[]
  rejectedRows: number
  loadMs: number
  checkMs: number
  notes: string[]
}

export interface StageContext {
  db: Database
  task: TaskContext
  sources: CsvSources
}

const REASON = '__reject_reason'

export async function stageCsv(ctx: StageContext, file: RegisteredFile, kind: FileKind, options: ImportOptions, staging: Sql): Promise<StageResult> {
  const csv = options.csv
  if (csv === null) throw new EngineError('INVALID_REQUEST', 'CSV options are missing.')
  const prepared = await ctx.sources.prepare(file, kind, csv.encoding)
  const suffix = randomUUID().replaceAll('-', '')
  const rejectsTable = `__rejects_${suffix}`
  const read = readCsvSql({
    path: prepared.path,
    csv,
    encoding: prepared.duckdbEncoding,
    columns: [
      ...options.columns.map((c) => ({ name: c.name, readType: readTypeOf(c.type, csv.thousands) })),
      ...options.dropColumns.map((name) => ({ name, readType: 'VARCHAR' as const })),
    ],
    rejects: { table: rejectsTable, scan: `__scans_${suffix}` },
  })
  const conversions = options.columns.map((c) => convert(c, csv.thousands, csv.decimalSeparator))
  const reasons = conversions.map((c) => c.reason).filter((r): r is Sql => r !== null)
  const selectList = join([...conversions.map((c) => c.select), ...(reasons.length > 0 ? [sql`coalesce(${join(reasons)}) AS ${ident(REASON)}`] : [])])

  const headerRecords = csv.skipRows + (csv.header ? 1 : 0)
  const scanOptions = { delimiter: csv.delimiter, quote: csv.quote, escape: csv.escape, headerRecords, gzip: prepared.gzip, utf16: prepared.duckdbEncoding === 'utf-16' }
  const started = performance.now()
  // The independent count runs on this thread while DuckDB loads on its own threads.
  const [scan] = await Promise.all([
    scanRecords(prepared.path, scanOptions),
    ctx.db.run(sql`CREATE TABLE ${staging} AS SELECT ${selectList} FROM ${read}`, ctx.task.connection),
  ])
  const loadMs = performance.now() - started

  const checkStarted = performance.now()
  const rejects = (await ctx.db.rows(sql`
      SELECT line::BIGINT AS line, column_name, error_type, error_message, csv_line
      FROM ${ident(rejectsTable)} ORDER BY line, column_idx`, ctx.task.connection)).map((r) => ({
    line: r.line === null ? null : Number(r.line),
    column: r.column_name === null ? null : String(r.column_name),
    errorType: String(r.error_type),
    message: String(r.error_message),
    raw: r.csv_line === null ? null : String(r.csv_line),
  }))
  const duckdbRejectedLines = new Set(rejects.map((r) => r.line).filter((l): l is number => l !== null))
  if (reasons.length > 0) rejects.push(...(await conversionRejects(ctx, staging, prepared.path, scanOptions, duckdbRejectedLines)))
  const [{ n } = { n: 0 }] = await ctx.db.rows(sql`SELECT count(*)::BIGINT AS n FROM ${staging}`, ctx.task.connection)
  const loadedRows = Number(n)
  const rejectedRows = new Set(rejects.map((r) => r.line ?? -1)).size
  const notes = scan.blankLines > 0 ? [`${scan.blankLines} blank line${scan.blankLines === 1 ? ' was' : 's were'} skipped (they hold no row).`] : []
  return { sourceRows: scan.records, loadedRows, rejects, rejectedRows, loadMs, checkMs: performance.now() - checkStarted, notes }
}

/** Rows whose strict SQL conversion failed: find their lines, record them, delete them. */
async function conversionRejects(ctx: StageContext, staging: Sql, path: string, scanOptions: Parameters<typeof scanRecords>[1], skipStartLines: Set<number>): Promise<RejectRow[]> {
  const bad = await ctx.db.rows(sql`SELECT rowid::BIGINT AS rec, ${ident(REASON)} AS reason FROM ${staging} WHERE ${ident(REASON)} IS NOT NULL ORDER BY rowid`, ctx.task.connection)
  if (bad.length > 0) {
    const want = new Set(bad.map((b) => Number(b.rec)))
    const scan = await scanRecords(path, { ...scanOptions, wantLines: want, skipStartLines })
    await ctx.db.run(sql`DELETE FROM ${staging} WHERE ${ident(REASON)} IS NOT NULL`, ctx.task.connection)
    await ctx.db.run(sql`ALTER TABLE ${staging} DROP COLUMN ${ident(REASON)}`, ctx.task.connection)
    return bad.map((b) => ({ line: scan.lines.get(Number(b.rec)) ?? null, column: String(b.reason).split('\u0001')[0] ?? null, errorType: 'CONVERSION', message: String(b.reason).split('\u0001')[1] ?? '', raw: null }))
  }
  await ctx.db.run(sql`ALTER TABLE ${staging} DROP COLUMN ${ident(REASON)}`, ctx.task.connection)
  return []
}

interface Conversion {
  select: Sql
  /** NULL when the value is fine, else "<column>\u0001<message>". */
  reason: Sql | null
}

/** The select expression for a planned column and, where SQL checks it, the reject reason. */
function convert(column: ColumnPlan, thousands: string, decimal: '.' | ','): Conversion {
  const name = ident(column.name)
  const label = literal(`${column.name}\u0001`)
  const numeric = column.type === 'BIGINT' || column.type === 'DOUBLE' || column.type === 'DECIMAL(18,2)'
  if (numeric && thousands !== '') {
    const group = thousands === '.' ? '\\.' : thousands === ' ' ? ' ' : ','
    const dec = decimal === '.' ? '\\.' : ','
    const pattern = column.type === 'BIGINT' ? `[-+]?(\\d{1,3}(${group}\\d{3})+|\\d+)` : `[-+]?(\\d{1,3}(${group}\\d{3})+|\\d+)(${dec}\\d+)?`
    const text = sql`trim(${name})`
    const normalized = sql`replace(replace(${text}, ${thousands}, ''), ${decimal}, '.')`
    const target = column.type === 'BIGINT' ? raw('BIGINT') : column.type === 'DOUBLE' ? raw('DOUBLE') : raw('DECIMAL(18,6)')
    const value = sql`CASE WHEN regexp_full_match(${text}, ${pattern}) THEN CAST(${normalized} AS ${target}) END`
    const notNumber = sql`CASE WHEN ${text} <> '' AND NOT regexp_full_match(${text}, ${pattern}) THEN ${label} || '"' || ${text} || ${literal(`" is not a number written like 1${thousands}234${decimal}56`)} END`
    if (column.type !== 'DECIMAL(18,2)') return { select: sql`${value} AS ${name}`, reason: notNumber }
    return { select: sql`CAST(${value} AS DECIMAL(18,2)) AS ${name}`, reason: sql`coalesce(${notNumber}, ${subCent(value, label)})` }
  }
  if (column.type === 'DECIMAL(18,2)') return { select: sql`CAST(${name} AS DECIMAL(18,2)) AS ${name}`, reason: subCent(name, label) }
  return { select: name, reason: null }
}

function subCent(value: Sql, label: Sql): Sql {
  return sql`CASE WHEN ${value} <> round(${value}, 2) THEN ${label} || CAST(${value} AS VARCHAR) || ' has more than 2 decimal places (money is kept to the paisa/centavo)' END`
}
