// One worker thread that runs passKernel over the second half of a candidate set while the calling
// thread runs the first (rewardPass.ts splits the rows at a user boundary). On this machine's 2
// cores a 4M-candidate pass goes from about 200 ms to about 110 ms.
//
// The worker gets its own copy of its half, once per candidate set (moved, not cloned, and kept
// for the next passes); each pass then posts only the terms and gets back the sums. The rows'
// scratch columns (capped reward, claim, first flags) stay on the worker; the budget walk fetches
// those of the one block it walks (gatherScratch). Not SharedArrayBuffers: V8 reads
// typed arrays on a SharedArrayBuffer about 1.7× slower in this loop (4M rows, one thread: 348 ms
// against 200 ms), which ate the gain of the second core.
//
// The worker is made on first use from passKernel's source text (passKernel.ts keeps itself
// self-contained for this), so there is no second entry file to build: the engine runs the same
// from electron-vite's bundle, the Node build, tsx and vitest. It is referenced only while it has
// work, so it never keeps a process alive. Any failure — worker threads unavailable, a worker that
// cannot start, throws or dies — answers null and the caller computes the range itself: the result
// is the same either way, only slower. Layer: electron/engine.
import { Worker } from 'node:worker_threads'
import type { CandidateColumns } from './candidateColumns'
import { passKernel, warmUpKernel, type KernelColumns, type KernelTerms, type PassSums } from './passKernel'

/** The input columns of passKernel (the scratch ones are made per pass). */
type InputColumns = Omit<KernelColumns, 'scratchLocal' | 'scratchClaim' | 'scratchFirst'>

interface Reply {
  id: number
  /** The worker no longer holds the set (it keeps two): send it again. */
  missing?: boolean
  sums?: PassSums
  scratch?: Pick<KernelColumns, 'scratchLocal' | 'scratchClaim' | 'scratchFirst'>
  error?: string
}

let worker: Worker | null = null
/** Set once a worker failed: later passes run on the calling thread only. */
let broken = false
let nextId = 1
const pending = new Map<number, (reply: Reply | null) => void>()
/** The id under which the worker holds a set's rows [from, to). */
const sent = new WeakMap<CandidateColumns, { set: number; from: number; to: number }>()
let nextSet = 1
let nextPass = 1
/** Passes the worker answered, and answers that were not a pass (so the caller computed the range). */
const counts = { passes: 0, fallbacks: 0 }

/** How many passes the worker did and how many fell back to the calling thread (tests, diagnostics). */
export function passWorkerCounts(): { passes: number; fallbacks: number } {
  return { ...counts }
}

/** The worker's script: passKernel's own source (self-contained by contract) and a message loop. */
function workerSource(): string {
  return `'use strict'
const { parentPort } = require('node:worker_threads')
// esbuild's keepNames helper, in case a build named functions inside the kernel with it.
const __name = (target) => target
const passKernel = ${passKernel.toString()}
;(${warmUpKernel.toString()})(passKernel)
const KEEP = 2
const sets = new Map()
parentPort.on('message', (m) => {
  if (m.type === 'load') {
    sets.set(m.set, m.columns)
    for (const old of [...sets.keys()].slice(0, Math.max(0, sets.size - KEEP))) sets.delete(old)
    return
  }
  const columns = sets.get(m.set)
  if (columns === undefined || (m.type === 'gather' && columns.pass !== m.pass)) {
    parentPort.postMessage({ id: m.id, missing: true })
    return
  }
  const n = columns.uid.length
  if (columns.scratchLocal === undefined) {
    columns.scratchLocal = new Float64Array(n)
    columns.scratchClaim = new Float64Array(n)
    columns.scratchFirst = new Uint8Array(n)
  }
  if (m.type === 'gather') {
    // The scratch values of the given rows (offsets into this set) from the last pass.
    const k = m.rows.length
    const scratch = { scratchLocal: new Float64Array(k), scratchClaim: new Float64Array(k), scratchFirst: new Uint8Array(k) }
    for (let j = 0; j < k; j++) {
      const i = m.rows[j]
      scratch.scratchLocal[j] = columns.scratchLocal[i]
      scratch.scratchClaim[j] = columns.scratchClaim[i]
      scratch.scratchFirst[j] = columns.scratchFirst[i]
    }
    parentPort.postMessage({ id: m.id, scratch })
    return
  }
  columns.pass = m.pass
  try {
    parentPort.postMessage({ id: m.id, sums: passKernel(m.terms, columns, 0, n) })
  } catch (error) {
    columns.pass = undefined
    parentPort.postMessage({ id: m.id, error: String((error && error.stack) || error) })
  }
})`
}

function fail(): void {
  broken = true
  const waiting = [...pending.values()]
  pending.clear()
  const dead = worker
  worker = null
  for (const resolve of waiting) resolve(null)
  void dead?.terminate().catch(() => undefined)
}

