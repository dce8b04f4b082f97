// The independent record counter agrees with DuckDB's reader on quoting, CRLF, blank lines and
// embedded newlines, and finds the line a record starts on.
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scanRecords } from '../../../electron/engine/datasets/csvRecords'
import { sha256Of } from '../../../electron/engine/datasets/fileDigest'
import { tempDir } from '../../helpers/tempDir'

const dir = tempDir('records')
const base = { delimiter: ',', quote: '"', escape: '"', headerRecords: 1, gzip: false, utf16: false }

async function count(content: string | Buffer, extra: Partial<typeof base> & { wantLines?: Set<number>; rejectedLines?: Set<number> } = {}) {
  const path = join(dir, `f${Math.random().toString(36).slice(2)}.csv`)
  writeFileSync(path, content)
  return scanRecords(path, { ...base, ...extra })
}

describe('scanRecords', () => {
  it.each([
    ['plain LF', 'a,b\n1,x\n2,y\n', 2],
    ['no final newline', 'a,b\n1,x\n2,y', 2],
    ['CRLF', 'a,b\r\n1,x\r\n2,y\r\n', 2],
    ['blank lines are not records', 'a,b\n1,x\n\n\n2,y\n\n', 2],
    ['embedded newline in quotes', 'a,b\n1,"multi\nline"\n2,y\n', 2],
    ['embedded CRLF in quotes', 'a,b\r\n1,"multi\r\nline"\r\n2,y\r\n', 2],
    ['doubled quotes inside quotes', 'a,b\n1,"say ""hi"", then\nleave"\n2,y\n', 2],
    ['quote in the middle of a field is data', 'a,b\n1,x"y\n2,"ok"\n', 2],
    ['unterminated quote swallows the rest', 'a,b\n1,"x\n2,y\n3,z\n', 1],
    ['header only', 'a,b\n', 0],
    ['trailing delimiter', 'a,b,\n1,2,\n3,4,\n', 2],
  ])('%s', async (_name, content, records) => {
    expect((await count(content)).records).toBe(records)
  })

  it('counts without a header', async () => {
    expect((await count('1,x\n2,y\n', { headerRecords: 0 })).records).toBe(2)
  })

  it('reads gzip and UTF-16', async () => {
    expect((await count(gzipSync('a\n1\n2\n3\n'), { gzip: true })).records).toBe(3)
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,"São\nPaulo"\n2,y\n', 'utf16le')])
    expect((await count(utf16, { utf16: true })).records).toBe(2)
  })

  it('finds the physical line where wanted records start', async () => {
    const scan = await count('a,b\n1,"multi\nline"\n\n2,y\r\n3,z\n', { wantLines: new Set([0, 1, 2]) })
    expect(scan.records).toBe(3)
    expect(scan.blankLines).toBe(1)
    expect([...scan.lines.entries()]).toEqual([
      [0, 2],
      [1, 5],
      [2, 6],
    ])
  })

  it("maps DuckDB's reject line numbers (no newlines inside quotes counted) to physical lines", async () => {
    // DuckDB numbers records and blank lines: "2,bad" is its line 4, but physical line 6.
    const scan = await count('a,b,c\n1,"x\n\ny",z\n\n2,bad\n3,ok,ok\n4,bad\n', { rejectedLines: new Set([4, 6]), wantLines: new Set([0, 1]) })
    expect([...scan.physicalLines.entries()]).toEqual([
      [4, 6],
      [6, 8],
    ])
    // Records indexed past the rejected ones: the first and second record DuckDB loaded.
    expect([...scan.lines.entries()]).toEqual([
      [0, 2],
      [1, 7],
    ])
    expect(scan.texts.get(0)).toBe('1,"x\n\ny",z')
    expect(scan.texts.get(1)).toBe('3,ok,ok')
  })
})

