// The desktop PDF printer: the engine (utility process, no webContents) asks main for the host
// operation `printPdf` { htmlPath, pdfPath, headerTitle }; main loads the report HTML in a hidden,
// sandboxed window without JavaScript, preload or network, prints it with
// webContents.printToPDF (A4, backgrounds, header with the title, footer "Page n of N"), writes
// the PDF atomically and destroys the window, also on failure. Both paths must lie directly in
// the exports folder of a project main knows. Layer: electron/main (electron objects injected).
import { lstat, realpath } from 'node:fs/promises'
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { BrowserWindowConstructorOptions, PrintToPDFOptions } from 'electron'
import { fail, ok, printPdfOperationSchema, type EngineMethod, type PrintPdfOperation, type Result } from '../../common/contract'
import { writeFileAtomic } from './atomicFile'

/** The in-memory session partition print windows use (nothing persisted, network cancelled). */
export const PRINT_PARTITION = 'cashback-lab-print'

/** How long one print may take before the window is destroyed and the engine told (default). */
export const PRINT_TIMEOUT_MS = 60_000

/** The slice of a BrowserWindow the printer uses (a fake in tests). */
export interface PrintWindow {
  loadFile(path: string): Promise<void>
  readonly webContents: { printToPDF(options: PrintToPDFOptions): Promise<Buffer | Uint8Array> }
  isDestroyed(): boolean
  destroy(): void
}

export interface PdfPrinterOptions {
  /** `new BrowserWindow(options)` in the app. */
  createWindow: (options: BrowserWindowConstructorOptions) => PrintWindow
  /** The exports folders of the projects main knows (see ProjectFolders). */
  exportFolders: () => Iterable<string>
  /** Lets the print session load exactly this file URL while the print runs; returns the undo. */
  permitUrl?: (fileUrl: string) => () => void
  /** Writes the PDF; defaults to writeFileAtomic (temp + fsync + rename). */
  writeFile?: (path: string, bytes: Uint8Array) => Promise<void>
  timeoutMs?: number
}

/** The hidden print window: sandboxed, isolated, no Node, no preload, no JavaScript, no DevTools. */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794, // A4 at 96 dpi; printToPDF lays out by the page size anyway
    height: 1123,
    webPreferences: {
      partition: PRINT_PARTITION,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      // The report is static HTML + inline SVG (renderHtml writes no scripts).
      javascript: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
    },
  }
}

const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
const SMALL = 'font-size:8px;color:#566072;font-family:system-ui,sans-serif;width:100%;padding:0 14mm;display:flex;justify-content:space-between'
/** 1 mm in inches (printToPDF margins are in inches). */
const MM = 1 / 25.4

