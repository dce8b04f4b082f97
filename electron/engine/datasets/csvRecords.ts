// An independent count of a CSV file's records (quote-aware, CRLF/LF, blank lines skipped as
// DuckDB skips them), used to check source rows = loaded + rejected, and to find the physical
// line on which given records start (DuckDB's reject line numbers do not count the newlines
// inside quoted values). Streams the file; gzip is decompressed. Layer: electron/engine.
import type { Hash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { createGunzip } from 'node:zlib'
import { LineCounter } from './lineCounter'

export interface RecordScanOptions {
  delimiter: string
  quote: string
  escape: string
  /** Lines before the data that are not records (skipped rows plus the header line). */
  headerRecords: number
  gzip: boolean
  /** Text encoding: UTF-16 is decoded first; single-byte and UTF-8 files are scanned as bytes. */
  utf16: boolean
  /** Zero-based indexes (among records not passed over) whose starting line and text are wanted. */
  wantLines?: ReadonlySet<number>
  /**
   * Lines as DuckDB numbers them in its rejects (records and blank lines, 1-based, header
   * included, but not the newlines inside quoted values): these records are passed over when
   * indexing, and their physical starting line is reported.
   */
  rejectedLines?: ReadonlySet<number>
  /**
   * A file of one column: DuckDB reads each blank line after the header as a row with an empty
   * value (there is no delimiter to tell an empty value from no value), so they are records here too.
   */
  blankLinesAreRecords?: boolean
  /** Lines of only spaces and tabs are blank (NDJSON, where DuckDB skips them). */
  whitespaceLinesAreBlank?: boolean
  /** Stop once DuckDB's line number reaches this (the counts are then partial). */
  stopAtLine?: number
  /** Stop once every wanted record and rejected line is found (the counts are then partial). */
  stopWhenFound?: boolean
  signal?: AbortSignal
  /** Polled between chunks: true stops the scan (a cancelled task). */
  cancelled?: () => boolean
  /** How to show the text of wanted records (bytes as scanned: UTF-16 arrives as UTF-8). */
  textEncoding?: 'utf-8' | 'latin1'
  /**
   * Fed every byte of a file that is not gzip-compressed (before UTF-16 decoding), so a full scan
   * also hashes the file without reading it a second time. Partial when the scan stops early.
   */
  digest?: Hash
  /** Bytes read at a time (default 1 MiB); tests make it small to put chunk edges everywhere. */
  readBytes?: number
}

export interface RecordScan {
  records: number
  blankLines: number
  /** record index → 1-based physical line where it starts (only for wantLines). */
  lines: Map<number, number>
  /** record index → its text, up to RECORD_TEXT_BYTES (only for wantLines). */
  texts: Map<number, string>
  /** DuckDB's line number → 1-based physical line where that record starts (only for rejectedLines). */
  physicalLines: Map<number, number>
}

/** How much of a wanted record's text is kept for the reject report. */
export const RECORD_TEXT_BYTES = 1000

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  Escaped,
  QuoteInQuoted,
}

const LF = 0x0a
const CR = 0x0d
const SPACE = 0x20
const TAB = 0x09

