// Reports end to end: on the bundled sample with a saved scenario, the analyst opens Reports,
// clicks Export and receives the HTML report as a download (web mode), then the XLSX tables.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { presetCampaign } from '../../common/campaigns/presets'
import { createEngine } from '../../electron/engine/engine'
import { startHarness, type Harness } from './support/harness'

let h: Harness
let page: Page

beforeAll(async () => {
  h = await startHarness({ createEngine: (dir) => createEngine({ projectDir: dir, host: 'web', seedFrom: resolve('datasets/sample') }) })
  page = h.page
  const saved = await h.engine.saveCampaign({ campaign: presetCampaign('whatsapp-jun-2022') })
  if (!saved.ok) throw new Error(saved.error.message)
  await page.goto(`${h.url}#/reports`)
  await page.getByTestId('report-export').waitFor()
})
afterAll(async () => {
  await h?.close()
})

describe('Reports', () => {
  it('downloads the HTML report when Export is clicked', async () => {
    await page.getByTestId('report-title').fill('Sample report from the browser')
    await page.getByTestId('report-author').fill('E2E')
    await page.getByTestId('report-format-html').click()
    await h.screenshot('reports-export')
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-report').click()])
    expect(download.suggestedFilename()).toBe('sample-report-from-the-browser.html')
    const html = readFileSync(await download.path(), 'utf8')
    expect(html).toContain('<title>Sample report from the browser</title>')
    expect(html).toContain('Prepared by E2E')
    expect(html).toContain('₹35 per payment, up to 3 payments, minimum ₹1, credited 48 h later, budget ₹10 lakh')
    expect(html).toMatch(/<svg /)
    await expect.poll(() => page.getByTestId('report-notice').textContent()).toBe('Report exported as sample-report-from-the-browser.html.')
  })

  it('downloads the XLSX tables', async () => {
    await page.getByTestId('report-format-xlsx').click()
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-report').click()])
    expect(download.suggestedFilename()).toBe('sample-report-from-the-browser.xlsx')
    expect(readFileSync(await download.path()).subarray(0, 2).toString()).toBe('PK')
    expect(h.problems).toEqual([])
    expect(await h.cspViolations()).toEqual([])
  })
})