/** printToPDF options: the same page as the Chromium printer of web mode and the CLI (pdf.ts). */
export function printToPdfOptions(headerTitle: string): PrintToPDFOptions {
  return {
    pageSize: 'A4',
    landscape: false,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: `<div style="${SMALL}"><span>${esc(headerTitle)}</span><span>Cashback Lab</span></div>`,
    footerTemplate: `<div style="${SMALL}"><span></span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
    margins: { top: 18 * MM, bottom: 16 * MM, left: 14 * MM, right: 14 * MM },
  }
}

/**
 * Check a printPdf request: both paths absolute and normalised, .html → .pdf, and (after
 * resolving symlinks) directly inside one of `exportFolders`. The HTML must be a regular file.
 */
export async function checkPrintPaths(operation: PrintPdfOperation, exportFolders: Iterable<string>): Promise<Result<void>> {
  const { htmlPath, pdfPath } = operation
  for (const path of [htmlPath, pdfPath]) {
    if (!isAbsolute(path) || resolve(path) !== path) return refused(path, 'it is not an absolute, normalised path')
  }
  if (extname(htmlPath).toLowerCase() !== '.html') return refused(htmlPath, 'only .html files are printed')
  if (extname(pdfPath).toLowerCase() !== '.pdf') return refused(pdfPath, 'only .pdf files are written')
  const allowed = new Set<string>()
  for (const folder of exportFolders) {
    const real = await realpathOrNull(resolve(folder))
    if (real !== null) allowed.add(real)
  }
  for (const path of [htmlPath, pdfPath]) {
    const folder = await realpathOrNull(dirname(path))
    if (folder === null || !allowed.has(folder)) return refused(path, "it is outside the project's exports folder")
  }
  const info = await lstat(htmlPath).catch(() => null)
  if (info === null || !info.isFile()) return refused(htmlPath, 'it is not a regular file')
  return ok(undefined)
}

/**
 * The main-process answer to MainOperation messages from the engine. Never throws; the window
 * is destroyed whatever happens (load failure, print failure, timeout).
 */
export function createPdfPrinter(options: PdfPrinterOptions): (operation: unknown) => Promise<Result<unknown>> {
  const writeFile = options.writeFile ?? writeFileAtomic
  const timeoutMs = options.timeoutMs ?? PRINT_TIMEOUT_MS
  return async (raw) => {
    const parsed = printPdfOperationSchema.safeParse(raw)
    if (!parsed.success) return fail('INVALID_REQUEST', 'Unknown or malformed host operation for the main process.')
    const operation = parsed.data
    try {
      const checked = await checkPrintPaths(operation, options.exportFolders())
      if (!checked.ok) return checked
    } catch (error) {
      return fail('IO_ERROR', `The report could not be checked before printing: ${messageOf(error)}`)
    }
    let window: PrintWindow | null = null
    const revoke = options.permitUrl?.(pathToFileURL(operation.htmlPath).href)
    let timer: NodeJS.Timeout | undefined
    try {
      const work = (async () => {
        window = options.createWindow(printWindowOptions())
        await window.loadFile(operation.htmlPath)
        const bytes = await window.webContents.printToPDF(printToPdfOptions(operation.headerTitle))
        return bytes
      })()
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new PrintTimeout()), timeoutMs)
      })
      const bytes = await Promise.race([work, timeout])
      work.catch(() => undefined)
      await writeFile(operation.pdfPath, bytes)
      return ok(null)
    } catch (error) {
      if (error instanceof PrintTimeout) return fail('CANCELLED', `Printing the PDF took longer than ${Math.round(timeoutMs / 1000)} s and was stopped. Try again, or export HTML and print it from a browser.`)
      const code = (error as NodeJS.ErrnoException).code
      if (typeof code === 'string' && code.startsWith('E')) return fail('IO_ERROR', `${basename(operation.pdfPath)} could not be written (${code}).`, { errno: code })
      return fail('INTERNAL', `The PDF could not be printed: ${messageOf(error)}`)
    } finally {
      clearTimeout(timer)
      revoke?.()
      const opened = window as PrintWindow | null
      if (opened !== null && !opened.isDestroyed()) opened.destroy()
    }
  }
}

/**
 * The project folders main has seen (the start project, and every project the engine reported
 * as opened or created through main), so main can check print paths without trusting the engine
 * for where the exports folder is.
 */
export class ProjectFolders {
  private readonly dirs = new Set<string>()

  constructor(initial: string) {
    this.add(initial)
  }

  add(dir: string): void {
    if (isAbsolute(dir)) this.dirs.add(resolve(dir))
  }

  /** Learn from an engine call's answer: createProject/openProject/listProjects name project dirs. */
  observe(method: EngineMethod, result: Result<unknown>): void {
    if (!result.ok || typeof result.value !== 'object' || result.value === null) return
    const value = result.value as { dir?: unknown; current?: { dir?: unknown } }
    if ((method === 'createProject' || method === 'openProject') && typeof value.dir === 'string') this.add(value.dir)
    if (method === 'listProjects' && typeof value.current?.dir === 'string') this.add(value.current.dir)
  }

  exportFolders(): string[] {
    return [...this.dirs].map((dir) => join(dir, 'exports'))
  }
}

/** URL filter for the print session: data: URLs and the file URLs a running print permits. */
export class PrintRequestFilter {
  private readonly permitted = new Map<string, number>()

  permit(fileUrl: string): () => void {
    // Compared as file paths: Chromium and Node may percent-encode the same path differently.
    fileUrl = filePathOf(fileUrl) ?? fileUrl
    this.permitted.set(fileUrl, (this.permitted.get(fileUrl) ?? 0) + 1)
    return () => {
      const count = (this.permitted.get(fileUrl) ?? 1) - 1
      if (count <= 0) this.permitted.delete(fileUrl)
      else this.permitted.set(fileUrl, count)
    }
  }

  allows(url: string): boolean {
    if (url.startsWith('data:')) return true
    const path = filePathOf(url)
    return path !== null && this.permitted.has(path)
  }
}

function filePathOf(url: string): string | null {
  try {
    return url.startsWith('file:') ? fileURLToPath(url) : null
  } catch {
    return null
  }
}

class PrintTimeout extends Error {}

async function realpathOrNull(path: string): Promise<string | null> {
  return realpath(path).catch(() => null)
}

function refused(path: string, why: string): Result<never> {
  return fail('FORBIDDEN', `The PDF printer refused ${basename(path)}: ${why}.`)
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

