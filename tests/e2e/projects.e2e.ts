// Switching projects end to end: the real project host (one engine per open project, a recent
// list in a temporary app-data folder) behind the web bridge. The header's project menu from the
// keyboard, a missing project, the engine's refusal of a taken or bad name, creating "Second
// study" (the page reloads onto it), opening the first project again from the recent list, and
// the desktop's "Open folder…" (with a stand-in folder dialog).
// Screenshots of the open menu and the dialog, light and dark, into test-output/e2e/.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createProjectHost } from '../../electron/engine/project/projectHost'
import { SCREENSHOT_DIR, startHarness, type Harness } from './support/harness'

let h: Harness
let page: Page

const byTestId = (id: string) => page.getByTestId(id)
const text = async (id: string): Promise<string> => (await byTestId(id).textContent()) ?? ''
const activeLabel = (): Promise<string | null> => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.label ?? null)

/** Marks the current document; a reload replaces it, and the mark with it. */
const markDocument = (): Promise<void> => page.evaluate(() => void ((window as unknown as { beforeSwitch: boolean }).beforeSwitch = true))
const isSameDocument = (): Promise<boolean> => page.evaluate(() => 'beforeSwitch' in window)

/** The window, and a close-up of the header's right end with the open menu. */
async function screenshotMenu(name: string): Promise<void> {
  await h.screenshot(name)
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-closeup.png`), clip: { x: 860, y: 0, width: 420, height: 320 }, animations: 'disabled' })
}

async function waitUntilReady(): Promise<void> {
  await expect.poll(() => text('engine-status')).toContain('Engine ready')
}

beforeAll(async () => {
  h = await startHarness({
    // App data in the harness's folder: the default project, then "Old pilot" and "First study"
    // made through the engine; Old pilot's folder is then deleted, so the menu shows it missing.
    async createEngine(dir) {
      const projects = join(dir, 'projects')
      const host = await createProjectHost({ appDataDir: dir, defaultProjectDir: join(projects, 'default'), initialProjectDir: join(projects, 'default'), host: 'web', threads: 1 })
      for (const name of ['Old pilot', 'First study']) {
        const created = await host.createProject({ name })
        if (!created.ok) throw new Error(created.error.message)
      }
      rmSync(join(projects, 'old-pilot'), { recursive: true, force: true })
      return host
    },
  })
  page = h.page
  await page.goto(`${h.url}#/data`)
  await page.getByText('Engine ready').waitFor()
})

afterAll(async () => {
  await h?.close()
})

