// Host file operations in main: open/save dialogs (mocked) and dropped paths, behind the same
// sender check as engine calls; payloads validated; answers are Results holding ids, not paths.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserWindow, WebContents } from 'electron'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { HOST_CHANNELS, fail, ok, type HostOperation, type Result } from '../../common/contract'
import { createAppUrlCheck } from '../../electron/main/appOrigin'
import { DATA_FILE_EXTENSIONS, openDialogOptions, registerFileHostIpc, saveDialogOptions, type FileDialogs } from '../../electron/main/fileHost'
import { createSenderCheck, type IpcSender } from '../../electron/main/ipc'

type Handler = (event: IpcSender, ...args: unknown[]) => Promise<Result<unknown>>

const ourContents = { id: 1 } as unknown as WebContents
const ourWindow = { id: 'main-window' } as unknown as BrowserWindow
const fromUs = { sender: ourContents, senderFrame: { url: 'app://cashback-lab/index.html', parent: null } } as unknown as IpcSender
const fromStranger = { sender: ourContents, senderFrame: { url: 'https://evil.example/', parent: null } } as unknown as IpcSender

const root = mkdtempSync(join(tmpdir(), 'cbl-filehost-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** A registerPaths answer as a careless engine might give it: with the path in each entry. */
const withPaths = (paths: string[]) =>
  paths.map((path, index) => ({ fileId: `f-${index}`, name: path.split('/').at(-1) ?? path, sizeBytes: 100 + index, isFolder: false, path }))

function setup(options: { window?: BrowserWindow | null; copyFile?: (from: string, to: string) => Promise<void>; settingsFile?: string } = {}) {
  const handlers = new Map<string, Handler>()
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => void handlers.set(channel, handler)),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
  }
  const callHost = vi.fn(async (operation: HostOperation): Promise<Result<unknown>> => {
    if (operation.op === 'registerPaths') return ok(withPaths(operation.paths))
    return fail('NOT_FOUND', 'That export is no longer available; export it again.')
  })
  const dialog = {
    showOpenDialog: vi.fn<FileDialogs['showOpenDialog']>(async () => ({ canceled: true, filePaths: [] })),
    showSaveDialog: vi.fn<FileDialogs['showSaveDialog']>(async () => ({ canceled: true, filePath: '' })),
  }
  const isTrustedSender = createSenderCheck((contents) => contents === ourContents, createAppUrlCheck(null))
  const window = options.window === undefined ? ourWindow : options.window
  const unregister = registerFileHostIpc(ipcMain as never, { host: { callHost }, dialog, window: () => window, isTrustedSender, copyFile: options.copyFile, ...(options.settingsFile === undefined ? {} : { settingsFile: () => options.settingsFile! }) })
  const invoke = (channel: string, event: IpcSender, ...args: unknown[]) => {
    const handler = handlers.get(channel)
    if (handler === undefined) throw new Error(`no handler for ${channel}`)
    return handler(event, ...args)
  }
  return { handlers, callHost, dialog, invoke, unregister }
}

beforeEach(() => {
  vi.restoreAllMocks()
})

