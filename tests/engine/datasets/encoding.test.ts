// Encoding detection: BOMs, UTF-16 without BOM, strict UTF-8 (checked against Node's own strict
// decoder on random bytes), Latin-1 and Windows-1252, and transcoding to UTF-8.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { detectEncoding, firstInvalidUtf8, transcodeToUtf8 } from '../../../electron/engine/datasets/encoding'
import { tempDir } from '../../helpers/tempDir'

const dir = tempDir('encoding')
function file(name: string, content: Buffer): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

describe('firstInvalidUtf8', () => {
  it('agrees with a strict TextDecoder on random byte strings', () => {
    let seed = 7
    const random = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff)
    for (let trial = 0; trial < 3000; trial++) {
      const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 12) }, () => {
        const r = random()
        return r < 0.4 ? Math.floor(random() * 0x80) : r < 0.7 ? 0x80 + Math.floor(random() * 0x40) : 0xc0 + Math.floor(random() * 0x40)
      }))
      let valid = true
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes)
      } catch {
        valid = false
      }
      expect(firstInvalidUtf8(bytes, true) === null, bytes.toString('hex')).toBe(valid)
    }
  })

  it('finds the offset of the first bad byte', () => {
    expect(firstInvalidUtf8(Buffer.from('São Paulo', 'latin1'), true)).toBe(1)
    expect(firstInvalidUtf8(Buffer.from('ok ₹ then \xff', 'latin1'), true)).not.toBeNull()
    expect(firstInvalidUtf8(Buffer.from('₹100', 'utf8'), true)).toBeNull()
  })

  it('accepts a prefix that ends inside a character, but not a file that does', () => {
    const cut = Buffer.from('abc₹', 'utf8').subarray(0, 5)
    expect(firstInvalidUtf8(cut, false)).toBeNull()
    expect(firstInvalidUtf8(cut, true)).toBe(3)
  })
})

describe('detectEncoding', () => {
  it('reads BOMs', async () => {
    expect((await detectEncoding(file('bom8.csv', Buffer.from('\ufeffa,b\n1,2\n', 'utf8')), false)).encoding).toBe('utf-8')
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,São\n', 'utf16le')])
    expect(await detectEncoding(file('bom16.csv', utf16), false)).toMatchObject({ encoding: 'utf-16', bom: true })
  })

  it('recognises UTF-16 without a BOM by its zero bytes', async () => {
    expect((await detectEncoding(file('nobom16.csv', Buffer.from('a,b\n1,2\n', 'utf16le')), false)).encoding).toBe('utf-16')
  })

  it('tells Latin-1 from Windows-1252 and says which byte gave it away', async () => {
    const latin1 = await detectEncoding(file('latin1.csv', Buffer.from('cidade;valor\nSão Paulo;10,50\n', 'latin1')), false)
    expect(latin1).toMatchObject({ encoding: 'latin-1', wholeFile: true })
    expect(latin1.evidence).toBe('byte 0xE3 at offset 14 is not UTF-8 ("ã" in Latin-1)')
    const cp1252 = Buffer.concat([Buffer.from('produto;preço\n', 'latin1'), Buffer.from([0x93]), Buffer.from('Açaí', 'latin1'), Buffer.from([0x94]), Buffer.from(';5\n')])
    expect((await detectEncoding(file('cp1252.csv', cp1252), false)).encoding).toBe('windows-1252')
  })

  it('keeps UTF-8 for a UTF-8 file with a few Latin-1 bytes, instead of garbling all its accents', async () => {
    const mixed = Buffer.concat([Buffer.from('cidade\nSão Paulo\nGoiânia\n'), Buffer.from('Belém\n', 'latin1')])
    const detection = await detectEncoding(file('mixed.csv', mixed), false)
    expect(detection.encoding).toBe('utf-8')
    expect(detection.evidence).toContain('2 UTF-8 characters but 1 byte that is not UTF-8')
  })

  it('tells the byte order of UTF-16, with or without a BOM', async () => {
    const be = Buffer.from('a,b\n1,2\n', 'utf16le').swap16()
    expect(await detectEncoding(file('be-bom.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), be])), false)).toMatchObject({ encoding: 'utf-16', byteOrder: 'be' })
    expect(await detectEncoding(file('be.csv', be), false)).toMatchObject({ encoding: 'utf-16', byteOrder: 'be' })
    expect(await detectEncoding(file('le.csv', Buffer.from('a,b\n1,2\n', 'utf16le')), false)).toMatchObject({ encoding: 'utf-16', byteOrder: 'le' })
  })

  it('says when a gzip file is cut off', async () => {
    const gz = gzipSync(Buffer.from(Array.from({ length: 5000 }, (_, i) => `${i},${(i * 7919) % 10007}\n`).join(''))).subarray(0, 2000)
    expect((await detectEncoding(file('cut.csv.gz', gz), true)).damaged).toMatch(/unexpected end/)
  })

  it('looks inside gzip files', async () => {
    const gz = gzipSync(Buffer.from('cidade\nBrasília\n', 'latin1'))
    expect((await detectEncoding(file('latin1.csv.gz', gz), true)).encoding).toBe('latin-1')
  })

  it('says when only a prefix was examined', async () => {
    const big = file('big.csv', Buffer.from('a\n'.repeat(5000)))
    expect(await detectEncoding(big, false, 1000)).toMatchObject({ encoding: 'utf-8', wholeFile: false, bytesExamined: 1000 })
  })
})

describe('transcodeToUtf8', () => {
  it('converts big-endian UTF-16 (which DuckDB reads as zero rows) and drops the BOM', async () => {
    const source = file('be16.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('nome\nSão\n', 'utf16le').swap16()]))
    const target = join(dir, 'out16.csv')
    await transcodeToUtf8(source, false, 'utf-16', target, 'be')
    expect(readFileSync(target, 'utf8')).toBe('nome\nSão\n')
  })

  it('converts Windows-1252 text, curly quotes and all, keeping the lines', async () => {
    const source = file('in1252.csv', Buffer.concat([Buffer.from('nome\n'), Buffer.from([0x93]), Buffer.from('São', 'latin1'), Buffer.from([0x94, 0x0a, 0x80, 0x0a])]))
    const target = join(dir, 'out.csv')
    await transcodeToUtf8(source, false, 'windows-1252', target)
    expect(readFileSync(target, 'utf8')).toBe('nome\n“São”\n€\n')
  })
})
