// The utility-process host, driven through a fake parent port: ready/fatal (with the engine's
// code), calls, host operations (registerPaths → ids without paths, exportedFilePath), events,
// and the shutdown handshake (close → 'closed' → exit 0). The entry is loaded with a stubbed
// process.parentPort, as Electron would provide it.
import { EventEmitter } from 'node:events'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { EngineEvent, EngineEventListener, Result, WorkerMessage } from '../../common/contract'
import type { Engine } from '../../electron/engine/engine'
import type * as EngineErrorModule from '../../electron/engine/engineError'
import type * as UtilityModule from '../../electron/hosts/utility'
import type { HostedEngine, ParentPort } from '../../electron/hosts/utility'
import type { BrowserWindowConstructorOptions, PrintToPDFOptions } from 'electron'
import { createEngineProcess, type EngineChild } from '../../electron/main/engineProcess'
import { createPdfPrinter, printToPdfOptions } from '../../electron/main/printPdf'
import { tempDir } from '../helpers/tempDir'

type Utility = typeof UtilityModule

class FakePort implements ParentPort {
  readonly posted: WorkerMessage[] = []
  private readonly listeners: Array<(message: { data: unknown }) => void> = []
  on(_event: 'message', listener: (message: { data: unknown }) => void): void {
    this.listeners.push(listener)
  }
  postMessage(message: WorkerMessage): void {
    this.posted.push(message)
  }
  deliver(data: unknown): void {
    for (const listener of this.listeners) listener({ data })
  }
  types(): string[] {
    return this.posted.map((m) => m.type)
  }
  /** The reply to the message with this id, once it has been posted. */
  async reply(id: number): Promise<unknown> {
    await vi.waitFor(() => expect(this.posted.some((m) => m.type === 'result' && m.id === id)).toBe(true))
    const found = this.posted.find((m) => m.type === 'result' && m.id === id)
    return found?.type === 'result' ? found.result : undefined
  }
}

/** Import utility.ts afresh as Electron would start it: with a parent port and the project env. */
async function loadEntry(port: FakePort, projectDir: string): Promise<Utility> {
  vi.resetModules()
  vi.stubEnv('CASHBACK_LAB_PROJECT', projectDir)
  Object.assign(process, { parentPort: port })
  try {
    return await import('../../electron/hosts/utility')
  } finally {
    delete (process as { parentPort?: unknown }).parentPort
  }
}

/** Just enough of an engine for the protocol tests; host functions and close are spies. */
function fakeEngine(overrides: Partial<HostedEngine> = {}) {
  const listeners: EngineEventListener[] = []
  const engine = {
    getEngineInfo: vi.fn(async () => ({ ok: true as const, value: { duckdbVersion: 'v1.5.6' } })),
    onEvent: vi.fn((listener: EngineEventListener) => (listeners.push(listener), () => undefined)),
    close: vi.fn(async () => undefined),
    registerFile: vi.fn((path: string) => ({ fileId: `id:${path}`, name: path.split('/').at(-1) ?? '', path, sizeBytes: 1, isFolder: false })),
    exportedFile: vi.fn((fileId: string) => ({ path: `/project/exports/${fileId}.csv`, name: `${fileId}.csv` })),
    ...overrides,
  }
  return { engine: engine as unknown as HostedEngine & typeof engine, emit: (event: EngineEvent) => listeners.forEach((l) => l(event)) }
}

const root = tempDir('utility')
let utility: Utility
let real: Engine
// Imported after the entry (which resets modules), so `instanceof EngineError` agrees with utility.ts.
let EngineError: typeof EngineErrorModule.EngineError

beforeAll(async () => {
  // Importing runs the entry: give it a port, and no project, so it just reports 'fatal'.
  const entryPort = new FakePort()
  utility = await loadEntry(entryPort, '')
  expect(entryPort.posted).toEqual([{ type: 'fatal', code: 'INTERNAL', message: 'CASHBACK_LAB_PROJECT is not set by the main process.' }])
  ;({ EngineError } = await import('../../electron/engine/engineError'))
  const { createEngine } = await import('../../electron/engine/engine')
  real = await createEngine({ projectDir: join(root, 'project'), host: 'test', threads: 1 })
})
afterAll(async () => {
  await real.close()
})
afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

async function serve(engine: HostedEngine | Promise<HostedEngine>, exit = vi.fn()) {
  const port = new FakePort()
  await utility.serveEngine(port, async () => engine, { exit })
  return { port, exit }
}

