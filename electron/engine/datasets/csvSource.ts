// A CSV file made ready for DuckDB: its encoding detected (or chosen) and, where DuckDB cannot
// read that encoding itself (Windows-1252, big-endian UTF-16), a UTF-8 copy in the project's temp
// folder.
// Layer: electron/engine.
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import { createGunzip } from 'node:zlib'
import type { Encoding } from '../../../common/domain/dataset'
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

export class CsvSources {
  private readonly cache = new Map<string, PreparedCsv>()

  constructor(private readonly tempDir: string) {}

  async prepare(file: RegisteredFile, kind: FileKind, override: Encoding | undefined): Promise<PreparedCsv> {
    const key = `${file.fileId}:${override ?? 'auto'}`
    const cached = this.cache.get(key)
    if (cached !== undefined) return cached
    const detection = await detectEncoding(file.path, kind.gzip)
    const encoding = override ?? detection.encoding
    const byteOrder = encoding !== 'utf-16' ? null : (detection.byteOrder ?? (kind.gzip ? 'le' : utf16ByteOrder(readHead(file.path, 4096))))
    let prepared: PreparedCsv
    if (needsTranscoding(encoding, byteOrder)) {
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
