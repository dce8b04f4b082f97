// The engine inside an Electron utilityProcess (desktop). Layer: electron/hosts. It does not
// import electron: the utility process exposes `process.parentPort`, typed minimally here.
// serveEngine() is the protocol (calls, host operations, shutdown); the bottom is the entry.
import type { ChosenFile, Result, WorkerCall, WorkerHostCall, WorkerMessage } from '../../common/contract'
import type { Engine } from '../engine/engine'
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
  await serveEngine(parentPort, () => {
    const projectDir = process.env.CASHBACK_LAB_PROJECT
    if (projectDir === undefined || projectDir === '') {
      throw new EngineError('INTERNAL', 'CASHBACK_LAB_PROJECT is not set by the main process.')
    }
    // The app can switch projects; the sample seeds the default project on first start.
    return createProjectHost({ appDataDir: appDataDir(), defaultProjectDir: defaultProjectDir(), initialProjectDir: projectDir, host: 'desktop', seedFrom: process.env.CASHBACK_LAB_SAMPLE })
  })
}
