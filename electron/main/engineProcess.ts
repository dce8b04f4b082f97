// Runs the engine in an Electron utilityProcess (utility.js) and turns calls into WorkerCall /
// WorkerHostCall messages. Layer: electron/main. If the child dies (e.g. a native DuckDB crash),
// its pending calls get an INTERNAL Result, the window stays up, and the next call starts a fresh
// child. stop() asks the child to close DuckDB first and kills it only after a grace period.
import {
  fail,
  isErrorCode,
  ok,
  type EngineEvent,
  type EngineMethod,
  type HostOperation,
  type Result,
  type WorkerCall,
  type WorkerHostCall,
  type WorkerMainReply,
  type WorkerMessage,
  type WorkerShutdown,
} from '../../common/contract'

/** The slice of Electron's UtilityProcess this module uses (a fake in tests). */
export interface EngineChild {
  on(event: 'message', listener: (message: unknown) => void): unknown
  on(event: 'exit', listener: (code: number) => void): unknown
  postMessage(message: WorkerCall | WorkerHostCall | WorkerMainReply | WorkerShutdown): void
  kill(): boolean
  readonly stdout: NodeJS.ReadableStream | null
  readonly stderr: NodeJS.ReadableStream | null
}

/** Options passed to the fork function, a subset of Electron's ForkOptions. */
export interface EngineForkOptions {
  serviceName: string
  env: NodeJS.ProcessEnv
  stdio: 'pipe'
}

/** `utilityProcess.fork` in the app; injectable so tests can use a fake child. */
export type ForkEngine = (modulePath: string, args: string[], options: EngineForkOptions) => EngineChild

export interface EngineProcessOptions {
  fork: ForkEngine
  /** Absolute path of the built utility.js. */
  modulePath: string
  /** The project folder the engine opens (passed as CASHBACK_LAB_PROJECT). */
  projectDir: string
  /** Receives the engine's push events (main forwards them to the window). */
  onEvent: (event: EngineEvent) => void
  /** Where the child's stdout/stderr go; defaults to this process's streams. */
  log?: (stream: 'stdout' | 'stderr', text: string) => void
  /**
   * Answers host operations the engine asks main for ('mainRequest', e.g. printPdf). Without it
   * they are answered UNSUPPORTED. The operation is untrusted input: validate it.
   */
  onMainRequest?: (operation: unknown) => Promise<Result<unknown>>
  /** Base environment of the child; defaults to process.env. */
  env?: NodeJS.ProcessEnv
  /** How long stop() waits for the child to close DuckDB before killing it (default 5 s). */
  stopGraceMs?: number
}

/** The engine as seen from main: calls that always resolve to a Result, plus lifecycle. */
export interface EngineProcess {
  call(method: EngineMethod, payload: unknown): Promise<Result<unknown>>
  /** A host-only operation (register chosen paths, find an export); same failure handling as call. */
  callHost(operation: HostOperation): Promise<Result<unknown>>
  /** Start the child now (otherwise the first call does); resolves when it is ready or failed. */
  start(): Promise<Result<void>>
  /**
   * Stop the child for good (app quit): ask it to close DuckDB, wait for 'closed' or its exit
   * (up to the grace period), then kill it. Later calls get an INTERNAL Result.
   */
  stop(): Promise<void>
}

interface Running {
  child: EngineChild
  ready: Promise<Result<void>>
  exited: Promise<void>
  /** Settles when the child reports 'closed' (database closed) or exits. */
  closed: Promise<void>
  hasExited: boolean
  stopping: boolean
  /** `label` names the work in failure messages: the method, or the host operation. */
  pending: Map<number, { label: string; resolve: (result: Result<unknown>) => void }>
}

const STOP_GRACE_MS = 5_000
/** After a kill, how long stop() waits for the exit before giving up on the child. */
const KILL_WAIT_MS = 1_000

