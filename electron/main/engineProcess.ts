// Runs the engine in an Electron utilityProcess (utility.js) and turns calls into WorkerCall
// messages. Layer: electron/main. If the child dies (e.g. a native DuckDB crash), its pending
// calls get an INTERNAL Result, the window stays up, and the next call starts a fresh child.
import { fail, ok, type EngineEvent, type EngineMethod, type Result, type WorkerCall, type WorkerMessage } from '../../common/contract'

/** The slice of Electron's UtilityProcess this module uses (a fake in tests). */
export interface EngineChild {
  on(event: 'message', listener: (message: unknown) => void): unknown
  on(event: 'exit', listener: (code: number) => void): unknown
  postMessage(message: WorkerCall): void
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
  /** Base environment of the child; defaults to process.env. */
  env?: NodeJS.ProcessEnv
}

/** The engine as seen from main: calls that always resolve to a Result, plus lifecycle. */
export interface EngineProcess {
  call(method: EngineMethod, payload: unknown): Promise<Result<unknown>>
  /** Start the child now (otherwise the first call does); resolves when it is ready or failed. */
  start(): Promise<Result<void>>
  /** Stop the child for good (app quit); later calls get an INTERNAL Result. */
  stop(): Promise<void>
}

interface Running {
  child: EngineChild
  ready: Promise<Result<void>>
  exited: Promise<void>
  hasExited: boolean
  stopping: boolean
  pending: Map<number, { method: EngineMethod; resolve: (result: Result<unknown>) => void }>
}

const STOP_GRACE_MS = 5_000

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
    const running: Running = {
      child,
      ready: new Promise((resolve) => (settleReady = resolve)),
      exited: new Promise((resolve) => (settleExited = resolve)),
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
        settleReady(fail('INTERNAL', `The engine could not start: ${message.message}`))
        // Drop this child so the next call tries again (the user may have fixed the cause).
        if (current === running) current = null
        running.stopping = true
        child.kill()
      } else if (message.type === 'event') deliverEvent(message.event)
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
      for (const { method, resolve } of running.pending.values()) {
        resolve(running.stopping ? fail('INTERNAL', `${method} was cancelled: the engine process was shut down.`) : crashed(method, code))
      }
      running.pending.clear()
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

  /** The running child, forking one if there is none; a Result when forking itself fails. */
  function ensureRunning(): Running | Result<never> {
    if (current !== null) return current
    try {
      return (current = spawn())
    } catch (error) {
      return fail('INTERNAL', `The engine process could not be started: ${(error as Error).message}`)
    }
  }

  async function call(method: EngineMethod, payload: unknown): Promise<Result<unknown>> {
    if (stopped) return fail('INTERNAL', `${method} was refused: the engine process has been shut down.`)
    const running = ensureRunning()
    if ('ok' in running) return running
    const ready = await running.ready
    if (!ready.ok) return ready
    if (running.hasExited) return crashed(method, null)
    const id = nextId++
    return new Promise((resolve) => {
      running.pending.set(id, { method, resolve })
      try {
        running.child.postMessage({ type: 'call', id, method, payload })
      } catch (error) {
        running.pending.delete(id)
        resolve(fail('INTERNAL', `${method} could not be sent to the engine process: ${(error as Error).message}`))
      }
    })
  }

  return {
    call,
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
      running.child.kill()
      await Promise.race([running.exited, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref())])
    },
  }
}

function crashed(method: EngineMethod, code: number | null): Result<never> {
  const exit = code === null ? '' : ` (exit code ${code})`
  return fail(
    'INTERNAL',
    `The engine process stopped${exit} while running ${method}. It starts again on the next request.`,
    code === null ? undefined : { exitCode: code },
  )
}
