// Inspect a CSV file before import: encoding, delimiter, header, number and date conventions and
// column types, each with its evidence, plus questions that need the user and a preview.
// Layer: electron/engine.
import { randomUUID } from 'node:crypto'
import type { DuckDBConnection } from '@duckdb/node-api'
import type { CsvOptions, ImportOverrides, SourceInspection } from '../../../common/domain/dataset'
import type { Database } from '../db/database'
import { ident, sql } from '../db/sql'
import { EngineError } from '../engineError'
import { detectDelimiter, splitRecords } from './csvDialect'
import { readCsvSql } from './csvRead'
import { scanRecords } from './csvRecords'
import type { CsvSources, PreparedCsv } from './csvSource'
import { textSample } from './csvSource'
import { columnStats, mismatchExamples, PATTERNS } from './columnStats'
import { planTypes } from './columnTypes'
import type { FileKind } from './fileFormat'
import type { RegisteredFile } from './fileRegistry'

export interface InspectContext {
  db: Database
  connection: DuckDBConnection
  sources: CsvSources
}

/** Files up to this size are examined whole; larger ones by their first SAMPLE_ROWS rows. */
// 16 MiB: about 250k typical payment rows, examined in a few seconds; "fullScan" examines any file whole.
export const FULL_SCAN_BYTES = 16 * 2 ** 20
export const SAMPLE_ROWS = 200_000
const PREVIEW_ROWS = 20

export async function inspectCsv(ctx: InspectContext, file: RegisteredFile, kind: FileKind, overrides: ImportOverrides): Promise<SourceInspection> {
  const kept = ctx.sources.keptInspection(file, overrides)
  if (kept !== null) return kept
  const inspection = await inspectAfresh(ctx, file, kind, overrides)
  ctx.sources.keepInspection(file, overrides, inspection)
  return inspection
}

