// Electron main process entry (out/main/index.js): app lifecycle and the wiring of security,
// the app:// protocol, the engine utility process, IPC (engine methods and host file dialogs)
// and the main window. Layer: electron/main.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, utilityProcess } from 'electron'
import { ENGINE_EVENT_CHANNEL } from '../../common/contract'
import { appDataDir, defaultProjectDir } from '../engine/project/paths'
import { createAppUrlCheck, devServerUrl, startUrl } from './appOrigin'
import { createEngineProcess } from './engineProcess'
import { registerFileHostIpc } from './fileHost'
import { createSenderCheck, registerEngineIpc } from './ipc'
import { createPdfPrinter, PRINT_PARTITION, PrintRequestFilter, ProjectFolders } from './printPdf'
import { registerAppScheme, serveAppProtocol } from './protocol'
import { hardenContents, hardenSession } from './security'
import { desktopSettingsPath } from './settings'
import { createMainWindow } from './window'

// ESM main: no __dirname. The build puts index.js and utility.js side by side in out/main.
const mainDir = fileURLToPath(new URL('.', import.meta.url))
const UTILITY_PATH = join(mainDir, 'utility.js')
const PRELOAD_PATH = join(mainDir, '..', 'preload', 'index.cjs')
const RENDERER_DIR = join(mainDir, '..', 'renderer')

// Share the data folder with web mode and the CLI (and honour CASHBACK_LAB_HOME). This must
// happen before the single-instance lock, which lives in userData.
app.setPath('userData', appDataDir())

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  start()
}

function start(): void {
  registerAppScheme(protocol)
  const devUrl = devServerUrl(app.isPackaged)
  const isAppUrl = createAppUrlCheck(devUrl)
  const projectDir = defaultProjectDir()
  let mainWindow: BrowserWindow | null = null
  const liveWindow = (): BrowserWindow | null => (mainWindow !== null && !mainWindow.isDestroyed() ? mainWindow : null)
  // Print paths are checked against the exports folders of projects main itself has seen.
  const projects = new ProjectFolders(projectDir)
  const printRequests = new PrintRequestFilter()
  let printSessionReady = false
  const preparePrintSession = (): void => {
    if (printSessionReady) return
    printSessionReady = true
    const printSession = session.fromPartition(PRINT_PARTITION)
    hardenSession(printSession)
    // The report is self-contained: only its own file (and data: URLs) may load, nothing else.
    printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !printRequests.allows(details.url) }))
  }
  const printPdf = createPdfPrinter({
    createWindow: (options) => {
      preparePrintSession()
      return new BrowserWindow(options)
    },
    exportFolders: () => projects.exportFolders(),
    permitUrl: (url) => printRequests.permit(url),
  })

  const engine = createEngineProcess({
    fork: (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
    modulePath: UTILITY_PATH,
    projectDir,
    // First start opens the bundled sample (packaged: resources/sample; from source: datasets/sample).
    env: { ...process.env, CASHBACK_LAB_SAMPLE: app.isPackaged ? join(process.resourcesPath, 'sample') : join(app.getAppPath(), 'datasets', 'sample') },
    onEvent: (event) => liveWindow()?.webContents.send(ENGINE_EVENT_CHANNEL, event),
    onMainRequest: printPdf,
  })
  // What IPC calls: the engine, watched for the projects it opens (see ProjectFolders).
  const engineCaller = {
    call: async (...args: Parameters<typeof engine.call>) => {
      const result = await engine.call(...args)
      projects.observe(args[0], result)
      return result
    },
  }

  app.on('web-contents-created', (_event, contents) => {
    hardenContents(contents, { isAppUrl, openExternal: (url) => void shell.openExternal(url) })
  })

  app.on('second-instance', () => {
    const window = liveWindow()
    if (window === null) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  // Let the engine close DuckDB before the app goes away; quit again once it has stopped.
  let engineStopped = false
  app.on('will-quit', (event) => {
    if (engineStopped) return
    event.preventDefault()
    engineStopped = true
    void engine.stop().finally(() => app.quit())
  })

  const openWindow = (): void => {
    const window = createMainWindow({ preloadPath: PRELOAD_PATH, url: startUrl(devUrl), devTools: !app.isPackaged })
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null
    })
    mainWindow = window
  }

  app
    .whenReady()
    .then(() => {
      hardenSession(session.defaultSession)
      serveAppProtocol(protocol, RENDERER_DIR)
      const isTrustedSender = createSenderCheck((contents) => contents === liveWindow()?.webContents, isAppUrl)
      registerEngineIpc(ipcMain, engineCaller, isTrustedSender)
      registerFileHostIpc(ipcMain, { host: engine, dialog, window: liveWindow, isTrustedSender, settingsFile: () => desktopSettingsPath(app.getPath('userData')) })
      // Open DuckDB while the window loads; a failure reaches the renderer on its first call.
      void engine.start().then((started) => {
        if (!started.ok && !engineStopped) console.error(`[engine] ${started.error.message}`)
      })
      openWindow()
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow()
      })
    })
    .catch((error: unknown) => {
      console.error('Cashback Lab could not start:', error)
      app.exit(1)
    })
}