/** Create the engine process manager. Nothing is forked until start() or the first call. */
export function createEngineProcess(options: EngineProcessOptions): EngineProcess {
  const log = options.log ?? ((stream, text) => process[stream].write(text))
  let current: Running | null = null
  let stopped = false
  let nextId = 1

  function spawn(): Running {
    const child = options.fork(options.modulePath, [], {
      serviceName: 'Cashback Lab engine',
      env: { ...(options.env ?? process.env), CASHBACK_LAB_PROJECT: options.projectDir },
      stdio: 'pipe',
    })
    let settleReady: (result: Result<void>) => void = () => undefined
    let settleExited: () => void = () => undefined
    let settleClosed: () => void = () => undefined
    const running: Running = {
      child,
      ready: new Promise((resolve) => (settleReady = resolve)),
      exited: new Promise((resolve) => (settleExited = resolve)),
      closed: new Promise((resolve) => (settleClosed = resolve)),
      hasExited: false,
      stopping: false,
      pending: new Map(),
    }
    // Piped output must be drained, or the child blocks once the pipe buffer is full.
    child.stdout?.on('data', (chunk: Buffer | string) => log('stdout', `[engine] ${String(chunk)}`))
    child.stderr?.on('data', (chunk: Buffer | string) => log('stderr', `[engine] ${String(chunk)}`))
    child.on('message', (raw) => {
      if (typeof raw !== 'object' || raw === null) return
      const message = raw as WorkerMessage
      if (message.type === 'ready') settleReady(ok(undefined))
      else if (message.type === 'fatal') {
        // Keep the engine's own code (NOT_FOUND, IO_ERROR, CONFLICT…): it tells the user what to fix.
        const code = isErrorCode(message.code) ? message.code : 'INTERNAL'
        settleReady(fail(code, `The engine could not start: ${message.message}`))
        // Drop this child so the next call tries again (the user may have fixed the cause).
        if (current === running) current = null
        running.stopping = true
        child.kill()
      } else if (message.type === 'closed') {
        settleReady(fail('INTERNAL', 'The engine process was shut down before it was ready.'))
        settleClosed()
      } else if (message.type === 'event') deliverEvent(message.event)
      else if (message.type === 'mainRequest') void answerMainRequest(running, message.id, message.operation)
      else if (message.type === 'result') {
        const entry = running.pending.get(message.id)
        running.pending.delete(message.id)
        entry?.resolve(message.result)
      }
    })
    child.on('exit', (code) => {
      running.hasExited = true
      if (current === running) current = null
      settleReady(
        running.stopping
          ? fail('INTERNAL', 'The engine process was shut down before it was ready.')
          : fail('INTERNAL', `The engine process stopped (exit code ${code}) before it was ready.`),
      )
      for (const { label, resolve } of running.pending.values()) resolve(running.stopping ? shutDown(label) : crashed(label, code))
      running.pending.clear()
      settleClosed()
      settleExited()
    })
    return running
  }

  function deliverEvent(event: EngineEvent): void {
    try {
      options.onEvent(event)
    } catch (error) {
      // A listener bug (e.g. a window closing mid-send) must not take the main process down.
      console.error('[engine] event listener failed:', error)
    }
  }

  /** Perform a host operation the engine asked for and post the answer back ('mainReply'). */
  async function answerMainRequest(running: Running, id: unknown, operation: unknown): Promise<void> {
    if (typeof id !== 'number') return
    let result: Result<unknown>
    try {
      result = options.onMainRequest === undefined ? fail('UNSUPPORTED', 'This main process performs no host operations for the engine.') : await options.onMainRequest(operation)
    } catch (error) {
      result = fail('INTERNAL', `The main process failed the engine's request: ${(error as Error).message}`)
    }
    if (running.hasExited) return
    try {
      running.child.postMessage({ type: 'mainReply', id, result })
    } catch (error) {
      console.error('[engine] could not answer the engine process:', error)
    }
  }

  /** The running child, forking one if there is none; a Result when forking itself fails. */
  function ensureRunning(): Running | Result<never> {
    if (current !== null) return current
    try {
      return (current = spawn())
    } catch (error) {
      return fail('INTERNAL', `The engine process could not be started: ${(error as Error).message}`)
    }
  }

  /** Send one correlated request once the child is ready; always resolves to a Result. */
  async function request(label: string, message: (id: number) => WorkerCall | WorkerHostCall): Promise<Result<unknown>> {
    if (stopped) return fail('INTERNAL', `${label} was refused: the engine process has been shut down.`)
    const running = ensureRunning()
    if ('ok' in running) return running
    const ready = await running.ready
    if (!ready.ok) return ready
    if (running.hasExited) return crashed(label, null)
    if (running.stopping) return shutDown(label)
    const id = nextId++
    return new Promise((resolve) => {
      running.pending.set(id, { label, resolve })
      try {
        running.child.postMessage(message(id))
      } catch (error) {
        running.pending.delete(id)
        resolve(fail('INTERNAL', `${label} could not be sent to the engine process: ${(error as Error).message}`))
      }
    })
  }

  return {
    call: (method, payload) => request(method, (id) => ({ type: 'call', id, method, payload })),
    callHost: (operation) => request(operation.op, (id) => ({ type: 'host', id, operation })),
    async start() {
      if (stopped) return fail('INTERNAL', 'The engine process has been shut down.')
      const running = ensureRunning()
      return 'ok' in running ? running : running.ready
    },
    async stop() {
      stopped = true
      const running = current
      current = null
      if (running === null || running.hasExited) return
      running.stopping = true
      let asked = true
      try {
        running.child.postMessage({ type: 'shutdown' })
      } catch {
        asked = false // the channel is gone: nothing left to ask, kill it
      }
      // DuckDB checkpoints on close; killing it mid-write would leave a WAL to replay next time.
      if (asked) await Promise.race([running.closed, delay(options.stopGraceMs ?? STOP_GRACE_MS)])
      if (!running.hasExited) {
        running.child.kill()
        await Promise.race([running.exited, delay(KILL_WAIT_MS)])
      }
      // A child that never reported its exit must not leave callers waiting.
      for (const { label, resolve } of running.pending.values()) resolve(shutDown(label))
      running.pending.clear()
    },
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}

function shutDown(label: string): Result<never> {
  return fail('INTERNAL', `${label} was cancelled: the engine process was shut down.`)
}

function crashed(label: string, code: number | null): Result<never> {
  const exit = code === null ? '' : ` (exit code ${code})`
  return fail(
    'INTERNAL',
    `The engine process stopped${exit} while running ${label}. It starts again on the next request.`,
    code === null ? undefined : { exitCode: code },
  )
}
