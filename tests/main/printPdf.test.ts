// The desktop PDF printer in main, with a fake BrowserWindow: options of the hidden window
// (sandboxed, no JS/preload/Node), printToPDF options (A4, backgrounds, header/footer with page
// numbers), atomic write, refusal of paths outside the project's exports folder, and the window
// destroyed on success, failure and timeout. Real printing needs Electron (not runnable here).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BrowserWindowConstructorOptions, PrintToPDFOptions } from 'electron'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { createPdfPrinter, printToPdfOptions, printWindowOptions, PrintRequestFilter, ProjectFolders, type PrintWindow } from '../../electron/main/printPdf'

const root = mkdtempSync(join(tmpdir(), 'cbl-print-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const project = join(root, 'project')
const exportsDir = join(project, 'exports')
mkdirSync(exportsDir, { recursive: true })
const htmlPath = join(exportsDir, '.print-1.html')
writeFileSync(htmlPath, '<!doctype html><h1>Report</h1>')
const pdfPath = join(exportsDir, '.print-1.pdf')

function fakeWindow(behaviour: { load?: () => Promise<void>; print?: () => Promise<Buffer> } = {}) {
  const created: Array<{ options: BrowserWindowConstructorOptions; window: PrintWindow & { destroy: ReturnType<typeof vi.fn> } }> = []
  const printToPDF = vi.fn<(options: PrintToPDFOptions) => Promise<Buffer>>(behaviour.print ?? (async () => Buffer.from('%PDF-1.7 fake')))
  const createWindow = vi.fn((options: BrowserWindowConstructorOptions) => {
    let destroyed = false
    const window = {
      loadFile: vi.fn(behaviour.load ?? (async () => undefined)),
      webContents: { printToPDF },
      isDestroyed: () => destroyed,
      destroy: vi.fn(() => void (destroyed = true)),
    }
    created.push({ options, window })
    return window
  })
  return { created, createWindow, printToPDF }
}

const request = (overrides: Record<string, unknown> = {}) => ({ op: 'printPdf', htmlPath, pdfPath, headerTitle: 'Cashback <India> & Brazil', ...overrides })

describe('printWindowOptions', () => {
  it('is hidden, sandboxed, isolated, without Node, preload, JavaScript or DevTools', () => {
    const options = printWindowOptions()
    expect(options.show).toBe(false)
    expect(options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true, devTools: false, partition: 'cashback-lab-print' })
    expect(options.webPreferences).not.toHaveProperty('preload')
  })
})

describe('printToPdfOptions', () => {
  it('prints A4 with backgrounds, the escaped title in the header and "Page n of N" in the footer', () => {
    const options = printToPdfOptions('Q3 <script>')
    expect(options).toMatchObject({ pageSize: 'A4', printBackground: true, displayHeaderFooter: true, landscape: false })
    expect(options.headerTemplate).toContain('Q3 &#60;script&#62;')
    expect(options.headerTemplate).not.toContain('<script>')
    expect(options.footerTemplate).toContain('Page <span class="pageNumber"></span> of <span class="totalPages"></span>')
    expect(options.margins?.top).toBeCloseTo(18 / 25.4)
  })
})

describe('createPdfPrinter', () => {
  it('loads the HTML file in the hidden window, prints it, writes the PDF atomically and destroys the window', async () => {
    const { created, createWindow, printToPDF } = fakeWindow()
    const filter = new PrintRequestFilter()
    let allowedDuringPrint = false
    printToPDF.mockImplementationOnce(async () => ((allowedDuringPrint = filter.allows(pathToFileURL(htmlPath).href)), Buffer.from('%PDF-1.7 fake')))
    const print = createPdfPrinter({ createWindow, exportFolders: () => [exportsDir], permitUrl: (url) => filter.permit(url) })
    await expect(print(request())).resolves.toEqual({ ok: true, value: null })
    expect(created).toHaveLength(1)
    expect(created[0]!.options).toEqual(printWindowOptions())
    expect(created[0]!.window.loadFile).toHaveBeenCalledExactlyOnceWith(htmlPath)
    expect(printToPDF).toHaveBeenCalledExactlyOnceWith(printToPdfOptions('Cashback <India> & Brazil'))
    expect(readFileSync(pdfPath, 'utf8')).toBe('%PDF-1.7 fake')
    expect(readdirSync(exportsDir).filter((name) => name.endsWith('.tmp'))).toEqual([])
    expect(created[0]!.window.destroy).toHaveBeenCalledOnce()
    expect(allowedDuringPrint).toBe(true)
    expect(filter.allows(pathToFileURL(htmlPath).href)).toBe(false) // revoked afterwards
    expect(filter.allows('https://example.com/track.png')).toBe(false)
    expect(filter.allows('file:///etc/passwd')).toBe(false)
    rmSync(pdfPath, { force: true })
  })

  it('refuses paths outside the exports folder, relative or un-normalised paths and wrong extensions, without opening a window', async () => {
    const outside = join(root, 'elsewhere')
    mkdirSync(outside, { recursive: true })
    writeFileSync(join(outside, 'r.html'), '<p>x</p>')
    symlinkSync(outside, join(exportsDir, 'link'))
    const { createWindow } = fakeWindow()
    const print = createPdfPrinter({ createWindow, exportFolders: () => [exportsDir] })
    const cases = [
      { pdfPath: join(root, 'home', 'evil.pdf') },
      { htmlPath: join(outside, 'r.html') },
      { pdfPath: `${exportsDir}/../escape.pdf` },
      { pdfPath: 'exports/relative.pdf' },
      { pdfPath: join(exportsDir, 'link', 'through-symlink.pdf') },
      { pdfPath: join(exportsDir, 'report.exe') },
      { htmlPath: join(exportsDir, 'missing.html') },
      { pdfPath: join(project, 'recipe.pdf') },
    ]
    for (const overrides of cases) {
      await expect(print(request(overrides))).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    await expect(print({ op: 'printPdf', htmlPath })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    await expect(print({ op: 'deleteEverything' })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    // An exports folder of a project main has not seen is refused too.
    await expect(createPdfPrinter({ createWindow, exportFolders: () => [join(root, 'other', 'exports')] })(request())).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(createWindow).not.toHaveBeenCalled()
  })

  it('destroys the window and answers a Result when loading or printing fails', async () => {
    for (const behaviour of [{ load: async () => Promise.reject(new Error('ERR_FILE_NOT_FOUND (-6)')) }, { print: async () => Promise.reject(new Error('Printing failed')) }]) {
      const { created, createWindow } = fakeWindow(behaviour)
      const result = await createPdfPrinter({ createWindow, exportFolders: () => [exportsDir] })(request())
      expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/ERR_FILE_NOT_FOUND|Printing failed/) } })
      expect(created[0]!.window.destroy).toHaveBeenCalledOnce()
    }
    expect(readdirSync(exportsDir).some((name) => name.endsWith('.pdf'))).toBe(false)
  })

  it('destroys the window when the write fails (IO_ERROR) and when printing times out (CANCELLED)', async () => {
    const failing = fakeWindow()
    const enospc = Object.assign(new Error('no space'), { code: 'ENOSPC' })
    const write = await createPdfPrinter({ createWindow: failing.createWindow, exportFolders: () => [exportsDir], writeFile: async () => Promise.reject(enospc) })(request())
    expect(write).toMatchObject({ ok: false, error: { code: 'IO_ERROR', details: { errno: 'ENOSPC' } } })
    expect(failing.created[0]!.window.destroy).toHaveBeenCalledOnce()

    const hanging = fakeWindow({ print: () => new Promise<Buffer>(() => undefined) })
    const timedOut = await createPdfPrinter({ createWindow: hanging.createWindow, exportFolders: () => [exportsDir], timeoutMs: 20 })(request())
    expect(timedOut).toMatchObject({ ok: false, error: { code: 'CANCELLED', message: expect.stringContaining('took longer') } })
    expect(hanging.created[0]!.window.destroy).toHaveBeenCalledOnce()
  })
})

describe('ProjectFolders', () => {
  it('knows the start project and learns projects opened or created through main, not failed calls', () => {
    const folders = new ProjectFolders('/data/default')
    folders.observe('openProject', { ok: true, value: { dir: '/data/other', name: 'Other' } })
    folders.observe('createProject', { ok: false, error: { code: 'CONFLICT', message: 'exists' } })
    folders.observe('listProjects', { ok: true, value: { current: { dir: '/data/third' }, recent: [{ dir: '/data/recent-not-open' }] } })
    folders.observe('getEngineInfo', { ok: true, value: { dir: '/etc' } })
    folders.add('relative/dir')
    expect(folders.exportFolders()).toEqual([join('/data/default', 'exports'), join('/data/other', 'exports'), join('/data/third', 'exports')])
  })
})
