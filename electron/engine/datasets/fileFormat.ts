// What kind of file this is, from its first bytes (and only then its extension).
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
  const gzip = head[0] === 0x1f && head[1] === 0x8b
  const text = gzip ? gunzipHead(head, file.name) : head
  const layout = jsonLayout(text)
  if (layout !== null) return { format: 'json', gzip, jsonLayout: layout }
  return { format: 'csv', gzip, jsonLayout: null }
}

function gunzipHead(head: Buffer, name: string): Buffer {
  try {
    return gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH: a truncated stream is fine here */ })
  } catch (cause) {
    throw new EngineError('INVALID_REQUEST', `${name} starts like a gzip file but cannot be decompressed; it may be damaged.`, { cause, details: { file: name } })
  }
}

/** JSON if the first non-blank character (after a BOM) opens an object or array. */
function jsonLayout(text: Buffer): FileKind['jsonLayout'] {
  const start = text.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? 3 : 0
  const trimmed = text.subarray(start).toString('utf8').trimStart()
  if (trimmed.startsWith('[')) return 'array'
  if (!trimmed.startsWith('{')) return null
  // NDJSON: a line that is a whole object, followed by another line starting with '{' (or the end).
  const lines = trimmed.split('\n').filter((line) => line.trim() !== '')
  return lines.length > 1 && lines[1]!.trimStart().startsWith('{') ? 'newline_delimited' : 'array'
}
