// exportReport and exportTable on the bundled sample (seeded once): the PDF printed by headless
// Chromium read back with pdftotext (key numbers) and pdftoppm (pages render); XLSX through the
// engine; per-payment rewards as Parquet read back by DuckDB; CSV with a BOM. Skips, saying why,
// where Chromium or poppler-utils are missing.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { presetCampaign } from '../../../common/campaigns/presets'
import { createEngine, type Engine } from '../../../electron/engine/engine'
import { findChromium } from '../../../electron/engine/reports/pdf'

const SAMPLE = resolve('datasets/sample')
const manifest = JSON.parse(readFileSync(join(SAMPLE, 'manifest.json'), 'utf8')) as { periods: Record<string, [string, string]> }
const w = (p: [string, string] | undefined) => ({ start: p![0], end: p![1] })
const hasChromium = existsSync('/usr/bin/chromium')
const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()
if (!hasChromium || !hasPoppler) console.warn(`sampleReport PDF test skipped: ${hasChromium ? '' : 'no /usr/bin/chromium (apt-get install chromium) '}${hasPoppler ? '' : 'no pdftotext (apt-get install poppler-utils)'}`)

let dir: string
let engine: Engine
let ids: string[]

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'report-sample-'))
  engine = await createEngine({ projectDir: dir, host: 'test', seedFrom: SAMPLE, threads: 2, now: () => new Date('2026-11-27T12:00:00Z') })
  const jun = presetCampaign('whatsapp-jun-2022')
  const pix = presetCampaign('pix-flat')
  ids = [
    unwrap(await engine.saveCampaign({ campaign: { ...jun, eligibility: { ...jun.eligibility, arms: ['flat_small'] } } })).id,
    unwrap(await engine.saveCampaign({ campaign: { ...pix, eligibility: { ...pix.eligibility, arms: ['flat_small'] } } })).id,
  ]
}, 240_000)
afterAll(async () => {
  await engine?.close()
  rmSync(dir, { recursive: true, force: true })
})

const analysis = () => ({
  spec: { window: w(manifest.periods.adopt14), preWindow: w(manifest.periods.pre), postWindow: w(manifest.periods.post), metrics: ['adopted' as const, 'payments' as const], segments: ['country'] },
  cuped: true,
  economics: { campaignId: ids[0]!, valuePerAdopter: { IN: 500, BR: 40 } },
})

describe('the sample report', () => {
  it.skipIf(!hasChromium || !hasPoppler)('prints to an A4 PDF whose text holds the key numbers', async () => {
    const file = unwrap(await engine.exportReport({ format: 'pdf', title: 'Sample report', author: 'Tests', campaignIds: ids, analysis: analysis() }))
    expect(file.name).toBe('sample-report.pdf')
    const path = engine.exportedFile(file.fileId).path
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-')
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' })
    expect(info).toMatch(/Page size:\s+595\.\d+ x 84[12]\.\d+ pts \(A4\)/)
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1])
    expect(pages).toBeGreaterThanOrEqual(5)
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    expect(text).toContain('₹35 per payment, up to 3 payments, minimum ₹1, credited 48 h later, budget ₹10 lakh')
    expect(text).toContain('₹2,85,425.00')
    expect(text).toContain('R$ 20.645,00')
    expect(text).toContain('Economics of “flat_small”')
    expect(text).toMatch(/Page 1 of \d+/)
    expect(text).toContain('Appendix: formulas and definitions')
    const out = mkdtempSync(join(tmpdir(), 'report-png-'))
    execFileSync('pdftoppm', ['-png', '-r', '30', path, join(out, 'page')])
    expect(readdirSync(out).filter((f) => f.endsWith('.png'))).toHaveLength(pages)
    rmSync(out, { recursive: true, force: true })
  }, 120_000)

  it('writes the report tables as XLSX through the engine', async () => {
    const file = unwrap(await engine.exportReport({ format: 'xlsx', campaignIds: ids }))
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(engine.exportedFile(file.fileId).path)
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Sources', 'Scenarios', 'Cost 1', 'Funnel 1', 'Cost 2', 'Funnel 2', 'Definitions'])
    expect(wb.getWorksheet('Scenarios')!.getRow(2).getCell(4).value).toBe(285425)
  }, 120_000)

  it('exports one table as CSV with a BOM and the rewards as Parquet', async () => {
    const csv = unwrap(await engine.exportTable({ kind: 'cost', format: 'csv', campaignIds: [ids[0]!], bom: true }))
    const text = readFileSync(engine.exportedFile(csv.fileId).path, 'utf8')
    expect(text.startsWith('\uFEFFMeasure,India (INR)\r\n')).toBe(true)
    expect(text).toContain('Cashback accrued,285425\r\n')

    const parquet = unwrap(await engine.exportTable({ kind: 'rewards', format: 'parquet', campaignIds: [ids[0]!] }))
    const path = engine.exportedFile(parquet.fileId).path
    const db = await DuckDBInstance.create(':memory:')
    const conn = await db.connect()
    const reader = await conn.runAndReadAll('SELECT count(*)::INTEGER AS n, sum(reward)::DOUBLE AS total, count(DISTINCT arm)::INTEGER AS arms FROM read_parquet($p)', { p: path })
    expect(reader.getRowObjectsJS()[0]).toEqual({ n: 8155, total: 285425, arms: 1 })
    conn.closeSync()
    db.closeSync()

    const refused = await engine.exportTable({ kind: 'rewards', format: 'xlsx', campaignIds: [ids[0]!] })
    expect(refused.ok || refused.error.code).toBe('UNSUPPORTED')
    const noAnalysis = await engine.exportTable({ kind: 'uplift', format: 'csv' })
    expect(noAnalysis.ok || noAnalysis.error.message).toBe('The uplift table needs an analysis request (analysis).')
  }, 120_000)
})

describe('findChromium', () => {
  it('says clearly what to do when no Chromium is installed', () => {
    expect(() => findChromium({}, () => false)).toThrow(/A PDF needs Chromium or Google Chrome, and none was found .*sudo apt-get install chromium.*CASHBACK_LAB_CHROMIUM.*export the report as HTML/)
    expect(findChromium({ CASHBACK_LAB_CHROMIUM: '/opt/chrome' }, (p) => p === '/opt/chrome')).toBe('/opt/chrome')
  })
})
