import { describe, expect, it } from 'vitest'
import { guardFormula, toCsv } from '../../../common/format/csv'

describe('toCsv', () => {
  it('quotes commas, quotes and line breaks (RFC 4180) and ends lines with CRLF', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['line\nbreak', null]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n')
  })

  it('guards text cells that would start a formula, and leaves numbers alone', () => {
    const csv = toCsv(['cell'], [['=HYPERLINK("x")'], ['+1'], ['-2'], ['@SUM(A1)'], ['\tTAB'], ['\rCR'], [-500], [12.5]])
    expect(csv.split('\r\n').slice(1, -1)).toEqual(['"\'=HYPERLINK(""x"")"', "'+1", "'-2", "'@SUM(A1)", "'\tTAB", '"\'\rCR"', '-500', '12.5'])
  })

  it('writes a BOM only when asked', () => {
    expect(toCsv(['₹'], [], { bom: true }).charCodeAt(0)).toBe(0xfeff)
    expect(toCsv(['₹'], []).charCodeAt(0)).toBe('₹'.charCodeAt(0))
  })

  it('refuses NaN and Infinity rather than writing them', () => {
    expect(() => toCsv(['n'], [[Number.NaN]])).toThrow(/finite/)
    expect(() => toCsv(['n'], [[Number.POSITIVE_INFINITY]])).toThrow(/finite/)
  })

  it('guardFormula keeps ordinary text', () => {
    expect(guardFormula('Rede Pix')).toBe('Rede Pix')
    expect(guardFormula('')).toBe('')
  })
})
