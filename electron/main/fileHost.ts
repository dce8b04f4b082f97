// The desktop host's file operations: open/save dialogs and dropped files, answered in main so
// the renderer only ever holds file ids, never paths. Layer: electron/main. Each channel of
// HOST_CHANNELS gets one ipcMain.handle behind the same guard as the engine methods (ipc.ts).
import { basename, dirname, extname, join } from 'node:path'
import type { BrowserWindow, IpcMain, OpenDialogOptions, OpenDialogReturnValue, SaveDialogOptions, SaveDialogReturnValue } from 'electron'
import { z } from 'zod'
import {
  HOST_CHANNELS,
  projectRefSchema,
  chooseFilesRequestSchema,
  chosenFileSchema,
  droppedPathsSchema,
  fail,
  ok,
  saveFileRequestSchema,
  type ChosenFile,
  type HostOperation,
  type Result,
} from '../../common/contract'
import { copyFileAtomic } from './atomicFile'
import { guardedInvoke, type SenderCheck } from './ipc'
import { lastSaveFolder, rememberSaveFolder } from './settings'

/** Whatever answers host operations (the engine utility process in the app, a fake in tests). */
export interface HostCaller {
  callHost(operation: HostOperation): Promise<Result<unknown>>
}

/** The slice of Electron's `dialog` used here (always parented to our window). */
export interface FileDialogs {
  showOpenDialog(window: BrowserWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>
  showSaveDialog(window: BrowserWindow, options: SaveDialogOptions): Promise<SaveDialogReturnValue>
}

export interface FileHostOptions {
  host: HostCaller
  dialog: FileDialogs
  /** The window dialogs belong to (the main window), or null when it is gone. */
  window: () => BrowserWindow | null
  isTrustedSender: SenderCheck
  /** Copies an export to where the user saved it; defaults to copyFileAtomic (temp + rename). */
  copyFile?: (from: string, to: string) => Promise<void>
  /**
   * The desktop settings file (remembers the last save folder), e.g.
   * join(app.getPath('userData'), DESKTOP_SETTINGS_FILE). Without it nothing is remembered.
   */
  settingsFile?: () => string
}

/** What host:saveFile answers: whether the user saved, and the saved file's name (not its path). */
export type SaveFileResult = { saved: true; name: string } | { saved: false }

/** Extensions the import understands; "All files" stays available for oddly named sources. */
export const DATA_FILE_EXTENSIONS = ['csv', 'tsv', 'txt', 'gz', 'parquet', 'json', 'ndjson', 'jsonl', 'xlsx'] as const

const chosenFilesSchema = z.array(chosenFileSchema)
const exportedFileSchema = z.object({ path: z.string().min(1), name: z.string() })

/**
 * Register a handler for every HOST_CHANNELS entry. Returns a function that removes them again.
 * Handlers never throw and always answer a Result.
 */
export function registerFileHostIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, options: FileHostOptions): () => void {
  const handlers: Record<keyof typeof HOST_CHANNELS, (payload: unknown) => Promise<Result<unknown>>> = {
    chooseFiles: (payload) => chooseFiles(payload, options),
    chooseProjectFolder: (payload) => chooseProjectFolder(payload, options),
    registerDroppedFiles: (payload) => registerDroppedFiles(payload, options),
    saveFile: (payload) => saveFile(payload, options),
  }
  for (const [key, channel] of Object.entries(HOST_CHANNELS) as [keyof typeof HOST_CHANNELS, string][]) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => guardedInvoke(channel, event, args, options.isTrustedSender, handlers[key]))
  }
  return () => {
    for (const channel of Object.values(HOST_CHANNELS)) ipcMain.removeHandler(channel)
  }
}

/** The open dialog's options: files (several at once), plus folders of Parquet files if asked. */
export function openDialogOptions(allowFolders: boolean): OpenDialogOptions {
  return {
    title: allowFolders ? 'Choose data files or a folder of Parquet files' : 'Choose data files',
    properties: allowFolders ? ['openFile', 'multiSelections', 'openDirectory'] : ['openFile', 'multiSelections'],
    filters: [
      { name: 'Data files', extensions: [...DATA_FILE_EXTENSIONS] },
      { name: 'All files', extensions: ['*'] },
    ],
  }
}

async function chooseFiles(payload: unknown, options: FileHostOptions): Promise<Result<ChosenFile[]>> {
  const request = parse(HOST_CHANNELS.chooseFiles, chooseFilesRequestSchema, payload === undefined ? {} : payload)
  if (!request.ok) return request
  const window = options.window()
  if (window === null) return windowGone()
  const choice = await options.dialog.showOpenDialog(window, openDialogOptions(request.value.allowFolders))
  if (choice.canceled || choice.filePaths.length === 0) return ok([])
  return registerPaths(choice.filePaths, options.host)
}

