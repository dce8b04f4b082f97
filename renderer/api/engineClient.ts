// The renderer's one door to the engine: the Electron preload bridge (window.engine) when it is
// there, else the web bridge over HTTP (POST ./api/<method>, events from ./api/events).
// Layer: renderer. Every call resolves to a Result; transport failures never throw.
import type { EngineApi, EngineErrorInfo, EngineEvent, EngineEventListener, Result } from '../../common/contract'
import { ENGINE_METHODS } from '../../common/contract/methods'
import { isErrorCode } from '../../common/contract/result'

export type TransportKind = 'electron' | 'http'

export type EngineClient = EngineApi & {
  readonly transport: TransportKind
  /** Subscribe to engine push events (task progress); returns the unsubscribe function. */
  onEngineEvent(listener: EngineEventListener): () => void
}

/** The slice of EventSource the client uses, so tests can pass a fake. */
export interface EventSourceLike {
  onmessage: ((event: MessageEvent<string>) => void) | null
  close(): void
}

export interface HttpTransportOptions {
  /** Base of the API, relative to the page by default so web mode works under any path. */
  baseUrl?: string
  fetch?: (input: string, init: RequestInit) => Promise<Response>
  createEventSource?: (url: string) => EventSourceLike
}

type AnyCall = (request: unknown) => Promise<Result<unknown>>

function failure(code: EngineErrorInfo['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** True when `body` has the shape of a Result envelope with a known error code. */
export function isResult(body: unknown): body is Result<unknown> {
  if (typeof body !== 'object' || body === null) return false
  const candidate = body as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } }
  if (candidate.ok === true) return 'value' in candidate
  return candidate.ok === false && isErrorCode(candidate.error?.code) && typeof candidate.error?.message === 'string'
}

function isEngineEvent(value: unknown): value is EngineEvent {
  const candidate = value as { type?: unknown; taskId?: unknown } | null
  return typeof candidate === 'object' && candidate !== null && candidate.type === 'progress' && typeof candidate.taskId === 'string'
}

/** Fan one event source out to many listeners; opened on the first listener, closed after the last. */
function eventHub(open: (emit: EngineEventListener) => () => void): (listener: EngineEventListener) => () => void {
  const listeners = new Set<EngineEventListener>()
  let close: (() => void) | null = null
  const emit: EngineEventListener = (event) => {
    for (const listener of [...listeners]) listener(event)
  }
  return (listener) => {
    listeners.add(listener)
    close ??= open(emit)
    return () => {
      listeners.delete(listener)
      if (listeners.size === 0 && close !== null) {
        close()
        close = null
      }
    }
  }
}

/** The EngineApi over the web bridge. */
export function createHttpClient(options: HttpTransportOptions = {}): EngineClient {
  const baseUrl = options.baseUrl ?? './api/'
  const doFetch = options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init))
  const createEventSource = options.createEventSource ?? ((url: string) => new EventSource(url))

  async function call(method: string, request: unknown): Promise<Result<unknown>> {
    let response: Response
    try {
      response = await doFetch(baseUrl + method, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request ?? {}),
      })
    } catch (error) {
      return failure('IO_ERROR', `Cannot reach the engine (${describe(error)}).`)
    }
    let body: unknown
    try {
      body = JSON.parse(await response.text())
    } catch {
      const status = `${response.status} ${response.statusText}`.trim()
      return failure('INTERNAL', `The engine answered ${method} with HTTP ${status} and no readable result.`)
    }
    if (isResult(body)) return body
    return failure('INTERNAL', `The engine answered ${method} with something that is not a result.`)
  }

  const methods = Object.fromEntries(ENGINE_METHODS.map((m) => [m, (request: unknown) => call(m, request)]))
  const onEngineEvent = eventHub((emit) => {
    const source = createEventSource(`${baseUrl}events`)
    source.onmessage = (message) => {
      let event: unknown
      try {
        event = JSON.parse(message.data)
      } catch {
        return // a malformed frame is skipped; the next one is independent
      }
      if (isEngineEvent(event)) emit(event)
    }
    // EventSource reconnects by itself after a dropped connection; nothing to do on `error`.
    return () => source.close()
  })
  return { ...(methods as unknown as EngineApi), transport: 'http', onEngineEvent }
}

/** The EngineApi over the Electron preload bridge; a rejected IPC call becomes a Result too. */
export function createElectronClient(api: EngineApi, events: Window['engineEvents']): EngineClient {
  const methods = Object.fromEntries(
    ENGINE_METHODS.map((m) => {
      const wrapped: AnyCall = async (request) => {
        try {
          return await (api[m] as AnyCall)(request)
        } catch (error) {
          return failure('INTERNAL', `The desktop bridge failed on ${m} (${describe(error)}).`)
        }
      }
      return [m, wrapped]
    }),
  )
  const onEngineEvent = (listener: EngineEventListener): (() => void) =>
    events === undefined ? () => undefined : events.onEngineEvent(listener)
  return { ...(methods as unknown as EngineApi), transport: 'electron', onEngineEvent }
}

/** Electron when the preload exposed window.engine, else HTTP. */
export function createEngineClient(): EngineClient {
  if (typeof window !== 'undefined' && window.engine !== undefined) {
    return createElectronClient(window.engine, window.engineEvents)
  }
  return createHttpClient()
}

let active: EngineClient | null = null

/** The app-wide client (created on first use); stores call this inside their actions. */
export function useEngineClient(): EngineClient {
  active ??= createEngineClient()
  return active
}

/** Replace the app-wide client (tests pass a fake; null goes back to auto-detection). */
export function setEngineClient(client: EngineClient | null): void {
  active = client
}
