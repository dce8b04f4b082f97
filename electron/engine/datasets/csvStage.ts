// Load a CSV file into a staging table with the chosen options: DuckDB's strict reader with
// store_rejects, plus strict SQL conversions for what DuckDB would coerce silently (whole numbers,
// digit groups, money with more than 2 decimals, true/false). Counts records independently to
// reconcile. Layer: engine.
import { createHash, randomUUID } from 'node:crypto'
import type { ColumnPlan, CsvOptions, ImportOptions, RejectRow } from '../../../common/domain/dataset'
import { ident, join, literal, raw, sql, type Sql } from '../db/sql'
import { EngineError } from '../engineError'
import type { TaskContext } from '../tasks'
import type { Database } from '../db/database'
import { scanRecords, type RecordScanOptions } from './csvRecords'
import { sha256Of } from './fileDigest'
import { PATTERNS } from './columnStats'
import { readCsvSql, readTypeOf, type ReadCsvInput as ReadInput } from './csvRead'
import { nativeRefusals, nativeTimestamps, type NativeTimestamps } from './csvTimestamps'
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
  /** The file's SHA-256 when asked for (StageOptions.hashFile), else null. */
  sha256: string | null
}

export interface StageOptions {
  /**
   * Hash the file too: in the record count's read when DuckDB reads the file as it is on disk and
   * it is not gzip (no second read of a large file beside the load), else in a read of its own
   * beside it, stopped when the load or the count fails or the import is cancelled.
   */
  hashFile?: boolean
}

export interface StageContext {
  db: Database
  task: TaskContext
  sources: CsvSources
}

const REASON = '__reject_reason'

/** One load statement and what reading its result needs. */
interface Load {
  statement: Sql
  /** DuckDB's rejects of this load; null when it was made to fail on the first refused record. */
  rejectsTable: Sql | null
  /** Some column has a SQL conversion (the staging table then has the reason column). */
  converted: boolean
  /** The timestamp columns DuckDB's reader parsed (csvTimestamps.ts), or null. */
  native: NativeTimestamps | null
}