function start(): Worker | null {
  if (broken) return null
  if (worker !== null) return worker
  try {
    const made = new Worker(workerSource(), { eval: true })
    made.on('message', (reply: Reply) => {
      const resolve = pending.get(reply.id)
      if (resolve === undefined) return
      pending.delete(reply.id)
      if (pending.size === 0) made.unref()
      resolve(reply)
    })
    // Only the current worker's end fails the pending work (a stopped one's late events do not).
    const failIfCurrent = (): void => {
      if (worker === made) fail()
    }
    made.on('error', failIfCurrent)
    made.on('messageerror', failIfCurrent)
    made.on('exit', failIfCurrent)
    made.unref()
    worker = made
    return made
  } catch {
    broken = true
    return null
  }
}

/** Copies of rows [from, to) of the input columns, to move to the worker. */
function sliceInputs(c: CandidateColumns, from: number, to: number): InputColumns {
  return {
    amountCents: c.amountCents.slice(from, to), uid: c.uid.slice(from, to), country: c.country.slice(from, to), currency: c.currency.slice(from, to),
    day: c.day.slice(from, to), rank: c.rank.slice(from, to), block: c.block.slice(from, to), reversed: c.reversed.slice(from, to),
    usdLocal: c.usdLocal,
  }
}

function ask(w: Worker, message: object, transfer: ArrayBuffer[] = []): Promise<Reply | null> {
  const id = nextId++
  return new Promise((resolve) => {
    pending.set(id, resolve)
    w.ref()
    try {
      w.postMessage({ ...message, id }, transfer)
    } catch {
      pending.delete(id)
      if (pending.size === 0) w.unref()
      resolve(null)
    }
  })
}

/** Posts the rows [from, to) of `c` to the worker (moved), under a new set id. */
function load(w: Worker, c: CandidateColumns, from: number, to: number): number {
  const set = nextSet++
  const columns = sliceInputs(c, from, to)
  const transfer = [columns.amountCents, columns.uid, columns.country, columns.currency, columns.day, columns.rank, columns.block, columns.reversed].map((a) => a.buffer as ArrayBuffer)
  w.postMessage({ type: 'load', set, columns }, transfer)
  sent.set(c, { set, from, to })
  return set
}

/** A pass of rows [from, to) of a set done on the worker: its scratch columns stay there (gatherScratch). */
export interface RemotePass {
  from: number
  to: number
  pass: number
}

/**
 * passKernel(terms, c, from, to) on the worker; null when it cannot run there (then compute it
 * yourself). The rows' scratch columns stay on the worker: gatherScratch fetches the few the
 * budget walk needs.
 */
export async function runOnWorker(terms: KernelTerms, c: CandidateColumns, from: number, to: number): Promise<{ sums: PassSums; remote: RemotePass } | null> {
  const done = await passOnWorker(terms, c, from, to)
  if (done === null) counts.fallbacks++
  else counts.passes++
  return done
}

async function passOnWorker(terms: KernelTerms, c: CandidateColumns, from: number, to: number): Promise<{ sums: PassSums; remote: RemotePass } | null> {
  const w = start()
  if (w === null) return null
  const pass = nextPass++
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      const known = sent.get(c)
      const set = known !== undefined && known.from === from && known.to === to ? known.set : load(w, c, from, to)
      const reply = await ask(w, { type: 'pass', set, pass, terms })
      if (reply === null || reply.error !== undefined) return null
      if (reply.missing === true) {
        sent.delete(c)
        continue
      }
      return reply.sums === undefined ? null : { sums: reply.sums, remote: { from, to, pass } }
    }
    return null
  } catch {
    return null
  }
}

/**
 * Writes into c's scratch columns, for the given rows of a remote pass (absolute indexes in
 * [from, to)), the values the worker's pass left; false when it cannot (the worker lost them, or
 * failed): then recompute the range.
 */
export async function gatherScratch(c: CandidateColumns, remote: RemotePass, rows: Int32Array): Promise<boolean> {
  const w = start()
  const known = sent.get(c)
  if (w === null || known === undefined || known.from !== remote.from || known.to !== remote.to) return false
  try {
    const offsets = rows.map((i) => i - remote.from)
    const reply = await ask(w, { type: 'gather', set: known.set, pass: remote.pass, rows: offsets }, [offsets.buffer as ArrayBuffer])
    if (reply === null || reply.scratch === undefined) return false
    rows.forEach((i, j) => {
      c.scratchLocal[i] = reply.scratch!.scratchLocal[j]!
      c.scratchClaim[i] = reply.scratch!.scratchClaim[j]!
      c.scratchFirst[i] = reply.scratch!.scratchFirst[j]!
    })
    return true
  } catch {
    return false
  }
}

/** Stops the worker (tests; a process exits without it anyway, the worker being unreferenced when idle). Work it had answers null. */
export async function stopPassWorker(): Promise<void> {
  const w = worker
  worker = null
  broken = false
  const waiting = [...pending.values()]
  pending.clear()
  for (const resolve of waiting) resolve(null)
  if (w !== null) await w.terminate()
}