describe('scanRecords on large files (line-by-line fast path across chunk boundaries)', () => {
  it('agrees with a plain line count on random quote-free files, LF and CRLF, with blank lines', async () => {
    let seed = 11
    const random = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff)
    for (const newline of ['\n', '\r\n']) {
      const lines: string[] = ['id,amount']
      // ≈ 3 MB: several 1 MiB read chunks, so lines and blank lines straddle their boundaries.
      for (let i = 0; i < 250_000; i++) lines.push(random() < 0.02 ? '' : `${i},${Math.floor(random() * 1e6)}`)
      const content = lines.join(newline) + newline
      const expected = lines.slice(1).filter((l) => l !== '').length
      const scan = await count(content)
      expect(scan.records, JSON.stringify(newline)).toBe(expected)
      expect(scan.blankLines).toBe(lines.length - 1 - expected)
    }
  })

  it('switches to the exact path where quotes hold newlines, wherever they fall', async () => {
    const lines: string[] = ['id,note']
    for (let i = 0; i < 300_000; i++) lines.push(i % 997 === 0 ? `${i},"two\nlines"` : `${i},plain`)
    const scan = await count(`${lines.join('\n')}\n`)
    expect(scan.records).toBe(300_000)
  })

  it('counts a one-column file with blank lines (rows there) the same on the counting and the exact path', async () => {
    let seed = 5
    const random = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff)
    const lines: string[] = ['upi_id']
    for (let i = 0; i < 300_000; i++) lines.push(random() < 0.05 ? '' : `user${i}@upi`)
    const path = join(dir, 'one-column.csv')
    writeFileSync(path, `${lines.join('\r\n')}\r\n`)
    const options = { delimiter: ',', quote: '"', escape: '"', headerRecords: 1, gzip: false, utf16: false, blankLinesAreRecords: true }
    const counted = await scanRecords(path, options)
    const exact = await scanRecords(path, { ...options, wantLines: new Set([299_999]) })
    expect(counted.records).toBe(300_000)
    expect({ records: counted.records, blankLines: counted.blankLines }).toEqual({ records: exact.records, blankLines: exact.blankLines })
    expect(exact.lines.get(299_999)).toBe(300_001)
  })

  it('fails, not hangs, when a gzip file cannot be read, and hashes a plain file it reads in several chunks', async () => {
    await expect(scanRecords(join(dir, 'missing.csv.gz'), { ...base, gzip: true })).rejects.toThrow(/ENOENT/)
    const path = join(dir, 'hashed.csv')
    const content = `a,b\n${'1,x\n'.repeat(700_000)}`
    writeFileSync(path, content)
    const digest = createHash('sha256')
    expect((await scanRecords(path, { ...base, digest })).records).toBe(700_000)
    expect(digest.digest('hex')).toBe(createHash('sha256').update(content).digest('hex'))
    await expect(scanRecords(path, { ...base, gzip: true, digest: createHash('sha256') })).rejects.toThrow(/hashed in a read of its own/)
  })

  it('stops hashing a file of its own when told to', async () => {
    const path = join(dir, 'hashed.csv')
    const abort = new AbortController()
    abort.abort()
    await expect(sha256Of(path, abort.signal)).rejects.toThrow(/abort/i)
    expect(await sha256Of(path)).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'))
  })

  it('counts the same when only counting as the exact state machine does, on random quoted text cut into random reads', async () => {
    const pieces = ['a', 'b', ',', '"', '""', '\n', '\r\n', '\r', '\\', ' ', '\n\n']
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...pieces), { maxLength: 120 }),
        fc.constantFrom('"', '\\'),
        fc.integer({ min: 0, max: 2 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 40 }),
        async (parts, escape, headerRecords, blankLinesAreRecords, readBytes) => {
          const path = join(dir, 'random-quoted.csv')
          writeFileSync(path, parts.join(''))
          const options = { ...base, escape, headerRecords, blankLinesAreRecords, readBytes }
          const counted = await scanRecords(path, options)
          const exact = await scanRecords(path, { ...options, wantLines: new Set([0]) })
          expect({ records: counted.records, blankLines: counted.blankLines }).toEqual({ records: exact.records, blankLines: exact.blankLines })
        },
      ),
      { numRuns: 1500 },
    )
  })
})
