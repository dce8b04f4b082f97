// Counts the line ends (LF) and blank lines in a run of bytes 16 at a time with WebAssembly SIMD,
// for the independent record count (csvRecords.ts). Counting 10M lines with Buffer#indexOf calls
// from JavaScript took ~0.45 s of a 624 MB file; this takes a tenth of that. The module is
// written out below as bytes (there is no WebAssembly toolchain in this project), each
// instruction named; tests/engine/datasets/lineCounter.test.ts checks it against a plain loop on random
// bytes. Layer: electron/engine.

/** Where a run of bytes is copied in the module's memory: the 2 bytes before it are readable. */
const BASE = 16
const PAGE = 65_536

/** Unsigned LEB128, as WebAssembly writes sizes, counts and indexes. */
function leb(value: number): number[] {
  const out: number[] = []
  do {
    let byte = value & 0x7f
    value >>>= 7
    if (value !== 0) byte |= 0x80
    out.push(byte)
  } while (value !== 0)
  return out
}

function section(id: number, body: number[]): number[] {
  return [id, ...leb(body.length), ...body]
}

function vector(items: number[][]): number[] {
  return [...leb(items.length), ...items.flat()]
}

function name(text: string): number[] {
  return [...leb(text.length), ...Buffer.from(text, 'ascii')]
}

// Instructions (WebAssembly core spec 2.0, §5.4). SIMD ones are 0xfd and a LEB128 opcode.
const I32 = 0x7f
const V128 = 0x7b
const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, ...leb(depth)],
  brIf: (depth: number) => [0x0d, ...leb(depth)],
  get: (local: number) => [0x20, ...leb(local)],
  set: (local: number) => [0x21, ...leb(local)],
  tee: (local: number) => [0x22, ...leb(local)],
  globalSet: (global: number) => [0x24, ...leb(global)],
  i32Const: (value: number) => [0x41, ...leb(value)], // non-negative values under 64 only (signed LEB128)
  i32Load8u: [0x2d, 0x00, 0x00],
  i32Eq: [0x46],
  i32GtU: [0x4b],
  i32GeU: [0x4f],
  i32Popcnt: [0x69],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32And: [0x71],
  v128Load: [0xfd, 0x00, 0x00, 0x00],
  i8x16Splat: [0xfd, 0x0f],
  i8x16Eq: [0xfd, 0x23],
  v128And: [0xfd, 0x4e],
  i8x16Bitmask: [0xfd, 0x64],
}

const LF = 10
const CR = 13

/**
 * count(from, to) → line ends in memory[from, to); the global `blanks` gets how many of them end
 * a blank line ("\n\n" or "\n\r\n" ending at that LF). Locals: 0 from, 1 to, 2 i, 3 lines,
 * 4 blanks, 5 lfs (v128), 6 crs (v128), 7 hits (v128).
 */
