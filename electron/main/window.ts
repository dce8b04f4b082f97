// The main window: locked-down webPreferences, shown once painted, loading our own origin.
// Layer: electron/main.
import { BrowserWindow, nativeTheme } from 'electron'
import { secureWebPreferences } from './webPreferences'

/** The product name, used as the window title. */
export const WINDOW_TITLE = 'Cashback Lab'

/** The renderer's page background (--color-bg, light and dark), so the window does not flash. */
export const WINDOW_BACKGROUND = { light: '#f5f6f8', dark: '#14171c' } as const

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
    backgroundColor: nativeTheme.shouldUseDarkColors ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light,
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