async function inspectAfresh(ctx: InspectContext, file: RegisteredFile, kind: FileKind, overrides: ImportOverrides): Promise<SourceInspection> {
  const q = ctx.db.on(ctx.connection)
  const prepared = await ctx.sources.prepare(file, kind, overrides.encoding)
  if (prepared.detection.damaged !== null) {
    throw new EngineError('INVALID_REQUEST', `${file.name} is a damaged or truncated gzip file (${prepared.detection.damaged}); it cannot be imported whole. Download or export it again.`, { details: { file: file.name } })
  }
  const detected: SourceInspection['detected'] = [
    { setting: 'encoding', value: prepared.encoding, evidence: overrides.encoding !== undefined ? 'chosen by you' : prepared.detection.evidence },
  ]
  if (kind.gzip) detected.push({ setting: 'compression', value: 'gzip', evidence: 'the file starts with the gzip signature' })
  const text = await textSample(prepared)
  if (text.trim() === '') throw new EngineError('INVALID_REQUEST', `${file.name} has no text in it (only blank lines); there is nothing to import.`)

  const delimiterDetection = detectDelimiter(text)
  const delimiter = overrides.delimiter ?? delimiterDetection.delimiter
  detected.push({ setting: 'delimiter', value: shown(delimiter), evidence: overrides.delimiter !== undefined ? 'chosen by you' : delimiterDetection.evidence })
  const quote = overrides.quote ?? '"'
  const escape = overrides.escape ?? quote

  const sniff = (await sniffHeader(ctx, prepared, delimiter, quote, escape, overrides)) ?? guessHeader(text, delimiter, quote, overrides)
  detected.push({ setting: 'header', value: sniff.header ? 'yes' : 'no', evidence: overrides.header !== undefined ? 'chosen by you' : sniff.evidence })
  if (sniff.skipRows > 0) detected.push({ setting: 'skip rows', value: String(sniff.skipRows), evidence: 'lines before the table that do not fit its shape' })

  const notes: string[] = []
  const rawHeader = splitRecords(text, delimiter, quote, sniff.skipRows + 1)[sniff.skipRows] ?? []
  const duplicates = rawHeader.filter((name, i) => name !== '' && rawHeader.indexOf(name) !== i)
  if (duplicates.length > 0 && sniff.header) {
    notes.push(`Column names repeat (${[...new Set(duplicates)].map((d) => `"${d}"`).join(', ')}); the repeats get a suffix: ${sniff.names.filter((n, i) => n !== rawHeader[i]).map((n) => `"${n}"`).join(', ')}.`)
  }

  const csvBase: CsvOptions = {
    delimiter, quote, escape, header: sniff.header, skipRows: sniff.skipRows, encoding: prepared.encoding,
    decimalSeparator: '.', thousands: '', dateFormat: null, timestampFormat: null, nullStrings: [],
  }
  const full = overrides.fullScan === true || (prepared.gzip ? file.sizeBytes * 5 : file.sizeBytes) <= FULL_SCAN_BYTES
  const table = ident(`__inspect_${randomUUID().replaceAll('-', '')}`)
  const rejectsTable = `__inspect_rejects_${randomUUID().replaceAll('-', '')}`
  const read = readCsvSql({
    path: prepared.path, csv: csvBase, encoding: prepared.duckdbEncoding, gzip: prepared.gzip,
    columns: sniff.names.map((name) => ({ name, readType: 'VARCHAR' as const })),
    rejects: { table: rejectsTable, scan: `__inspect_scans_${randomUUID().replaceAll('-', '')}` },
  })
  await q.run(full ? sql`CREATE TEMP TABLE ${table} AS SELECT * FROM ${read}` : sql`CREATE TEMP TABLE ${table} AS SELECT * FROM ${read} LIMIT ${SAMPLE_ROWS}`)
  try {
    const [{ n } = { n: 0 }] = await ctx.db.rows(sql`SELECT count(*)::INTEGER AS n FROM ${table}`, ctx.connection)
    const rowsExamined = Number(n)
    const structural = await structuralRejects(ctx, ident(rejectsTable), full, prepared, csvBase, sniff.names.length)
    if (structural !== null) notes.push(structural)
    else if (rowsExamined === 0) notes.push(sniff.header ? 'The file has a header line but no rows: the dataset would be empty.' : 'The file has no rows.')
    const allStats = await columnStats(q, table, sniff.names)
    const dropColumns = trailingEmptyColumn(sniff.header, rawHeader, sniff.names).filter((name) => allStats.find((s) => s.name === name)?.nonNull === 0)
    const kept = sniff.names.filter((name) => !dropColumns.includes(name))
    const stats = allStats.filter((s) => kept.includes(s.name))
    const plan = planTypes(stats, delimiter, overrides)
    detected.push(...plan.evidence)
    if (plan.dateFormat !== null) detected.push({ setting: 'date format', value: plan.dateFormat, evidence: 'the format every date column fits' })
    if (plan.timestampFormat !== null) detected.push({ setting: 'timestamp format', value: plan.timestampFormat, evidence: 'the format every date-time column fits' })
    notes.push(...plan.notes)
    if (dropColumns.length > 0) notes.push('Every line ends with a delimiter; the empty, unnamed last column this makes is left out.')

    const nullStrings = await nullTokens(ctx, table, plan.columns.filter((c) => c.type !== 'VARCHAR').map((c) => c.name))
    if (nullStrings.length > 0) notes.push(`${nullStrings.map((t) => `"${t}"`).join(', ')} stand where numbers or dates are expected; they are read as empty values in every column.`)

    const columns = await Promise.all(
      plan.columns.map(async (c) => {
        const s = stats.find((x) => x.name === c.name)!
        const examples = c.pattern !== null && c.mismatches > 0 ? await mismatchExamples(q, table, c.name, `(${c.pattern})|(${PATTERNS.nullToken})`) : []
        return { name: c.name, type: c.type, detectedType: c.detectedType, reason: c.reason, nonNull: s.nonNull, mismatches: c.mismatches, mismatchExamples: examples, sampleValues: [] as string[] }
      }),
    )
    const preview = await ctx.db.rows(sql`SELECT * FROM ${table} LIMIT ${PREVIEW_ROWS}`, ctx.connection)
    for (const column of columns) column.sampleValues = [...new Set(preview.map((r) => r[column.name]).filter((v): v is string => typeof v === 'string' && v !== ''))].slice(0, 5)

    return {
      file: { fileId: file.fileId, name: file.name, sizeBytes: file.sizeBytes },
      options: {
        format: 'csv',
        csv: { ...csvBase, decimalSeparator: plan.decimalSeparator, thousands: plan.thousands, dateFormat: plan.dateFormat, timestampFormat: plan.timestampFormat, nullStrings },
        sheet: null,
        columns: plan.columns.map((c) => ({ name: c.name, type: c.type })),
        dropColumns,
      },
      detected,
      questions: plan.questions.map((q) => ({ ...q, examples: exampleDates(preview, q.columns) })),
      notes,
      columns,
      preview: { columns: kept, rows: preview.map((r) => kept.map((name) => (r[name] === null || r[name] === undefined ? null : String(r[name])))) },
      scope: { kind: full ? 'full' : 'sample', rowsExamined, bytesExamined: full ? file.sizeBytes : prepared.detection.bytesExamined },
      sheets: [],
    }
  } finally {
    await ctx.db.run(sql`DROP TABLE IF EXISTS ${table}`, ctx.connection)
  }
}

interface SniffResult {
  header: boolean
  skipRows: number
  names: string[]
  evidence: string
}

/** When DuckDB's sniffer gives up (ragged rows, a broken quote), decide from the first line. */
function guessHeader(text: string, delimiter: string, quote: string, overrides: ImportOverrides): SniffResult {
  const skipRows = overrides.skipRows ?? 0
  const records = splitRecords(text, delimiter, quote, skipRows + 50).slice(skipRows)
  const first = records[0] ?? []
  const widest = Math.max(first.length, ...records.map((r) => r.length))
  const looksLikeData = first.some((f) => /^[-+]?[\d.,]+$/.test(f.trim()) || /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/.test(f.trim()))
  const header = overrides.header ?? (!looksLikeData && first.every((f) => f.trim() !== ''))
  const names = header ? dedupe(first) : Array.from({ length: widest }, (_, i) => `column${i}`)
  return { header, skipRows, names, evidence: header ? 'the first line holds names, not values' : 'the first line holds values' }
}

