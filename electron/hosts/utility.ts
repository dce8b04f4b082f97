// The engine inside an Electron utilityProcess (desktop). Layer: electron/hosts. It does not
// import electron: the utility process exposes `process.parentPort`, typed minimally here.
// serveEngine() is the protocol (calls, host operations, shutdown); the bottom is the entry.
import { randomUUID } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ChosenFile, MainOperation, Result, WorkerCall, WorkerHostCall, WorkerMessage } from '../../common/contract'
import type { Engine } from '../engine/engine'
import { setHostPdfPrinter } from '../engine/reports/pdf'
import { appDataDir, defaultProjectDir } from '../engine/project/paths'
import { createProjectHost, type ProjectHost } from '../engine/project/projectHost'
import { EngineError, toErrorInfo } from '../engine/engineError'
import { dispatch } from './dispatch'

/** The slice of Electron's `process.parentPort` the utility host uses (a fake in tests). */
export interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void
  postMessage(message: WorkerMessage): void
}

/** What serveEngine needs of the engine: the EngineApi plus the host-only functions. */
export type HostedEngine = Omit<Engine, 'internals'>

export interface ServeOptions {
  /** Ends the process after a clean shutdown; defaults to process.exit. */
  exit?: (code: number) => void
}

/**
 * Serve one engine over a parent port: opens it with `engineFactory` (posting 'ready', or 'fatal'
 * with the error's code), answers WorkerCall and WorkerHostCall messages with 'result', forwards
 * events, and on WorkerShutdown closes the database, posts 'closed' and exits 0. Never throws.
 */
export async function serveEngine(port: ParentPort, engineFactory: () => Promise<HostedEngine>, options: ServeOptions = {}): Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code))
  let shuttingDown = false
  // Listen before the engine is open, so a shutdown during start-up is not lost.
  const starting = open(port, engineFactory)
  port.on('message', ({ data }) => {
    const message = (typeof data === 'object' && data !== null ? data : {}) as Partial<WorkerCall | WorkerHostCall | { type: 'shutdown' }>
    if (message.type === 'shutdown') {
      if (shuttingDown) return
      shuttingDown = true
      void shutDown(port, starting, exit)
    } else if (message.type === 'call' || message.type === 'host') {
      if (typeof message.id !== 'number') return
      const id = message.id
      void answer(message as WorkerCall | WorkerHostCall, starting).then((result) => port.postMessage({ type: 'result', id, result }))
    }
  })
  const engine = await starting
  if (engine === null || shuttingDown) return
  engine.onEvent((event) => port.postMessage({ type: 'event', event }))
  port.postMessage({ type: 'ready' })
}

async function open(port: ParentPort, engineFactory: () => Promise<HostedEngine>): Promise<HostedEngine | null> {
  try {
    return await engineFactory()
  } catch (error) {
    const { message, code } = toErrorInfo(error)
    port.postMessage({ type: 'fatal', message, code })
    return null
  }
}

async function answer(message: WorkerCall | WorkerHostCall, starting: Promise<HostedEngine | null>): Promise<Result<unknown>> {
  const engine = await starting
  if (engine === null) return { ok: false, error: { code: 'INTERNAL', message: 'The engine did not start, so it cannot answer.' } }
  if (message.type === 'call') {
    if (typeof message.method !== 'string') return { ok: false, error: { code: 'INVALID_REQUEST', message: 'A call needs a method name.' } }
    return dispatch(engine, message.method, message.payload)
  }
  return runHostOperation(engine, message.operation)
}

/**
 * A host-only operation (a HostOperation from main, checked again: it crossed a process
 * boundary). registerPaths answers ChosenFile[] (ids, never paths); the
 * first path that cannot be registered fails the whole operation with that path's error.
 */
export function runHostOperation(engine: Pick<Engine, 'registerFile' | 'exportedFile'> & Partial<Pick<ProjectHost, 'registerProjectFolder'>>, operation: unknown): Result<unknown> {
  const op = (typeof operation === 'object' && operation !== null ? operation : {}) as Partial<Record<string, unknown>>
  try {
    if (op.op === 'registerPaths' && Array.isArray(op.paths) && op.paths.every((path) => typeof path === 'string')) {
      const chosen: ChosenFile[] = (op.paths as string[]).map((path) => {
        const { fileId, name, sizeBytes, isFolder } = engine.registerFile(path)
        return { fileId, name, sizeBytes, isFolder }
      })
      return { ok: true, value: chosen }
    }
    if (op.op === 'registerProjectFolder' && typeof op.path === 'string' && engine.registerProjectFolder !== undefined) {
      return { ok: true, value: engine.registerProjectFolder(op.path) }
    }
    if (op.op === 'exportedFilePath' && typeof op.fileId === 'string') {
      const { path, name } = engine.exportedFile(op.fileId)
      return { ok: true, value: { path, name } }
    }
    return { ok: false, error: { code: 'INVALID_REQUEST', message: 'Unknown or malformed host operation.' } }
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) }
  }
}

