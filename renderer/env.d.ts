// Globals the renderer can see: the Electron preload bridge (absent in web mode and tests).
// Layer: renderer. Only renderer/api/engineClient.ts reads window.engine / window.engineEvents,
// and only renderer/api/fileClient.ts reads window.engineHost.
import type { ChosenFile, EngineApi, EngineEventListener, ProjectRef, Result } from '../common/contract'

/** The desktop host's file operations (dialogs, drops, Save as, project folders), answered by Electron main. */
export interface EngineHost {
  chooseFiles(request: { allowFolders: boolean }): Promise<Result<ChosenFile[]>>
  /** Dropped files: the preload reads their paths; the page only ever gets ids back. */
  registerDroppedFiles(files: File[]): Promise<Result<ChosenFile[]>>
  saveFile(request: { fileId: string; suggestedName: string }): Promise<Result<{ saved: boolean; name?: string }>>
  /** The native folder dialog for "Open folder…": the chosen project, or null when cancelled. */
  chooseProjectFolder(): Promise<Result<ProjectRef | null>>
}

declare global {
  interface Window {
    /** The EngineApi exposed by electron/preload via contextBridge. */
    engine?: EngineApi
    /** Engine push events (task progress) forwarded by electron/preload. */
    engineEvents?: { onEngineEvent(listener: EngineEventListener): () => void }
    /** File and folder dialogs, drops and Save as, exposed by electron/preload. */
    engineHost?: EngineHost
  }
}

export {}
