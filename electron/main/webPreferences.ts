// The one set of webPreferences every Cashback Lab window uses (Electron security checklist).
// Layer: electron/main (pure: no electron runtime import, so it is testable without Electron).
import type { WebPreferences } from 'electron'

/**
 * Locked-down webPreferences: sandboxed, context-isolated renderer with no Node, no <webview>,
 * web security on. DevTools are allowed only when `devTools` is true (unpackaged app).
 */
export function secureWebPreferences(preloadPath: string, devTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    devTools,
  }
}