export async function stageCsv(ctx: StageContext, file: RegisteredFile, kind: FileKind, options: ImportOptions, staging: Sql, stageOptions: StageOptions = {}): Promise<StageResult> {
  const csv = options.csv
  if (csv === null) throw new EngineError('INVALID_REQUEST', 'CSV options are missing.')
  throwIfCancelled(ctx)
  const prepared = await ctx.sources.prepare(file, kind, csv.encoding)
  throwIfCancelled(ctx)
  const readInput = (columns: ReadInput['columns']): ReadInput => ({ path: prepared.path, csv, encoding: prepared.duckdbEncoding, gzip: prepared.gzip, columns, rejects: null })
  const textColumns = [
    ...options.columns.map((c) => ({ name: c.name, readType: readTypeOf(c.type, csv.thousands) })),
    ...options.dropColumns.map((name) => ({ name, readType: 'VARCHAR' as const })),
  ]
  const sample = readCsvSql(readInput(textColumns.map((c) => ({ name: c.name, readType: 'VARCHAR' as const }))))
  const native = await nativeTimestamps(ctx.db, ctx.task.connection, options.columns, csv, sample, formatPattern)
  throwIfCancelled(ctx)
  const taken = new Set([...options.columns.map((c) => c.name), ...options.dropColumns])
  /**
   * The load statement, reading `native`'s columns as TIMESTAMP (or none), and its rejects table
   * (null when DuckDB's reader is to fail on the first bad record instead of storing rejects).
   */
  const loadOf = (nativeColumns: NativeTimestamps | null, keepRejects: boolean): Load => {
    const suffix = randomUUID().replaceAll('-', '')
    const isNative = (name: string): boolean => nativeColumns?.columns.has(name) === true
    const read = readCsvSql({
      ...readInput(textColumns.map((c) => (isNative(c.name) ? { name: c.name, readType: 'TIMESTAMP' as const } : c))),
      rejects: keepRejects ? { table: `__rejects_${suffix}`, scan: `__scans_${suffix}` } : null,
      ...(nativeColumns === null ? {} : { timestampFormat: nativeColumns.format }),
    })
    const conversions = options.columns.map((c, i) => (isNative(c.name) ? { select: ident(c.name), raw: null, reason: null } : convert(c, csv, rawName(i, taken))))
    const reasons = conversions.map((c) => c.reason).filter((r): r is Sql => r !== null)
    // Inner SELECT: converted values plus the raw text of converted columns; outer: the reasons.
    const inner = join([...conversions.map((c) => c.select), ...conversions.flatMap((c) => (c.raw === null ? [] : [c.raw]))])
    const outer = join([...options.columns.map((c) => ident(c.name)), ...(reasons.length > 0 ? [sql`coalesce(${join(reasons)}) AS ${ident(REASON)}`] : [])])
    return { statement: sql`CREATE TABLE ${staging} AS SELECT ${outer} FROM (SELECT ${inner} FROM ${read})`, rejectsTable: keepRejects ? ident(`__rejects_${suffix}`) : null, converted: reasons.length > 0, native: nativeColumns }
  }
  // First without store_rejects: DuckDB reads a clean file faster that way (10M rows, the
  // statement alone, 3 alternating runs: median 11.0 s against 14.5 s), and the first record its
  // strict reader refuses fails the statement. Then the file is loaded again keeping DuckDB's
  // rejects, exactly as if this attempt had not been made (a dirty file costs one partial read).
  // Our SQL conversions' refusals never fail a load (they are the reason column), and the
  // independent record count still reconciles every row either way.
  let load = loadOf(native, false)

  const headerRecords = csv.skipRows + (csv.header ? 1 : 0)
  const scanOptions: RecordScanOptions = {
    delimiter: csv.delimiter, quote: csv.quote, escape: csv.escape, headerRecords, gzip: prepared.gzip,
    utf16: prepared.duckdbEncoding === 'utf-16', textEncoding: prepared.duckdbEncoding === 'latin-1' ? 'latin1' : 'utf-8',
    cancelled: () => ctx.task.cancelled(),
    blankLinesAreRecords: options.columns.length + options.dropColumns.length === 1,
  }
  const started = performance.now()
  // The independent count (and the file's hash) runs on this thread while DuckDB loads on its own
  // threads. If either fails, the other is stopped, and all have settled before we report: a load
  // still running after the error would re-create the staging table the caller is about to drop.
  const abort = new AbortController()
  let firstFailure: unknown = null
  const digest = stageOptions.hashFile === true && prepared.path === file.path && !prepared.gzip ? createHash('sha256') : null
  const hashing = stageOptions.hashFile === true && digest === null ? sha256Of(file.path, abort.signal) : Promise.resolve(null)
  const counting = scanRecords(prepared.path, { ...scanOptions, signal: abort.signal, ...(digest === null ? {} : { digest }) }).catch((error: unknown) => {
    if (firstFailure === null) {
      firstFailure = error
      ctx.task.connection.interrupt()
    }
    abort.abort() // a hash in a read of its own
    throw error
  })
  const attempts = async (): Promise<void> => {
    try {
      await ctx.db.run(load.statement, ctx.task.connection)
      return
    } catch (error) {
      if (ctx.task.cancelled() || firstFailure !== null) throw error
      // A value of a natively read timestamp column refused ("Conversion Error: … to 'TIMESTAMP'")
      // would send the next load to the text path anyway (below): go there at once.
      const nativeRefused = native !== null && /^Conversion Error[\s\S]*to 'TIMESTAMP'/.test((error as Error).message ?? '')
      load = loadOf(nativeRefused ? null : native, true)
    }
    ctx.task.step('the strict read stopped at a problem, reading the file again to list every one')
    await ctx.db.run(sql`DROP TABLE IF EXISTS ${staging}`, ctx.task.connection)
    await ctx.db.run(load.statement, ctx.task.connection)
  }
  const loading = attempts().catch((error: unknown) => {
    if (firstFailure === null) {
      firstFailure = error
      abort.abort()
    }
    throw error
  })
  const [counted, , hashed] = await Promise.allSettled([counting, loading, hashing])
  if (firstFailure !== null || counted.status === 'rejected') {
    throwIfCancelled(ctx)
    throw await readFailure(file, prepared.gzip, firstFailure)
  }
  const scan = counted.value
  if (hashed.status === 'rejected') throw hashed.reason
  const sha256 = digest?.digest('hex') ?? hashed.value ?? null
  throwIfCancelled(ctx)
  if (load.native !== null && load.rejectsTable !== null && (await nativeRefusals(ctx.db, ctx.task.connection, load.rejectsTable, load.native)) > 0) {
    // A timestamp beyond the sample is written another way: load again, converting from text.
    await ctx.db.run(sql`DROP TABLE ${staging}`, ctx.task.connection)
    ctx.task.step('a date or time is written another way further on, reading the file again as text')
    load = loadOf(null, true)
    try {
      await ctx.db.run(load.statement, ctx.task.connection)
    } catch (error) {
      throwIfCancelled(ctx)
      throw await readFailure(file, prepared.gzip, error)
    }
  }
  const loadMs = performance.now() - started
  throwIfCancelled(ctx)

  const checkStarted = performance.now()
  const rejects = await collectRejects(ctx, staging, load.rejectsTable, load.converted, prepared.path, scanOptions)
  const [{ n } = { n: 0 }] = await ctx.db.rows(sql`SELECT count(*)::BIGINT AS n FROM ${staging}`, ctx.task.connection)
  const loadedRows = Number(n)
  const rejectedRows = new Set(rejects.map((r) => r.line ?? -1)).size
  const notes: string[] = []
  if (scan.blankLines > 0 && scanOptions.blankLinesAreRecords === true) {
    notes.push(`${scan.blankLines} blank line${scan.blankLines === 1 ? ' was' : 's were'} read as ${scan.blankLines === 1 ? 'a row' : 'rows'} with an empty value (in a one-column file a blank line is an empty value).`)
  } else if (scan.blankLines > 0) notes.push(`${scan.blankLines} blank line${scan.blankLines === 1 ? ' was' : 's were'} skipped (they hold no row).`)
  notes.push(...swallowedLines(rejects))
  // A cancel that arrived while we checked: the caller drops the staging table.
  throwIfCancelled(ctx)
  return { sourceRows: scan.records, loadedRows, rejects, rejectedRows, loadMs, checkMs: performance.now() - checkStarted, notes, sha256 }
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

/**
 * DuckDB's rejects (structure, encoding, dates) and the rows our SQL conversions refused (type
 * CAST, as DuckDB names a value that does not fit its column), with physical line numbers and raw
 * text; refused rows are then deleted from the staging table.
 */
async function collectRejects(ctx: StageContext, staging: Sql, rejectsTable: Sql | null, converted: boolean, path: string, scanOptions: RecordScanOptions): Promise<RejectRow[]> {
  // DuckDB can record one short row several times (once per missing column): one reject per line.
  const duckdb = rejectsTable === null ? [] : await ctx.db.rows(sql`
      SELECT line::BIGINT AS line, column_name, error_type, error_message, csv_line
      FROM ${rejectsTable} QUALIFY row_number() OVER (PARTITION BY line ORDER BY column_idx) = 1 ORDER BY line`, ctx.task.connection)
  const bad = converted
    ? await ctx.db.rows(sql`SELECT rowid::BIGINT AS rec, ${ident(REASON)} AS reason FROM ${staging} WHERE ${ident(REASON)} IS NOT NULL ORDER BY rowid`, ctx.task.connection)
    : []
  if (converted) {
    await ctx.db.run(sql`DELETE FROM ${staging} WHERE ${ident(REASON)} IS NOT NULL`, ctx.task.connection)
    await ctx.db.run(sql`ALTER TABLE ${staging} DROP COLUMN ${ident(REASON)}`, ctx.task.connection)
  }
  if (duckdb.length === 0 && bad.length === 0) return []
  const duckdbLines = new Set(duckdb.map((r) => Number(r.line)).filter((l) => Number.isFinite(l)))
  const scan = await scanRecords(path, { ...scanOptions, wantLines: new Set(bad.map((b) => Number(b.rec))), rejectedLines: duckdbLines, stopWhenFound: true })
  const rows: RejectRow[] = duckdb.map((r) => ({
    line: r.line === null ? null : (scan.physicalLines.get(Number(r.line)) ?? Number(r.line)),
    column: r.column_name === null ? null : String(r.column_name),
    errorType: String(r.error_type),
    message: String(r.error_message),
    raw: r.csv_line === null ? null : String(r.csv_line),
  }))
  for (const b of bad) {
    const [column = null, message = ''] = String(b.reason).split('\u0001')
    rows.push({ line: scan.lines.get(Number(b.rec)) ?? null, column, errorType: 'CAST', message, raw: scan.texts.get(Number(b.rec)) ?? null })
  }
  return rows.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity))
}

