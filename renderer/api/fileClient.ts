// The renderer's one door to the user's files and folders, without ever holding a path. Desktop:
// native dialogs (files, project folders), dropped files and "Save as" through window.engineHost.
// Web mode: uploads to ./api/upload (with progress) and downloads from ./api/download/<fileId>;
// there is no folder dialog, so "Open folder…" is not offered.
// Layer: renderer. Every call resolves to a Result; transport failures never throw.
import type { ChosenFile, EngineErrorInfo, ProjectRef, Result } from '../../common/contract'
import type { EngineHost } from '../env'
import { isResult } from './engineClient'

export interface TransferProgress {
  loaded: number
  total: number
}

export interface FileClient {
  readonly kind: 'desktop' | 'web'
  /** Desktop only: the native open dialog. Null in web mode, where the view uses <input type=file>. */
  readonly chooseFiles: ((request: { allowFolders: boolean }) => Promise<Result<ChosenFile[]>>) | null
  /** A file the user picked or dropped: registered (desktop) or uploaded (web, with progress). */
  addFile(file: File, onProgress?: (progress: TransferProgress) => void): Promise<Result<ChosenFile>>
  /** Hand an engine export (e.g. rejected rows CSV) to the user: Save-as dialog or download. */
  saveExport(file: Pick<ChosenFile, 'fileId' | 'name'>): Promise<Result<{ saved: boolean }>>
  /**
   * Desktop only: the native folder dialog for "Open folder…"; the chosen project (to pass to
   * openProject), or null when the dialog was cancelled. Null in web mode.
   */
  readonly chooseProjectFolder: (() => Promise<Result<ProjectRef | null>>) | null
}

/** The slice of XMLHttpRequest used for uploads, so tests can pass a fake. */
export type XhrLike = Pick<XMLHttpRequest, 'upload' | 'onload' | 'onerror' | 'onabort' | 'status' | 'responseText' | 'open' | 'setRequestHeader' | 'send'>

export interface WebFileOptions {
  baseUrl?: string
  createXhr?: () => XhrLike
  /** Starts a download of `url` named `name` (an <a download> click by default). */
  download?: (url: string, name: string) => void
}

function failure(code: EngineErrorInfo['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } }
}

function clickDownload(url: string, name: string): void {
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
}

/** Web mode: XMLHttpRequest uploads (fetch cannot report upload progress) and link downloads. */
export function createWebFileClient(options: WebFileOptions = {}): FileClient {
  const baseUrl = options.baseUrl ?? './api/'
  const createXhr = options.createXhr ?? ((): XhrLike => new XMLHttpRequest())
  const download = options.download ?? clickDownload

  function addFile(file: File, onProgress?: (progress: TransferProgress) => void): Promise<Result<ChosenFile>> {
    return new Promise((resolve) => {
      const xhr = createXhr()
      xhr.upload.onprogress = (event) => onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size })
      xhr.onload = () => {
        let body: unknown
        try {
          body = JSON.parse(xhr.responseText)
        } catch {
          resolve(failure('IO_ERROR', `The upload of ${file.name} failed (HTTP ${xhr.status}).`))
          return
        }
        resolve(isResult(body) ? (body as Result<ChosenFile>) : failure('INTERNAL', `The upload of ${file.name} got an unreadable answer.`))
      }
      xhr.onerror = () => resolve(failure('IO_ERROR', `The upload of ${file.name} was interrupted; check that the app is still running and try again.`))
      xhr.onabort = () => resolve(failure('CANCELLED', `The upload of ${file.name} was cancelled.`))
      xhr.open('POST', `${baseUrl}upload?name=${encodeURIComponent(file.name)}`)
      xhr.setRequestHeader('Content-Type', 'application/octet-stream')
      xhr.send(file)
    })
  }

  return {
    kind: 'web',
    chooseFiles: null,
    chooseProjectFolder: null,
    addFile,
    async saveExport(file) {
      download(`${baseUrl}download/${encodeURIComponent(file.fileId)}`, file.name)
      return { ok: true, value: { saved: true } }
    },
  }
}

/** Desktop: everything goes through the preload's engineHost; a rejected IPC call becomes a Result. */
export function createDesktopFileClient(host: EngineHost): FileClient {
  const guard = async <T>(what: string, call: () => Promise<Result<T>>): Promise<Result<T>> => {
    try {
      return await call()
    } catch (error) {
      return failure('INTERNAL', `The desktop bridge failed to ${what} (${error instanceof Error ? error.message : String(error)}).`)
    }
  }
  return {
    kind: 'desktop',
    chooseFiles: (request) => guard('open the file dialog', () => host.chooseFiles(request)),
    chooseProjectFolder: () => guard('open the folder dialog', () => host.chooseProjectFolder()),
    async addFile(file, onProgress) {
      const result = await guard('register the dropped file', () => host.registerDroppedFiles([file]))
      if (!result.ok) return result
      const chosen = result.value[0]
      if (chosen === undefined) return failure('NOT_FOUND', `${file.name} could not be opened from disk.`)
      onProgress?.({ loaded: file.size, total: file.size })
      return { ok: true, value: chosen }
    },
    async saveExport(file) {
      const result = await guard('save the file', () => host.saveFile({ fileId: file.fileId, suggestedName: file.name }))
      return result.ok ? { ok: true, value: { saved: result.value.saved } } : result
    },
  }
}

export function createFileClient(): FileClient {
  if (typeof window !== 'undefined' && window.engineHost !== undefined) return createDesktopFileClient(window.engineHost)
  return createWebFileClient()
}

let active: FileClient | null = null

/** The app-wide file client (created on first use). */
export function useFileClient(): FileClient {
  active ??= createFileClient()
  return active
}

/** Replace the app-wide file client (tests pass a fake; null goes back to auto-detection). */
export function setFileClient(client: FileClient | null): void {
  active = client
}
