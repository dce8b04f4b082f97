// Parquet and JSON: typed formats DuckDB reads itself. Inspection shows their schema; nested
// JSON values are kept as JSON text so every column is a plain value. Layer: electron/engine.
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import type { ImportOptions, SourceInspection } from '../../../common/domain/dataset'
import type { Database } from '../db/database'
import { ident, join, literal, sql, type Sql } from '../db/sql'
import { EngineError } from '../engineError'
import type { TaskContext } from '../tasks'
import { scanRecords } from './csvRecords'
import type { FileKind } from './fileFormat'
import type { RegisteredFile } from './fileRegistry'

const PREVIEW_ROWS = 20

/** The table function that reads the file; a folder reads all its Parquet files. */
export function typedReader(file: RegisteredFile, kind: FileKind): Sql {
  if (kind.format === 'parquet') {
    const target = file.isFolder ? `${file.path}/**/*.parquet` : file.path
    return sql`read_parquet(${target})`
  }
  const format = kind.jsonLayout === 'newline_delimited' ? 'newline_delimited' : 'auto'
  // DuckDB decides compression by the file's name; we know it from the signature.
  return sql`read_json(${file.path}, format = ${format}, records = true, compression = ${kind.gzip ? 'gzip' : 'uncompressed'}, maximum_object_size = ${64 * 2 ** 20})`
}

/** CREATE VIEW cannot take parameters: the path of a linked Parquet source is a literal. */
export function linkedParquetView(file: RegisteredFile): Sql {
  return sql`read_parquet(${literal(file.isFolder ? `${file.path}/**/*.parquet` : file.path)})`
}

interface DescribedColumn {
  name: string
  type: string
  nested: boolean
}

async function describe(db: Database, conn: TaskContext['connection'], reader: Sql, file: RegisteredFile, kind: FileKind): Promise<DescribedColumn[]> {
  try {
    const rows = await db.rows(sql`DESCRIBE SELECT * FROM ${reader}`, conn)
    return rows.map((r) => {
      const type = String(r.column_type)
      return { name: String(r.column_name), type, nested: /STRUCT|MAP|\[\]|UNION/.test(type) }
    })
  } catch (cause) {
    throw await jsonAwareError(file, kind, cause)
  }
}

/** Turn DuckDB's reader failures into what the user can act on; NDJSON errors name the bad line. */
async function jsonAwareError(file: RegisteredFile, kind: FileKind, cause: unknown): Promise<EngineError> {
  if (kind.format === 'json' && kind.jsonLayout === 'newline_delimited' && /json/i.test((cause as Error).message)) {
    const bad = await firstBadJsonLine(file.path, kind.gzip).catch(() => null)
    if (bad !== null) {
      return new EngineError('INVALID_REQUEST', `${file.name}: line ${bad.line} is not valid JSON (${bad.reason}): ${JSON.stringify(bad.text)}. Fix or remove that line; nothing was imported.`, {
        cause,
        details: { file: file.name, line: bad.line },
      })
    }
  }
  return readError(file, cause)
}

/** Turn DuckDB's reader failures into what the user can act on. */
export function readError(file: RegisteredFile, cause: unknown): EngineError {
  const message = (cause as Error).message.split('\n')[0] ?? ''
  if (/too small to be a Parquet file|No magic bytes found|Invalid Input Error:.*parquet|footer/i.test(message)) {
    return new EngineError('INVALID_REQUEST', `${file.name} is not a complete Parquet file (it may be truncated or damaged): ${message}`, { cause, details: { file: file.name } })
  }
  if (/json/i.test(message)) {
    return new EngineError('INVALID_REQUEST', `${file.name} is not valid JSON: ${message}`, { cause, details: { file: file.name } })
  }
  return new EngineError('DB_ERROR', `Cannot read ${file.name}: ${message}`, { cause, details: { file: file.name } })
}

/** Select list that keeps scalars and turns nested values into JSON text. */
function flatSelect(columns: DescribedColumn[]): Sql {
  return join(columns.map((c) => (c.nested ? sql`to_json(${ident(c.name)})::VARCHAR AS ${ident(c.name)}` : ident(c.name))))
}

