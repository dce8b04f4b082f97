// Smoke test of the real desktop shell: launches out/main/index.js in Electron via playwright-core.
// Runs only where the Electron binary exists; it is never required (that would try a download).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { _electron, type ElectronApplication, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINE_METHODS, HOST_CHANNELS } from '../../common/contract/methods'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** The Electron executable from node_modules/electron (path.txt + dist/), or null when absent. */
function electronBinary(): string | null {
  const packageDir = join(ROOT, 'node_modules', 'electron')
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const executable = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(executable) ? executable : null
}

const executablePath = electronBinary()
if (executablePath === null) {
  console.warn(
    'Electron smoke test skipped: no Electron binary in node_modules/electron/dist (it cannot be downloaded on this machine); run it where `npx electron --version` works',
  )
}

describe.skipIf(executablePath === null)('desktop shell (real Electron)', () => {
  let app: ElectronApplication
  let page: Page
  let home: string

  beforeAll(async () => {
    // Always test what the sources say now, not a stale out/.
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'pipe' })
    home = mkdtempSync(join(tmpdir(), 'cashback-lab-smoke-'))
    const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined))
    delete env.ELECTRON_RENDERER_URL
    delete env.ELECTRON_RUN_AS_NODE
    app = await _electron.launch({
      executablePath: executablePath ?? undefined,
      args: [join(ROOT, 'out', 'main', 'index.js')],
      cwd: ROOT,
      env: { ...env, CASHBACK_LAB_HOME: home },
      timeout: 60_000,
    })
    page = await app.firstWindow()
    await page.waitForLoadState('domcontentloaded')
  }, 180_000)

  afterAll(async () => {
    await app?.close()
    if (home) rmSync(home, { recursive: true, force: true })
  })

  it('opens one window titled "Cashback Lab" on app://cashback-lab/', async () => {
    expect(page.url()).toMatch(/^app:\/\/cashback-lab\//)
    const titles = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle()))
    expect(titles).toEqual(['Cashback Lab'])
  })

  it('shows the DuckDB version from the engine process in the status bar', async () => {
    const version = page.getByTestId('engine-duckdb-version')
    await version.waitFor({ state: 'visible', timeout: 60_000 })
    expect(await version.textContent()).toMatch(/\d+\.\d+\.\d+/)
  })

  it('gives the page no Node: require and process are undefined', async () => {
    const globals = await page.evaluate(() => {
      const scope = globalThis as Record<string, unknown>
      return { require: typeof scope.require, process: typeof scope.process, module: typeof scope.module }
    })
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined' })
  })

  it('exposes exactly the engine methods on window.engine', async () => {
    const keys = await page.evaluate(() => Object.keys((globalThis as unknown as { engine: object }).engine).sort())
    expect(keys).toEqual([...ENGINE_METHODS].sort())
  })

  it('exposes exactly the host file operations on window.engineHost', async () => {
    const keys = await page.evaluate(() => Object.keys((globalThis as unknown as { engineHost: object }).engineHost).sort())
    expect(keys).toEqual(Object.keys(HOST_CHANNELS).sort())
  })
})
