// The preload exposes exactly window.engine (one function per ENGINE_METHODS entry) and
// window.engineEvents, over a fake `electron` module; and its bundle pulls in nothing but electron.
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { ENGINE_METHODS } from '../../common/contract/methods'

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
}))
vi.mock('electron', () => electron)

type Exposed = Record<string, unknown>
let exposed: Map<string, Exposed>

beforeAll(async () => {
  await import('../../electron/preload/index')
  exposed = new Map(electron.contextBridge.exposeInMainWorld.mock.calls.map(([key, value]) => [key as string, value as Exposed]))
})

describe('preload', () => {
  it('exposes exactly "engine" and "engineEvents"', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(2)
    expect([...exposed.keys()].sort()).toEqual(['engine', 'engineEvents'])
  })

  it('gives window.engine exactly the ENGINE_METHODS keys, all functions', () => {
    const engine = exposed.get('engine') ?? {}
    expect(Object.keys(engine).sort()).toEqual([...ENGINE_METHODS].sort())
    for (const method of ENGINE_METHODS) expect(typeof engine[method]).toBe('function')
  })

  it.each(ENGINE_METHODS)('%s invokes engine:<method> with the one request and returns its promise', async (method) => {
    const reply = { ok: true, value: method }
    electron.ipcRenderer.invoke.mockResolvedValueOnce(reply)
    const request = { probe: method }
    const call = (exposed.get('engine')?.[method] as (request: unknown) => Promise<unknown>)(request)
    await expect(call).resolves.toBe(reply)
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(`engine:${method}`, request)
  })

  it('engineEvents has only onEngineEvent, which passes the payload alone and unsubscribes', () => {
    const events = exposed.get('engineEvents') ?? {}
    expect(Object.keys(events)).toEqual(['onEngineEvent'])
    const onEngineEvent = events.onEngineEvent as (callback: (...args: unknown[]) => void) => () => void
    const callback = vi.fn()
    const unsubscribe = onEngineEvent(callback)

    expect(electron.ipcRenderer.on).toHaveBeenCalledOnce()
    const [channel, listener] = electron.ipcRenderer.on.mock.calls[0] as [string, (...args: unknown[]) => void]
    expect(channel).toBe('engine:event')
    const payload = { type: 'progress', taskId: 't-1' }
    listener({ sender: 'the IpcRendererEvent must not leak' }, payload)
    expect(callback).toHaveBeenCalledExactlyOnceWith(payload)

    unsubscribe()
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledExactlyOnceWith('engine:event', listener)
  })

  it('refuses a non-function callback', () => {
    const onEngineEvent = exposed.get('engineEvents')?.onEngineEvent as (callback: unknown) => unknown
    expect(() => onEngineEvent('not a function')).toThrow(TypeError)
  })
})

describe('preload bundle', () => {
  it('bundles only the method list: no zod, no other require than electron', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../../electron/preload/index.ts', import.meta.url))],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      external: ['electron'],
      logLevel: 'silent',
    })
    const text = result.outputFiles[0]?.text ?? ''
    expect(text).toContain('engine:')
    expect(text).not.toMatch(/zod/i)
    expect([...text.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['electron'])
  })
})
