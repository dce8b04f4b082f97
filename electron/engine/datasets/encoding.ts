// Text encoding of a CSV file: BOM, then UTF-16 by its zero bytes, then strict UTF-8 decoding;
// bytes that are not UTF-8 mean Latin-1, or Windows-1252 when its 0x80–0x9F characters occur.
// Layer: electron/engine.
import { createReadStream, createWriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'
import { createGunzip } from 'node:zlib'
import type { Encoding } from '../../../common/domain/dataset'

export interface EncodingDetection {
  encoding: Encoding
  bom: boolean
  evidence: string
  /** Bytes of decoded content examined. */
  bytesExamined: number
  wholeFile: boolean
}

/** Examine up to `limit` bytes (after decompression). */
export async function detectEncoding(path: string, gzip: boolean, limit = 64 * 2 ** 20): Promise<EncodingDetection> {
  const bytes = await readPrefix(path, gzip, limit)
  const wholeFile = bytes.length < limit
  const base = { bytesExamined: bytes.length, wholeFile }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'utf-8', bom: true, evidence: 'UTF-8 byte-order mark', ...base }
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { encoding: 'utf-16', bom: true, evidence: 'UTF-16 byte-order mark', ...base }
  }
  const zeroRatio = countZeros(bytes.subarray(0, 4096)) / Math.min(bytes.length, 4096)
  if (zeroRatio > 0.3) return { encoding: 'utf-16', bom: false, evidence: `${Math.round(zeroRatio * 100)} % zero bytes, as in UTF-16 text`, ...base }

  const invalidAt = firstInvalidUtf8(bytes, wholeFile)
  if (invalidAt === null) {
    return { encoding: 'utf-8', bom: false, evidence: wholeFile ? 'the whole file is valid UTF-8' : `the first ${formatBytes(bytes.length)} are valid UTF-8`, ...base }
  }
  const byte = bytes[invalidAt]!
  const cp1252 = bytes.some((b) => b >= 0x80 && b <= 0x9f)
  const shown = new TextDecoder(cp1252 ? 'windows-1252' : 'latin1').decode(bytes.subarray(invalidAt, invalidAt + 1))
  return {
    encoding: cp1252 ? 'windows-1252' : 'latin-1',
    bom: false,
    evidence: `byte 0x${byte.toString(16).toUpperCase()} at offset ${invalidAt} is not UTF-8 ("${shown}" in ${cp1252 ? 'Windows-1252' : 'Latin-1'})`,
    ...base,
  }
}

/**
 * Offset of the first byte that breaks UTF-8 (overlongs, surrogates and > U+10FFFF included), or
 * null. A multi-byte character cut off at the end of a prefix is not an error.
 */
export function firstInvalidUtf8(bytes: Uint8Array, wholeFile: boolean): number | null {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    if (b < 0x80) {
      i += 1
      continue
    }
    let need: number
    let min: number
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80]
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800]
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000]
    else return i
    if (i + need >= bytes.length) {
      // The character runs past the end: fine for a prefix cut mid-character, an error at the file's end.
      return !wholeFile && allContinuation(bytes, i + 1) ? null : i
    }
    let code = b & (0x3f >> need)
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return i
      code = (code << 6) | (c & 0x3f)
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i
    i += need + 1
  }
  return null
}

function allContinuation(bytes: Uint8Array, from: number): boolean {
  for (let k = from; k < bytes.length; k++) if ((bytes[k]! & 0xc0) !== 0x80) return false
  return true
}

function countZeros(bytes: Buffer): number {
  let zeros = 0
  for (const b of bytes) if (b === 0) zeros++
  return zeros
}

async function readPrefix(path: string, gzip: boolean, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let total = 0
  const source = createReadStream(path, gzip ? {} : { end: limit - 1 })
  const stream = gzip ? source.pipe(createGunzip()) : source
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk)
      total += chunk.length
      if (total >= limit) break
    }
  } catch {
    // A truncated gzip stream still tells us its encoding from what decompressed.
  } finally {
    source.destroy()
  }
  return Buffer.concat(chunks).subarray(0, limit)
}

/** DuckDB reads UTF-8, UTF-16 and Latin-1 itself; Windows-1252 is transcoded to UTF-8 first. */
export function needsTranscoding(encoding: Encoding): boolean {
  return encoding === 'windows-1252'
}

/** Stream-convert a Windows-1252 file (optionally gzip) to UTF-8; line structure is unchanged. */
export async function transcodeToUtf8(path: string, gzip: boolean, encoding: Encoding, target: string): Promise<void> {
  const decoder = new TextDecoder(encoding === 'windows-1252' ? 'windows-1252' : 'latin1')
  const toUtf8 = new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'))
    },
    flush(done) {
      done(null, Buffer.from(decoder.decode(), 'utf8'))
    },
  })
  const source = createReadStream(path)
  if (gzip) await pipeline(source, createGunzip(), toUtf8, createWriteStream(target))
  else await pipeline(source, toUtf8, createWriteStream(target))
}

function formatBytes(bytes: number): string {
  return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(0)} MB` : `${(bytes / 1024).toFixed(0)} kB`
}
