// Preload (sandboxed, bundled to out/preload/index.cjs): exposes exactly the EngineApi methods as
// window.engine, one event subscription as window.engineEvents and the host file operations as
// window.engineHost. Nothing else, no raw ipcRenderer. Layer: electron/preload — imports only
// electron and the pure method/channel list.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import { ENGINE_EVENT_CHANNEL, ENGINE_METHODS, HOST_CHANNELS, channelOf } from '../../common/contract/methods'

type EngineMethodName = (typeof ENGINE_METHODS)[number]

/** window.engine: one function per method, each invoking `engine:<method>` with one request. */
const engine = Object.fromEntries(
  ENGINE_METHODS.map((method) => [method, (request: unknown): Promise<unknown> => ipcRenderer.invoke(channelOf(method), request)]),
) as Record<EngineMethodName, (request: unknown) => Promise<unknown>>

/** window.engineEvents: subscribe to engine push events; returns the unsubscribe function. */
const engineEvents = {
  onEngineEvent(callback: (event: unknown) => void): () => void {
    if (typeof callback !== 'function') throw new TypeError('onEngineEvent needs a callback function.')
    // Pass on only the payload: the IpcRendererEvent would give the page a handle on ipcRenderer.
    const listener = (_event: IpcRendererEvent, payload: unknown): void => callback(payload)
    ipcRenderer.on(ENGINE_EVENT_CHANNEL, listener)
    return () => {
      ipcRenderer.removeListener(ENGINE_EVENT_CHANNEL, listener)
    }
  },
}

/**
 * window.engineHost: file dialogs, drops and "Save as", answered by main. Every answer is a
 * Result holding file ids and names; the page never sees a path, not even of a dropped file.
 */
const engineHost = {
  chooseFiles(request: unknown): Promise<unknown> {
    return ipcRenderer.invoke(HOST_CHANNELS.chooseFiles, request)
  },
  /** Dropped files: the path is read here, in the isolated preload, and goes straight to main. */
  registerDroppedFiles(files: unknown): Promise<unknown> {
    const paths = droppedPaths(files)
    if (paths === null) {
      return Promise.resolve({ ok: false, error: { code: 'INVALID_REQUEST', message: 'Only files dropped from your computer can be imported.' } })
    }
    return ipcRenderer.invoke(HOST_CHANNELS.registerDroppedFiles, paths)
  },
  saveFile(request: unknown): Promise<unknown> {
    return ipcRenderer.invoke(HOST_CHANNELS.saveFile, request)
  },
  /** "Open folder…": answers a project reference for openProject (or null when cancelled). */
  chooseProjectFolder(): Promise<unknown> {
    return ipcRenderer.invoke(HOST_CHANNELS.chooseProjectFolder, {})
  },
}

/** The paths of dropped File objects (an array or a FileList), or null when none is a file from disk. */
function droppedPaths(files: unknown): string[] | null {
  if (files === null || typeof files !== 'object') return null
  // A FileList may cross the context bridge as a plain array-like object, so accept both.
  const list = Symbol.iterator in files || typeof (files as { length?: unknown }).length === 'number' ? Array.from(files as ArrayLike<unknown>) : []
  const paths: string[] = []
  for (const file of list) {
    try {
      // '' for files that do not come from disk (made by script, pasted from memory).
      const path = webUtils.getPathForFile(file as File)
      if (path !== '') paths.push(path)
    } catch {
      // Not a File at all: skip it, like any other non-file drop.
    }
  }
  return paths.length === 0 ? null : paths
}

contextBridge.exposeInMainWorld('engine', engine)
contextBridge.exposeInMainWorld('engineEvents', engineEvents)
contextBridge.exposeInMainWorld('engineHost', engineHost)