interface Conversion {
  /** The converted value (NULL for a refused value), read from the raw text column. */
  select: Sql
  /** The raw text, carried to the outer SELECT where the reason is computed (converted columns only). */
  raw: Sql | null
  /** NULL when the value is fine, else "<column>\u0001<message>"; reads the converted and raw columns. */
  reason: Sql | null
}

/** A name for the raw text of column `index` in the inner SELECT that no file column has. */
function rawName(index: number, taken: ReadonlySet<string>): string {
  let name = `__raw_${index}`
  while (taken.has(name)) name = `_${name}`
  return name
}

/**
 * The select expression for a planned column and, where SQL checks it, the reject reason. Values
 * arrive as text (see readTypeOf) and are converted only when they match exactly; everything else
 * gets a reason, so nothing is rounded, truncated or guessed.
 *
 * Speed: a number written exactly as DuckDB writes its type ("1234.50", "42") is taken by a cast
 * whose result, written back as text, is that very text: nothing can have been rounded or
 * dropped. That round trip costs 0.8 s of one core for 10M amounts where the pattern match costs
 * 2.1 s. (Not for dates: DuckDB would write back "infinity" too, which the patterns refuse.) Any
 * other value goes the strict way: checked against the pattern and converted as it is written,
 * and only a value that fails that is trimmed and tried again (trim() costs about as much as
 * DuckDB's own parse of the value); the reason (the slow path, with its messages) is computed in
 * an outer SELECT only for values that were refused.
 */
