// Campaigns and Compare end to end on the bundled sample (200k users, 1.18 M payments): choose
// the WhatsApp Jun 2022 preset, see its cost, change the reward and see the cost follow (a quick
// estimate of the totals first), save two scenarios and compare them; screenshots in light and
// dark into test-output/e2e/.
import { resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../electron/engine/engine'
import { scrollContentTo, startHarness, type Harness } from './support/harness'

const SLOW = { timeout: 90_000, interval: 250 }
let h: Harness
let page: Page
/** Error codes of evaluateCampaign replies: a superseded evaluation is cancelled on purpose. */
const evaluationErrors: string[] = []

const byTestId = (id: string) => page.getByTestId(id)
const text = async (id: string): Promise<string> => (await byTestId(id).first().textContent()) ?? ''
const indiaCost = () => text('country-cost-IN')

/** Scroll the sticky cost column (it scrolls on its own) so `selector` is at its top. */
async function scrollPreviewTo(selector: string): Promise<void> {
  await page.evaluate((sel) => {
    const column = document.querySelector('.preview-column')
    const target = document.querySelector(sel)
    if (column === null || target === null) return
    column.scrollTop += target.getBoundingClientRect().top - column.getBoundingClientRect().top - 8
  }, selector)
}

async function waitForFreshCost(): Promise<string> {
  await expect.poll(async () => (await byTestId('cost-results').count()) > 0 && !((await byTestId('cost-results').getAttribute('class')) ?? '').includes('dimmed'), SLOW).toBe(true)
  return indiaCost()
}

beforeAll(async () => {
  h = await startHarness({ createEngine: (dir) => createEngine({ projectDir: dir, host: 'web', seedFrom: resolve('datasets/sample') }) })
  page = h.page
  page.on('response', (response) => {
    if (!response.url().endsWith('/api/evaluateCampaign') || response.status() < 400) return
    void response.json().then((body: { error?: { code?: string } }) => evaluationErrors.push(body.error?.code ?? '?'))
  })
  await page.goto(`${h.url}#/campaigns`)
  await page.getByText('Engine ready').waitFor({ timeout: 60_000 })
}, 180_000)

afterAll(async () => {
  await h?.close()
})

describe('Campaigns and Compare in Chromium on the bundled sample', () => {
  it('costs the WhatsApp Jun 2022 preset on the sample', async () => {
    await byTestId('campaign-designer').waitFor({ timeout: 60_000 })
    await byTestId('preset-select').selectOption('whatsapp-jun-2022')
    expect(await byTestId('field-reward.amount').inputValue()).toBe('35')
    const cost = await waitForFreshCost()
    expect(cost).toMatch(/India.*₹[\d,]+\.\d\d/)
    expect(await text('cost-headline')).not.toMatch(/NaN|undefined/)
    await h.screenshot('campaigns-preset-light')
  })

  it('follows a change of the reward with a new cost', async () => {
    const before = await indiaCost()
    await byTestId('field-name').fill('Jun ₹50')
    await byTestId('field-reward.amount').fill('50')
    await expect.poll(async () => (await indiaCost()) !== before && !((await byTestId('cost-results').getAttribute('class')) ?? '').includes('dimmed'), SLOW).toBe(true)
    expect(await indiaCost()).not.toBe(before)
    await byTestId('field-eligibility.minAmount').fill('abc')
    await expect.poll(() => text('issue-eligibility.minAmount')).toBe('The minimum amount must be a number.')
    await h.screenshot('campaigns-invalid-light')
    await byTestId('field-eligibility.minAmount').fill('1')
    await waitForFreshCost()
  })

  /** Record what the quick estimate showed while it was on screen (it may be there for a moment only). */
  async function watchQuickTotals(): Promise<void> {
    await page.evaluate(() => {
      const seen: string[] = []
      ;(window as unknown as { quickSeen: string[] }).quickSeen = seen
      new MutationObserver(() => {
        const india = document.querySelector('[data-testid="quick-country-IN"] .value')
        if (india !== null) seen.push(india.textContent ?? '')
      }).observe(document.body, { childList: true, subtree: true, characterData: true })
    })
  }
  const quickSeen = (): Promise<string[]> => page.evaluate(() => (window as unknown as { quickSeen: string[] }).quickSeen)

  /**
   * After `change`, the quick totals were on screen at some point (a screenshot when they stay long
   * enough to take one: not asserted, the full result may be quicker) and the last ones shown equal
   * the full result's.
   */
  async function expectQuickTotalsMatch(change: () => Promise<void>, screenshot: string, timeout: number): Promise<void> {
    await watchQuickTotals()
    await change()
    await byTestId('quick-totals').waitFor({ timeout }).then(() => h.screenshot(screenshot), () => undefined)
    await waitForFreshCost()
    const seen = await quickSeen()
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.at(-1)).toBe(await text('country-accrued'))
    expect(await byTestId('quick-totals').count()).toBe(0)
  }

  it('shows a quick estimate of the totals before the full result of a reward change, and it matches', async () => {
    await expectQuickTotalsMatch(() => byTestId('field-reward.amount').fill('60'), 'campaigns-quick-estimate-light', 3000)
  })

  it('shows the totals of a new eligibility (computed from the payments) before its full result, and they match', async () => {
    // A minimum amount never used before: a candidate set the engine has not seen.
    await expectQuickTotalsMatch(() => byTestId('field-eligibility.minAmount').fill('7'), 'campaigns-first-totals-light', 10_000)
    await byTestId('field-eligibility.minAmount').fill('1')
    await waitForFreshCost()
  })

  it('shows the result panels: budget burn, cash flow, breakdown, funnel', async () => {
    for (const id of ['payout-cashflow', 'breakdown-panel', 'reward-per-user', 'gaming-signal', 'eligibility-funnel', 'top-users']) await byTestId(id).waitFor()
    expect(await page.locator('[data-testid="cost-results"] canvas').count()).toBeGreaterThan(2)
    await scrollPreviewTo('[data-testid="payout-cashflow"]')
    await h.screenshot('campaigns-charts-light')
    await scrollPreviewTo('[data-testid="gaming-signal"]')
    await h.screenshot('campaigns-funnel-light')
    await scrollPreviewTo('[data-testid="cost-headline"]')
  })

  it('saves two scenarios', async () => {
    await byTestId('save-new').click()
    await byTestId('scenario-Jun ₹50').waitFor()
    await expect.poll(() => text('save-state')).toBe('Saved')
    await byTestId('field-name').fill('Jun ₹20')
    await byTestId('field-reward.amount').fill('20')
    await byTestId('save-new').click()
    await byTestId('scenario-Jun ₹20').waitFor()
    await waitForFreshCost()
    await scrollContentTo(page, '[data-testid="scenario-list"]')
    await h.screenshot('campaigns-scenarios-light')
  })

  it('compares the two scenarios side by side', async () => {
    await byTestId('nav-compare').click()
    await byTestId('compare-pick-Jun ₹50').check()
    await byTestId('compare-pick-Jun ₹20').check()
    await byTestId('run-compare').click()
    await byTestId('compare-table').waitFor({ timeout: 90_000 })
    await expect.poll(async () => ((await byTestId('compare-results').getAttribute('class')) ?? '').includes('dimmed'), SLOW).toBe(false)
    const usd = await text('compare-row-usd')
    expect(usd).toMatch(/\$[\d,]+\.\d\d/)
    expect(usd).toMatch(/[−+±]\$/)
    expect(await text('compare-results')).not.toMatch(/NaN|undefined/)
    expect(await page.locator('[data-testid="compare-results"] canvas').count()).toBe(1)
    await h.screenshot('compare-light')
  })

  it('looks right in the dark theme', async () => {
    await page.getByRole('button', { name: 'Switch to dark theme' }).click()
    await h.screenshot('compare-dark')
    await byTestId('nav-campaigns').click()
    await byTestId('cost-results').waitFor()
    await waitForFreshCost()
    await h.screenshot('campaigns-dark')
    await scrollPreviewTo('[data-testid="payout-cashflow"]')
    await h.screenshot('campaigns-charts-dark')
    await page.getByRole('button', { name: 'Switch to light theme' }).click()
  })

  it('raised no console errors, failed requests or CSP violations', async () => {
    // Typing while an evaluation runs cancels it (409 CANCELLED); nothing else may fail.
    expect(evaluationErrors.every((code) => code === 'CANCELLED')).toBe(true)
    expect(h.problems).toEqual([])
    expect(await h.cspViolations()).toEqual([])
  })
})
