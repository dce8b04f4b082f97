// An independent count of a CSV file's records (quote-aware, CRLF/LF, blank lines skipped as
// DuckDB skips them), used to check source rows = loaded + rejected, and to find the line on
// which given records start. Streams the file; gzip is decompressed. Layer: electron/engine.
import { createReadStream } from 'node:fs'
import { createGunzip } from 'node:zlib'

export interface RecordScanOptions {
  delimiter: string
  quote: string
  escape: string
  /** Lines before the data that are not records (skipped rows plus the header line). */
  headerRecords: number
  gzip: boolean
  /** Text encoding: UTF-16 is decoded first; single-byte and UTF-8 files are scanned as bytes. */
  utf16: boolean
  /** Zero-based indexes (among records not skipped) whose starting line is wanted. */
  wantLines?: ReadonlySet<number>
  /** Records starting on these lines are passed over when indexing (rows DuckDB rejected). */
  skipStartLines?: ReadonlySet<number>
  signal?: AbortSignal
}

export interface RecordScan {
  records: number
  blankLines: number
  /** record index → 1-based physical line where it starts (only for wantLines). */
  lines: Map<number, number>
}

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  Escaped,
  QuoteInQuoted,
}

const LF = 0x0a
const CR = 0x0d

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
  let previousCr = false
  const lines = new Map<number, number>()
  const want = options.wantLines

  const endRecord = (): void => {
    if (lineEmpty) blankLines += rawRecords >= options.headerRecords ? 1 : 0
    else {
      if (options.skipStartLines?.has(recordStartLine) === true && rawRecords >= options.headerRecords) skipped += 1
      else {
        const index = rawRecords - options.headerRecords - skipped
        if (want !== undefined && index >= 0 && want.has(index)) lines.set(index, recordStartLine)
      }
      rawRecords += 1
    }
    lineEmpty = true
    state = State.FieldStart
  }

  const consume = (code: number): void => {
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
    if (lineEmpty) recordStartLine = line
    lineEmpty = false
    if (state === State.QuoteInQuoted && code === quote && escape === quote) state = State.Quoted
    else if (code === delimiter) state = State.FieldStart
    else if (state === State.FieldStart && code === quote) state = State.Quoted
    else state = State.Unquoted
  }

  const source = createReadStream(path)
  let stream: AsyncIterable<Buffer> = options.gzip ? source.pipe(createGunzip()) : source
  if (options.utf16) stream = decodeUtf16(stream)
  try {
    for await (const chunk of stream) {
      if (options.signal?.aborted) throw new Error('scan aborted')
      for (let i = 0; i < chunk.length; i++) consume(chunk[i]!)
    }
  } finally {
    source.destroy()
  }
  if (!lineEmpty) endRecord()
  return { records: Math.max(0, rawRecords - options.headerRecords), blankLines, lines }
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