export async function inspectTyped(db: Database, task: TaskContext, file: RegisteredFile, kind: FileKind): Promise<SourceInspection> {
  const reader = typedReader(file, kind)
  const columns = await describe(db, task.connection, reader, file, kind)
  const sourceRows = await countSourceRows(db, task, file, kind)
  let preview: Record<string, unknown>[]
  try {
    preview = await db.rows(sql`SELECT ${flatSelect(columns)} FROM ${reader} LIMIT ${PREVIEW_ROWS}`, task.connection)
  } catch (cause) {
    throw await jsonAwareError(file, kind, cause)
  }
  const nested = columns.filter((c) => c.nested)
  const label = kind.format === 'parquet' ? (file.isFolder ? 'Parquet folder' : 'Parquet') : kind.jsonLayout === 'newline_delimited' ? 'NDJSON (one object per line)' : 'JSON'
  const options: ImportOptions = { format: kind.format, csv: null, sheet: null, columns: [], dropColumns: [] }
  return {
    file: { fileId: file.fileId, name: file.name, sizeBytes: file.sizeBytes },
    options,
    detected: [{ setting: 'format', value: label, evidence: kind.format === 'parquet' ? 'the Parquet signature "PAR1"' : 'the file opens with { or [' }, { setting: 'rows', value: String(sourceRows), evidence: kind.format === 'parquet' ? 'the Parquet footer' : 'counted in the file' }],
    questions: [],
    notes: nested.length > 0 ? [`${nested.map((c) => `"${c.name}"`).join(', ')} hold nested objects or lists; they are kept as JSON text.`] : [],
    columns: columns.map((c) => ({
      name: c.name, type: c.nested ? 'VARCHAR (JSON)' : c.type, detectedType: c.type,
      reason: c.nested ? 'nested values, kept as JSON text' : `typed by the ${kind.format === 'parquet' ? 'Parquet schema' : 'JSON values'}`,
      nonNull: 0, mismatches: 0, mismatchExamples: [],
      sampleValues: [...new Set(preview.map((r) => r[c.name]).filter((v) => v !== null && v !== undefined).map(String))].slice(0, 5),
    })),
    preview: { columns: columns.map((c) => c.name), rows: preview.map((r) => columns.map((c) => (r[c.name] === null || r[c.name] === undefined ? null : typeof r[c.name] === 'string' ? (r[c.name] as string) : JSON.stringify(r[c.name])))) },
    scope: { kind: 'full', rowsExamined: sourceRows, bytesExamined: file.sizeBytes },
    sheets: [],
  }
}

/** Rows in the source, counted without DuckDB's reader: the Parquet footer, or the JSON text. */
export async function countSourceRows(db: Database, task: TaskContext, file: RegisteredFile, kind: FileKind): Promise<number> {
  if (kind.format === 'parquet') {
    try {
      const target = file.isFolder ? `${file.path}/**/*.parquet` : file.path
      const [row] = await db.rows(sql`SELECT coalesce(sum(num_rows), 0)::BIGINT AS n FROM parquet_file_metadata(${target})`, task.connection)
      return Number(row?.n ?? 0)
    } catch (cause) {
      throw readError(file, cause)
    }
  }
  if (kind.jsonLayout === 'newline_delimited') {
    // JSON strings cannot hold raw newlines: every line with more than spaces is one record.
    const scan = await scanRecords(file.path, {
      delimiter: '\u0001', quote: '\u0002', escape: '\u0002', headerRecords: 0, gzip: kind.gzip, utf16: false,
      whitespaceLinesAreBlank: true, cancelled: () => task.cancelled(),
    })
    return scan.records
  }
  return countJsonDocument(file, kind.gzip, () => task.cancelled())
}

function jsonStream(path: string, gzip: boolean): { stream: Readable; close: () => void } {
  const source = createReadStream(path)
  if (!gzip) return { stream: source, close: () => source.destroy() }
  const gunzip = source.pipe(createGunzip())
  return {
    stream: gunzip,
    close: () => {
      source.destroy()
      gunzip.destroy()
    },
  }
}

/**
 * Records in a JSON document, streamed (gzip too): the elements of a top-level array, or 1 for a
 * single object. Strings (with escapes) are skipped so brackets inside them do not count.
 */
