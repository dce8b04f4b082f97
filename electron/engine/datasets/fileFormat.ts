// What kind of file this is, from its first bytes (and only then its extension). Binary files
// that are not a format we read (images, PDFs, databases, other compressors) are refused by name.
// Layer: electron/engine.
import { closeSync, openSync, readSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import type { ImportFormat } from '../../../common/domain/dataset'
import { EngineError } from '../engineError'
import type { RegisteredFile } from './fileRegistry'

export interface FileKind {
  format: ImportFormat
  gzip: boolean
  /** JSON: one object per line (NDJSON) or a single array/object document. */
  jsonLayout: 'newline_delimited' | 'array' | null
}

const HEAD_BYTES = 64 * 1024

export function readHead(path: string, bytes = HEAD_BYTES): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const read = readSync(fd, buffer, 0, bytes, 0)
    return buffer.subarray(0, read)
  } finally {
    closeSync(fd)
  }
}

export function detectFileKind(file: RegisteredFile): FileKind {
  if (file.isFolder) return { format: 'parquet', gzip: false, jsonLayout: null }
  if (file.sizeBytes === 0) {
    throw new EngineError('INVALID_REQUEST', `${file.name} is empty (0 bytes); there is nothing to import.`, { details: { file: file.name } })
  }
  const head = readHead(file.path)
  const lower = file.name.toLowerCase()
  if (head.subarray(0, 4).toString('latin1') === 'PAR1') return { format: 'parquet', gzip: false, jsonLayout: null }
  if (lower.endsWith('.parquet')) {
    throw new EngineError('INVALID_REQUEST', `${file.name} is named .parquet but does not start with the Parquet magic bytes "PAR1"; it is damaged or not Parquet.`, {
      details: { file: file.name },
    })
  }
  if (head[0] === 0x50 && head[1] === 0x4b) {
    if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm')) return { format: 'xlsx', gzip: false, jsonLayout: null }
    throw new EngineError('UNSUPPORTED', `${file.name} is a ZIP archive. Unzip it first, or choose an .xlsx workbook.`, { details: { file: file.name } })
  }
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new EngineError('UNSUPPORTED', `${file.name} is an old binary Excel (.xls) file. Open it in Excel or LibreOffice and save it as .xlsx or .csv.`, {
      details: { file: file.name },
    })
  }
  refuseKnownBinary(head, file.name)
  const gzip = head[0] === 0x1f && head[1] === 0x8b
  const text = gzip ? gunzipHead(head, file.name) : head
  if (gzip) refuseKnownBinary(text, file.name)
  refuseUnknownBinary(text, file.name)
  const layout = jsonLayout(text)
  if (layout !== null) return { format: 'json', gzip, jsonLayout: layout }
  return { format: 'csv', gzip, jsonLayout: null }
}

/** Formats people pick by mistake, by their signature: say what the file is instead of importing noise. */
const SIGNATURES: ReadonlyArray<{ bytes: number[]; offset?: number; what: string; advice: string }> = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image', advice: 'Choose the data file itself.' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image', advice: 'Choose the data file itself.' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image', advice: 'Choose the data file itself.' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF document', advice: 'Export the table from its source as CSV or XLSX instead.' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'a program (ELF)', advice: 'Choose a data file.' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00], what: 'an SQLite database', advice: 'Export the table as CSV or Parquet first.' },
  { bytes: [0x44, 0x55, 0x43, 0x4b], offset: 8, what: 'a DuckDB database', advice: 'Export the table as Parquet first (COPY … TO … (FORMAT parquet)).' },
  { bytes: [0x42, 0x5a, 0x68], what: 'compressed with bzip2', advice: 'Decompress it first; gzip (.gz) files are read directly.' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'compressed with xz', advice: 'Decompress it first; gzip (.gz) files are read directly.' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'compressed with zstd', advice: 'Decompress it first; gzip (.gz) files are read directly.' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive', advice: 'Extract it first.' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], what: 'a RAR archive', advice: 'Extract it first.' },
]

function refuseKnownBinary(head: Buffer, name: string): void {
  for (const signature of SIGNATURES) {
    const offset = signature.offset ?? 0
    if (head.length < offset + signature.bytes.length) continue
    if (!signature.bytes.every((b, i) => head[offset + i] === b)) continue
    // "BZh" could begin a text line; bzip2 follows it with the block size digit 1–9.
    if (signature.what.includes('bzip2') && !(head[3]! >= 0x31 && head[3]! <= 0x39)) continue
    throw new EngineError('UNSUPPORTED', `${name} is ${signature.what}, not a table of data. ${signature.advice}`, { details: { file: name } })
  }
}

/**
 * Text has (almost) no control bytes; binary data has many. UTF-16 text (a BOM, or zero bytes all
 * on one side of each pair) is not judged: its high bytes can be anything (U+0905 is 05 09).
 */
function refuseUnknownBinary(head: Buffer, name: string): void {
  const sample = head.subarray(0, 64 * 1024)
  if (sample.length === 0) return
  let zeros = 0
  let zerosEven = 0
  let controls = 0
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!
    if (b === 0) {
      zeros += 1
      if (i % 2 === 0) zerosEven += 1
    } else if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) controls += 1
  }
  const utf16 = (sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff) || (zeros > sample.length * 0.3 && Math.max(zerosEven, zeros - zerosEven) > zeros * 0.9)
  if (utf16) return
  const suspicious = controls + zeros
  if (suspicious >= 4 && suspicious > sample.length * 0.02) {
    throw new EngineError(
      'UNSUPPORTED',
      `${name} looks like binary data, not text: ${suspicious} of its first ${sample.length} bytes are control characters. Choose a CSV, Parquet, JSON or XLSX file.`,
      { details: { file: name } },
    )
  }
}

function gunzipHead(head: Buffer, name: string): Buffer {
  try {
    return gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH: a truncated stream is fine here */ })
  } catch (cause) {
    throw new EngineError('INVALID_REQUEST', `${name} starts like a gzip file but cannot be decompressed; it may be damaged.`, { cause, details: { file: name } })
  }
}

/**
 * "[" or "{" followed by what JSON allows there: a CSV header of bracketed names ("[id],[amount]",
 * as SQL Server writes them) is not a JSON array.
 */
function looksLikeJsonStart(text: string): boolean {
  const next = text.slice(1).trimStart()
  if (text.startsWith('{')) return next.startsWith('"') || next.startsWith('}')
  if (!text.startsWith('[')) return false
  return /^([[{"\]\-\d]|true\b|false\b|null\b)/.test(next) || next === ''
}

/** JSON if the first non-blank character (after a BOM) opens an object or array. */
function jsonLayout(text: Buffer): FileKind['jsonLayout'] {
  const start = text.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? 3 : 0
  const trimmed = text.subarray(start).toString('utf8').trimStart()
  if (!looksLikeJsonStart(trimmed)) return null
  if (trimmed.startsWith('[')) return 'array'
  // NDJSON: a line that is a whole object, followed by another line starting with '{' (or the end).
  const lines = trimmed.split('\n').filter((line) => line.trim() !== '')
  return lines.length > 1 && lines[1]!.trimStart().startsWith('{') ? 'newline_delimited' : 'array'
}
