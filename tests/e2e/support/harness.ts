// E2E harness: a real engine in a temporary project behind the web bridge, the built renderer,
// and headless Debian Chromium with console, page-error and CSP-violation capture. A test file
// may build the engine itself (e.g. the project host, which switches projects) inside the
// harness's temporary folder.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { createEngine, type Engine } from '../../../electron/engine/engine'
import { createBridge, type Bridge } from '../../../electron/hosts/bridge'

export const SCREENSHOT_DIR = resolve('test-output/e2e')
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']

export interface Harness {
  engine: Engine
  page: Page
  url: string
  /** Console errors/warnings, page errors, failed requests and bridge failures seen so far. */
  problems: string[]
  /** Requests answered 409 CANCELLED: the live preview superseding its own task, which is meant. */
  cancelled: string[]
  cspViolations(): Promise<string[]>
  /** A screenshot of the window into test-output/e2e/<name>.png, pointer parked and focus kept. */
  screenshot(name: string): Promise<string>
  close(): Promise<void>
}

export interface HarnessOptions {
  /** Builds the engine in `dir` (a fresh temporary folder, removed on close); one plain project by default. */
  createEngine?: (dir: string) => Promise<Engine>
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const projectDir = mkdtempSync(join(tmpdir(), 'cashback-e2e-data-'))
  const profileDir = mkdtempSync(join(tmpdir(), 'cashback-e2e-profile-'))
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const problems: string[] = []
  const engine = await (options.createEngine ?? ((dir: string) => createEngine({ projectDir: dir, host: 'web' })))(projectDir)
  const bridge: Bridge = createBridge({ engine, staticDir: resolve('out/renderer'), log: (line) => problems.push(`bridge: ${line}`) })
  const url = await bridge.listen(0)
  const context: BrowserContext = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    acceptDownloads: true,
  })
  await context.addInitScript(() => {
    const violations: string[] = []
    ;(window as unknown as { cspViolations: string[] }).cspViolations = violations
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`))
  })
  const page = context.pages()[0] ?? (await context.newPage())
  page.setDefaultTimeout(10_000)
  page.on('console', (message) => {
    // Failed requests are recorded with their URL below; the console's copy has none.
    if (message.text().startsWith('Failed to load resource')) return
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`)
  })
  const cancelled: string[] = []
  page.on('response', (response) => {
    if (response.status() < 400) return
    const line = `http ${response.status()} ${new URL(response.url()).pathname}`
    // The bridge names the error code in a header, so this is decided before any assertion runs.
    ;(response.headers()['x-engine-error'] === 'CANCELLED' ? cancelled : problems).push(line)
  })
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  return {
    engine,
    page,
    url,
    problems,
    cancelled,
    cspViolations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
    async screenshot(name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`)
      await page.mouse.move(1279, 799)
      await page.screenshot({ path, animations: 'disabled' })
      return path
    },
    async close() {
      await context.close()
      await bridge.close()
      await engine.close()
      for (const dir of [projectDir, profileDir]) rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Scroll the app's content pane (the window itself never scrolls) so `selector` is at the top. */
export async function scrollContentTo(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    const main = document.querySelector('main')
    const target = document.querySelector(sel)
    if (main === null || target === null) return
    main.scrollTop += target.getBoundingClientRect().top - main.getBoundingClientRect().top - 16
  }, selector)
}

