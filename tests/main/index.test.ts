// The main-process entry wired against a fake `electron` module: order of start-up, what is
// registered on ready (engine and host channels), events to the window, dialogs routed to the
// engine's host operations, single-instance lock and quitting after a clean engine shutdown.
import { EventEmitter } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ENGINE_METHODS, HOST_CHANNELS, type Result } from '../../common/contract'

/** A fresh fake `electron` module: records start-up order and what was registered. */
function makeFakeElectron() {
  const order: string[] = []
  const gate = { open: (): void => undefined }
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    lock: true,
    getAppPath: vi.fn(() => '/repo'),
    setPath: vi.fn((name: string) => void order.push(`setPath:${name}`)),
    requestSingleInstanceLock: vi.fn(() => (order.push('requestSingleInstanceLock'), app.lock)),
    quit: vi.fn(),
    exit: vi.fn(),
    whenReady: vi.fn(() => new Promise<void>((resolve) => (gate.open = resolve))),
  })
  const windows: unknown[] = []
  class BrowserWindow extends EventEmitter {
    static getAllWindows = () => windows
    readonly webContents = Object.assign(new EventEmitter(), { send: vi.fn() })
    readonly loadURL = vi.fn(async () => undefined)
    constructor(readonly options: Record<string, unknown>) {
      super()
      order.push('new BrowserWindow')
      windows.push(this)
    }
    isDestroyed = () => false
    isVisible = () => false
    isMinimized = () => false
    show = vi.fn()
    restore = vi.fn()
    focus = vi.fn()
  }
  const children: unknown[] = []
  const utilityProcess = {
    fork: vi.fn(() => {
      order.push('utilityProcess.fork')
      const child = Object.assign(new EventEmitter(), { postMessage: vi.fn(), stdout: null, stderr: null })
      Object.assign(child, { kill: vi.fn(() => (setImmediate(() => child.emit('exit', 0)), true)) })
      children.push(child)
      return child
    }),
  }
  const handlers = new Map<string, unknown>()
  return {
    app,
    BrowserWindow,
    utilityProcess,
    ipcMain: { handle: vi.fn((channel: string, fn: unknown) => void handlers.set(channel, fn)), removeHandler: vi.fn() },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => void order.push('registerSchemesAsPrivileged')),
      handle: vi.fn(() => void order.push('protocol.handle')),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(() => void order.push('setPermissionRequestHandler')),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      },
    },
    shell: { openExternal: vi.fn() },
    dialog: { showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })), showSaveDialog: vi.fn(async () => ({ canceled: true })) },
    nativeTheme: { shouldUseDarkColors: false },
    __fake: { order, gate, windows, children, handlers },
  }
}

/** The fake module as the tests see it. */
interface FakeWindow extends EventEmitter {
  options: { webPreferences: Record<string, unknown> }
  loadURL: ReturnType<typeof vi.fn>
  webContents: EventEmitter & { send: ReturnType<typeof vi.fn> }
}
interface FakeChild extends EventEmitter {
  postMessage: ReturnType<typeof vi.fn>
  kill: ReturnType<typeof vi.fn>
}
type Handler = (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>
interface FakeElectron {
  app: EventEmitter & { isPackaged: boolean; lock: boolean } & Record<'setPath' | 'quit' | 'whenReady' | 'requestSingleInstanceLock' | 'getAppPath', ReturnType<typeof vi.fn>>
  protocol: Record<'registerSchemesAsPrivileged' | 'handle', ReturnType<typeof vi.fn>>
  session: { defaultSession: Record<'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler', ReturnType<typeof vi.fn>> }
  utilityProcess: { fork: ReturnType<typeof vi.fn> }
  dialog: Record<'showOpenDialog' | 'showSaveDialog', ReturnType<typeof vi.fn>>
  __fake: { order: string[]; gate: { open: () => void }; windows: FakeWindow[]; children: FakeChild[]; handlers: Map<string, Handler> }
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

/** Load index.ts afresh against a fresh fake; `configure` runs before the module executes. */
async function boot(configure: (electron: FakeElectron) => void = () => undefined): Promise<FakeElectron> {
  vi.resetModules()
  const module = makeFakeElectron()
  const electron = module as unknown as FakeElectron
  configure(electron)
  vi.doMock('electron', () => module)
  await import('../../electron/main/index')
  return electron
}

async function bootReady(configure?: (electron: FakeElectron) => void): Promise<FakeElectron> {
  const electron = await boot(configure)
  electron.__fake.gate.open()
  await tick()
  return electron
}

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
  vi.stubEnv('CASHBACK_LAB_HOME', '/tmp/cashback-lab-home')
  vi.stubEnv('ELECTRON_RENDERER_URL', '')
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
  vi.doUnmock('electron')
})