function countBody(): number[] {
  const { get, set, tee } = op
  const [from, to, i, lines, blanks, lfs, crs, hits] = [0, 1, 2, 3, 4, 5, 6, 7]
  /** v128 of 16 bytes at i - back, compared with the splat in `splat`. */
  const equalsAt = (back: number, splat: number): number[] => [...get(i), ...op.i32Const(back), ...op.i32Sub, ...op.v128Load, ...get(splat), ...op.i8x16Eq]
  const addBits = (counter: number): number[] => [...op.i8x16Bitmask, ...op.i32Popcnt, ...get(counter), ...op.i32Add, ...set(counter)]
  /** The byte at i - back equals `value` (0 or 1). */
  const byteIs = (back: number, value: number): number[] => [...get(i), ...op.i32Const(back), ...op.i32Sub, ...op.i32Load8u, ...op.i32Const(value), ...op.i32Eq]
  const code = [
    ...op.i32Const(LF), ...op.i8x16Splat, ...set(lfs),
    ...op.i32Const(CR), ...op.i8x16Splat, ...set(crs),
    ...get(from), ...set(i),
    // 16 bytes at a time while a whole block is left.
    ...op.block, ...op.loop,
    ...get(i), ...op.i32Const(16), ...op.i32Add, ...get(to), ...op.i32GtU, ...op.brIf(1),
    ...equalsAt(0, lfs), ...tee(hits), ...addBits(lines),
    ...get(hits), ...equalsAt(1, lfs), ...op.v128And, ...addBits(blanks),
    ...get(hits), ...equalsAt(1, crs), ...op.v128And, ...equalsAt(2, lfs), ...op.v128And, ...addBits(blanks),
    ...get(i), ...op.i32Const(16), ...op.i32Add, ...set(i),
    ...op.br(0),
    ...op.end, ...op.end,
    // The rest a byte at a time, without branches.
    ...op.block, ...op.loop,
    ...get(i), ...get(to), ...op.i32GeU, ...op.brIf(1),
    ...byteIs(0, LF), ...get(lines), ...op.i32Add, ...set(lines),
    ...byteIs(0, LF), ...byteIs(1, LF), ...op.i32And, ...get(blanks), ...op.i32Add, ...set(blanks),
    ...byteIs(0, LF), ...byteIs(1, CR), ...op.i32And, ...byteIs(2, LF), ...op.i32And, ...get(blanks), ...op.i32Add, ...set(blanks),
    ...get(i), ...op.i32Const(1), ...op.i32Add, ...set(i),
    ...op.br(0),
    ...op.end, ...op.end,
    ...get(blanks), ...op.globalSet(0),
    ...get(lines),
    ...op.end,
  ]
  const locals = vector([
    [...leb(3), I32],
    [...leb(3), V128],
  ])
  const body = [...locals, ...code]
  return [...leb(body.length), ...body]
}

function moduleBytes(pages: number): Uint8Array<ArrayBuffer> {
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector([[0x60, ...vector([[I32], [I32]]), ...vector([[I32]])]])), // type 0: (i32, i32) → i32
    ...section(3, vector([leb(0)])), // function 0 has type 0
    ...section(5, vector([[0x00, ...leb(pages)]])), // memory 0: `pages` pages, no maximum
    ...section(6, vector([[I32, 0x01, ...op.i32Const(0), ...op.end]])), // global 0: mutable i32 = 0
    ...section(7, vector([
      [...name('count'), 0x00, ...leb(0)],
      [...name('memory'), 0x02, ...leb(0)],
      [...name('blanks'), 0x03, ...leb(0)],
    ])),
    ...section(10, vector([countBody()])),
  ]
  return Uint8Array.from(bytes)
}

// The engine's compiler settings have no DOM lib, which is where TypeScript declares WebAssembly;
// Node has it as a global. Only what is used here is declared.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array<ArrayBuffer>) => object
  Instance: new (module: object) => { exports: object }
}

interface Exports {
  count: (from: number, to: number) => number
  memory: { buffer: ArrayBuffer; grow: (pages: number) => number }
  blanks: { value: number }
}

export interface LineCount {
  /** LF bytes in the range. */
  lines: number
  /** Of those, the ones ending a blank line: the byte before is LF, or the two before are LF CR. */
  blanks: number
}

/**
 * A counter of line ends. `count(chunk, from, to)` looks at chunk[from, to); chunk[from - 1] must
 * be a LF (a range starts after a line end), so a blank line at its start is told too.
 */
export class LineCounter {
  private readonly exports: Exports

  constructor(initialBytes = 4 * 2 ** 20) {
    const module = new WebAssembly.Module(moduleBytes(Math.ceil((initialBytes + BASE) / PAGE)))
    this.exports = new WebAssembly.Instance(module).exports as unknown as Exports
  }

  count(chunk: Uint8Array, from: number, to: number): LineCount {
    if (from < 1 || to > chunk.length || from > to) throw new RangeError(`bad range ${from}..${to} of ${chunk.length} bytes`)
    // The two bytes before the range are copied too, so the range always starts at BASE + 2.
    const start = Math.max(0, from - 2)
    const memory = this.exports.memory
    const needed = BASE + 2 + (to - from)
    if (needed > memory.buffer.byteLength) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE))
    const view = new Uint8Array(memory.buffer)
    if (from - start < 2) view[BASE] = 0 // no byte two before the range: nothing can match there
    view.set(chunk.subarray(start, to), BASE + 2 - (from - start))
    const offset = BASE + 2
    const lines = this.exports.count(offset, offset + (to - from))
    return { lines, blanks: this.exports.blanks.value }
  }
}