/** Repeated names get _1, _2 … as DuckDB's reader names them. */
function dedupe(names: string[]): string[] {
  const seen = new Map<string, number>()
  return names.map((raw, i) => {
    const name = raw.trim() === '' ? `column${i}` : raw
    const count = seen.get(name) ?? 0
    seen.set(name, count + 1)
    return count === 0 ? name : `${name}_${count}`
  })
}

async function sniffHeader(ctx: InspectContext, prepared: PreparedCsv, delimiter: string, quote: string, escape: string, overrides: ImportOverrides): Promise<SniffResult | null> {
  const headerArg = overrides.header === undefined ? sql`` : sql`, header = ${overrides.header}`
  const skipArg = overrides.skipRows === undefined ? sql`` : sql`, skip = ${overrides.skipRows}`
  try {
    const [row] = await ctx.db.rows(
      sql`SELECT HasHeader AS header, SkipRows AS skip, Columns AS columns
          FROM sniff_csv(${prepared.path}, delim = ${delimiter}, quote = ${quote}, escape = ${escape}, encoding = ${prepared.duckdbEncoding}, compression = ${prepared.gzip ? 'gzip' : 'none'}, strict_mode = false${headerArg}${skipArg})`,
      ctx.connection,
    )
    const columns = (row?.columns ?? []) as Array<{ name: string }>
    return { header: row?.header === true, skipRows: Number(row?.skip ?? 0), names: columns.map((c) => c.name), evidence: "DuckDB's sniffer compared the first row with the rest" }
  } catch {
    return null
  }
}

/**
 * Lines of the examined part that do not fit the table's shape (a quote never closed, too many or
 * too few fields, bytes that are not in the file's encoding): they will be rejected on import, and
 * the user should know before choosing to go on.
 */
async function structuralRejects(ctx: InspectContext, rejects: ReturnType<typeof ident>, full: boolean, prepared: PreparedCsv, csv: CsvOptions, columns: number): Promise<string | null> {
  const [count] = await ctx.db.rows(sql`SELECT count(DISTINCT line)::BIGINT AS n FROM ${rejects}`, ctx.connection)
  const n = Number(count?.n ?? 0)
  if (n === 0) return null
  const [first] = await ctx.db.rows(sql`SELECT line::BIGINT AS line, error_type, error_message, csv_line FROM ${rejects} ORDER BY line, column_idx LIMIT 1`, ctx.connection)
  // DuckDB's line numbers skip the newlines inside quoted values: find the physical line.
  const duckdbLine = Number(first?.line)
  const scan = await scanRecords(prepared.path, {
    delimiter: csv.delimiter, quote: csv.quote, escape: csv.escape, headerRecords: csv.skipRows + (csv.header ? 1 : 0),
    gzip: prepared.gzip, utf16: prepared.duckdbEncoding === 'utf-16', rejectedLines: new Set([duckdbLine]), stopAtLine: duckdbLine, blankLinesAreRecords: columns === 1,
  }).catch(() => null)
  const line = scan?.physicalLines.get(duckdbLine) ?? duckdbLine
  const raw = String(first?.csv_line ?? '').replace(/[\r\n]+$/, '')
  const shownRaw = raw.length > 80 ? `${raw.slice(0, 80)}…` : raw
  const where = full ? 'in the file' : 'in the examined rows'
  return `${n} line${n === 1 ? '' : 's'} ${where} ${n === 1 ? 'does' : 'do'} not fit the table and will be rejected on import. The first is line ${line} (${String(first?.error_type).toLowerCase()}: ${String(first?.error_message)}): ${JSON.stringify(shownRaw)}`
}

/** The empty last column a trailing delimiter on every line makes: unnamed in the header. */
function trailingEmptyColumn(header: boolean, rawHeader: string[], names: string[]): string[] {
  if (!header || rawHeader.length !== names.length || rawHeader.at(-1) !== '') return []
  return [names.at(-1)!]
}

async function nullTokens(ctx: InspectContext, table: ReturnType<typeof ident>, columns: string[]): Promise<string[]> {
  const tokens = new Set<string>()
  for (const column of columns) {
    const v = sql`trim(${ident(column)})`
    const rows = await ctx.db.rows(sql`SELECT DISTINCT ${v} AS v FROM ${table} WHERE regexp_full_match(${v}, ${PATTERNS.nullToken}) LIMIT 10`, ctx.connection)
    for (const r of rows) tokens.add(String(r.v))
  }
  return [...tokens].sort()
}

function exampleDates(preview: Record<string, unknown>[], columns: string[]): string[] {
  return [...new Set(preview.flatMap((r) => columns.map((c) => r[c])).filter((v): v is string => typeof v === 'string' && v !== ''))].slice(0, 4)
}

function shown(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `'${delimiter}'`
}
