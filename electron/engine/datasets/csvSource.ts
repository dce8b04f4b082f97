// A CSV file made ready for DuckDB: its encoding detected (or chosen) and, where DuckDB cannot
// read that encoding itself (Windows-1252, big-endian UTF-16), a UTF-8 copy in the project's temp
// folder.
// Layer: electron/engine.
import { createReadStream, statSync } from 'node:fs'
import { join } from 'node:path'
import { createGunzip } from 'node:zlib'
import type { Encoding, ImportOverrides, SourceInspection } from '../../../common/domain/dataset'
import { detectEncoding, needsTranscoding, transcodeToUtf8, utf16ByteOrder, type EncodingDetection } from './encoding'
import { readHead } from './fileFormat'
import type { FileKind } from './fileFormat'
import type { RegisteredFile } from './fileRegistry'

export interface PreparedCsv {
  /** What DuckDB reads. */
  path: string
  duckdbEncoding: 'utf-8' | 'utf-16' | 'latin-1'
  encoding: Encoding
  detection: EncodingDetection
  gzip: boolean
}

/** Inspections kept for the stage that follows them (the same file, unchanged, same overrides). */
const KEPT_INSPECTIONS = 16

export class CsvSources {
  private readonly cache = new Map<string, PreparedCsv>()
  private readonly inspections = new Map<string, SourceInspection>()

  constructor(private readonly tempDir: string) {}

  /**
   * A previous inspection of this very file content with these overrides: stageImport inspects
   * again before loading, which for a large file would double the work. Keyed by the file's size
   * and modification time, so an edited file is inspected afresh.
   */
  keptInspection(file: RegisteredFile, overrides: ImportOverrides): SourceInspection | null {
    const kept = this.inspections.get(inspectionKey(file, overrides))
    return kept === undefined ? null : structuredClone(kept)
  }

  keepInspection(file: RegisteredFile, overrides: ImportOverrides, inspection: SourceInspection): void {
    this.inspections.set(inspectionKey(file, overrides), structuredClone(inspection))
    while (this.inspections.size > KEPT_INSPECTIONS) this.inspections.delete(this.inspections.keys().next().value!)
  }

  async prepare(file: RegisteredFile, kind: FileKind, override: Encoding | undefined): Promise<PreparedCsv> {
    // The file's version is part of the key: a file edited since is detected (and transcoded) again.
    const key = `${file.fileId}:${fileVersion(file.path)}:${override ?? 'auto'}`
    const cached = this.cache.get(key)
    if (cached !== undefined) return cached
    const detection = await detectEncoding(file.path, kind.gzip)
    const encoding = override ?? detection.encoding
    const byteOrder = encoding !== 'utf-16' ? null : (detection.byteOrder ?? (kind.gzip ? 'le' : utf16ByteOrder(readHead(file.path, 4096))))
    let prepared: PreparedCsv
    // A damaged gzip file is refused by the caller; do not transcode what cannot be read whole.
    if (needsTranscoding(encoding, byteOrder) && detection.damaged === null) {
      const target = join(this.tempDir, `${file.fileId}.${encoding}.utf8.csv`)
      await transcodeToUtf8(file.path, kind.gzip, encoding, target, byteOrder)
      prepared = { path: target, duckdbEncoding: 'utf-8', encoding, detection, gzip: false }
    } else {
      prepared = { path: file.path, duckdbEncoding: encoding as PreparedCsv['duckdbEncoding'], encoding, detection, gzip: kind.gzip }
    }
    this.cache.set(key, prepared)
    return prepared
  }
}

function fileVersion(path: string): string {
  const stats = statSync(path)
  return `${stats.size}:${stats.mtimeMs}`
}

function inspectionKey(file: RegisteredFile, overrides: ImportOverrides): string {
  const sorted = Object.fromEntries(Object.entries(overrides).sort(([a], [b]) => a.localeCompare(b)))
  return `${file.fileId}|${file.path}|${fileVersion(file.path)}|${JSON.stringify(sorted)}`
}

/** The first `limit` bytes of the file as text, decoded, for delimiter and header checks. */
export async function textSample(prepared: PreparedCsv, limit = 2 ** 20): Promise<string> {
  const chunks: Buffer[] = []
  let total = 0
  const source = createReadStream(prepared.path)
  const stream = prepared.gzip ? source.pipe(createGunzip()) : source
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk)
      total += chunk.length
      if (total >= limit) break
    }
  } catch {
    // A damaged gzip tail: what decompressed is still a fair sample.
  } finally {
    source.destroy()
  }
  const bytes = Buffer.concat(chunks).subarray(0, limit)
  const label = prepared.duckdbEncoding === 'utf-16' ? (bytes[0] === 0xfe ? 'utf-16be' : 'utf-16le') : prepared.duckdbEncoding === 'latin-1' ? 'latin1' : 'utf-8'
  return new TextDecoder(label).decode(bytes).replace(/^\uFEFF/, '')
}