describe('electron/main/index.ts', () => {
  it('sets userData, takes the lock and registers app:// before ready, and nothing else', async () => {
    const electron = await boot()
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', '/tmp/cashback-lab-home')
    expect(electron.__fake.order).toEqual(['setPath:userData', 'requestSingleInstanceLock', 'registerSchemesAsPrivileged'])
  })

  it('on ready: hardens the session, serves app://, registers IPC, starts the engine, opens the window', async () => {
    const electron = await bootReady()
    const order = electron.__fake.order.slice(3)
    expect(order).toEqual(['setPermissionRequestHandler', 'protocol.handle', 'utilityProcess.fork', 'new BrowserWindow'])
    const channels = [...ENGINE_METHODS.map((m) => `engine:${m}`), ...Object.values(HOST_CHANNELS)]
    expect([...electron.__fake.handlers.keys()].sort()).toEqual(channels.sort())
    const [modulePath, , options] = electron.utilityProcess.fork.mock.calls[0] as [string, string[], { env: NodeJS.ProcessEnv }]
    expect(modulePath).toMatch(/[/\\]utility\.js$/)
    expect(options.env.CASHBACK_LAB_PROJECT).toBe('/tmp/cashback-lab-home/projects/default')
    // First start seeds the default project from the sample next to the app (from source: datasets/sample).
    expect(options.env.CASHBACK_LAB_SAMPLE).toBe('/repo/datasets/sample')
    const window = electron.__fake.windows[0]
    expect(window?.loadURL).toHaveBeenCalledWith('app://cashback-lab/index.html')
    expect(window?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false })
    expect(String(window?.options.webPreferences.preload)).toMatch(/[/\\]preload[/\\]index\.cjs$/)
  })

  it('hardens every web contents created', async () => {
    const electron = await bootReady()
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() })
    electron.app.emit('web-contents-created', {}, contents)
    expect(contents.listenerCount('will-navigate')).toBe(1)
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce()
  })

  it('routes IPC from the window to the engine and refuses other senders', async () => {
    const electron = await bootReady()
    const window = electron.__fake.windows[0]
    const child = electron.__fake.children[0]
    const handler = electron.__fake.handlers.get('engine:getEngineInfo')
    if (!window || !child || !handler) throw new Error('app did not start')
    const frame = { url: 'app://cashback-lab/index.html', parent: null }

    const stranger = await handler({ sender: { id: 99 }, senderFrame: frame }, {})
    expect(stranger).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    const answer = handler({ sender: window.webContents, senderFrame: frame }, {})
    child.emit('message', { type: 'ready' })
    await tick()
    const call = child.postMessage.mock.calls[0]?.[0] as { id: number; method: string }
    expect(call.method).toBe('getEngineInfo')
    child.emit('message', { type: 'result', id: call.id, result: { ok: true, value: 'info' } })
    await expect(answer).resolves.toEqual({ ok: true, value: 'info' })
  })

  it('opens the file dialog on the main window and answers the engine\'s ids, never the paths', async () => {
    const electron = await bootReady()
    const window = electron.__fake.windows[0]
    const child = electron.__fake.children[0]
    const handler = electron.__fake.handlers.get(HOST_CHANNELS.chooseFiles)
    if (!window || !child || !handler) throw new Error('app did not start')
    const frame = { url: 'app://cashback-lab/index.html', parent: null }
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/asha/upi.csv'] })

    const stranger = await handler({ sender: { id: 99 }, senderFrame: frame }, {})
    expect(stranger).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(electron.dialog.showOpenDialog).not.toHaveBeenCalled()

    const answer = handler({ sender: window.webContents, senderFrame: frame }, { allowFolders: false })
    child.emit('message', { type: 'ready' })
    await tick()
    expect(electron.dialog.showOpenDialog.mock.calls[0]?.[0]).toBe(window)
    const call = child.postMessage.mock.calls[0]?.[0] as { type: string; id: number; operation: unknown }
    expect(call).toMatchObject({ type: 'host', operation: { op: 'registerPaths', paths: ['/home/asha/upi.csv'] } })
    const chosen = { fileId: 'f-1', name: 'upi.csv', sizeBytes: 12, isFolder: false }
    child.emit('message', { type: 'result', id: call.id, result: { ok: true, value: [{ ...chosen, path: '/home/asha/upi.csv' }] } })
    await expect(answer).resolves.toEqual({ ok: true, value: [chosen] })
  })

  it('sends engine events to the window on engine:event', async () => {
    const electron = await bootReady()
    const event = { type: 'progress', taskId: 't', label: 'x', phase: 'running', percentage: 1, rowsProcessed: null, rowsPerSecond: null, elapsedMs: 5 }
    electron.__fake.children[0]?.emit('message', { type: 'event', event })
    expect(electron.__fake.windows[0]?.webContents.send).toHaveBeenCalledWith('engine:event', event)
  })

  it('loads the dev server only when unpackaged', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173')
    const dev = await bootReady()
    expect(dev.__fake.windows[0]?.loadURL).toHaveBeenCalledWith('http://localhost:5173/')
    // Electron sets process.resourcesPath in the packaged app; the sample ships there.
    Object.defineProperty(process, 'resourcesPath', { value: '/opt/cashback-lab/resources', configurable: true })
    const packaged = await bootReady((electron) => void (electron.app.isPackaged = true))
    expect(packaged.__fake.windows.at(-1)?.loadURL).toHaveBeenCalledWith('app://cashback-lab/index.html')
    const [, , options] = packaged.utilityProcess.fork.mock.calls.at(-1) as [string, string[], { env: NodeJS.ProcessEnv }]
    expect(options.env.CASHBACK_LAB_SAMPLE).toBe('/opt/cashback-lab/resources/sample')
    expect(packaged.__fake.windows.at(-1)?.options.webPreferences.devTools).toBe(false)
  })

  it('quits when the last window closes (except on macOS)', async () => {
    const electron = await bootReady()
    electron.app.emit('window-all-closed')
    expect(electron.app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1)
  })

  it('lets the engine close DuckDB before quitting', async () => {
    const electron = await bootReady()
    const child = electron.__fake.children[0]
    if (!child) throw new Error('engine was not started')
    const preventDefault = vi.fn()
    electron.app.emit('will-quit', { preventDefault })
    expect(preventDefault).toHaveBeenCalledOnce()
    expect(child.postMessage).toHaveBeenCalledExactlyOnceWith({ type: 'shutdown' })
    expect(child.kill).not.toHaveBeenCalled()
    expect(electron.app.quit).not.toHaveBeenCalled()
    child.emit('message', { type: 'closed' })
    await tick()
    await tick()
    await tick()
    expect(child.kill).toHaveBeenCalledOnce()
    expect(electron.app.quit).toHaveBeenCalledOnce()
    const second = vi.fn()
    electron.app.emit('will-quit', { preventDefault: second })
    expect(second).not.toHaveBeenCalled()
  })

  it('quits at once when another instance holds the lock', async () => {
    const electron = await boot((fake) => void (fake.app.lock = false))
    expect(electron.app.quit).toHaveBeenCalledOnce()
    expect(electron.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled()
    expect(electron.app.whenReady).not.toHaveBeenCalled()
  })
})