describe('registerFileHostIpc', () => {
  it('registers exactly one handler per HOST_CHANNELS entry, and removes them again', () => {
    const { handlers, unregister } = setup()
    expect([...handlers.keys()].sort()).toEqual(Object.values(HOST_CHANNELS).sort())
    unregister()
    expect(handlers.size).toBe(0)
  })

  it.each(Object.values(HOST_CHANNELS))('%s refuses a foreign sender without opening a dialog or reaching the engine', async (channel) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const { invoke, dialog, callHost } = setup()
    const result = await invoke(channel, fromStranger, { allowFolders: false })
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(dialog.showOpenDialog).not.toHaveBeenCalled()
    expect(dialog.showSaveDialog).not.toHaveBeenCalled()
    expect(callHost).not.toHaveBeenCalled()
    expect(warn).toHaveBeenCalledOnce()
  })

  it.each([
    [HOST_CHANNELS.chooseFiles, [{ allowFolders: 'yes' }]],
    [HOST_CHANNELS.chooseFiles, [{ allowFolders: true, defaultPath: '/etc' }]],
    [HOST_CHANNELS.chooseFiles, [{}, {}]],
    [HOST_CHANNELS.registerDroppedFiles, [[]]],
    [HOST_CHANNELS.registerDroppedFiles, ['/etc/passwd']],
    [HOST_CHANNELS.registerDroppedFiles, [[42]]],
    [HOST_CHANNELS.saveFile, [{ fileId: 'e-1' }]],
    [HOST_CHANNELS.saveFile, [{ fileId: 'e-1', suggestedName: 'x.csv', targetPath: '/tmp/x.csv' }]],
    [HOST_CHANNELS.saveFile, [undefined]],
  ])('%s refuses the bad payload %j with INVALID_REQUEST', async (channel, args) => {
    const { invoke, dialog, callHost } = setup()
    const result = await invoke(channel, fromUs, ...args)
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    expect(dialog.showOpenDialog).not.toHaveBeenCalled()
    expect(callHost).not.toHaveBeenCalled()
  })
})

