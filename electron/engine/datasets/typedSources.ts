// Parquet and JSON: typed formats DuckDB reads itself. Inspection shows their schema; nested
// JSON values are kept as JSON text so every column is a plain value. Layer: electron/engine.
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
  return sql`read_json(${file.path}, format = ${format}, records = true, maximum_object_size = ${64 * 2 ** 20})`
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

async function describe(db: Database, conn: TaskContext['connection'], reader: Sql, file: RegisteredFile): Promise<DescribedColumn[]> {
  try {
    const rows = await db.rows(sql`DESCRIBE SELECT * FROM ${reader}`, conn)
    return rows.map((r) => {
      const type = String(r.column_type)
      return { name: String(r.column_name), type, nested: /STRUCT|MAP|\[\]|UNION/.test(type) }
    })
  } catch (cause) {
    throw readError(file, cause)
  }
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
  const columns = await describe(db, task.connection, reader, file)
  const sourceRows = await countSourceRows(db, task, file, kind)
  let preview: Record<string, unknown>[]
  try {
    preview = await db.rows(sql`SELECT ${flatSelect(columns)} FROM ${reader} LIMIT ${PREVIEW_ROWS}`, task.connection)
  } catch (cause) {
    throw readError(file, cause)
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
  try {
    if (kind.format === 'parquet') {
      const target = file.isFolder ? `${file.path}/**/*.parquet` : file.path
      const [row] = await db.rows(sql`SELECT coalesce(sum(num_rows), 0)::BIGINT AS n FROM parquet_file_metadata(${target})`, task.connection)
      return Number(row?.n ?? 0)
    }
    if (kind.jsonLayout === 'newline_delimited') {
      // JSON strings cannot hold raw newlines: every non-blank line is one record.
      const scan = await scanRecords(file.path, { delimiter: '\u0001', quote: '\u0002', escape: '\u0002', headerRecords: 0, gzip: kind.gzip, utf16: false })
      return scan.records
    }
    const [row] = await db.rows(sql`
      SELECT CASE WHEN json_type(content::JSON) = 'ARRAY' THEN json_array_length(content::JSON) ELSE 1 END::BIGINT AS n
      FROM read_text(${file.path})`, task.connection)
    return Number(row?.n ?? 0)
  } catch (cause) {
    throw readError(file, cause)
  }
}

export async function stageTyped(db: Database, task: TaskContext, file: RegisteredFile, kind: FileKind, staging: Sql): Promise<{ sourceRows: number; loadedRows: number; loadMs: number }> {
  const reader = typedReader(file, kind)
  const columns = await describe(db, task.connection, reader, file)
  const sourceRows = await countSourceRows(db, task, file, kind)
  const started = performance.now()
  try {
    await db.run(sql`CREATE TABLE ${staging} AS SELECT ${flatSelect(columns)} FROM ${reader}`, task.connection)
  } catch (cause) {
    if (task.cancelled()) throw cause
    throw readError(file, cause)
  }
  const loadMs = performance.now() - started
  const [row] = await db.rows(sql`SELECT count(*)::BIGINT AS n FROM ${staging}`, task.connection)
  return { sourceRows, loadedRows: Number(row?.n ?? 0), loadMs }
}