/** Asks main to perform a host operation; resolves to main's Result (or a timeout failure). */
export type MainRequester = (operation: MainOperation) => Promise<Result<unknown>>

/** How long the engine waits for main to print a PDF before giving up (main stops at 60 s). */
export const MAIN_REQUEST_TIMEOUT_MS = 90_000

/**
 * The engine → main direction over the same port: posts 'mainRequest' and resolves with the
 * matching 'mainReply'. A reply that does not come within `timeoutMs` fails with CANCELLED.
 */
export function createMainRequester(port: ParentPort, timeoutMs = MAIN_REQUEST_TIMEOUT_MS): MainRequester {
  const pending = new Map<number, (result: Result<unknown>) => void>()
  let nextId = 1
  port.on('message', ({ data }) => {
    const message = (typeof data === 'object' && data !== null ? data : {}) as { type?: unknown; id?: unknown; result?: unknown }
    if (message.type !== 'mainReply' || typeof message.id !== 'number') return
    const resolve = pending.get(message.id)
    pending.delete(message.id)
    const result = message.result as Result<unknown> | undefined
    resolve?.(typeof result === 'object' && result !== null && typeof result.ok === 'boolean' ? result : { ok: false, error: { code: 'INTERNAL', message: 'The main process answered with something that is not a Result.' } })
  })
  return (operation) =>
    new Promise((resolve) => {
      const id = nextId++
      const timer = setTimeout(() => {
        pending.delete(id)
        resolve({ ok: false, error: { code: 'CANCELLED', message: `The main process did not answer ${operation.op} within ${Math.round(timeoutMs / 1000)} s. Try again, or export HTML and print it from a browser.` } })
      }, timeoutMs)
      pending.set(id, (result) => {
        clearTimeout(timer)
        resolve(result)
      })
      try {
        port.postMessage({ type: 'mainRequest', id, operation })
      } catch (error) {
        clearTimeout(timer)
        pending.delete(id)
        resolve({ ok: false, error: { code: 'INTERNAL', message: `${operation.op} could not be sent to the main process: ${(error as Error).message}` } })
      }
    })
}

/**
 * The desktop PDF printer: writes the report HTML to a hidden temp file in the current project's
 * exports folder, asks main to print it there (webContents.printToPDF), reads the PDF back and
 * removes both temp files. Main's failure becomes an EngineError with main's code and message.
 */
export function desktopPdfPrinter(request: MainRequester, exportsDir: () => string): (html: string, title: string) => Promise<Buffer> {
  return async (html, title) => {
    const dir = exportsDir()
    await mkdir(dir, { recursive: true })
    const stem = `.print-${randomUUID()}`
    const htmlPath = join(dir, `${stem}.html`)
    const pdfPath = join(dir, `${stem}.pdf`)
    try {
      await writeFile(htmlPath, html, { flag: 'wx' })
      const answer = await request({ op: 'printPdf', htmlPath, pdfPath, headerTitle: title })
      if (!answer.ok) throw new EngineError(answer.error.code, answer.error.message)
      return await readFile(pdfPath)
    } finally {
      await Promise.all([rm(htmlPath, { force: true }), rm(pdfPath, { force: true })])
    }
  }
}

async function shutDown(port: ParentPort, starting: Promise<HostedEngine | null>, exit: (code: number) => void): Promise<void> {
  const engine = await starting
  try {
    await engine?.close()
  } catch (error) {
    // Still report 'closed': main would otherwise wait out its grace period and kill us anyway.
    process.stderr.write(`The engine did not close cleanly: ${toErrorInfo(error).message}\n`)
  }
  port.postMessage({ type: 'closed' })
  // Give the 'closed' message a turn to leave before the process ends.
  setImmediate(() => exit(0))
}

// Entry: only inside a utility process is there a parent port.
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort
if (parentPort === undefined) {
  process.stderr.write('utility.js must be started by Electron as a utilityProcess.\n')
  process.exit(2)
} else {
  const requestMain = createMainRequester(parentPort)
  let hosted: ProjectHost | null = null
  // PDFs are printed by main (webContents.printToPDF), into the current project's exports folder.
  setHostPdfPrinter(
    desktopPdfPrinter(requestMain, () => {
      if (hosted === null) throw new EngineError('INTERNAL', 'The project is not open yet.')
      return join(hosted.internals.projectDir, 'exports')
    }),
  )
  await serveEngine(parentPort, async () => {
    const projectDir = process.env.CASHBACK_LAB_PROJECT
    if (projectDir === undefined || projectDir === '') {
      throw new EngineError('INTERNAL', 'CASHBACK_LAB_PROJECT is not set by the main process.')
    }
    // The app can switch projects; the sample seeds the default project on first start.
    hosted = await createProjectHost({ appDataDir: appDataDir(), defaultProjectDir: defaultProjectDir(), initialProjectDir: projectDir, host: 'desktop', seedFrom: process.env.CASHBACK_LAB_SAMPLE })
    return hosted
  })
}
