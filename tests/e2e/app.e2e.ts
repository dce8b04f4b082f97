// The built renderer against a real engine (DuckDB in a temp project) through the web bridge,
// driven in headless Debian Chromium: load, engine info, events, navigation, keyboard, theme.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine, type Engine } from '../../electron/engine/engine'
import { createBridge, type Bridge } from '../../electron/hosts/bridge'
import { SECTIONS } from '../../renderer/sections'

const SCREENSHOT_DIR = resolve('test-output/e2e')
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']

let projectDir: string
let profileDir: string
let engine: Engine
let bridge: Bridge
let context: BrowserContext
let page: Page
let url: string
const consoleErrors: string[] = []
const eventStreamStatuses: string[] = []

const activeTestId = (): Promise<string | null> =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null)
const cspViolations = (): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)
const background = (): Promise<string> => page.evaluate(() => getComputedStyle(document.body).backgroundColor)

beforeAll(async () => {
  projectDir = mkdtempSync(join(tmpdir(), 'cashback-e2e-project-'))
  profileDir = mkdtempSync(join(tmpdir(), 'cashback-e2e-profile-'))
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  engine = await createEngine({ projectDir, host: 'web' })
  bridge = createBridge({ engine, staticDir: resolve('out/renderer'), log: (line) => consoleErrors.push(`bridge: ${line}`) })
  url = await bridge.listen(0)
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
  })
  // Runs before the page's own scripts (not subject to the page's CSP): records CSP violations.
  await context.addInitScript(() => {
    const violations: string[] = []
    ;(window as unknown as { cspViolations: string[] }).cspViolations = violations
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`))
  })
  page = context.pages()[0] ?? (await context.newPage())
  page.setDefaultTimeout(5_000)
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') consoleErrors.push(`${message.type()}: ${message.text()}`)
  })
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`))
  page.on('response', (response) => {
    if (response.url().endsWith('/api/events')) {
      eventStreamStatuses.push(`${response.status()} ${response.headers()['content-type'] ?? ''}`)
    }
  })
  await page.goto(url)
})

