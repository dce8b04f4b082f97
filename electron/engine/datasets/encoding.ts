// Text encoding of a CSV file: BOM, then UTF-16 by its zero bytes, then strict UTF-8 decoding;
// bytes that are not UTF-8 mean Latin-1, or Windows-1252 when its 0x80–0x9F characters occur,
// unless most non-ASCII text is valid UTF-8 (a UTF-8 file with a few damaged bytes).
// Layer: electron/engine.
import { createReadStream, createWriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'
import { createGunzip } from 'node:zlib'
import type { Encoding } from '../../../common/domain/dataset'

export interface EncodingDetection {
  encoding: Encoding
  bom: boolean
  /** UTF-16 only: the byte order (from the BOM, else from where the zero bytes fall). */
  byteOrder: 'le' | 'be' | null
  evidence: string
  /** Bytes of decoded content examined. */
  bytesExamined: number
  wholeFile: boolean
  /** Why decompression stopped early (a truncated or damaged gzip file), or null. */
  damaged: string | null
}

/** Examine up to `limit` bytes (after decompression). */
export async function detectEncoding(path: string, gzip: boolean, limit = 64 * 2 ** 20): Promise<EncodingDetection> {
  const { bytes, damaged } = await readPrefix(path, gzip, limit)
  const wholeFile = bytes.length < limit
  const base = { bytesExamined: bytes.length, wholeFile, byteOrder: null, damaged }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'utf-8', bom: true, evidence: 'UTF-8 byte-order mark', ...base }
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const byteOrder = utf16ByteOrder(bytes)
    return { encoding: 'utf-16', bom: true, evidence: `UTF-16 byte-order mark (${byteOrder === 'be' ? 'big' : 'little'}-endian)`, ...base, byteOrder }
  }
  const zeroRatio = countZeros(bytes.subarray(0, 4096)) / Math.min(bytes.length, 4096)
  if (zeroRatio > 0.3) {
    const byteOrder = utf16ByteOrder(bytes)
    return { encoding: 'utf-16', bom: false, evidence: `${Math.round(zeroRatio * 100)} % zero bytes, as in UTF-16 text (${byteOrder === 'be' ? 'big' : 'little'}-endian)`, ...base, byteOrder }
  }

  const census = utf8Census(bytes, wholeFile)
  if (census.invalid === 0) {
    return { encoding: 'utf-8', bom: false, evidence: wholeFile ? 'the whole file is valid UTF-8' : `the first ${formatBytes(bytes.length)} are valid UTF-8`, ...base }
  }
  const at = census.firstInvalid!
  const byte = bytes[at]!
  const latin = (cp1252: boolean): string => new TextDecoder(cp1252 ? 'windows-1252' : 'latin1').decode(bytes.subarray(at, at + 1))
  // Valid multi-byte UTF-8 almost never happens by accident in single-byte text: when it is the
  // majority, the file is UTF-8 with some damaged bytes, and those lines are rejected.
  if (census.validMultibyte > census.invalid) {
    return {
      encoding: 'utf-8',
      bom: false,
      evidence: `${census.validMultibyte} UTF-8 characters but ${census.invalid} byte${census.invalid === 1 ? '' : 's'} that ${census.invalid === 1 ? 'is' : 'are'} not UTF-8 (the first, 0x${hex(byte)} at offset ${at}, is "${latin(false)}" in Latin-1): read as UTF-8, and lines with those bytes are rejected`,
      ...base,
    }
  }
  // 0x80–0x9F are control codes in Latin-1 and printable (€, curly quotes, dashes) in Windows-1252.
  const cp1252 = census.invalidC1 > 0
  return {
    encoding: cp1252 ? 'windows-1252' : 'latin-1',
    bom: false,
    evidence: `byte 0x${hex(byte)} at offset ${at} is not UTF-8 ("${latin(cp1252)}" in ${cp1252 ? 'Windows-1252' : 'Latin-1'})`,
    ...base,
  }
}

/** UTF-16 byte order: the BOM, else where the zero bytes of ASCII characters fall. */
export function utf16ByteOrder(bytes: Uint8Array): 'le' | 'be' {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'be'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'le'
  let even = 0
  let odd = 0
  for (let i = 0; i < Math.min(bytes.length, 4096); i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) even++
      else odd++
    }
  }
  return even > odd ? 'be' : 'le'
}

