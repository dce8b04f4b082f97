// Per-user metrics end to end on the bundled sample: the Reports form is disabled until Results has
// run an analysis; then the analyst runs it with the default windows, exports the per-user metrics
// as Parquet (read back here with DuckDB and checked against the sample's own users file) and, from
// the keyboard, as CSV (header checked). Screenshot into test-output/e2e/reports-user-metrics.png.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../electron/engine/engine'
import { startHarness, type Harness } from './support/harness'

const SAMPLE = resolve('datasets/sample')
const USERS = join(SAMPLE, 'users.parquet')
const SLOW = { timeout: 180_000, interval: 250 }
const COLUMNS = ['user_id', 'arm', 'country', 'payer_type', 'adopted', 'payments', 'tpv', 'active_days']

let h: Harness
let page: Page
let duck: DuckDBInstance
let conn: DuckDBConnection
const byTestId = (id: string) => page.getByTestId(id)

async function rows(text: string, params: Record<string, string> = {}): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(text, params)).getRowObjectsJS() as Record<string, unknown>[]
}

beforeAll(async () => {
  h = await startHarness({ createEngine: (dir) => createEngine({ projectDir: dir, host: 'web', seedFrom: SAMPLE }) })
  page = h.page
  duck = await DuckDBInstance.create(':memory:')
  conn = await duck.connect()
  await page.goto(`${h.url}#/reports`)
  await page.getByText('Engine ready').waitFor({ timeout: 60_000 })
  await byTestId('user-metrics-export').waitFor()
}, 180_000)

afterAll(async () => {
  conn?.closeSync()
  duck?.closeSync()
  await h?.close()
})

describe('Per-user metrics export in Chromium on the bundled sample', () => {
  it('is disabled, with a hint, until Results has run an analysis', async () => {
    expect(await byTestId('export-user-metrics').isDisabled()).toBe(true)
    expect(await byTestId('user-metrics-hint').textContent()).toBe('Run an analysis in Results first: the metrics are those of its windows.')
  })

  it('runs the Results analysis with its defaults, then enables the export in Reports', async () => {
    await byTestId('nav-results').click()
    await expect.poll(() => byTestId('window-start').inputValue(), SLOW).toBe('2024-09-02')
    expect(await byTestId('window-end').inputValue()).toBe('2024-09-30')
    await byTestId('run-analysis').click()
    await byTestId('metric-panel-IN').waitFor({ timeout: 180_000 })
    await byTestId('nav-reports').click()
    await byTestId('user-metrics-export').waitFor()
    expect(await byTestId('export-user-metrics').isEnabled()).toBe(true)
    expect(await byTestId('user-metrics-hint').count()).toBe(0)
  }, 240_000)

  it('downloads the Parquet table: one row per experiment user, the documented columns, the sample arms', async () => {
    await byTestId('user-metrics-format-parquet').click()
    expect(await byTestId('user-metrics-format-parquet').getAttribute('aria-pressed')).toBe('true')
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), byTestId('export-user-metrics').click()])
    expect(download.suggestedFilename()).toBe('user-metrics.parquet')
    const path = await download.path()
    await expect.poll(() => byTestId('user-metrics-notice').textContent(), SLOW).toBe('Per-user metrics exported as user-metrics.parquet.')
    expect(await byTestId('export-user-metrics').textContent()).toContain('Export per-user metrics')
    await h.screenshot('reports-user-metrics')

    // The experiment users straight from the sample's users file (docs/reports.md: a non-null arm,
    // users listed with several arms excluded, duplicates counted once).
    const [expected] = await rows(`SELECT count(*)::INTEGER AS users, list(DISTINCT arm ORDER BY arm) AS arms FROM (
        SELECT user_id, any_value(arm) AS arm FROM read_parquet($users) WHERE arm IS NOT NULL
        GROUP BY user_id HAVING count(DISTINCT arm) = 1)`, { users: USERS })
    expect(expected!.users).toBeGreaterThan(100_000)
    const [got] = await rows(`SELECT count(*)::INTEGER AS users, count(DISTINCT user_id)::INTEGER AS ids, list(DISTINCT arm ORDER BY arm) AS arms,
        count(*) FILTER (WHERE country NOT IN ('IN', 'BR'))::INTEGER AS odd_countries,
        count(*) FILTER (WHERE payer_type NOT IN ('new', 'existing'))::INTEGER AS odd_payer_types,
        count(*) FILTER (WHERE adopted <> (payments > 0) OR tpv < 0 OR active_days > payments)::INTEGER AS inconsistent
      FROM read_parquet($p)`, { p: path })
    expect(got).toEqual({ users: expected!.users, ids: expected!.users, arms: expected!.arms, odd_countries: 0, odd_payer_types: 0, inconsistent: 0 })
    expect(expected!.arms).toEqual(['control', 'flat_large', 'flat_small', 'pct10'])
    const columns = (await rows('DESCRIBE SELECT * FROM read_parquet($p)', { p: path })).map((c) => c.column_name)
    expect(columns).toEqual(expect.arrayContaining(COLUMNS))
  }, 240_000)

  it('downloads the CSV table from the keyboard, with its header line', async () => {
    await byTestId('user-metrics-format-csv').focus()
    await page.keyboard.press('Enter')
    expect(await byTestId('user-metrics-format-csv').getAttribute('aria-pressed')).toBe('true')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('export-user-metrics')
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.keyboard.press('Enter')])
    expect(download.suggestedFilename()).toBe('user-metrics.csv')
    const text = readFileSync(await download.path(), 'utf8')
    const header = text.slice(0, text.indexOf('\n')).replace(/\r$/, '')
    expect(header.startsWith('\uFEFFuser_id,arm,country,')).toBe(true)
    expect(header.replace(/^\uFEFF/, '').split(',')).toEqual(expect.arrayContaining(COLUMNS))
    await expect.poll(() => byTestId('user-metrics-notice').textContent(), SLOW).toBe('Per-user metrics exported as user-metrics.csv.')
    // The button is busy (aria-disabled), not disabled, while it exports: focus stays on it.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('export-user-metrics')
  }, 240_000)

  it('raised no console errors, failed requests or CSP violations', async () => {
    expect(h.problems).toEqual([])
    expect(await h.cspViolations()).toEqual([])
  })
})