describe('serveEngine', () => {
  it('posts "ready" once the engine is open and forwards its events', async () => {
    const { engine, emit } = fakeEngine()
    const { port } = await serve(engine)
    expect(port.posted).toEqual([{ type: 'ready' }])
    const event = { type: 'progress', taskId: 't', label: 'Importing', phase: 'running', percentage: 5, rowsProcessed: 1, rowsPerSecond: 1, elapsedMs: 1 } as const
    emit(event)
    expect(port.posted.at(-1)).toEqual({ type: 'event', event })
  })

  it('answers calls through dispatch and ignores malformed messages', async () => {
    const { engine } = fakeEngine()
    const { port } = await serve(engine)
    port.deliver(null)
    port.deliver('garbage')
    port.deliver({ type: 'call', method: 'getEngineInfo' })
    port.deliver({ type: 'call', id: 1, method: 'getEngineInfo', payload: {} })
    port.deliver({ type: 'call', id: 2, method: 'dropDatabase', payload: {} })
    await expect(port.reply(1)).resolves.toEqual({ ok: true, value: { duckdbVersion: 'v1.5.6' } })
    await expect(port.reply(2)).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
    expect(port.types().filter((t) => t === 'result')).toHaveLength(2)
  })

  it('registerPaths registers real files and folders and answers ChosenFiles without paths', async () => {
    const csv = join(root, 'upi payments.csv')
    const csvText = 'payment_id,amount\np1,10.50\n'
    writeFileSync(csv, csvText)
    const folder = join(root, 'pix-parquet')
    mkdirSync(folder, { recursive: true })
    writeFileSync(join(folder, 'part-0.parquet'), 'PAR1....PAR1')
    const { port } = await serve(real)
    port.deliver({ type: 'host', id: 7, operation: { op: 'registerPaths', paths: [csv, folder] } })
    const result = (await port.reply(7)) as { ok: true; value: Array<Record<string, unknown>> }
    expect(result.ok).toBe(true)
    expect(result.value).toEqual([
      { fileId: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'upi payments.csv', sizeBytes: csvText.length, isFolder: false },
      { fileId: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'pix-parquet', sizeBytes: 12, isFolder: true },
    ])
    expect(JSON.stringify(result)).not.toContain(root)
  })

  it('registerPaths fails with the error of the first path that cannot be registered', async () => {
    const good = join(root, 'good.csv')
    writeFileSync(good, 'a\n1\n')
    const missing = join(root, 'missing.csv')
    const { port } = await serve(real)
    port.deliver({ type: 'host', id: 8, operation: { op: 'registerPaths', paths: [good, missing] } })
    await expect(port.reply(8)).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: `No file at ${missing}. Check the path, or choose the file again.` },
    })
  })

  it('exportedFilePath answers the path and name of an export, or the engine\'s NOT_FOUND', async () => {
    const { engine } = fakeEngine()
    const { port } = await serve(engine)
    port.deliver({ type: 'host', id: 1, operation: { op: 'exportedFilePath', fileId: 'e-1' } })
    await expect(port.reply(1)).resolves.toEqual({ ok: true, value: { path: '/project/exports/e-1.csv', name: 'e-1.csv' } })

    const { port: realPort } = await serve(real)
    realPort.deliver({ type: 'host', id: 2, operation: { op: 'exportedFilePath', fileId: 'no-such-export' } })
    await expect(realPort.reply(2)).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'That export is no longer available; export it again.', details: { fileId: 'no-such-export' } },
    })
  })

  it.each([
    ['an unknown operation', { op: 'deleteFile', path: '/etc/passwd' }],
    ['paths that are not strings', { op: 'registerPaths', paths: [1, 2] }],
    ['a missing file id', { op: 'exportedFilePath' }],
    ['no operation at all', undefined],
  ])('answers INVALID_REQUEST to %s', async (_name, operation) => {
    const { engine } = fakeEngine()
    const { port } = await serve(engine)
    port.deliver({ type: 'host', id: 3, operation })
    await expect(port.reply(3)).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    expect(engine.registerFile).not.toHaveBeenCalled()
  })

  it('on shutdown closes the engine, then posts "closed", then exits 0 (once)', async () => {
    const order: string[] = []
    const { engine } = fakeEngine({ close: vi.fn(async () => void order.push('close')) })
    const exit = vi.fn((code: number) => void order.push(`exit ${code}`))
    const { port } = await serve(engine, exit)
    const post = port.postMessage.bind(port)
    port.postMessage = (message) => (order.push(message.type), post(message))
    port.deliver({ type: 'shutdown' })
    port.deliver({ type: 'shutdown' })
    await vi.waitFor(() => expect(exit).toHaveBeenCalled())
    expect(order).toEqual(['close', 'closed', 'exit 0'])
    expect(engine.close).toHaveBeenCalledOnce()
  })

  it('still posts "closed" and exits 0 when closing fails', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const { engine } = fakeEngine({ close: vi.fn(async () => Promise.reject(new Error('checkpoint failed'))) })
    const { port, exit } = await serve(engine)
    port.deliver({ type: 'shutdown' })
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0))
    expect(port.posted.at(-1)).toEqual({ type: 'closed' })
    expect(String(stderr.mock.calls[0]?.[0])).toContain('checkpoint failed')
  })

  it('a shutdown during start-up closes the engine once it is open and never posts "ready"', async () => {
    const { engine } = fakeEngine()
    let open: (engine: HostedEngine) => void = () => undefined
    const port = new FakePort()
    const exit = vi.fn()
    const serving = utility.serveEngine(port, () => new Promise<HostedEngine>((resolve) => (open = resolve)), { exit })
    port.deliver({ type: 'shutdown' })
    open(engine)
    await serving
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0))
    expect(port.types()).toEqual(['closed'])
    expect(engine.close).toHaveBeenCalledOnce()
  })

  it('reports a start failure as "fatal" with the engine error\'s code, and still shuts down cleanly', async () => {
    const port = new FakePort()
    const exit = vi.fn()
    await utility.serveEngine(port, async () => Promise.reject(new EngineError('CONFLICT', 'The project is open in another Cashback Lab.')), { exit })
    expect(port.posted).toEqual([{ type: 'fatal', code: 'CONFLICT', message: 'The project is open in another Cashback Lab.' }])
    port.deliver({ type: 'call', id: 1, method: 'getEngineInfo', payload: {} })
    await expect(port.reply(1)).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    port.deliver({ type: 'shutdown' })
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0))
    expect(port.posted.at(-1)).toEqual({ type: 'closed' })

    const plain = new FakePort()
    await utility.serveEngine(plain, async () => Promise.reject(new Error('disk on fire')), { exit })
    expect(plain.posted).toEqual([{ type: 'fatal', code: 'INTERNAL', message: 'Unexpected error: disk on fire' }])
  })
})

