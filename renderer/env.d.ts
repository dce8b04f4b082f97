// Globals the renderer can see: the Electron preload bridge (absent in web mode and tests).
// Layer: renderer. Only renderer/api/engineClient.ts reads window.engine / window.engineEvents.
import type { EngineApi, EngineEventListener } from '../common/contract'

declare global {
  interface Window {
    /** The EngineApi exposed by electron/preload via contextBridge. */
    engine?: EngineApi
    /** Engine push events (task progress) forwarded by electron/preload. */
    engineEvents?: { onEngineEvent(listener: EngineEventListener): () => void }
  }
}

export {}