describe('Project switcher in Chromium over the web bridge', () => {
  it('names the open project in the header and the status bar', async () => {
    expect(await text('project-switcher-name')).toBe('First study')
    expect(await text('engine-project')).toContain('First study')
    const button = byTestId('project-switcher')
    expect(await button.getAttribute('aria-haspopup')).toBe('menu')
    expect(await button.getAttribute('aria-expanded')).toBe('false')
  })

  it('opens from the keyboard with the current, recent and missing projects; arrows move, Escape closes', async () => {
    await byTestId('project-switcher').focus()
    await page.keyboard.press('Enter')
    await byTestId('project-menu').waitFor()
    expect(await byTestId('project-switcher').getAttribute('aria-expanded')).toBe('true')
    expect(await activeLabel()).toBe('First study')
    expect(await page.getByRole('menuitemradio', { name: /First study/ }).getAttribute('aria-checked')).toBe('true')

    const missing = byTestId('project-recent-Old pilot')
    expect(await missing.getAttribute('aria-disabled')).toBe('true')
    expect(await missing.textContent()).toContain('missing')
    expect(await missing.textContent()).toContain('…/projects/old-pilot')
    expect(await byTestId('project-recent-default').getAttribute('aria-disabled')).toBeNull()
    expect(await byTestId('project-open-folder').count()).toBe(0) // web mode: no folder dialog

    await page.keyboard.press('ArrowDown')
    expect(await activeLabel()).toBe('Old pilot')
    await page.keyboard.press('Enter') // missing: stays open, nothing happens
    expect(await byTestId('project-menu').isVisible()).toBe(true)
    await page.keyboard.press('ArrowDown')
    expect(await activeLabel()).toBe('default')
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)
    expect(ring).toBe('solid')
    await screenshotMenu('project-menu-light')

    await page.keyboard.press('Escape')
    expect(await byTestId('project-menu').count()).toBe(0)
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('project-switcher')
  })

  it('looks right in the dark theme too', async () => {
    await page.getByRole('button', { name: 'Switch to dark theme' }).click()
    await byTestId('project-switcher').focus()
    await page.keyboard.press('ArrowDown')
    await byTestId('project-menu').waitFor()
    await page.keyboard.press('End')
    expect(await activeLabel()).toBe('New project')
    await screenshotMenu('project-menu-dark')
    await page.keyboard.press('Escape')
  })

  it('refuses a taken name and a bad one in the dialog, with the engine’s words under the field', async () => {
    await byTestId('project-switcher').click()
    await byTestId('project-new').click()
    const dialog = byTestId('new-project-dialog')
    await dialog.waitFor()
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('new-project-name')
    await page.keyboard.type('First study')
    await page.keyboard.press('Enter')
    await expect.poll(() => text('new-project-error')).toContain('There is already a project called "First study"')
    expect(await byTestId('new-project-name').getAttribute('aria-invalid')).toBe('true')
    await h.screenshot('new-project-error-dark')

    await byTestId('new-project-name').fill('a/b')
    expect(await byTestId('new-project-error').count()).toBe(0)
    await page.keyboard.press('Enter')
    await expect.poll(() => text('new-project-error')).toMatch(/^Use letters, digits, spaces and simple punctuation/)
    await page.keyboard.press('Escape')
    expect(await dialog.count()).toBe(0)
    await page.getByRole('button', { name: 'Switch to light theme' }).click()
    // The two refusals reached the browser as HTTP 409 and 400; they were meant.
    expect(h.problems.splice(0)).toEqual(['http 409 /api/createProject', 'http 400 /api/createProject'])
  })

  it('creates "Second study": the page reloads onto it, and the status bar names it', async () => {
    await markDocument()
    await byTestId('project-switcher').focus()
    await page.keyboard.press('ArrowUp') // opens on the last item: New project…
    expect(await activeLabel()).toBe('New project')
    await page.keyboard.press('Enter')
    await byTestId('new-project-dialog').waitFor()
    await page.keyboard.type('Second study')
    await h.screenshot('new-project-light')
    const loaded = page.waitForEvent('load')
    await page.keyboard.press('Enter')
    await loaded
    expect(await isSameDocument()).toBe(false)
    await waitUntilReady()
    await expect.poll(() => text('engine-project')).toContain('Second study')
    expect(await byTestId('engine-project').getAttribute('title')).toMatch(/[\\/]projects[\\/]second-study$/)
    await expect.poll(() => text('project-switcher-name')).toBe('Second study')
    expect(page.url()).toMatch(/#\/data$/)
    expect(await page.getByText('No payment data yet').count()).toBeGreaterThan(0)
  })

  it('opens the first project again from the recent list', async () => {
    await markDocument()
    await byTestId('project-switcher').click()
    await byTestId('project-menu').waitFor()
    const recent = await page.locator('[data-testid^="project-recent-"]').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.label))
    expect(recent).toEqual(['First study', 'Old pilot', 'default'])
    const loaded = page.waitForEvent('load')
    await byTestId('project-recent-First study').click()
    await loaded
    expect(await isSameDocument()).toBe(false)
    await waitUntilReady()
    await expect.poll(() => text('engine-project')).toContain('First study')
    await expect.poll(() => text('project-switcher-name')).toBe('First study')
    expect(h.problems).toEqual([])
    expect(await h.cspViolations()).toEqual([])
  })

  it('on the desktop offers "Open folder…" and opens the project the folder dialog answers', async () => {
    // A stand-in for the preload's engineHost whose folder dialog "chooses" the default project;
    // the engine calls still go over the web bridge.
    const listed = await h.engine.listProjects({})
    if (!listed.ok) throw new Error(listed.error.message)
    const chosen = listed.value.recent.find((p) => p.name === 'default')
    expect(chosen).toBeDefined()
    const desktop = await page.context().newPage()
    await desktop.addInitScript((ref) => {
      const unsupported = async () => ({ ok: false, error: { code: 'UNSUPPORTED', message: 'not in this test' } })
      ;(window as unknown as { engineHost: unknown }).engineHost = {
        chooseFiles: unsupported,
        registerDroppedFiles: unsupported,
        saveFile: unsupported,
        chooseProjectFolder: async () => ({ ok: true, value: ref }),
      }
    }, chosen)
    try {
      await desktop.goto(`${h.url}#/data`)
      await desktop.getByText('Engine ready').waitFor()
      await desktop.getByTestId('project-switcher').click()
      await desktop.getByTestId('project-open-folder').waitFor()
      await desktop.keyboard.press('End')
      await desktop.mouse.move(1279, 799)
      await desktop.screenshot({ path: join(SCREENSHOT_DIR, 'project-menu-desktop-light-closeup.png'), clip: { x: 860, y: 0, width: 420, height: 400 }, animations: 'disabled' })
      const loaded = desktop.waitForEvent('load')
      await desktop.keyboard.press('Enter')
      await loaded
      await expect.poll(async () => (await desktop.getByTestId('engine-project').textContent()) ?? '').toContain('default')
      expect(await desktop.getByTestId('project-switcher-name').textContent()).toBe('default')
    } finally {
      await desktop.close()
    }
  })
})
