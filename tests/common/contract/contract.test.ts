// The contract, end to end: every ENGINE_METHODS entry has a request and a response schema, an
// ipcMain handler (registerEngineIpc), a window.engine function in the preload that invokes that
// very channel, and a route on the web bridge; every HOST_CHANNELS entry has a handler
// (registerFileHostIpc) and a window.engineHost function invoking it.
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { ENGINE_METHODS, HOST_CHANNELS, ok, requestSchemas, responseSchemas } from '../../../common/contract'
import { createEngine, type Engine } from '../../../electron/engine/engine'
import { createBridge, type Bridge } from '../../../electron/hosts/bridge'
import { registerFileHostIpc } from '../../../electron/main/fileHost'
import { registerEngineIpc } from '../../../electron/main/ipc'
import { tempDir } from '../../helpers/tempDir'

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async (_channel: string, _request: unknown) => ({ ok: true, value: null })), on: vi.fn(), removeListener: vi.fn() },
  webUtils: { getPathForFile: vi.fn(() => '/dropped/file.csv') },
}))
vi.mock('electron', () => electron)

type Exposed = Record<string, (request: unknown) => Promise<unknown>>

/** Channels with an ipcMain handler, as registered by main's two registration functions. */
function registeredChannels(): Set<string> {
  const channels = new Set<string>()
  const ipcMain = { handle: (channel: string) => void channels.add(channel), removeHandler: () => undefined }
  registerEngineIpc(ipcMain as never, { call: async () => ok(null) }, () => true)
  registerFileHostIpc(ipcMain as never, {
    host: { callHost: async () => ok([]) },
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true, filePath: '' }) },
    window: () => null,
    isTrustedSender: () => true,
  })
  return channels
}

/** The channel a preload function invokes when called. */
async function channelInvokedBy(fn: ((request: unknown) => Promise<unknown>) | undefined, request: unknown): Promise<string | undefined> {
  electron.ipcRenderer.invoke.mockClear()
  await fn?.(request)
  return electron.ipcRenderer.invoke.mock.calls[0]?.[0]
}

const root = tempDir('contract')
let handlers: Set<string>
let exposed: Map<string, Exposed>
let engine: Engine
let bridge: Bridge
let base: string

function post(method: string): Promise<{ status: number; body: { ok: boolean; error?: { code: string } } }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(`/api/${method}`, base), { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }))
    })
    req.on('error', reject)
    req.end('{}')
  })
}

beforeAll(async () => {
  handlers = registeredChannels()
  await import('../../../electron/preload/index')
  exposed = new Map(electron.contextBridge.exposeInMainWorld.mock.calls.map(([key, value]) => [key as string, value as Exposed]))
  engine = await createEngine({ projectDir: join(root, 'project'), host: 'test', threads: 1 })
  bridge = createBridge({ engine, log: () => undefined })
  base = await bridge.listen(0)
})
afterAll(async () => {
  await bridge?.close()
  await engine?.close()
})

describe.each(ENGINE_METHODS)('engine method %s', (method) => {
  it('has a request schema and a response schema', () => {
    expect(requestSchemas[method]).toBeInstanceOf(z.ZodType)
    expect(responseSchemas[method]).toBeInstanceOf(z.ZodType)
  })

  it('has an ipcMain handler on engine:<method>', () => {
    expect(handlers.has(`engine:${method}`)).toBe(true)
  })

  it('has a window.engine function that invokes that handler\'s channel', async () => {
    await expect(channelInvokedBy(exposed.get('engine')?.[method], {})).resolves.toBe(`engine:${method}`)
  })

  it('has a bridge route: POST /api/<method> is not UNKNOWN_METHOD', async () => {
    const reply = await post(method)
    // Any Result but UNKNOWN_METHOD: 200, 400 INVALID_REQUEST for the empty request, 409 with no data yet…
    expect(typeof reply.body.ok).toBe('boolean')
    expect(reply.body.error?.code).not.toBe('UNKNOWN_METHOD')
  })
})

describe.each(Object.keys(HOST_CHANNELS) as (keyof typeof HOST_CHANNELS)[])('host operation %s', (name) => {
  it('has an ipcMain handler on its channel', () => {
    expect(handlers.has(HOST_CHANNELS[name])).toBe(true)
  })

  it('has a window.engineHost function that invokes that channel', async () => {
    const request = name === 'registerDroppedFiles' ? [{ name: 'file.csv' }] : {}
    await expect(channelInvokedBy(exposed.get('engineHost')?.[name], request)).resolves.toBe(HOST_CHANNELS[name])
  })
})

describe('the contract lists are complete', () => {
  it('main registers no channel and the preload exposes no function beyond the lists', () => {
    const expected = [...ENGINE_METHODS.map((m) => `engine:${m}`), ...Object.values(HOST_CHANNELS)]
    expect([...handlers].sort()).toEqual(expected.sort())
    expect(Object.keys(exposed.get('engine') ?? {}).sort()).toEqual([...ENGINE_METHODS].sort())
    expect(Object.keys(exposed.get('engineHost') ?? {}).sort()).toEqual(Object.keys(HOST_CHANNELS).sort())
    expect(Object.keys(requestSchemas).sort()).toEqual([...ENGINE_METHODS].sort())
    expect(Object.keys(responseSchemas).sort()).toEqual([...ENGINE_METHODS].sort())
  })

  it('the bridge does answer UNKNOWN_METHOD for a method that does not exist (so the check above means something)', async () => {
    const reply = await post('dropAllTables')
    expect(reply).toMatchObject({ status: 404, body: { ok: false, error: { code: 'UNKNOWN_METHOD' } } })
  })
})
