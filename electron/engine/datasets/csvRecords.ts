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
  /** Polled between chunks: true stops the scan (a cancelled task). */
  cancelled?: () => boolean
  /** How to show the text of wanted records (bytes as scanned: UTF-16 arrives as UTF-8). */
  textEncoding?: 'utf-8' | 'latin1'
}

export interface RecordScan {
  records: number
  blankLines: number
  /** record index → 1-based physical line where it starts (only for wantLines). */
  lines: Map<number, number>
  /** record index → its text, up to RECORD_TEXT_BYTES (only for wantLines). */
  texts: Map<number, string>
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
  const texts = new Map<number, string>()
  const want = options.wantLines
  // The current record's first bytes, kept only when some records are wanted.
  const text = want === undefined ? null : Buffer.alloc(RECORD_TEXT_BYTES)
  let textLength = 0
  const decoder = new TextDecoder(options.textEncoding ?? 'utf-8')

  const endRecord = (): void => {
    if (lineEmpty) blankLines += rawRecords >= options.headerRecords ? 1 : 0
    else {
      if (options.skipStartLines?.has(recordStartLine) === true && rawRecords >= options.headerRecords) skipped += 1
      else {
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
      if (options.signal?.aborted === true || options.cancelled?.() === true) throw new Error('scan aborted')
      for (let i = 0; i < chunk.length; i++) consume(chunk[i]!)
    }
  } finally {
    source.destroy()
  }
  if (!lineEmpty) endRecord()
  return { records: Math.max(0, rawRecords - options.headerRecords), blankLines, lines, texts }
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
