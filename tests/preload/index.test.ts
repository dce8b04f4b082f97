// The preload exposes exactly window.engine (one function per ENGINE_METHODS entry),
// window.engineEvents and window.engineHost (one function per HOST_CHANNELS entry), over a fake
// `electron` module; dropped files' paths are read in the preload and never handed to the page;
// and its bundle pulls in nothing but electron.
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { ENGINE_METHODS, HOST_CHANNELS } from '../../common/contract/methods'

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
  webUtils: {
    // Like Electron: the disk path of a File, '' for one made in memory, a TypeError for a non-File.
    getPathForFile: vi.fn((file: unknown): string => {
      if (typeof file !== 'object' || file === null || !('diskPath' in file)) throw new TypeError('Expected a File')
      return String(file.diskPath)
    }),
  },
}))
vi.mock('electron', () => electron)

type Exposed = Record<string, unknown>
let exposed: Map<string, Exposed>

beforeAll(async () => {
  await import('../../electron/preload/index')
  exposed = new Map(electron.contextBridge.exposeInMainWorld.mock.calls.map(([key, value]) => [key as string, value as Exposed]))
})

describe('preload', () => {
  it('exposes exactly "engine", "engineEvents" and "engineHost"', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(3)
    expect([...exposed.keys()].sort()).toEqual(['engine', 'engineEvents', 'engineHost'])
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

describe('preload engineHost', () => {
  type HostFn = (arg: unknown) => Promise<unknown>
  const host = (name: string): HostFn => exposed.get('engineHost')?.[name] as HostFn
  /** A dropped File as the fake webUtils sees it (a real one carries its path inside Electron). */
  const dropped = (name: string, diskPath: string) => ({ name, diskPath })

  it('has exactly one function per HOST_CHANNELS entry', () => {
    const engineHost = exposed.get('engineHost') ?? {}
    expect(Object.keys(engineHost).sort()).toEqual(Object.keys(HOST_CHANNELS).sort())
    for (const name of Object.keys(HOST_CHANNELS)) expect(typeof engineHost[name]).toBe('function')
  })

  it.each([
    ['chooseFiles', { allowFolders: true }],
    ['saveFile', { fileId: 'e-1', suggestedName: 'rejects.csv' }],
  ] as const)('%s invokes its host channel with the one request and returns the reply', async (name, request) => {
    const reply = { ok: true, value: [] }
    electron.ipcRenderer.invoke.mockResolvedValueOnce(reply)
    await expect(host(name)(request)).resolves.toBe(reply)
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(HOST_CHANNELS[name], request)
  })

  it('registerDroppedFiles reads the paths itself and hands the page only what main answers', async () => {
    const chosen = [
      { fileId: 'f-1', name: 'upi.csv', sizeBytes: 10, isFolder: false },
      { fileId: 'f-2', name: 'pix.parquet', sizeBytes: 20, isFolder: false },
    ]
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: chosen })
    const files = [dropped('upi.csv', '/home/asha/upi.csv'), dropped('pix.parquet', '/home/asha/pix.parquet')]
    const answer = await host('registerDroppedFiles')(files)
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('host:registerDroppedFiles', ['/home/asha/upi.csv', '/home/asha/pix.parquet'])
    expect(answer).toEqual({ ok: true, value: chosen })
    expect(JSON.stringify(answer)).not.toContain('/home/asha')
  })

  it('registerDroppedFiles skips in-memory files and non-files, and refuses a drop with no file from disk', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: [] })
    await host('registerDroppedFiles')([dropped('made.csv', ''), 'not a file', dropped('real.csv', '/data/real.csv')])
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('host:registerDroppedFiles', ['/data/real.csv'])
    // A FileList that crossed the context bridge as a plain array-like object.
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: [] })
    await host('registerDroppedFiles')({ length: 1, 0: dropped('list.csv', '/data/list.csv') })
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('host:registerDroppedFiles', ['/data/list.csv'])

    const calls = electron.ipcRenderer.invoke.mock.calls.length
    for (const bad of [[dropped('made.csv', '')], [], 'file.csv', null, { length: 1 }]) {
      await expect(host('registerDroppedFiles')(bad)).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    }
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(calls)
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