describe('utility.ts entry', () => {
  it('opens the project from CASHBACK_LAB_PROJECT as the desktop host and exits 0 after shutdown', async () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never)
    const port = new FakePort()
    await loadEntry(port, join(root, 'desktop-project'))
    expect(port.posted).toEqual([{ type: 'ready' }])
    port.deliver({ type: 'call', id: 1, method: 'getEngineInfo', payload: {} })
    await expect(port.reply(1)).resolves.toMatchObject({ ok: true, value: { host: 'desktop', project: { name: 'desktop-project' } } })
    port.deliver({ type: 'shutdown' })
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0))
    expect(port.posted.at(-1)).toEqual({ type: 'closed' })
  })
})

/** main's engine manager and the utility's parent port joined back to back, as Electron would. */
function joinMainAndUtility(onMainRequest: (operation: unknown) => Promise<Result<unknown>>) {
  const port = new FakePort()
  const child = Object.assign(new EventEmitter(), {
    stdout: null,
    stderr: null,
    kill: () => true,
    postMessage: (message: { type: string }) => port.deliver(message),
  })
  const originalPost = port.postMessage.bind(port)
  port.postMessage = (message: WorkerMessage) => {
    originalPost(message)
    setImmediate(() => child.emit('message', message))
  }
  const main = createEngineProcess({ fork: () => child as unknown as EngineChild, modulePath: '/app/utility.js', projectDir: '/p', onEvent: () => undefined, onMainRequest })
  void main.start()
  return { port, main }
}