export async function countJsonDocument(file: RegisteredFile, gzip: boolean, cancelled: () => boolean = () => false): Promise<number> {
  let depth = 0
  let inString = false
  let escaped = false
  let top: 'array' | 'object' | null = null
  let expectValue = false
  let count = 0
  let offset = 0
  const { stream, close } = jsonStream(file.path, gzip)
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (cancelled()) throw new EngineError('CANCELLED', 'Counting the JSON records was cancelled.')
      for (let i = 0; i < chunk.length; i++, offset++) {
        const b = chunk[i]!
        if (inString) {
          if (escaped) escaped = false
          else if (b === 0x5c) escaped = true
          else if (b === 0x22) inString = false
          continue
        }
        if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) continue
        if (top === null) {
          if (offset < 3 && (b === 0xef || b === 0xbb || b === 0xbf)) continue // UTF-8 BOM
          if (b === 0x5b) [top, depth, expectValue] = ['array', 1, true]
          else if (b === 0x7b) [top, depth, count] = ['object', 1, 1]
          else throw new EngineError('INVALID_REQUEST', `${file.name} does not start with a JSON array or object.`, { details: { file: file.name } })
          continue
        }
        const startsValue = b !== 0x2c && b !== 0x5d && b !== 0x7d
        if (depth === 1 && top === 'array' && expectValue && startsValue) {
          count += 1
          expectValue = false
        }
        if (b === 0x22) inString = true
        else if (b === 0x5b || b === 0x7b) depth += 1
        else if (b === 0x5d || b === 0x7d) depth -= 1
        else if (b === 0x2c && depth === 1) expectValue = true
      }
    }
  } catch (cause) {
    if (cause instanceof EngineError) throw cause
    throw new EngineError('INVALID_REQUEST', `${file.name} cannot be read to the end (${(cause as Error).message}); it may be a damaged or truncated ${gzip ? 'gzip ' : ''}file.`, { cause, details: { file: file.name } })
  } finally {
    close()
  }
  return count
}

/** The first non-blank line of an NDJSON file that is not a JSON value, with its 1-based number. */
export async function firstBadJsonLine(path: string, gzip: boolean): Promise<{ line: number; reason: string; text: string } | null> {
  const { stream, close } = jsonStream(path, gzip)
  const lines = createInterface({ input: stream, crlfDelay: Infinity })
  let number = 0
  try {
    for await (const line of lines) {
      number += 1
      if (line.trim() === '') continue
      try {
        JSON.parse(line)
      } catch (error) {
        return { line: number, reason: (error as Error).message, text: line.length > 120 ? `${line.slice(0, 120)}…` : line }
      }
    }
  } finally {
    lines.close()
    close()
  }
  return null
}

export async function stageTyped(db: Database, task: TaskContext, file: RegisteredFile, kind: FileKind, staging: Sql): Promise<{ sourceRows: number; loadedRows: number; loadMs: number }> {
  const throwIfCancelled = (): void => {
    // Checked between statements: a cancel that arrives while none runs must still stop the import.
    if (task.cancelled()) throw new EngineError('CANCELLED', 'The import was cancelled.')
  }
  throwIfCancelled()
  const reader = typedReader(file, kind)
  const columns = await describe(db, task.connection, reader, file, kind)
  const sourceRows = await countSourceRows(db, task, file, kind)
  const started = performance.now()
  try {
    await db.run(sql`CREATE TABLE ${staging} AS SELECT ${flatSelect(columns)} FROM ${reader}`, task.connection)
  } catch (cause) {
    if (task.cancelled()) throw cause
    throw await jsonAwareError(file, kind, cause)
  }
  const loadMs = performance.now() - started
  throwIfCancelled()
  const [row] = await db.rows(sql`SELECT count(*)::BIGINT AS n FROM ${staging}`, task.connection)
  return { sourceRows, loadedRows: Number(row?.n ?? 0), loadMs }
}

/**
 * A linked Parquet source is staged as a view over the file, never copied: the rows are counted
 * from the footer and through the view (DuckDB answers count(*) from Parquet metadata).
 */
export async function stageLinkedParquet(db: Database, task: TaskContext, file: RegisteredFile, kind: FileKind, staging: Sql): Promise<{ sourceRows: number; loadedRows: number; loadMs: number }> {
  if (task.cancelled()) throw new EngineError('CANCELLED', 'The import was cancelled.')
  await describe(db, task.connection, typedReader(file, kind), file, kind)
  const sourceRows = await countSourceRows(db, task, file, kind)
  const started = performance.now()
  await db.run(sql`CREATE VIEW ${staging} AS SELECT * FROM ${linkedParquetView(file)}`, task.connection)
  let loadedRows: number
  try {
    const [row] = await db.rows(sql`SELECT count(*)::BIGINT AS n FROM ${staging}`, task.connection)
    loadedRows = Number(row?.n ?? 0)
  } catch (cause) {
    throw readError(file, cause)
  }
  return { sourceRows, loadedRows, loadMs: performance.now() - started }
}
