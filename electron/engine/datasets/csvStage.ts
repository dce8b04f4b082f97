// Load a CSV file into a staging table with the chosen options: DuckDB's strict reader with
// store_rejects, plus strict SQL conversions for what DuckDB would coerce silently (whole numbers,
// digit groups, money with more than 2 decimals, true/false). Counts records independently to
// reconcile. Layer: engine.
import { randomUUID } from 'node:crypto'
import type { ColumnPlan, ImportOptions, RejectRow } from '../../../common/domain/dataset'
import { ident, join, literal, raw, sql, type Sql } from '../db/sql'
import { EngineError } from '../engineError'
import type { TaskContext } from '../tasks'
import type { Database } from '../db/database'
import { scanRecords, type RecordScanOptions } from './csvRecords'
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
  throwIfCancelled(ctx)
  const prepared = await ctx.sources.prepare(file, kind, csv.encoding)
  throwIfCancelled(ctx)
  const suffix = randomUUID().replaceAll('-', '')
  const rejectsTable = `__rejects_${suffix}`
  const read = readCsvSql({
    path: prepared.path,
    csv,
    encoding: prepared.duckdbEncoding,
    gzip: prepared.gzip,
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
  const scanOptions: RecordScanOptions = {
    delimiter: csv.delimiter, quote: csv.quote, escape: csv.escape, headerRecords, gzip: prepared.gzip,
    utf16: prepared.duckdbEncoding === 'utf-16', textEncoding: prepared.duckdbEncoding === 'latin-1' ? 'latin1' : 'utf-8',
    cancelled: () => ctx.task.cancelled(),
  }
  const started = performance.now()
  // The independent count runs on this thread while DuckDB loads on its own threads; if the load
  // fails (or is cancelled) the count stops too.
  const abort = new AbortController()
  const counting = scanRecords(prepared.path, { ...scanOptions, signal: abort.signal })
  const loading = ctx.db.run(sql`CREATE TABLE ${staging} AS SELECT ${selectList} FROM ${read}`, ctx.task.connection).catch((error: unknown) => {
    abort.abort()
    throw error
  })
  let scan: Awaited<typeof counting>
  try {
    ;[scan] = await Promise.all([counting, loading])
  } catch (error) {
    throwIfCancelled(ctx)
    throw await readFailure(file, prepared.gzip, error)
  }
  const loadMs = performance.now() - started
  throwIfCancelled(ctx)

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
  notes.push(...swallowedLines(rejects))
  return { sourceRows: scan.records, loadedRows, rejects, rejectedRows, loadMs, checkMs: performance.now() - checkStarted, notes }
}

function throwIfCancelled(ctx: StageContext): void {
  if (ctx.task.cancelled()) throw new EngineError('CANCELLED', 'The import was cancelled.')
}

/** A load that failed as a whole: say what is wrong with the file where we can tell. */
async function readFailure(file: RegisteredFile, gzip: boolean, error: unknown): Promise<unknown> {
  const message = (error as Error).message ?? String(error)
  if (gzip && /gzip|inflate|zlib|unexpected end of file|incorrect header check|invalid (block|distance|stored)/i.test(message)) {
    return new EngineError('INVALID_REQUEST', `${file.name} is a damaged or truncated gzip file; nothing was imported. (${message.split('\n')[0]})`, { cause: error, details: { file: file.name } })
  }
  return error
}

/**
 * A quote that is never closed makes everything up to the next closing quote (often the end of
 * the file) one value: say how many lines that rejected record swallowed, so nobody wonders where
 * they went.
 */
function swallowedLines(rejects: readonly RejectRow[]): string[] {
  const notes: string[] = []
  for (const r of rejects) {
    if (r.raw === null || r.line === null) continue
    const lines = r.raw.replace(/(\r?\n)+$/, '').split(/\r?\n|\r/).length
    if (lines < 2 || !/quote/i.test(r.message)) continue
    notes.push(`The record starting on line ${r.line} opens a quote that is not closed where it should be; it runs over ${lines} lines (to line ${r.line + lines - 1}), and is rejected as one row.`)
    if (notes.length === 5) break
  }
  return notes
}

/** Rows whose strict SQL conversion failed: find their lines and text, record them, delete them. */
async function conversionRejects(ctx: StageContext, staging: Sql, path: string, scanOptions: RecordScanOptions, skipStartLines: Set<number>): Promise<RejectRow[]> {
  const bad = await ctx.db.rows(sql`SELECT rowid::BIGINT AS rec, ${ident(REASON)} AS reason FROM ${staging} WHERE ${ident(REASON)} IS NOT NULL ORDER BY rowid`, ctx.task.connection)
  if (bad.length > 0) {
    const want = new Set(bad.map((b) => Number(b.rec)))
    const scan = await scanRecords(path, { ...scanOptions, wantLines: want, skipStartLines })
    await ctx.db.run(sql`DELETE FROM ${staging} WHERE ${ident(REASON)} IS NOT NULL`, ctx.task.connection)
    await ctx.db.run(sql`ALTER TABLE ${staging} DROP COLUMN ${ident(REASON)}`, ctx.task.connection)
    return bad.map((b) => {
      const [column = null, message = ''] = String(b.reason).split('\u0001')
      return { line: scan.lines.get(Number(b.rec)) ?? null, column, errorType: 'CONVERSION', message, raw: scan.texts.get(Number(b.rec)) ?? null }
    })
  }
  await ctx.db.run(sql`ALTER TABLE ${staging} DROP COLUMN ${ident(REASON)}`, ctx.task.connection)
  return []
}

interface Conversion {
  select: Sql
  /** NULL when the value is fine, else "<column>\u0001<message>". */
  reason: Sql | null
}

/**
 * The select expression for a planned column and, where SQL checks it, the reject reason. Values
 * arrive as text (see readTypeOf) and are converted only when they match exactly; everything else
 * gets a reason, so nothing is rounded, truncated or guessed.
 */
function convert(column: ColumnPlan, thousands: string, decimal: '.' | ','): Conversion {
  const name = ident(column.name)
  const text = sql`trim(${name})`
  const shown = sql`'"' || left(${text}, 60) || CASE WHEN length(${text}) > 60 THEN '…' ELSE '' END || '"'`
  const because = (message: string): Sql => sql`${literal(`${column.name}\u0001`)} || ${shown} || ${literal(` ${message}`)}`
  const group = thousands === '' ? null : thousands === '.' ? '\\.' : thousands
  const dec = decimal === '.' ? '\\.' : ','
  const int = group === null ? '\\d+' : `\\d{1,3}(${group}\\d{3})+|\\d+`
  const ungrouped = thousands === '' ? text : sql`replace(${text}, ${thousands}, '')`
  const normalized = decimal === '.' ? ungrouped : sql`replace(${ungrouped}, ',', '.')`
  const example = `1${thousands}234${decimal}56`
  /** value: NULL for refused values; the reason is computed only where the value is NULL. */
  const strict = (value: Sql, refusals: ReadonlyArray<readonly [Sql | null, string]>): Conversion => ({
    select: sql`${value} AS ${name}`,
    reason: sql`CASE WHEN ${text} IS NULL OR ${text} = '' OR (${value}) IS NOT NULL THEN NULL ${join(
      refusals.map(([when, message]) => (when === null ? sql`ELSE ${because(message)}` : sql`WHEN ${when} THEN ${because(message)}`)),
      ' ',
    )} END`,
  })
  const matches = (pattern: string): Sql => sql`regexp_full_match(${text}, ${literal(pattern)})`

  switch (column.type) {
    case 'BIGINT': {
      const whole = `[-+]?(${int})`
      return strict(sql`CASE WHEN ${matches(whole)} THEN TRY_CAST(${ungrouped} AS BIGINT) END`, [
        [matches(whole), 'is too large for a whole-number column (BIGINT)'],
        [null, `is not a whole number${thousands === '' ? '' : ` written like 1${thousands}234`}`],
      ])
    }
    case 'DECIMAL(18,2)': {
      const number = `[-+]?((${int})(${dec}\\d*)?|${dec}\\d+)`
      const cents = `[-+]?((${int})(${dec}\\d{0,2}0*)?|${dec}\\d{1,2}0*)`
      return strict(sql`CASE WHEN ${matches(cents)} THEN TRY_CAST(${normalized} AS DECIMAL(18,2)) END`, [
        [matches(cents), 'is too large for money DECIMAL(18,2)'],
        [matches(number), 'has more than 2 decimal places (money is kept to the paisa/centavo, never rounded)'],
        [null, `is not an amount written like ${example}`],
      ])
    }
    case 'DOUBLE': {
      if (thousands === '') return { select: name, reason: null }
      const number = `[-+]?((${int})(${dec}\\d*)?|${dec}\\d+)`
      return strict(sql`CASE WHEN ${matches(number)} THEN TRY_CAST(${normalized} AS DOUBLE) END`, [[null, `is not a number written like ${example}`]])
    }
    case 'BOOLEAN':
      return strict(sql`CASE lower(${text}) WHEN 'true' THEN true WHEN 't' THEN true WHEN 'false' THEN false WHEN 'f' THEN false END`, [[null, 'is not true or false']])
    case 'VARCHAR':
    case 'DATE':
    case 'TIMESTAMP':
    case 'TIMESTAMPTZ':
      return { select: name, reason: null }
    default: {
      const unreachable: never = column.type
      throw new Error(`unknown column type ${String(unreachable)}`)
    }
  }
}
