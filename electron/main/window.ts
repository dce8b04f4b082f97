// The main window: locked-down webPreferences, shown once painted, loading our own origin.
// Layer: electron/main.
import { BrowserWindow } from 'electron'
import { secureWebPreferences } from './webPreferences'

/** The product name, used as the window title. */
export const WINDOW_TITLE = 'Cashback Lab'

/** Matches the renderer's page background, so the window does not flash while loading. */
export const WINDOW_BACKGROUND = '#f5f6f8'

export interface MainWindowOptions {
  /** Absolute path of out/preload/index.cjs. */
  preloadPath: string
  /** app://cashback-lab/index.html, or the dev server URL in development. */
  url: string
  /** Allow DevTools (unpackaged app only). */
  devTools: boolean
}

/** Create and load the main window; it becomes visible on 'ready-to-show'. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: WINDOW_TITLE,
    backgroundColor: WINDOW_BACKGROUND,
    show: false,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(options.preloadPath, options.devTools),
  })
  window.once('ready-to-show', () => window.show())
  // If the page cannot load, show the window anyway so the user is not left with nothing.
  window.webContents.once('did-fail-load', () => {
    if (!window.isDestroyed() && !window.isVisible()) window.show()
  })
  window.loadURL(options.url).catch((error: unknown) => {
    console.error(`[window] could not load ${options.url}:`, error)
  })
  return window
}
