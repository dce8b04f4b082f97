// The Data view end to end: a real import through the web bridge (upload, dd/mm question,
// decimal commas, a rejected row), accept, map to payments, validation, profile, overview and
// the virtualised rows table, in light and dark, with screenshots into test-output/e2e/.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scrollContentTo, startHarness, type Harness } from './support/harness'

const FIXTURE = resolve('tests/fixtures/e2e/pix_upi_payments.csv')
const LARGE_ROWS = 5_000

let h: Harness
let page: Page
let scratch: string

const byTestId = (id: string) => page.getByTestId(id)
const text = async (id: string): Promise<string> => (await byTestId(id).textContent()) ?? ''

/** A clean generated export: ISO timestamps, dot decimals, India and Brazil (no questions to ask). */
function writeLargeCsv(path: string): void {
  const lines = ['txn_id,user_id,txn_time,amount,country,rail,kind,status']
  for (let i = 0; i < LARGE_ROWS; i += 1) {
    const india = i % 3 !== 0
    const day = String(1 + (i % 28)).padStart(2, '0')
    const amount = ((i * 7919) % 250_000) / 100 + 1
    lines.push(`T${String(i).padStart(6, '0')},U${i % 900},2024-03-${day} ${String(i % 24).padStart(2, '0')}:15:00,${amount.toFixed(2)},${india ? 'IN' : 'BR'},${india ? 'UPI' : 'PIX'},${i % 4 === 0 ? 'P2M' : 'P2P'},SUCCESS`)
  }
  writeFileSync(path, `${lines.join('\n')}\n`)
}

beforeAll(async () => {
  h = await startHarness()
  page = h.page
  scratch = mkdtempSync(join(tmpdir(), 'cashback-e2e-files-'))
  await page.goto(`${h.url}#/data`)
  await page.getByText('Engine ready').waitFor()
})