function convert(column: ColumnPlan, csv: CsvOptions, rawColumn: string): Conversion {
  const { thousands, decimalSeparator: decimal } = csv
  const name = ident(column.name)
  const group = thousands === '' ? null : thousands === '.' ? '\\.' : thousands
  const dec = decimal === '.' ? '\\.' : ','
  const int = group === null ? '\\d+' : `\\d{1,3}(${group}\\d{3})+|\\d+`
  const ungrouped = (text: Sql): Sql => (thousands === '' ? text : sql`replace(${text}, ${thousands}, '')`)
  const normalized = (text: Sql): Sql => (decimal === '.' ? ungrouped(text) : sql`replace(${ungrouped(text)}, ',', '.')`)
  const example = `1${thousands}234${decimal}56`
  const matches = (text: Sql, pattern: string): Sql => sql`regexp_full_match(${text}, ${literal(pattern)})`
  type Refusal = readonly [((text: Sql) => Sql) | null, string]
  /**
   * value(text): NULL for refused values; refusals name why, tried in order on the trimmed text.
   * `exact`: the type whose text round trip is tried first (see above), or null.
   */
  const strict = (value: (text: Sql) => Sql, refusals: readonly Refusal[], exact: Sql | null = null): Conversion => {
    const raw = ident(rawColumn)
    const trimmed = sql`trim(${raw})`
    const shown = sql`'"' || left(${trimmed}, 60) || CASE WHEN length(${trimmed}) > 60 THEN '…' ELSE '' END || '"'`
    const because = (message: string): Sql => sql`${literal(`${column.name}\u0001`)} || ${shown} || ${literal(` ${message}`)}`
    const strictly = sql`coalesce(${value(name)}, CASE WHEN ${name} <> trim(${name}) THEN ${value(sql`trim(${name})`)} END)`
    return {
      select: exact === null
        ? sql`${strictly} AS ${name}`
        : sql`CASE WHEN TRY_CAST(${name} AS ${exact})::VARCHAR = ${name} THEN TRY_CAST(${name} AS ${exact}) ELSE ${strictly} END AS ${name}`,
      raw: sql`${name} AS ${raw}`,
      reason: sql`CASE WHEN ${name} IS NOT NULL OR ${raw} IS NULL OR ${trimmed} = '' THEN NULL ${join(
        refusals.map(([when, message]) => (when === null ? sql`ELSE ${because(message)}` : sql`WHEN ${when(trimmed)} THEN ${because(message)}`)),
        ' ',
      )} END`,
    }
  }
  /** Dates and times: the shape first (DuckDB would read 31/03/24 as the year 24, or drop a time or an offset), then the calendar. */
  const temporal = (pattern: string, value: (text: Sql) => Sql, like: string): Conversion =>
    strict((t) => sql`CASE WHEN ${matches(t, pattern)} THEN ${value(t)} END`, [
      [(t) => matches(t, pattern), 'is not a valid date or time (no such day or hour)'],
      [null, `is not written like ${like}`],
    ])
  const plain: Conversion = { select: name, raw: null, reason: null }

  switch (column.type) {
    case 'BIGINT': {
      const whole = `[-+]?(${int})`
      return strict((t) => sql`CASE WHEN ${matches(t, whole)} THEN TRY_CAST(${ungrouped(t)} AS BIGINT) END`, [
        [(t) => matches(t, whole), 'is too large for a whole-number column (BIGINT)'],
        [null, `is not a whole number${thousands === '' ? '' : ` written like 1${thousands}234`}`],
      ], raw('BIGINT'))
    }
    case 'DECIMAL(18,2)': {
      const number = `[-+]?((${int})(${dec}\\d*)?|${dec}\\d+)`
      const cents = `[-+]?((${int})(${dec}\\d{0,2}0*)?|${dec}\\d{1,2}0*)`
      return strict((t) => sql`CASE WHEN ${matches(t, cents)} THEN TRY_CAST(${normalized(t)} AS DECIMAL(18,2)) END`, [
        [(t) => matches(t, cents), 'is too large for money DECIMAL(18,2)'],
        [(t) => matches(t, number), 'has more than 2 decimal places (money is kept to the paisa/centavo, never rounded)'],
        [null, `is not an amount written like ${example}`],
      ], decimal === '.' ? raw('DECIMAL(18,2)') : null)
    }
    case 'DOUBLE': {
      if (thousands === '') return plain
      const number = `[-+]?((${int})(${dec}\\d*)?|${dec}\\d+)`
      return strict((t) => sql`CASE WHEN ${matches(t, number)} THEN TRY_CAST(${normalized(t)} AS DOUBLE) END`, [[null, `is not a number written like ${example}`]])
    }
    case 'BOOLEAN':
      return strict((t) => sql`CASE lower(${t}) WHEN 'true' THEN true WHEN 't' THEN true WHEN 'false' THEN false WHEN 'f' THEN false END`, [[null, 'is not true or false']])
    case 'DATE':
      if (csv.dateFormat === null) return temporal(PATTERNS.isoDate, (t) => sql`TRY_CAST(${t} AS DATE)`, '2024-03-31')
      return temporal(formatPattern(csv.dateFormat), (t) => sql`CAST(${strptime(t, csv.dateFormat!)} AS DATE)`, formatExample(csv.dateFormat))
    case 'TIMESTAMP':
      if (csv.timestampFormat === null) return temporal(`(${PATTERNS.isoTimestamp})|(${PATTERNS.isoDate})`, (t) => sql`TRY_CAST(${t} AS TIMESTAMP)`, '2024-03-31 09:05:10')
      return temporal(formatPattern(csv.timestampFormat), (t) => strptime(t, csv.timestampFormat!), formatExample(csv.timestampFormat))
    case 'TIMESTAMPTZ':
      return temporal(PATTERNS.isoTimestampTz, (t) => sql`TRY_CAST(${t} AS TIMESTAMPTZ)`, '2024-03-31T09:05:10+05:30')
    case 'VARCHAR':
      return plain
    default: {
      const unreachable: never = column.type
      throw new Error(`unknown column type ${String(unreachable)}`)
    }
  }
}