describe('host:chooseFiles', () => {
  it('answers an empty list when the dialog is cancelled', async () => {
    const { invoke, dialog, callHost } = setup()
    await expect(invoke(HOST_CHANNELS.chooseFiles, fromUs, {})).resolves.toEqual({ ok: true, value: [] })
    expect(dialog.showOpenDialog).toHaveBeenCalledExactlyOnceWith(ourWindow, openDialogOptions(false))
    expect(callHost).not.toHaveBeenCalled()
  })

  it('registers the chosen paths and answers ChosenFiles without any path', async () => {
    const { invoke, dialog, callHost } = setup()
    const paths = ['/home/asha/data/upi-payments.csv', '/home/asha/data/pix.parquet']
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: paths })
    const result = await invoke(HOST_CHANNELS.chooseFiles, fromUs, { allowFolders: false })
    expect(callHost).toHaveBeenCalledExactlyOnceWith({ op: 'registerPaths', paths })
    expect(result).toEqual({
      ok: true,
      value: [
        { fileId: 'f-0', name: 'upi-payments.csv', sizeBytes: 100, isFolder: false },
        { fileId: 'f-1', name: 'pix.parquet', sizeBytes: 101, isFolder: false },
      ],
    })
    expect(JSON.stringify(result)).not.toContain('/home/asha')
  })

  it('offers files (several), data-file filters, and folders only when asked', async () => {
    const { invoke, dialog } = setup()
    await invoke(HOST_CHANNELS.chooseFiles, fromUs, { allowFolders: true })
    const options = dialog.showOpenDialog.mock.calls[0]?.[1]
    expect(options?.properties).toEqual(['openFile', 'multiSelections', 'openDirectory'])
    expect(options?.filters).toEqual([
      { name: 'Data files', extensions: [...DATA_FILE_EXTENSIONS] },
      { name: 'All files', extensions: ['*'] },
    ])
    expect(DATA_FILE_EXTENSIONS).toEqual(['csv', 'tsv', 'txt', 'gz', 'parquet', 'json', 'ndjson', 'jsonl', 'xlsx'])
    expect(openDialogOptions(false).properties).toEqual(['openFile', 'multiSelections'])
  })

  it('passes a registration failure on as the Result of that path', async () => {
    const { invoke, dialog, callHost } = setup()
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/gone.csv'] })
    callHost.mockResolvedValueOnce(fail('NOT_FOUND', 'No file at /gone.csv. Check the path, or choose the file again.'))
    await expect(invoke(HOST_CHANNELS.chooseFiles, fromUs, {})).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No file at /gone.csv. Check the path, or choose the file again.' },
    })
  })

  it('answers INTERNAL when the engine reply is not a list of files', async () => {
    const { invoke, dialog, callHost } = setup()
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/a.csv'] })
    callHost.mockResolvedValueOnce(ok({ path: '/a.csv' }))
    await expect(invoke(HOST_CHANNELS.chooseFiles, fromUs, {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })

  it('answers CONFLICT instead of opening an unparented dialog when the window is gone', async () => {
    const { invoke, dialog } = setup({ window: null })
    await expect(invoke(HOST_CHANNELS.chooseFiles, fromUs, {})).resolves.toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(dialog.showOpenDialog).not.toHaveBeenCalled()
  })
})

describe('host:registerDroppedFiles', () => {
  it('registers the dropped paths and answers ChosenFiles without any path', async () => {
    const { invoke, callHost } = setup()
    const result = await invoke(HOST_CHANNELS.registerDroppedFiles, fromUs, ['/Users/rafael/Downloads/pix.csv'])
    expect(callHost).toHaveBeenCalledExactlyOnceWith({ op: 'registerPaths', paths: ['/Users/rafael/Downloads/pix.csv'] })
    expect(result).toEqual({ ok: true, value: [{ fileId: 'f-0', name: 'pix.csv', sizeBytes: 100, isFolder: false }] })
  })
})

describe('host:saveFile', () => {
  it('looks up the export, asks where to save it and copies it there', async () => {
    const source = join(root, 'exports-rejected.csv')
    writeFileSync(source, 'line,reason\n3,bad date\n')
    const target = join(root, 'my rejects.csv')
    const { invoke, dialog, callHost } = setup()
    callHost.mockResolvedValueOnce(ok({ path: source, name: 'rejected-rows-1234abcd.csv' }))
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target })
    const result = await invoke(HOST_CHANNELS.saveFile, fromUs, { fileId: 'e-1', suggestedName: 'rejected-rows-1234abcd.csv' })
    expect(callHost).toHaveBeenCalledExactlyOnceWith({ op: 'exportedFilePath', fileId: 'e-1' })
    expect(dialog.showSaveDialog).toHaveBeenCalledExactlyOnceWith(ourWindow, saveDialogOptions('rejected-rows-1234abcd.csv', null))
    expect(dialog.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({ defaultPath: 'rejected-rows-1234abcd.csv', properties: expect.arrayContaining(['showOverwriteConfirmation']) })
    expect(result).toEqual({ ok: true, value: { saved: true, name: 'my rejects.csv' } })
    expect(readFileSync(target, 'utf8')).toBe('line,reason\n3,bad date\n')
  })

  it('answers saved: false and copies nothing when the dialog is cancelled', async () => {
    const copyFile = vi.fn(async () => undefined)
    const { invoke, callHost, dialog } = setup({ copyFile })
    callHost.mockResolvedValueOnce(ok({ path: '/exports/x.csv', name: 'x.csv' }))
    const result = await invoke(HOST_CHANNELS.saveFile, fromUs, { fileId: 'e-1', suggestedName: 'x.csv' })
    expect(result).toEqual({ ok: true, value: { saved: false } })
    expect(dialog.showSaveDialog).toHaveBeenCalledOnce()
    expect(copyFile).not.toHaveBeenCalled()
  })

  it('suggests only a file name, never a folder from the renderer', async () => {
    const { invoke, callHost, dialog } = setup()
    callHost.mockResolvedValueOnce(ok({ path: '/exports/x.csv', name: 'x.csv' }))
    await invoke(HOST_CHANNELS.saveFile, fromUs, { fileId: 'e-1', suggestedName: '../../.config\\autostart/evil.csv' })
    expect(dialog.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({ defaultPath: 'evil.csv' })
  })

  it('passes an unknown export on as NOT_FOUND without opening the dialog', async () => {
    const { invoke, dialog } = setup()
    const result = await invoke(HOST_CHANNELS.saveFile, fromUs, { fileId: 'e-unknown', suggestedName: 'x.csv' })
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(dialog.showSaveDialog).not.toHaveBeenCalled()
  })

  it('answers IO_ERROR when the copy fails', async () => {
    const { invoke, callHost, dialog } = setup()
    callHost.mockResolvedValueOnce(ok({ path: join(root, 'does-not-exist.csv'), name: 'x.csv' }))
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(root, 'out.csv') })
    const result = await invoke(HOST_CHANNELS.saveFile, fromUs, { fileId: 'e-1', suggestedName: 'x.csv' })
    expect(result).toMatchObject({ ok: false, error: { code: 'IO_ERROR', message: expect.stringContaining('out.csv could not be saved there (ENOENT)') } })
  })

  it('turns an unexpected throw (a dialog failing) into an INTERNAL Result', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const { invoke, callHost, dialog } = setup()
    callHost.mockResolvedValueOnce(ok({ path: '/exports/x.csv', name: 'x.csv' }))
    dialog.showSaveDialog.mockRejectedValueOnce(new Error('no display'))
    await expect(invoke(HOST_CHANNELS.saveFile, fromUs, { fileId: 'e-1', suggestedName: 'x.csv' })).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'host:saveFile failed in the main process: no display' },
    })
    expect(error).toHaveBeenCalledOnce()
  })

  it('starts in the remembered folder, remembers the new one, and replaces a confirmed file atomically', async () => {
    const settingsFile = join(root, 'settings-a', 'desktop-settings.json')
    mkdirSync(join(root, 'settings-a'), { recursive: true })
    const first = join(root, 'first')
    const second = join(root, 'second')
    mkdirSync(first, { recursive: true })
    mkdirSync(second, { recursive: true })
    const source = join(root, 'report-src.pdf')
    writeFileSync(source, '%PDF-new')
    const { invoke, callHost, dialog } = setup({ settingsFile })
    callHost.mockResolvedValue(ok({ path: source, name: 'report.pdf' }))

    // No settings yet: the dialog gets only the name; the folder the user picks is remembered.
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(first, 'report.pdf') })
    await invoke(HOST_CHANNELS.saveFile, fromUs, { fileId: 'e-1', suggestedName: 'report.pdf' })
    expect(dialog.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({ defaultPath: 'report.pdf', filters: [{ extensions: ['pdf'] }, { extensions: ['*'] }] })
    expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toEqual({ lastSaveFolder: first })

    // Next time the dialog opens there; an existing file the dialog confirmed is replaced whole.
    writeFileSync(join(second, 'report.pdf'), '%PDF-old')
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(second, 'report.pdf') })
    const result = await invoke(HOST_CHANNELS.saveFile, fromUs, { fileId: 'e-1', suggestedName: 'report.pdf' })
    expect(dialog.showSaveDialog.mock.calls[1]?.[1]).toMatchObject({ defaultPath: join(first, 'report.pdf') })
    expect(result).toEqual({ ok: true, value: { saved: true, name: 'report.pdf' } })
    expect(readFileSync(join(second, 'report.pdf'), 'utf8')).toBe('%PDF-new')
    expect(readdirSync(second)).toEqual(['report.pdf']) // no temp file left behind
    expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toEqual({ lastSaveFolder: second })
  })

  it('does not remember anything when the dialog is cancelled or the copy fails', async () => {
    const settingsFile = join(root, 'settings-b.json')
    const { invoke, callHost, dialog } = setup({ settingsFile })
    callHost.mockResolvedValue(ok({ path: join(root, 'missing.csv'), name: 'x.csv' }))
    await invoke(HOST_CHANNELS.saveFile, fromUs, { fileId: 'e-1', suggestedName: 'x.csv' })
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(root, 'x.csv') })
    await expect(invoke(HOST_CHANNELS.saveFile, fromUs, { fileId: 'e-1', suggestedName: 'x.csv' })).resolves.toMatchObject({ ok: false, error: { code: 'IO_ERROR' } })
    expect(existsSync(settingsFile)).toBe(false)
  })
})
