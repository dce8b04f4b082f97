// Chart downloads end to end: on the bundled sample with the WhatsApp Jun 2022 preset, the
// analyst opens the budget-burn chart's Download menu from the keyboard and receives the PNG,
// SVG and CSV files (web mode: Blob + <a download>), with no CSP violation.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../electron/engine/engine'
import { startHarness, type Harness } from './support/harness'

let h: Harness
let page: Page
let day: string

const burn = () => page.getByTestId('budget-burn')

beforeAll(async () => {
  h = await startHarness({ createEngine: (dir) => createEngine({ projectDir: dir, host: 'web', seedFrom: resolve('datasets/sample') }) })
  page = h.page
  await page.goto(`${h.url}#/campaigns`)
  await page.getByText('Engine ready').waitFor({ timeout: 60_000 })
  await page.getByTestId('campaign-designer').waitFor({ timeout: 60_000 })
  await page.getByTestId('preset-select').selectOption('whatsapp-jun-2022')
  await burn().getByTestId('chart-download-button').waitFor({ timeout: 90_000 })
  day = await page.evaluate(() => {
    const now = new Date()
    return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
  })
}, 180_000)

afterAll(async () => {
  await h?.close()
})

async function downloadFrom(item: 'png' | 'svg' | 'csv'): Promise<{ name: string; bytes: Buffer }> {
  const button = burn().getByTestId('chart-download-button')
  await button.focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('chart-download-png')
  for (const format of ['png', 'svg', 'csv']) {
    if (format === item) break
    await page.keyboard.press('ArrowDown')
  }
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.keyboard.press('Enter')])
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) }
}

describe('Chart Download menu in Chromium on the sample', () => {
  it('downloads the budget burn as PNG', async () => {
    await burn().scrollIntoViewIfNeeded()
    await burn().getByTestId('chart-download-button').click()
    await h.screenshot('chart-download-menu')
    await page.keyboard.press('Escape')
    const { name, bytes } = await downloadFrom('png')
    expect(name).toBe(`budget-burn-${day}.png`)
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(bytes.length).toBeGreaterThan(5_000)
  })

  it('downloads the budget burn as SVG', async () => {
    const { name, bytes } = await downloadFrom('svg')
    expect(name).toBe(`budget-burn-${day}.svg`)
    const svg = bytes.toString('utf8')
    expect(svg).toMatch(/^<svg /)
    expect(svg).toContain('Spent (cumulative)')
  })

  it("downloads the chart's data as CSV with a BOM", async () => {
    const { name, bytes } = await downloadFrom('csv')
    expect(name).toBe(`budget-burn-${day}.csv`)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = bytes.subarray(3).toString('utf8').split('\r\n')
    expect(lines[0]).toBe('Date,Spent (cumulative),Budget')
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\d,\d+(\.\d+)?,1000000$/)
    expect(h.problems).toEqual([])
    expect(await h.cspViolations()).toEqual([])
  })
})