export async function scanRecords(path: string, options: RecordScanOptions): Promise<RecordScan> {
  const delimiter = options.delimiter.charCodeAt(0)
  const quote = options.quote.charCodeAt(0)
  const escape = options.escape.charCodeAt(0)
  let state = State.FieldStart
  let lineEmpty = true // no byte yet on the current record
  let line = 1
  let recordStartLine = 1
  let rawRecords = 0 // records including header lines
  let skipped = 0
  let blankLines = 0
  let duckdbLine = 0 // DuckDB's numbering: records and blank lines
  let previousCr = false
  const lines = new Map<number, number>()
  const physicalLines = new Map<number, number>()
  const texts = new Map<number, string>()
  const want = options.wantLines
  const whitespaceBlank = options.whitespaceLinesAreBlank === true
  // The current record's first bytes, kept only when some records are wanted.
  const text = want === undefined ? null : Buffer.alloc(RECORD_TEXT_BYTES)
  let textLength = 0
  const decoder = new TextDecoder(options.textEncoding ?? 'utf-8')

  const endRecord = (): void => {
    duckdbLine += 1
    const blank = lineEmpty
    if (blank) blankLines += rawRecords >= options.headerRecords ? 1 : 0
    // A blank line holds no record, except in a one-column file (see blankLinesAreRecords).
    const isRecord = !blank || (options.blankLinesAreRecords === true && rawRecords >= options.headerRecords)
    if (isRecord) {
      if (blank) recordStartLine = line
      if (options.rejectedLines?.has(duckdbLine) === true && rawRecords >= options.headerRecords) {
        skipped += 1
        physicalLines.set(duckdbLine, recordStartLine)
      } else {
        const index = rawRecords - options.headerRecords - skipped
        if (want !== undefined && index >= 0 && want.has(index)) {
          lines.set(index, recordStartLine)
          texts.set(index, decoder.decode(text!.subarray(0, textLength)).replace(/[\r\n]+$/, ''))
        }
      }
      rawRecords += 1
    }
    lineEmpty = true
    textLength = 0
    state = State.FieldStart
  }

  const consume = (code: number): void => {
    if (text !== null && textLength < RECORD_TEXT_BYTES && !(lineEmpty && (code === LF || code === CR))) text[textLength++] = code
    const newline = code === LF || code === CR
    const crlf = code === LF && previousCr
    previousCr = code === CR
    if (state === State.Quoted || state === State.Escaped) {
      // Inside quotes a newline is data, but it still starts a new physical line.
      if (newline && !crlf) line += 1
      if (state === State.Escaped) state = State.Quoted
      else if (code === escape && escape !== quote) state = State.Escaped
      else if (code === quote) state = State.QuoteInQuoted
      return
    }
    if (newline) {
      if (crlf) return
      endRecord()
      line += 1
      recordStartLine = line
      return
    }
    if (whitespaceBlank && lineEmpty && (code === SPACE || code === TAB)) return
    if (lineEmpty) recordStartLine = line
    lineEmpty = false
    if (state === State.QuoteInQuoted && code === quote && escape === quote) state = State.Quoted
    else if (code === delimiter) state = State.FieldStart
    else if (state === State.FieldStart && code === quote) state = State.Quoted
    else state = State.Unquoted
  }

  /** Only counting (nothing wanted, nothing to map, past the header): per-line bookkeeping is skipped. */
  const countOnly = want === undefined && options.rejectedLines === undefined && !whitespaceBlank

  /** Whole lines of a chunk without quotes: only line ends matter, found with indexOf (memchr). */
  const fastLines = (chunk: Buffer, from: number, to: number): void => {
    if (countOnly && rawRecords >= options.headerRecords) return countLines(chunk, from, to)
    let start = from
    while (start < to) {
      const nl = chunk.indexOf(LF, start)
      if (nl < 0 || nl >= to) break
      const end = nl > start && chunk[nl - 1] === CR ? nl - 1 : nl
      if (whitespaceBlank) while (end > start && (chunk[start] === SPACE || chunk[start] === TAB)) start += 1
      lineEmpty = end === start
      if (!lineEmpty) recordStartLine = line
      endRecord()
      line += 1
      recordStartLine = line
      start = nl + 1
    }
  }

  /**
   * fastLines when only the counts are wanted: records and blank lines, as endRecord counts them
   * (a blank line is "\n" or "\r\n" right after a line end; chunk[from - 1] is one).
   */
  const countLines = (chunk: Buffer, from: number, to: number): void => {
    const { lines, blanks } = lineCounter().count(chunk, from, to)
    const records = lines - blanks
    rawRecords += records + (options.blankLinesAreRecords === true ? blanks : 0)
    blankLines += blanks
    duckdbLine += lines
    line += lines
    recordStartLine = line
    lineEmpty = true
    textLength = 0
    state = State.FieldStart
  }

  /**
   * consume() over chunk[from, to) when only the counts are wanted, as one loop over locals: the
   * same states and counts, without a call per byte (a fully quoted 10M-row file: 12.5–16 s
   * through consume(), ~1.5 s here). The physical line number is not kept: nothing reads it
   * when only counting.
   */
  const countExactly = (chunk: Buffer, from: number, to: number): void => {
    let s = state
    let empty = lineEmpty
    let cr = previousCr
    let records = rawRecords
    let blanks = blankLines
    let ended = duckdbLine
    const header = options.headerRecords
    const blankIsRecord = options.blankLinesAreRecords === true
    // Locals, not the closure's: the loop runs once per byte.
    const [q, d, e] = [quote, delimiter, escape]
    const backslashLike = e !== q
    for (let i = from; i < to; i++) {
      const code = chunk[i]!
      if (s === State.Quoted || s === State.Escaped) {
        cr = code === CR
        if (s === State.Escaped) s = State.Quoted
        else if (code === e && backslashLike) s = State.Escaped
        else if (code === q) s = State.QuoteInQuoted
        continue
      }
      if (code === LF || code === CR) {
        const crlf = code === LF && cr
        cr = code === CR
        if (crlf) continue
        // endRecord(), counting only.
        ended += 1
        if (empty) {
          if (records >= header) blanks += 1
          if (blankIsRecord && records >= header) records += 1
        } else records += 1
        empty = true
        s = State.FieldStart
        continue
      }
      cr = false
      empty = false
      if (s === State.QuoteInQuoted && code === q && !backslashLike) s = State.Quoted
      else if (code === d) s = State.FieldStart
      else if (s === State.FieldStart && code === q) s = State.Quoted
      else s = State.Unquoted
    }
    state = s
    lineEmpty = empty
    previousCr = cr
    rawRecords = records
    blankLines = blanks
    duckdbLine = ended
  }

  /**
   * The byte-by-byte state machine is exact but slow; a chunk with no quote and no lone CR is
   * counted line by line instead. The partial lines at both ends always take the exact path.
   */
  const scanChunk = (chunk: Buffer): void => {
    const exactly = (from: number, to: number): void => {
      if (countOnly) countExactly(chunk, from, to)
      else for (let i = from; i < to; i++) consume(chunk[i]!)
    }
    const plain = text === null && chunk.indexOf(quote) < 0 && (escape === quote || chunk.indexOf(escape) < 0) && onlyCrlf(chunk)
    const firstLf = plain ? chunk.indexOf(LF) : -1
    const lastLf = plain ? chunk.lastIndexOf(LF) : -1
    if (firstLf < 0 || lastLf <= firstLf) return exactly(0, chunk.length)
    exactly(0, firstLf + 1)
    if (state === State.Quoted || state === State.Escaped) return exactly(firstLf + 1, chunk.length)
    fastLines(chunk, firstLf + 1, lastLf + 1)
    previousCr = false
    exactly(lastLf + 1, chunk.length)
  }

  let stream = fileChunks(path, options.gzip, options.digest, options.readBytes ?? CHUNK_BYTES)
  if (options.utf16) stream = decodeUtf16(stream)
  for await (const chunk of stream) {
    if (options.signal?.aborted === true || options.cancelled?.() === true) throw new Error('scan aborted')
    scanChunk(chunk)
    if (options.stopAtLine !== undefined && duckdbLine >= options.stopAtLine) break
    if (options.stopWhenFound === true && lines.size === (want?.size ?? 0) && physicalLines.size === (options.rejectedLines?.size ?? 0)) break
  }
  if (!lineEmpty) endRecord()
  return { records: Math.max(0, rawRecords - options.headerRecords), blankLines, lines, texts, physicalLines }
}

