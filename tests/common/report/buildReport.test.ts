// buildReport: the model of the sample's two scenarios and its experiment — provenance, campaigns
// in words, India and Brazil side by side, uplift with intervals and method, economics, appendix.
import { describe, expect, it } from 'vitest'
import { buildReport, mappingSummary, reportTables } from '../../../common/report/buildReport'
import { sampleReportInput } from '../../helpers/reportFixture'

const model = buildReport(sampleReportInput())
const section = (id: string) => {
  const s = model.sections.find((x) => x.id === id)
  if (s === undefined) throw new Error(`no section ${id}`)
  return s
}

describe('buildReport', () => {
  it('has the title, author, frozen time and the sections in order', () => {
    expect(model.title).toBe('UPI and Pix cashback — sample')
    expect(model.author).toBe('Growth analytics')
    expect(model.generatedAt).toBe('2026-11-27T12:00:00.000Z')
    expect(model.generatedAtText).toBe('27 Nov 2026, 12:00 UTC')
    expect(model.sections.map((s) => s.id)).toEqual(['data', 'scenarios', 'campaign-1', 'campaign-2', 'uplift', 'economics'])
    expect(model.definitions.map((d) => d.term)).toContain('Cost per incremental adopter')
  })

  it('lists every source with its hash and reconciled row counts, and the mapping in words', () => {
    const sources = section('data').tables[0]!
    expect(sources.columns).toEqual(['Dataset', 'File', 'Format', 'SHA-256', 'Rows in file', 'Loaded', 'Rejected', 'Imported'])
    const payments = sources.rows.find((r) => r[0]!.value === 'payments')!
    expect(payments[3]!.text).toMatch(/^[0-9a-f]{64}$/)
    expect(payments.slice(4, 7).map((c) => c.value)).toEqual([1_183_564, 1_183_564, 0])
    expect(section('data').paragraphs.join('\n')).toContain('payments ← dataset “payments”: payment_id, user_id, ts, amount')
    expect(mappingSummary(null)).toEqual(['No dataset is mapped yet.'])
  })

  it('says each campaign in words and formats money per country', () => {
    const india = section('campaign-1')
    expect(india.facts.find((f) => f.label === 'Rules')?.text).toBe('₹35 per payment, up to 3 payments, minimum ₹1, credited 48 h later, budget ₹10 lakh')
    const cost = india.tables.find((t) => t.id === 'Cost 1')!
    expect(cost.columns).toEqual(['Measure', 'India (INR)'])
    expect(cost.rows.find((r) => r[0]!.text === 'Cashback accrued')![1]).toEqual({ text: '₹2,85,425.00', value: 285425, format: 'INR' })
    const brazil = section('campaign-2').tables.find((t) => t.id === 'Cost 2')!
    expect(brazil.rows.find((r) => r[0]!.text === 'Cashback accrued')![1]).toEqual({ text: 'R$ 20.645,00', value: 20645, format: 'BRL' })
    expect(india.charts.map((c) => c.id)).toEqual(['campaign-1-burn', 'campaign-1-cashflow', 'campaign-1-kind', 'campaign-1-users-IN'])
  })

  it('puts India and Brazil side by side in the scenarios table, and gives each its own uplift table', () => {
    const scenarios = section('scenarios').tables[0]!
    expect(scenarios.columns).toEqual(['Scenario', 'Rewarded payments', 'Rewarded users', 'India (INR)', 'Brazil (BRL)', 'Total (USD)'])
    const [india, brazil] = section('uplift').tables
    expect([india!.title, brazil!.title]).toEqual(['India: uplift against “control”', 'Brazil: uplift against “control”'])
    expect(india!.columns).toEqual(['Metric', 'Arm', 'Control → treatment', 'Lift [95% CI]', 'Adj. p'])
    const adopted = india!.rows.find((r) => String(r[0]!.value).startsWith('Adopted') && r[1]!.value === 'flat_large')!
    expect(adopted[3]!.text).toMatch(/^\+\d\.\d\d pp \[\d\.\d\d, \d\.\d\d\]$/)
    expect(section('uplift').paragraphs.join(' ')).toContain('CUPED')
    expect(section('uplift').charts.map((c) => c.id)).toEqual(['forest', 'adoption'])
  })

  it('gives one economics table per treatment arm, countries side by side', () => {
    const tables = section('economics').tables
    expect(tables.map((t) => t.title)).toEqual(['Economics of “flat_large”', 'Economics of “flat_small”', 'Economics of “pct10”'])
    expect(tables[1]!.columns).toEqual(['Measure', 'India (INR)', 'Brazil (BRL)'])
    const cost = tables[1]!.rows.find((r) => r[0]!.text === 'Cost per incremental adopter')![1]!
    expect(cost.format).toBe('INR')
    expect(cost.text).toMatch(/^₹1,\d{3}\.\d\d \[₹\d{3}\.\d\d, ₹1,\d{3}\.\d\d\]$/)
    expect(reportTables(model).map((t) => t.id)).toEqual(['Sources', 'Scenarios', 'Cost 1', 'Funnel 1', 'Cost 2', 'Funnel 2', 'Uplift India', 'Uplift Brazil', 'Economics 1', 'Economics 2', 'Economics 3'])
  })
})