interface Utf8Census {
  invalid: number
  /** Invalid bytes in 0x80–0x9F (Windows-1252 printables). */
  invalidC1: number
  validMultibyte: number
  firstInvalid: number | null
}

function utf8Census(bytes: Uint8Array, wholeFile: boolean): Utf8Census {
  const census: Utf8Census = { invalid: 0, invalidC1: 0, validMultibyte: 0, firstInvalid: null }
  let i = 0
  while (i < bytes.length) {
    if (bytes[i]! < 0x80) {
      i += 1
      continue
    }
    const length = sequenceLength(bytes, i, wholeFile)
    if (length === -1) break
    if (length > 0) {
      census.validMultibyte += 1
      i += length
      continue
    }
    census.invalid += 1
    if (bytes[i]! <= 0x9f) census.invalidC1 += 1
    census.firstInvalid ??= i
    i += 1
  }
  return census
}

/**
 * Offset of the first byte that breaks UTF-8 (overlongs, surrogates and > U+10FFFF included), or
 * null. A multi-byte character cut off at the end of a prefix is not an error.
 */
export function firstInvalidUtf8(bytes: Uint8Array, wholeFile: boolean): number | null {
  let i = 0
  while (i < bytes.length) {
    if (bytes[i]! < 0x80) {
      i += 1
      continue
    }
    const length = sequenceLength(bytes, i, wholeFile)
    if (length === -1) return null
    if (length === 0) return i
    i += length
  }
  return null
}

/** Length of the valid multi-byte sequence at i; 0 if invalid; -1 if a prefix ends inside it. */
function sequenceLength(bytes: Uint8Array, i: number, wholeFile: boolean): number {
  const b = bytes[i]!
  let need: number
  let min: number
  if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80]
  else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800]
  else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000]
  else return 0
  if (i + need >= bytes.length) {
    // The character runs past the end: fine for a prefix cut mid-character, an error at the file's end.
    return !wholeFile && allContinuation(bytes, i + 1) ? -1 : 0
  }
  let code = b & (0x3f >> need)
  for (let k = 1; k <= need; k++) {
    const c = bytes[i + k]!
    if ((c & 0xc0) !== 0x80) return 0
    code = (code << 6) | (c & 0x3f)
  }
  if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return 0
  return need + 1
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

async function readPrefix(path: string, gzip: boolean, limit: number): Promise<{ bytes: Buffer; damaged: string | null }> {
  const chunks: Buffer[] = []
  let total = 0
  let damaged: string | null = null
  const source = createReadStream(path, gzip ? {} : { end: limit - 1 })
  const stream = gzip ? source.pipe(createGunzip()) : source
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk)
      total += chunk.length
      if (total >= limit) break
    }
  } catch (error) {
    // A truncated gzip stream still tells us its encoding from what decompressed; say it is damaged.
    damaged = (error as Error).message
  } finally {
    source.destroy()
  }
  return { bytes: Buffer.concat(chunks).subarray(0, limit), damaged }
}

/**
 * DuckDB reads UTF-8, UTF-16 little-endian and Latin-1 itself; Windows-1252 and big-endian UTF-16
 * (which DuckDB reads as zero rows without an error) are transcoded to UTF-8 first.
 */
export function needsTranscoding(encoding: Encoding, byteOrder: 'le' | 'be' | null): boolean {
  return encoding === 'windows-1252' || (encoding === 'utf-16' && byteOrder === 'be')
}

/** Stream-convert a file (optionally gzip) to UTF-8 without a BOM; line structure is unchanged. */
export async function transcodeToUtf8(path: string, gzip: boolean, encoding: Encoding, target: string, byteOrder: 'le' | 'be' | null = null): Promise<void> {
  const label = encoding === 'windows-1252' ? 'windows-1252' : encoding === 'utf-16' ? (byteOrder === 'be' ? 'utf-16be' : 'utf-16le') : encoding === 'utf-8' ? 'utf-8' : 'latin1'
  const decoder = new TextDecoder(label)
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

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0')
}

function formatBytes(bytes: number): string {
  return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(0)} MB` : `${(bytes / 1024).toFixed(0)} kB`
}
