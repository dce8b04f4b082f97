// HTML → PDF with headless Chromium (playwright-core) for web mode and the CLI: A4, backgrounds,
// a header with the title and a footer with page numbers. The desktop app prints the same HTML
// with webContents.printToPDF (see docs/reports.md). Layer: electron/engine.
import { existsSync } from 'node:fs'
import { EngineError } from '../engineError'

/** Where Chromium or Chrome usually lives; CASHBACK_LAB_CHROMIUM overrides. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable']

export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string {
  const override = env.CASHBACK_LAB_CHROMIUM
  const candidates = override !== undefined && override !== '' ? [override] : CANDIDATES
  const found = candidates.find((path) => exists(path))
  if (found !== undefined) return found
  throw new EngineError(
    'UNSUPPORTED',
    `A PDF needs Chromium or Google Chrome, and none was found (looked for ${candidates.join(', ')}). Install it (Debian/Ubuntu: sudo apt-get install chromium), set CASHBACK_LAB_CHROMIUM to its path, or export the report as HTML and print it from a browser.`,
  )
}

const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export interface PdfOptions {
  title: string
  /** Chromium's path (default: findChromium()). */
  executablePath?: string
}

/** A host-provided printer (the desktop's webContents.printToPDF via main); null: Chromium. */
let hostPrinter: ((html: string, title: string) => Promise<Buffer>) | null = null

/**
 * The hook a host uses to print PDFs its own way (electron/hosts/utility.ts installs the
 * desktop printer). Web mode and the CLI install none and keep headless Chromium.
 */
export function setHostPdfPrinter(printer: ((html: string, title: string) => Promise<Buffer>) | null): void {
  hostPrinter = printer
}

export async function htmlToPdf(html: string, options: PdfOptions): Promise<Buffer> {
  if (hostPrinter !== null && options.executablePath === undefined) return hostPrinter(html, options.title)
  const executablePath = options.executablePath ?? findChromium()
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  try {
    const page = await browser.newPage()
    // The report is self-contained: nothing may be fetched while it renders.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()))
    await page.setContent(html, { waitUntil: 'load' })
    await page.emulateMedia({ media: 'print' })
    const small = 'font-size:8px;color:#566072;font-family:system-ui,sans-serif;width:100%;padding:0 14mm;display:flex;justify-content:space-between'
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: `<div style="${small}"><span>${esc(options.title)}</span><span>Cashback Lab</span></div>`,
      footerTemplate: `<div style="${small}"><span></span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
      margin: { top: '18mm', bottom: '16mm', left: '14mm', right: '14mm' },
    })
  } finally {
    await browser.close()
  }
}
