// IPC routing: one handler per method, sender checks, validation before the engine, Results only.
import type { WebContents } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { ENGINE_METHODS, ok, type Result } from '../../common/contract'
import { createAppUrlCheck } from '../../electron/main/appOrigin'
import { createSenderCheck, registerEngineIpc, type EngineCaller, type IpcSender } from '../../electron/main/ipc'

type Handler = (event: IpcSender, ...args: unknown[]) => Promise<Result<unknown>>

const ourContents = { id: 1 } as unknown as WebContents
const otherContents = { id: 2 } as unknown as WebContents

function frame(url: string, parent: object | null = null) {
  return { url, parent }
}

function fromUs(url = 'app://cashback-lab/index.html'): IpcSender {
  return { sender: ourContents, senderFrame: frame(url) } as unknown as IpcSender
}

function setup(call: EngineCaller['call'] = vi.fn(async () => ok({ cancelled: true }))) {
  const handlers = new Map<string, Handler>()
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => void handlers.set(channel, handler)),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
  }
  const engine = { call: vi.fn(call) }
  const check = createSenderCheck((contents) => contents === ourContents, createAppUrlCheck(null))
  const unregister = registerEngineIpc(ipcMain as never, engine, check)
  const invoke = (channel: string, event: IpcSender, ...args: unknown[]) => {
    const handler = handlers.get(channel)
    if (handler === undefined) throw new Error(`no handler for ${channel}`)
    return handler(event, ...args)
  }
  return { handlers, ipcMain, engine, invoke, unregister }
}

describe('registerEngineIpc', () => {
  it('registers exactly one engine:<method> handler per ENGINE_METHODS entry', () => {
    const { handlers, unregister } = setup()
    expect([...handlers.keys()].sort()).toEqual(ENGINE_METHODS.map((m) => `engine:${m}`).sort())
    unregister()
    expect(handlers.size).toBe(0)
  })

  it('forwards a valid request to the engine and returns its Result', async () => {
    const { invoke, engine } = setup()
    const result = await invoke('engine:cancelTask', fromUs(), { taskId: 'task-1' })
    expect(result).toEqual({ ok: true, value: { cancelled: true } })
    expect(engine.call).toHaveBeenCalledExactlyOnceWith('cancelTask', { taskId: 'task-1' })
  })

  it('passes engine failures through unchanged', async () => {
    const failure = { ok: false as const, error: { code: 'DB_ERROR' as const, message: 'boom' } }
    const { invoke } = setup(async () => failure)
    expect(await invoke('engine:getEngineInfo', fromUs(), {})).toEqual(failure)
  })

  it('answers INVALID_REQUEST for a schema-failing payload without reaching the engine', async () => {
    const { invoke, engine } = setup()
    const bad = await invoke('engine:cancelTask', fromUs(), { taskId: '../../etc' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    const extraKey = await invoke('engine:getEngineInfo', fromUs(), { sql: 'DROP TABLE x' })
    expect(extraKey).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    const twoArgs = await invoke('engine:getEngineInfo', fromUs(), {}, {})
    expect(twoArgs).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    expect(engine.call).not.toHaveBeenCalled()
  })

  it.each([
    ['a foreign origin', { sender: ourContents, senderFrame: frame('https://evil.example/') }],
    ['a file:// page', { sender: ourContents, senderFrame: frame('file:///tmp/x.html') }],
    ['a sub-frame of our page', { sender: ourContents, senderFrame: frame('app://cashback-lab/index.html', frame('app://cashback-lab/index.html')) }],
    ['a destroyed frame', { sender: ourContents, senderFrame: null }],
    ['another web contents', { sender: otherContents, senderFrame: frame('app://cashback-lab/index.html') }],
  ])('answers FORBIDDEN to %s without reaching the engine', async (_name, event) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const { invoke, engine } = setup()
    const result = await invoke('engine:getEngineInfo', event as unknown as IpcSender, {})
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(engine.call).not.toHaveBeenCalled()
    expect(warn).toHaveBeenCalledOnce()
    warn.mockRestore()
  })

  it('turns an unexpected throw into an INTERNAL Result instead of rejecting', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const { invoke } = setup(async () => {
      throw new Error('engine manager bug')
    })
    await expect(invoke('engine:getEngineInfo', fromUs(), {})).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'getEngineInfo failed in the main process: engine manager bug' },
    })
    error.mockRestore()
  })
})

describe('createSenderCheck', () => {
  it('trusts the dev server only when it is given', () => {
    const isOurs = (contents: WebContents) => contents === ourContents
    const withDev = createSenderCheck(isOurs, createAppUrlCheck('http://localhost:5173/'))
    const withoutDev = createSenderCheck(isOurs, createAppUrlCheck(null))
    const devEvent = fromUs('http://localhost:5173/')
    expect(withDev(devEvent)).toBe(true)
    expect(withoutDev(devEvent)).toBe(false)
    expect(withoutDev(fromUs())).toBe(true)
  })
})