/** "Open folder…": a folder dialog; the engine answers a project reference, never the path back. */
async function chooseProjectFolder(payload: unknown, options: FileHostOptions): Promise<Result<unknown>> {
  if (payload !== undefined && !(typeof payload === 'object' && payload !== null && Object.keys(payload).length === 0)) {
    return fail('INVALID_REQUEST', `${HOST_CHANNELS.chooseProjectFolder} takes no arguments.`)
  }
  const window = options.window()
  if (window === null) return windowGone()
  const choice = await options.dialog.showOpenDialog(window, { title: 'Open or create a project folder', properties: ['openDirectory', 'createDirectory'] })
  if (choice.canceled || choice.filePaths.length === 0) return ok(null)
  const registered = await options.host.callHost({ op: 'registerProjectFolder', path: choice.filePaths[0]! })
  if (!registered.ok) return registered
  const ref = projectRefSchema.safeParse(registered.value)
  return ref.success ? ok(ref.data) : fail('INTERNAL', 'The engine answered the folder with something that is not a project reference.')
}

async function registerDroppedFiles(payload: unknown, options: FileHostOptions): Promise<Result<ChosenFile[]>> {
  const paths = parse(HOST_CHANNELS.registerDroppedFiles, droppedPathsSchema, payload)
  if (!paths.ok) return paths
  return registerPaths(paths.value, options.host)
}

async function saveFile(payload: unknown, options: FileHostOptions): Promise<Result<SaveFileResult>> {
  const request = parse(HOST_CHANNELS.saveFile, saveFileRequestSchema, payload)
  if (!request.ok) return request
  const found = await options.host.callHost({ op: 'exportedFilePath', fileId: request.value.fileId })
  if (!found.ok) return found
  const source = exportedFileSchema.safeParse(found.value)
  if (!source.success) return fail('INTERNAL', 'The engine answered the export lookup with something that is not a file.')
  const window = options.window()
  if (window === null) return windowGone()
  // Only a name, never a folder, from the renderer: the dialog starts in the last folder used.
  const suggested = basename(request.value.suggestedName.replaceAll('\\', '/'))
  const settingsFile = options.settingsFile?.()
  const folder = settingsFile === undefined ? null : await lastSaveFolder(settingsFile)
  const choice = await options.dialog.showSaveDialog(window, saveDialogOptions(suggested, folder))
  if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return ok({ saved: false })
  // The OS dialog has already asked before an existing file is replaced (Windows and macOS always,
  // Linux by showOverwriteConfirmation), so replacing it here is what the user confirmed.
  const name = basename(choice.filePath)
  try {
    await (options.copyFile ?? copyFileAtomic)(source.data.path, choice.filePath)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    return fail('IO_ERROR', `${name} could not be saved there (${code}). Choose another folder, or check that the disk has room.`, { errno: code })
  }
  if (settingsFile !== undefined) {
    // Remembering the folder is a convenience: the save itself has succeeded either way.
    await rememberSaveFolder(settingsFile, dirname(choice.filePath)).catch((error: unknown) => console.warn('[files] could not remember the save folder:', error))
  }
  return ok({ saved: true, name })
}

/**
 * The save dialog: starts in `lastFolder` (else the OS default) with the suggested name, filters
 * by its extension, and confirms before replacing an existing file (showOverwriteConfirmation is
 * the Linux switch; Windows and macOS always ask).
 */
export function saveDialogOptions(suggestedName: string, lastFolder: string | null): SaveDialogOptions {
  const extension = extname(suggestedName).slice(1).toLowerCase()
  return {
    title: 'Save export',
    defaultPath: lastFolder === null ? suggestedName : join(lastFolder, suggestedName),
    properties: ['createDirectory', 'showOverwriteConfirmation'],
    filters: extension === '' ? [{ name: 'All files', extensions: ['*'] }] : [{ name: extension.toUpperCase(), extensions: [extension] }, { name: 'All files', extensions: ['*'] }],
  }
}

/** Register paths with the engine and hand back only ids, names and sizes. */
async function registerPaths(paths: string[], host: HostCaller): Promise<Result<ChosenFile[]>> {
  const registered = await host.callHost({ op: 'registerPaths', paths })
  if (!registered.ok) return registered
  // Parse (zod drops unknown keys): even a faulty engine reply cannot hand the renderer a path.
  const files = chosenFilesSchema.safeParse(registered.value)
  return files.success ? ok(files.data) : fail('INTERNAL', 'The engine answered the file registration with something that is not a list of files.')
}

function parse<T>(channel: string, schema: z.ZodType<T, unknown>, payload: unknown): Result<T> {
  const parsed = schema.safeParse(payload)
  if (parsed.success) return ok(parsed.data)
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(request)', message: issue.message }))
  return fail('INVALID_REQUEST', `Invalid request for ${channel}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues })
}

function windowGone(): Result<never> {
  return fail('CONFLICT', 'The Cashback Lab window is closing; try again once it is open.')
}
