// The HTML report of the sample (frozen clock) against its golden file: self-contained (inline
// CSS and SVG, no scripts, nothing fetched), deterministic, numbers per country, A4 print rules.
// Regenerate deliberately with UPDATE_GOLDEN=1 (never on CI), then read the diff.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildReport } from '../../../common/report/buildReport'
import { reportHtml } from '../../../electron/engine/reports/reportFiles'
import { sampleReportInput } from '../../helpers/reportFixture'

const GOLDEN = resolve('tests/golden/report-sample/report.html')
const html = reportHtml(buildReport(sampleReportInput()))

describe('report HTML', () => {
  it('matches the golden file', () => {
    if (process.env.UPDATE_GOLDEN === '1' && process.env.CI === undefined) {
      mkdirSync(dirname(GOLDEN), { recursive: true })
      writeFileSync(GOLDEN, html)
    }
    expect(existsSync(GOLDEN), 'golden file missing: run with UPDATE_GOLDEN=1 once and review it').toBe(true)
    expect(html).toBe(readFileSync(GOLDEN, 'utf8'))
  })

  it('renders the same bytes twice (no ids or times that drift)', () => {
    expect(reportHtml(buildReport(sampleReportInput()))).toBe(html)
  })

  it('is self-contained: inline style and SVG, no script, no external resource', () => {
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).not.toMatch(/<script|<link |<img |@import|url\((?!#)/i)
    expect(html).not.toMatch(/(src|href)="(https?:|\/\/|file:)/i)
    expect(html.match(/<svg /g)?.length).toBe(9)
    expect(html).toContain('@page { size: A4;')
    expect(html).toContain('system-ui')
  })

  it('shows numbers the way each country reads them', () => {
    expect(html).toContain('₹2,85,425.00')
    expect(html).toContain('R$ 20.645,00')
    expect(html).toContain('₹35 per payment, up to 3 payments, minimum ₹1, credited 48 h later, budget ₹10 lakh')
    expect(html).toContain('Generated 27 Nov 2026, 12:00 UTC')
  })

  it('escapes text that came from the user', () => {
    const input = sampleReportInput()
    const first = input.campaigns[0]!
    const model = buildReport({ ...input, title: '<b>Q3</b> & "cash"', campaigns: [{ ...first, campaign: { ...first.campaign, name: '<script>alert(1)</script>' } }] })
    const text = reportHtml(model)
    expect(text).not.toContain('<script>')
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(text).toContain('<title>&lt;b&gt;Q3&lt;/b&gt; &amp; &quot;cash&quot;</title>')
  })
})