afterAll(async () => {
  await context?.close()
  await bridge?.close()
  await engine?.close()
  for (const dir of [projectDir, profileDir]) if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('Cashback Lab in Chromium over the web bridge', () => {
  it('loads, shows the real engine info, and has no console errors or CSP violations', async () => {
    const info = await engine.getEngineInfo({})
    if (!info.ok) throw new Error(info.error.message)
    await expect.poll(() => page.getByTestId('engine-status').textContent()).toContain('Engine ready')
    expect(await page.getByTestId('engine-duckdb-version').textContent()).toBe(`DuckDB ${info.value.duckdbVersion}`)
    expect(info.value.duckdbVersion).toMatch(/^v\d+\.\d+\.\d+/)
    expect(await page.getByTestId('engine-project').textContent()).toContain(info.value.project.name)
    expect(await page.getByTestId('engine-project').getAttribute('title')).toBe(info.value.project.dir)
    expect(await page.getByTestId('engine-host').textContent()).toBe('Web')
    expect(await page.getByTestId('engine-app-version').textContent()).toContain(info.value.appVersion)
    expect(await page.getByTestId('section-title').textContent()).toBe('Data')
    expect(page.url()).toMatch(/#\/data$/)
    expect(consoleErrors).toEqual([])
    expect(await cspViolations()).toEqual([])
  })

  it('consumes /api/events: a running engine task shows in the status bar and clears when done', async () => {
    await expect.poll(() => eventStreamStatuses.length).toBeGreaterThan(0)
    expect(eventStreamStatuses[0]).toMatch(/^200 text\/event-stream/)
    let finish = (): void => undefined
    const task = engine.internals.tasks.run('E2E probe task', () => new Promise<void>((done) => (finish = done)))
    await expect.poll(() => page.getByTestId('task-progress').textContent()).toContain('E2E probe task')
    finish()
    await task
    await expect.poll(() => page.getByTestId('task-progress').count()).toBe(0)
    expect(consoleErrors).toEqual([])
  })

  it('clicking each nav item shows its section and marks it current', async () => {
    for (const section of SECTIONS) {
      await page.getByTestId(`nav-${section.id}`).click()
      await expect.poll(() => page.getByTestId('section-title').textContent()).toBe(section.title)
      expect(await page.getByTestId(`nav-${section.id}`).getAttribute('aria-current')).toBe('page')
      expect(await page.locator('[aria-current="page"]').count()).toBe(1)
      expect(page.url()).toMatch(new RegExp(`#/${section.id}$`))
    }
  })

  it('works from the keyboard: Tab reaches the nav, ArrowDown moves, Enter opens', async () => {
    // A fresh document, so focus starts at the top of the page rather than on the last click.
    await page.goto(`${url}#/data`)
    await page.reload()
    await page.getByTestId('section-title').waitFor()
    await page.keyboard.press('Tab')
    expect(await activeTestId()).toBe('nav-data')
    await page.keyboard.press('ArrowDown')
    expect(await activeTestId()).toBe('nav-campaigns')
    expect(await page.getByTestId('section-title').textContent()).toBe('Data')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('section-title').textContent()).toBe('Campaigns')
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)
    expect(ring).toBe('solid')
    await page.keyboard.press('ArrowDown')
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'nav-focus.png'), clip: { x: 0, y: 0, width: 480, height: 300 }, animations: 'disabled' })
    await page.keyboard.press('ArrowUp')
  })

  it('Ctrl+3 jumps to Results and Back returns to the previous section', async () => {
    await page.keyboard.press('Control+3')
    await expect.poll(() => page.getByTestId('section-title').textContent()).toBe('Results')
    expect(page.url()).toMatch(/#\/results$/)
    await page.goBack()
    await expect.poll(() => page.getByTestId('section-title').textContent()).toBe('Campaigns')
    await page.goForward()
    await expect.poll(() => page.getByTestId('section-title').textContent()).toBe('Results')
  })

  it('switches to the dark theme (and keeps it across a reload), with screenshots of both', async () => {
    await page.getByTestId('nav-data').click()
    await page.mouse.move(0, 0)
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light')
    const light = await background()
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'app-light.png'), animations: 'disabled' })

    await page.getByRole('button', { name: 'Switch to dark theme' }).click()
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    const dark = await background()
    expect(dark).not.toBe(light)
    await page.mouse.move(0, 0)
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'app-dark.png'), animations: 'disabled' })

    await page.reload()
    await expect.poll(() => page.getByTestId('engine-status').textContent()).toContain('Engine ready')
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await page.getByTestId('nav-results').click()
    await page.mouse.move(0, 0)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'results-dark.png'), animations: 'disabled' })
    await page.getByRole('button', { name: 'Switch to light theme' }).click()
    expect(await background()).toBe(light)
    expect(consoleErrors).toEqual([])
    expect(await cspViolations()).toEqual([])
  })

  it('shows the error state when the engine does not answer, and Retry recovers', async () => {
    await page.route('**/api/getEngineInfo', (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' }))
    await page.reload()
    await expect.poll(() => page.getByTestId('engine-status').textContent()).toContain('Engine unavailable')
    expect(await page.getByTestId('engine-alert').textContent()).toContain('HTTP 502')
    await page.mouse.move(0, 0)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'engine-error.png'), animations: 'disabled' })
    await page.unroute('**/api/getEngineInfo')
    consoleErrors.length = 0 // the browser logs the deliberate 502 as a failed resource load
    await page.getByTestId('engine-retry').click()
    await expect.poll(() => page.getByTestId('engine-status').textContent()).toContain('Engine ready')
    expect(await page.getByTestId('engine-alert').count()).toBe(0)
    expect(consoleErrors).toEqual([])
  })
})
