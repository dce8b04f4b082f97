// Results end to end on the bundled sample (200k users, 1.18 M payments): run the experiment
// analysis with the default windows, read the lift tables and the SRM status, toggle CUPED
// (recomputed in the page, no engine call), cost the experiment with a saved scenario (created
// through the engine API here), and run the IN-KA rollout from 2024-09-02; screenshots in light
// and dark into test-output/e2e/.
import { resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { presetCampaign } from '../../common/campaigns/presets'
import { campaignSchema } from '../../common/domain/campaign'
import { createEngine } from '../../electron/engine/engine'
import { scrollContentTo, startHarness, type Harness } from './support/harness'

const SLOW = { timeout: 180_000, interval: 250 }
let h: Harness
let page: Page
let analyzeCalls = 0
const byTestId = (id: string) => page.getByTestId(id)
const text = async (id: string): Promise<string> => (await byTestId(id).first().textContent()) ?? ''
const clean = (t: string) => expect(t).not.toMatch(/NaN|undefined|Infinity/)

beforeAll(async () => {
  h = await startHarness({ createEngine: (dir) => createEngine({ projectDir: dir, host: 'web', seedFrom: resolve('datasets/sample') }) })
  page = h.page
  page.on('request', (request) => {
    if (request.url().endsWith('/api/analyzeExperiment')) analyzeCalls += 1
  })
  const campaign = campaignSchema.parse({ ...presetCampaign('whatsapp-jun-2022', { firstDay: '2024-09-02', lastDay: '2024-09-29' }), name: 'Jun ₹35 test' })
  const saved = await h.engine.saveCampaign({ campaign })
  expect(saved.ok).toBe(true)
  await page.goto(`${h.url}#/results`)
  await page.getByText('Engine ready').waitFor({ timeout: 60_000 })
}, 180_000)

afterAll(async () => {
  await h?.close()
})

describe('Results in Chromium on the bundled sample', () => {
  it('runs the analysis with the default windows and shows India and Brazil side by side', async () => {
    await expect.poll(() => byTestId('window-start').inputValue(), SLOW).toBe('2024-09-02')
    expect(await byTestId('window-end').inputValue()).toBe('2024-09-30')
    expect(await byTestId('pre-start').inputValue()).toBe('2024-08-05')
    expect(await byTestId('post-end').inputValue()).toBe('2024-10-28')
    await byTestId('run-analysis').click()
    await byTestId('metric-panel-IN').waitFor({ timeout: 180_000 })
    await byTestId('metric-panel-BR').waitFor()
    const india = await text('metric-table-IN')
    expect(india).toMatch(/flat_large/)
    expect(india).toMatch(/\+\d+\.\d\d pp/)
    expect(await text('metric-table-BR-tpv-flat_large')).toMatch(/R\$/)
    expect(await text('metric-table-IN-tpv-flat_large')).toMatch(/₹/)
    expect(await byTestId('srm-ok').count()).toBe(1)
    clean(await text('experiment-results'))
    expect(analyzeCalls).toBe(1)
    await h.screenshot('results-picker-light')
    await scrollContentTo(page, '[data-testid="reading-controls"]')
    await h.screenshot('results-table-light')
  })

  it('toggles CUPED in the page and shows the variance reduction', async () => {
    const before = await text('metric-table-IN-payments-flat_small')
    await byTestId('cuped-toggle').click()
    await expect.poll(() => text('cuped-summary')).toMatch(/Successful payments \d+\.\d%/)
    expect(await text('metric-table-IN-payments-flat_small')).not.toBe(before)
    expect(await text('metric-table-IN-payments-flat_small')).toContain('CUPED')
    expect(analyzeCalls).toBe(1)
    clean(await text('experiment-results'))
    await h.screenshot('results-cuped-light')
    await byTestId('metric-table-overall-adopted-flat_large').getByRole('button').click()
    await scrollContentTo(page, '[data-testid="forest-panel"]')
    expect(await page.locator('[data-testid="forest-panel"] canvas').count()).toBe(1)
    expect(await page.locator('[data-testid="adoption-curves"] canvas').count()).toBe(1)
    await h.screenshot('results-charts-light')
    await scrollContentTo(page, '[data-testid="metric-panel-overall"]')
    await h.screenshot('results-segments-light')
  })

  it('costs the experiment with a saved scenario', async () => {
    await byTestId('tab-economics').click()
    await byTestId('economics-panel').waitFor()
    await byTestId('economics-scenario').selectOption({ label: 'Jun ₹35 test' })
    await byTestId('apply-scenario').click()
    await byTestId('applied-scenario').waitFor({ timeout: 180_000 })
    await byTestId('value-per-adopter-IN').fill('500')
    await byTestId('fixed-cost-IN').fill('0.5')
    await expect.poll(() => text('econ-IN-net')).toMatch(/₹/)
    const economics = await text('economics-panel')
    expect(economics).toMatch(/Cost per incremental adopter/)
    expect(economics).toMatch(/₹[\d,]+\.\d\d/)
    clean(economics)
    expect(analyzeCalls).toBe(2)
    await scrollContentTo(page, '[data-testid="economics-panel"]')
    await h.screenshot('results-economics-light')
  })

  it('warns when the costed scenario covers other days than the analysis window, and not once they agree', async () => {
    const mismatch = page.locator('[data-code="WINDOW_MISMATCH"]')
    await byTestId('tab-experiment').click()
    expect(await mismatch.count()).toBe(0)
    await byTestId('window-end').fill('2024-09-16')
    await byTestId('run-analysis').click()
    await mismatch.waitFor({ timeout: 180_000 })
    const note = await mismatch.innerText()
    expect(note).toContain('analysis window (2024-09-02 to 2024-09-15)')
    expect(note).toContain('IN 2024-09-02 to 2024-09-29')
    await scrollContentTo(page, '[data-testid="analysis-notes"]')
    await h.screenshot('results-window-mismatch-light')
    await byTestId('window-end').fill('2024-09-30')
    await byTestId('run-analysis').click()
    await expect.poll(() => mismatch.count(), SLOW).toBe(0)
    await byTestId('metric-panel-IN').waitFor({ timeout: 180_000 })
  })

  it('runs the IN-KA rollout from 2024-09-02', async () => {
    await byTestId('tab-rollout').click()
    await byTestId('rollout-regions').fill('IN-KA')
    await byTestId('rollout-start').fill('2024-09-02')
    await byTestId('run-rollout').click()
    await byTestId('rollout-att').waitFor({ timeout: 180_000 })
    expect(await text('rollout-att')).toMatch(/^[+−]\d\.\d{4}/)
    expect(await text('rollout-interval')).toMatch(/95% interval \[/)
    expect(await text('rollout-pretrend')).toMatch(/p = /)
    expect(await text('rollout-placebo')).toMatch(/p = /)
    expect(await page.locator('[data-testid="rollout-result"] canvas').count()).toBe(1)
    clean(await text('rollout-result'))
    await h.screenshot('results-rollout-light')
  })

  it('looks right in the dark theme', async () => {
    await page.getByRole('button', { name: 'Switch to dark theme' }).click()
    await h.screenshot('results-rollout-dark')
    await byTestId('tab-economics').click()
    await scrollContentTo(page, '[data-testid="economics-panel"]')
    await h.screenshot('results-economics-dark')
    await byTestId('tab-experiment').click()
    await scrollContentTo(page, '[data-testid="reading-controls"]')
    await h.screenshot('results-table-dark')
    await scrollContentTo(page, '[data-testid="forest-panel"]')
    await h.screenshot('results-charts-dark')
    await byTestId('tab-power').click()
    await byTestId('plan-result-IN').waitFor()
    clean(await text('power-planner'))
    await h.screenshot('results-power-dark')
    await page.getByRole('button', { name: 'Switch to light theme' }).click()
  })

  it('raised no console errors, failed requests or CSP violations', async () => {
    expect(h.problems).toEqual([])
    expect(await h.cspViolations()).toEqual([])
  })
})
