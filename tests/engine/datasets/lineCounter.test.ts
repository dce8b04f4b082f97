// The hand-written WebAssembly line counter agrees with a plain loop over the same bytes: line
// ends, and blank lines ("\n\n", "\n\r\n") including at both edges of the range, in ranges longer
// than its memory (which then grows) and shorter than one 16-byte block.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LineCounter } from '../../../electron/engine/datasets/lineCounter'

/** The reference: chunk[from - 1] is a line end, as the counter requires. */
function plainCount(bytes: Uint8Array, from: number, to: number): { lines: number; blanks: number } {
  let lines = 0
  let blanks = 0
  for (let i = from; i < to; i++) {
    if (bytes[i] !== 10) continue
    lines += 1
    if (bytes[i - 1] === 10 || (bytes[i - 1] === 13 && i >= 2 && bytes[i - 2] === 10)) blanks += 1
  }
  return { lines, blanks }
}

/** Bytes mostly of line ends, CRs and one letter, so every pattern turns up often. */
const someBytes = (maxLength: number) => fc.uint8Array({ minLength: 1, maxLength }).map((raw) => raw.map((b) => [10, 13, 65, 10, 44][b % 5]!))

describe('LineCounter', () => {
  it('counts line ends and blank lines as a plain loop does, on random bytes and ranges', () => {
    const counter = new LineCounter(64)
    fc.assert(
      fc.property(someBytes(300), fc.nat(), fc.nat(), (body, a, b) => {
        const bytes = Uint8Array.from([10, ...body]) // a range starts after a line end
        const from = 1 + (a % bytes.length)
        const to = from + (b % (bytes.length - from + 1))
        expect(counter.count(bytes, from, to)).toEqual(plainCount(bytes, from, to))
      }),
      { numRuns: 3000 },
    )
  })

  it('grows its memory for a range larger than it was made for, and counts it all', () => {
    const counter = new LineCounter(1024)
    const line = Buffer.from('P000000001,U0000001,2024-01-01 00:00:00,123.45\n')
    const bytes = Buffer.concat([Buffer.from('\n'), ...Array.from({ length: 50_000 }, (_, i) => (i % 7 === 0 ? Buffer.from('\r\n') : line))])
    expect(bytes.length).toBeGreaterThan(2 ** 20)
    expect(counter.count(bytes, 1, bytes.length)).toEqual(plainCount(bytes, 1, bytes.length))
    // And still right for a small range afterwards.
    expect(counter.count(Buffer.from('\n\n\r\nab\n'), 1, 7)).toEqual({ lines: 3, blanks: 2 })
  })

  it('counts a range starting at byte 1 that fills its memory to the last byte', () => {
    // One page (65,536 bytes). From byte 1, chunk byte k lands on memory byte 17 + k: a range to
    // 65,519 fills the page exactly, one to 65,520 needs it to grow.
    const counter = new LineCounter(65_536 - 16)
    for (const to of [65_518, 65_519, 65_520, 70_000]) {
      const bytes = Buffer.alloc(to, 'ab\n')
      bytes[0] = 10
      expect(counter.count(bytes, 1, to), `to ${to}`).toEqual(plainCount(bytes, 1, to))
    }
  })

  it('tells a blank line at the very start of the range from the line end before it', () => {
    const counter = new LineCounter()
    expect(counter.count(Buffer.from('\n\nx\n'), 1, 4)).toEqual({ lines: 2, blanks: 1 })
    expect(counter.count(Buffer.from('\n\r\nx\n'), 1, 5)).toEqual({ lines: 2, blanks: 1 })
    expect(counter.count(Buffer.from('\nx\r\n'), 1, 4)).toEqual({ lines: 1, blanks: 0 })
    expect(() => counter.count(Buffer.from('ab'), 0, 2)).toThrow(RangeError)
  })
})