/** strftime pieces the type planner writes, as the values they match. */
const FORMAT_PIECES: Record<string, { pattern: string; example: string }> = {
  '%d': { pattern: '\\d{1,2}', example: '31' },
  '%m': { pattern: '\\d{1,2}', example: '03' },
  '%Y': { pattern: '\\d{4}', example: '2024' },
  '%H': { pattern: '\\d{1,2}', example: '21' },
  '%I': { pattern: '\\d{1,2}', example: '9' },
  '%M': { pattern: '\\d{2}', example: '05' },
  '%S': { pattern: '\\d{2}', example: '10' },
  '%p': { pattern: '(?i:am|pm)', example: 'PM' },
}

function formatPieces(format: string): string[] {
  const pieces = format.match(/%.|[^%]/g) ?? []
  for (const piece of pieces) {
    if (piece.startsWith('%') && FORMAT_PIECES[piece] === undefined) {
      throw new EngineError('INVALID_REQUEST', `The date format "${format}" uses ${piece}, which the importer does not read; inspect the file again.`)
    }
  }
  return pieces
}

/** The regular expression a format's values have (a space before am/pm may be missing). */
function formatPattern(format: string): string {
  return formatPieces(format)
    .map((piece, i, all) => {
      if (piece === ' ' && all[i + 1] === '%p') return ' ?'
      return FORMAT_PIECES[piece]?.pattern ?? piece.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
    })
    .join('')
}

function formatExample(format: string): string {
  return formatPieces(format).map((piece) => FORMAT_PIECES[piece]?.example ?? piece).join('')
}

/** TRY_STRPTIME, also accepting "9:05PM" for "%I:%M %p". */
function strptime(text: Sql, format: string): Sql {
  const compact = format.replace(' %p', '%p')
  return compact === format ? sql`TRY_STRPTIME(${text}, ${format})` : sql`coalesce(TRY_STRPTIME(${text}, ${format}), TRY_STRPTIME(${text}, ${compact}))`
}
