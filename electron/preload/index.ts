// Preload (sandboxed, bundled to out/preload/index.cjs): exposes exactly the EngineApi methods as
// window.engine and one event subscription as window.engineEvents. Nothing else, no raw ipcRenderer.
// Layer: electron/preload — imports only electron and the pure method list.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { ENGINE_EVENT_CHANNEL, ENGINE_METHODS, channelOf } from '../../common/contract/methods'

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

contextBridge.exposeInMainWorld('engine', engine)
contextBridge.exposeInMainWorld('engineEvents', engineEvents)
