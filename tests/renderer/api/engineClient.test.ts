// engineClient: HTTP transport (Results parsed, failures turned into Results, SSE events) and the
// Electron bridge selection. fetch and EventSource are injected fakes.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ENGINE_METHODS, type EngineApi, type EngineEvent } from '../../../common/contract'
import { createEngineClient, createHttpClient, type EventSourceLike } from '../../../renderer/api/engineClient'
import { SAMPLE_INFO, progress } from '../support/fakeEngineClient'

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

class FakeEventSource implements EventSourceLike {
  static instances: FakeEventSource[] = []
  onmessage: ((event: MessageEvent<string>) => void) | null = null
  closed = false
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this)
  }
  close(): void {
    this.closed = true
  }
  send(data: string): void {
    this.onmessage?.(new MessageEvent('message', { data }))
  }
}

afterEach(() => {
  FakeEventSource.instances = []
  delete window.engine
  delete window.engineEvents
})

describe('HTTP transport', () => {
  it('POSTs the request as JSON to ./api/<method> and returns the Result', async () => {
    const fetch = vi.fn(async () => jsonResponse({ ok: true, value: SAMPLE_INFO }))
    const client = createHttpClient({ fetch })
    const result = await client.getEngineInfo({})
    expect(result).toEqual({ ok: true, value: SAMPLE_INFO })
    expect(fetch).toHaveBeenCalledWith('./api/getEngineInfo', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    })
    expect(client.transport).toBe('http')
  })

  it('passes an error Result from the engine through unchanged', async () => {
    const error = { code: 'INVALID_REQUEST', message: 'Invalid request for cancelTask: taskId: required' }
    const client = createHttpClient({ fetch: async () => jsonResponse({ ok: false, error }, 400) })
    expect(await client.cancelTask({ taskId: 'x' })).toEqual({ ok: false, error })
  })

  it('turns a 500 with a non-JSON body into a Result error instead of throwing', async () => {
    const fetch = async (): Promise<Response> =>
      new Response('<html>Internal Server Error</html>', { status: 500, statusText: 'Internal Server Error' })
    const result = await createHttpClient({ fetch }).getEngineInfo({})
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INTERNAL')
    expect(result.error.message).toContain('HTTP 500')
    expect(result.error.message).toContain('getEngineInfo')
  })

  it('turns a network failure into an IO_ERROR Result', async () => {
    const fetch = async (): Promise<Response> => Promise.reject(new TypeError('Failed to fetch'))
    const result = await createHttpClient({ fetch }).getEngineInfo({})
    expect(result).toEqual({ ok: false, error: { code: 'IO_ERROR', message: 'Cannot reach the engine (Failed to fetch).' } })
  })

  it('refuses JSON that is not a Result envelope (or has an unknown error code)', async () => {
    for (const body of [{ version: '1' }, null, [1], { ok: false, error: { code: 'BOOM', message: 'x' } }, { ok: true }]) {
      const result = await createHttpClient({ fetch: async () => jsonResponse(body) }).getEngineInfo({})
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.code).toBe('INTERNAL')
    }
  })

  it('has every contract method', () => {
    const client = createHttpClient({ fetch: async () => jsonResponse({ ok: true, value: {} }) })
    for (const method of ENGINE_METHODS) expect(typeof client[method]).toBe('function')
  })
})

describe('HTTP events (server-sent events)', () => {
  const createEventSource = (url: string): FakeEventSource => new FakeEventSource(url)

  it('opens one ./api/events stream for all listeners and parses each frame', () => {
    const client = createHttpClient({ createEventSource })
    const first: EngineEvent[] = []
    const second: EngineEvent[] = []
    client.onEngineEvent((e) => first.push(e))
    client.onEngineEvent((e) => second.push(e))
    expect(FakeEventSource.instances).toHaveLength(1)
    const source = FakeEventSource.instances[0]!
    expect(source.url).toBe('./api/events')
    source.send(JSON.stringify(progress('t1', 'running', 40)))
    expect(first).toEqual([progress('t1', 'running', 40)])
    expect(second).toEqual(first)
  })

  it('skips malformed and unknown frames without throwing', () => {
    const client = createHttpClient({ createEventSource })
    const seen: EngineEvent[] = []
    client.onEngineEvent((e) => seen.push(e))
    const source = FakeEventSource.instances[0]!
    expect(() => source.send('not json')).not.toThrow()
    source.send(JSON.stringify({ type: 'gossip' }))
    source.send(JSON.stringify(progress('t2', 'started')))
    expect(seen.map((e) => e.taskId)).toEqual(['t2'])
  })

  it('closes the stream when the last listener unsubscribes, and reopens on demand', () => {
    const client = createHttpClient({ createEventSource })
    const offA = client.onEngineEvent(() => undefined)
    const offB = client.onEngineEvent(() => undefined)
    offA()
    expect(FakeEventSource.instances[0]!.closed).toBe(false)
    offB()
    expect(FakeEventSource.instances[0]!.closed).toBe(true)
    client.onEngineEvent(() => undefined)
    expect(FakeEventSource.instances).toHaveLength(2)
  })
})

describe('transport selection', () => {
  it('uses window.engine when the Electron preload exposed it', async () => {
    const getEngineInfo = vi.fn(async () => ({ ok: true as const, value: SAMPLE_INFO }))
    const cancelTask = vi.fn(async () => Promise.reject(new Error('IPC channel closed')))
    window.engine = { getEngineInfo, cancelTask } as unknown as EngineApi
    const onEngineEvent = vi.fn(() => () => undefined)
    window.engineEvents = { onEngineEvent }
    const client = createEngineClient()
    expect(client.transport).toBe('electron')
    expect(await client.getEngineInfo({})).toEqual({ ok: true, value: SAMPLE_INFO })
    const failed = await client.cancelTask({ taskId: 'abc' })
    expect(failed.ok).toBe(false)
    if (!failed.ok) expect(failed.error.message).toContain('IPC channel closed')
    const listener = (): void => undefined
    client.onEngineEvent(listener)
    expect(onEngineEvent).toHaveBeenCalledWith(listener)
  })

  it('falls back to HTTP in a plain browser', () => {
    expect(createEngineClient().transport).toBe('http')
  })
})