afterAll(async () => {
  await h?.close()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

describe('Data view in Chromium against the real engine', () => {
  it('starts empty, uploads a CSV and asks whether 03/04/2024 is day or month first', async () => {
    await byTestId('datasets-empty').waitFor()
    await h.screenshot('data-empty-light')
    await byTestId('import-file-input').first().setInputFiles(FIXTURE)
    await byTestId('question-dateOrder').waitFor()
    expect(await byTestId('data-tab-import').getAttribute('aria-selected')).toBe('true')
    expect(await text('question-dateOrder')).toContain('day/month/year or month/day/year')
    expect(await text('question-dateOrder')).toContain('03/04/2024 09:15')
    expect(await text('import-scope')).toContain('the whole file — 12 rows')
    expect(await byTestId('start-import').isDisabled()).toBe(true)
    // What detection found, with evidence: semicolons, decimal comma, dot thousands.
    expect(await byTestId('override-delimiter').inputValue()).toBe(';')
    expect(await byTestId('override-decimalSeparator').inputValue()).toBe(',')
    expect(await byTestId('override-thousands').inputValue()).toBe('.')
    expect(await text('setting-decimalSeparator')).toMatch(/values like 10,5/)
    await h.screenshot('import-question-light')
  })

  it('answers the question, loads amounts as DECIMAL and imports with one rejected row', async () => {
    await byTestId('answer-DMY').check()
    await expect.poll(() => byTestId('question-dateOrder').count()).toBe(0)
    expect(await text('setting-dateOrder')).toContain('chosen by you')
    // "abc" in valor keeps the column as text; the analyst asks for money and accepts the reject.
    expect(await byTestId('column-type-valor').inputValue()).toBe('VARCHAR')
    await byTestId('column-type-valor').selectOption('DECIMAL(18,2)')
    await expect.poll(() => text('column-valor')).toContain('chosen by you')
    await byTestId('dataset-name').fill('pagamentos')
    await scrollContentTo(page, '[data-testid="import-columns"]')
    await h.screenshot('import-review-light')
    expect(await byTestId('start-import').isEnabled()).toBe(true)
    await byTestId('start-import').click()
    await byTestId('reconciliation').waitFor()
    expect(await text('reconciliation')).toContain('12 rows in the file = 11 loaded + 1 rejected ✓')
    const rejects = await text('rejects-table')
    expect(rejects).toContain('10')
    expect(rejects).toContain('valor')
    expect(rejects).toContain('"abc" is not an amount written like 1.234,56')
    expect(rejects).toContain('P0009;U007;09/05/2024 07:00;abc;India;UPI;P2P;SUCCESS')
    await h.screenshot('import-report-light')
  })

  it('exports the rejects as a CSV download', async () => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 4_000 }), byTestId('export-rejects').click()])
    expect(download.suggestedFilename()).toMatch(/^rejected-rows-.*\.csv$/)
    expect(readFileSync(await download.path(), 'utf8')).toContain('abc')
  })

  it('accepts the import with its rejected row', async () => {
    expect(await byTestId('error-notice').count()).toBe(0)
    expect(await byTestId('accept-import').textContent()).toContain('Accept with 1 rejected row')
    await byTestId('accept-import').click()
    await byTestId('import-done').waitFor()
    expect(await text('import-done')).toContain('“pagamentos” is in the project')
    expect(await text('import-done')).toContain('11 rows, 8 columns')
    await byTestId('data-tab-datasets').click()
    const row = await text('dataset-row-pagamentos')
    for (const part of ['11', 'pix_upi_payments.csv', 'CSV', 'copied', '1']) expect(row).toContain(part)
    await h.screenshot('datasets-light')
  })

  it('maps the dataset to payments, translates "Falhou" to FAILED and validates', async () => {
    await byTestId('datasets-table').getByRole('button', { name: 'Map pagamentos' }).click()
    await byTestId('mapping-fields').waitFor()
    await expect.poll(() => byTestId('map-amount').inputValue()).toBe('valor')
    expect(await byTestId('map-user_id').inputValue()).toBe('id_usuario')
    expect(await byTestId('map-country').inputValue()).toBe('pais')
    expect(await byTestId('value-country-Brasil').inputValue()).toBe('BR')
    expect(await byTestId('value-status-Falhou').inputValue()).toBe('') // not a code the engine knows
    await byTestId('value-status-Falhou').selectOption('FAILED')
    await byTestId('save-mapping').click()
    await byTestId('validation-report').waitFor()
    expect(await text('validation-report')).toContain('0 errors')
    expect(await byTestId('check-unknown_status').getAttribute('class')).toContain('ok')
    expect(await text('validation-report')).toContain('11 payments')
    await scrollContentTo(page, '[data-testid="validation-report"]')
    await h.screenshot('mapping-validation-light')
    await scrollContentTo(page, '[data-testid="mapping-fields"]')
    await h.screenshot('mapping-light')
  })

  it('profiles the columns with a log-scale amount histogram', async () => {
    await byTestId('data-tab-profile').click()
    await byTestId('profile-cards').waitFor()
    const valor = byTestId('profile-valor')
    expect(await valor.textContent()).toContain('2,500.00')
    expect(await valor.getByRole('img', { name: 'Histogram of valor on a log scale' }).locator('canvas').count()).toBe(1)
    expect(await text('profile-data')).toContain('3 Apr 2024, 09:15')
    await scrollContentTo(page, '[data-testid="profile-valor"]')
    await h.screenshot('profile-light')
  })

  it('summarises the mapped payments with daily volume on local dates', async () => {
    await byTestId('data-tab-overview').click()
    await byTestId('overview-kpis').waitFor()
    const kpis = await text('overview-kpis')
    for (const part of ['Payments11', 'Payers8', 'Amount · India₹2,873', 'Amount · BrazilR$ 3,95 mil', '3 Apr 2024, 09:15']) expect(kpis).toContain(part)
    expect(await text('breakdown-country')).toContain('R$ 3.954,21')
    expect(await text('breakdown-status')).toContain('FAILED')
    expect(await page.getByRole('img', { name: /Daily payments per day by country/ }).locator('canvas').count()).toBe(1)
    await h.screenshot('overview-light')
    await byTestId('metric-amount').click()
    await scrollContentTo(page, '#daily-title')
    await h.screenshot('overview-amount-light')
  })

  it('browses rows: click a header to sort, arrows move the active cell', async () => {
    await byTestId('data-tab-rows').click()
    const grid = byTestId('rows-grid')
    await grid.locator('[role="gridcell"]').first().waitFor()
    expect(await grid.getAttribute('aria-rowcount')).toBe('12')
    await byTestId('sort-valor').click()
    await byTestId('sort-valor').click()
    await expect.poll(() => grid.locator('[aria-rowindex="2"] [role="gridcell"]').nth(3).textContent()).toBe('2500.00')
    expect(await grid.locator('[role="columnheader"][aria-sort="descending"]').textContent()).toContain('valor')
    await grid.focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowRight')
    const active = await grid.getAttribute('aria-activedescendant')
    expect(active).toMatch(/-1-1$/)
    expect(await page.locator(`#${active}`).textContent()).toBe('U008')
    await h.screenshot('rows-light')
    expect(h.problems).toEqual([])
    expect(await h.cspViolations()).toEqual([])
  })

  it('in the dark theme: imports 5,000 rows and keeps only the visible rows in the DOM', async () => {
    await page.getByRole('button', { name: 'Switch to dark theme' }).click()
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    const large = join(scratch, 'upi_pix_march.csv')
    writeLargeCsv(large)
    await byTestId('import-file-input').first().setInputFiles(large)
    await byTestId('import-action-bar').waitFor()
    expect(await byTestId('question-dateOrder').count()).toBe(0)
    expect(await byTestId('dataset-name').inputValue()).toBe('upi_pix_march')
    await h.screenshot('import-review-dark')
    await byTestId('start-import').click()
    await byTestId('reconciliation').waitFor({ timeout: 30_000 })
    expect(await text('reconciliation')).toContain(`${LARGE_ROWS.toLocaleString('en')} rows in the file = ${LARGE_ROWS.toLocaleString('en')} loaded + 0 rejected ✓`)
    await h.screenshot('import-report-dark')
    await byTestId('accept-import').click()
    await byTestId('import-done').waitFor()
    await page.getByRole('button', { name: 'Browse rows' }).click()
    const grid = byTestId('rows-grid')
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe(String(LARGE_ROWS + 1))
    const rendered = await grid.locator('[role="row"]').count()
    expect(rendered).toBeGreaterThan(10)
    expect(rendered).toBeLessThan(80)
    await grid.focus()
    await page.keyboard.press('Control+End')
    await expect.poll(() => grid.locator(`[aria-rowindex="${LARGE_ROWS + 1}"]`).count()).toBe(1)
    expect(await grid.locator('[role="row"]').count()).toBeLessThan(80)
    await expect.poll(() => grid.locator(`[aria-rowindex="${LARGE_ROWS + 1}"] [role="gridcell"]`).first().textContent()).toBe('T004999')
    await h.screenshot('rows-dark')
  })

  it('shows datasets, profile, mapping and overview in the dark theme', async () => {
    await byTestId('data-tab-datasets').click()
    await byTestId('dataset-row-upi_pix_march').waitFor()
    await h.screenshot('datasets-dark')
    await byTestId('data-tab-profile').click()
    await page.locator('#profile-dataset').selectOption('upi_pix_march')
    await byTestId('profile-amount').waitFor()
    await scrollContentTo(page, '[data-testid="profile-amount"]')
    await h.screenshot('profile-dark')
    await byTestId('data-tab-mapping').click()
    await byTestId('mapping-fields').waitFor()
    await scrollContentTo(page, '[data-testid="values-country"]')
    await h.screenshot('mapping-dark')
    await byTestId('data-tab-overview').click()
    await byTestId('overview-kpis').waitFor()
    await h.screenshot('overview-dark')
    expect(h.problems).toEqual([])
    expect(await h.cspViolations()).toEqual([])
  })
})