const CHUNK_BYTES = 1 << 20

let sharedCounter: LineCounter | null = null

/** One counter for every scan: counting is synchronous, so scans never share it at once. */
function lineCounter(): LineCounter {
  sharedCounter ??= new LineCounter(CHUNK_BYTES)
  return sharedCounter
}

/**
 * The file's bytes in chunks, decompressed when gzip. A plain file is read into one buffer over
 * and over (a fresh megabyte per read cost a 10M-line count a third of its time): each chunk is
 * valid only until the next is asked for, which a for-await loop guarantees.
 */
async function* fileChunks(path: string, gzip: boolean, digest: Hash | undefined, readBytes: number): AsyncIterable<Buffer> {
  if (gzip) {
    // zlib holds on to its input, so the compressed chunks are never reused. (Not hashed here:
    // gunzip can end before the file does, at zero padding after the last member.)
    if (digest !== undefined) throw new Error('a gzip file is hashed in a read of its own')
    const source = createReadStream(path, { highWaterMark: readBytes })
    const gunzip = createGunzip()
    // pipe() does not pass a read error on: without this the loop would wait forever.
    source.on('error', (error) => gunzip.destroy(error))
    try {
      yield* source.pipe(gunzip) as AsyncIterable<Buffer>
    } finally {
      source.destroy()
    }
    return
  }
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(readBytes)
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, readBytes, null)
      if (bytesRead === 0) return
      const chunk = buffer.subarray(0, bytesRead)
      digest?.update(chunk)
      yield chunk
    }
  } finally {
    await handle.close()
  }
}

/** True when every CR in the chunk ends a CRLF (a lone CR is an old-Mac line end: exact path). */
function onlyCrlf(chunk: Buffer): boolean {
  for (let at = chunk.indexOf(CR); at >= 0; at = chunk.indexOf(CR, at + 1)) {
    if (chunk[at + 1] !== LF) return false
  }
  return true
}

/** UTF-16 (LE, or BE with a BOM) → UTF-8 bytes, so the byte scanner sees ASCII delimiters. */
async function* decodeUtf16(stream: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  let decoder: InstanceType<typeof TextDecoder> | null = null
  for await (const chunk of stream) {
    decoder ??= new TextDecoder(chunk[0] === 0xfe && chunk[1] === 0xff ? 'utf-16be' : 'utf-16le')
    yield Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8')
  }
  if (decoder !== null) yield Buffer.from(decoder.decode(), 'utf8')
}