describe('printPdf: the engine asks main to print', () => {
  it('round trip: HTML written to the exports folder, main prints it with printToPDF, the engine reads the PDF and cleans up', async () => {
    const exportsDir = join(root, 'print-project', 'exports')
    const printToPDF = vi.fn(async (_options: PrintToPDFOptions) => Buffer.from('%PDF-1.7 from main'))
    const windows: Array<{ options: BrowserWindowConstructorOptions; loaded: string[]; destroyed: boolean }> = []
    const printer = createPdfPrinter({
      exportFolders: () => [exportsDir],
      createWindow: (options) => {
        const record = { options, loaded: [] as string[], destroyed: false }
        windows.push(record)
        return {
          loadFile: async (path: string) => void record.loaded.push(path),
          webContents: { printToPDF },
          isDestroyed: () => record.destroyed,
          destroy: () => void (record.destroyed = true),
        }
      },
    })
    const { port } = joinMainAndUtility(printer)
    const print = utility.desktopPdfPrinter(utility.createMainRequester(port, 5_000), () => exportsDir)
    const pdf = await print('<!doctype html><p>₹2,85,425</p>', 'Cashback report')
    expect(pdf.toString()).toBe('%PDF-1.7 from main')
    const asked = port.posted.find((m) => m.type === 'mainRequest')
    expect(asked).toMatchObject({ type: 'mainRequest', operation: { op: 'printPdf', headerTitle: 'Cashback report' } })
    expect(asked?.type === 'mainRequest' && asked.operation.htmlPath.startsWith(join(exportsDir, '.print-'))).toBe(true)
    expect(printToPDF).toHaveBeenCalledExactlyOnceWith(printToPdfOptions('Cashback report'))
    expect(windows).toHaveLength(1)
    expect(windows[0]!.options.webPreferences).toMatchObject({ sandbox: true, javascript: false })
    expect(windows[0]!.destroyed).toBe(true)
    expect(readdirSync(exportsDir)).toEqual([]) // temp HTML and PDF removed
  })

  it("main's refusal reaches the engine as an EngineError with main's code and message", async () => {
    const exportsDir = join(root, 'refused-project', 'exports')
    const createWindow = vi.fn()
    const { port } = joinMainAndUtility(createPdfPrinter({ exportFolders: () => [join(root, 'another', 'exports')], createWindow }))
    const print = utility.desktopPdfPrinter(utility.createMainRequester(port, 5_000), () => exportsDir)
    const error = await print('<p>x</p>', 'T').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EngineError)
    expect(error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining("outside the project's exports folder") })
    expect(createWindow).not.toHaveBeenCalled()
    expect(readdirSync(exportsDir)).toEqual([])
  })

  it('a main process that never answers fails with CANCELLED after the timeout; late or malformed replies are ignored', async () => {
    const port = new FakePort()
    const request = utility.createMainRequester(port, 30)
    const pending = request({ op: 'printPdf', htmlPath: '/p/exports/a.html', pdfPath: '/p/exports/a.pdf', headerTitle: 'T' })
    port.deliver({ type: 'mainReply', id: 'one', result: { ok: true, value: null } })
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'CANCELLED', message: expect.stringContaining('did not answer printPdf') } })
    port.deliver({ type: 'mainReply', id: 1, result: { ok: true, value: null } }) // too late: no effect
    const second = request({ op: 'printPdf', htmlPath: '/p/exports/b.html', pdfPath: '/p/exports/b.pdf', headerTitle: 'T' })
    port.deliver({ type: 'mainReply', id: 2, result: 'not a result' })
    await expect(second).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })

  it('main answers UNSUPPORTED when it has no printer', async () => {
    const port = new FakePort()
    const child = Object.assign(new EventEmitter(), { stdout: null, stderr: null, kill: () => true, postMessage: (message: unknown) => port.deliver(message) })
    const main = createEngineProcess({ fork: () => child as unknown as EngineChild, modulePath: '/app/utility.js', projectDir: '/p', onEvent: () => undefined })
    void main.start()
    child.emit('message', { type: 'mainRequest', id: 7, operation: { op: 'printPdf' } })
    await vi.waitFor(() => expect(port.posted).toEqual([]))
    // FakePort records only what the utility posts; the reply went to the utility side:
    const replies: unknown[] = []
    port.on('message', ({ data }) => void replies.push(data))
    child.emit('message', { type: 'mainRequest', id: 8, operation: { op: 'printPdf' } })
    await vi.waitFor(() => expect(replies).toEqual([{ type: 'mainReply', id: 8, result: { ok: false, error: { code: 'UNSUPPORTED', message: expect.any(String) } } }]))
  })

  it('htmlToPdf goes to the host printer once one is installed (the entry installs the desktop one)', async () => {
    const { htmlToPdf, setHostPdfPrinter } = await import('../../electron/engine/reports/pdf')
    const printer = vi.fn(async () => Buffer.from('%PDF host'))
    setHostPdfPrinter(printer)
    try {
      await expect(htmlToPdf('<p>x</p>', { title: 'T' })).resolves.toEqual(Buffer.from('%PDF host'))
      expect(printer).toHaveBeenCalledExactlyOnceWith('<p>x</p>', 'T')
    } finally {
      setHostPdfPrinter(null)
    }
  })
})
