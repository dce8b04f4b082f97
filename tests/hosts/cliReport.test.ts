// `cashback-lab report` on a small mapped project: HTML/XLSX/PDF by --out's extension, campaigns
// from files and saved scenarios, never overwriting without --force, bad usage explained.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { mappedCliProject, type CliProject } from '../helpers/cliProject'
import { tempDir } from '../helpers/tempDir'

const root = tempDir('cli-report')
const campaignFile = join(root, 'campaign.json')
let cli: CliProject['cli']

const campaign = { name: '₹11 flat', countries: ['IN'], window: { start: '2022-03-31T18:30:00Z', end: '2022-04-30T18:30:00Z' }, reward: { type: 'flat', amount: 11 }, budget: { amount: 500000, currency: 'INR' } }

beforeAll(async () => {
  ;({ cli } = await mappedCliProject(root, async (engine) => {
    const saved = await engine.saveCampaign({ campaign: { ...campaign, name: 'Saved ₹5', reward: { type: 'flat', amount: 5 } } as never })
    if (!saved.ok) throw new Error(saved.error.message)
  }))
  writeFileSync(campaignFile, JSON.stringify(campaign))
})

describe('cashback-lab report', () => {
  it('writes an HTML report of a campaign file and a saved scenario', async () => {
    const out = join(root, 'report.html')
    const { code, stdout, stderr } = await cli('report', '--campaign', campaignFile, '--campaign', 'saved ₹5', '--out', out, '--title', 'April test', '--author', 'Asha')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Wrote .*report\.html \(HTML, \d+ KB\): 2 scenarios\.\n$/)
    const html = readFileSync(out, 'utf8')
    expect(html).toContain('<title>April test</title>')
    expect(html).toContain('Prepared by Asha')
    expect(html).toContain('₹11 per payment, credited 48 h later, budget ₹5 lakh')
    expect(html).toContain('₹22.00')
    expect(html).toContain('Saved ₹5')
  })

  it('refuses to overwrite without --force, and overwrites with it', async () => {
    const out = join(root, 'keep.html')
    writeFileSync(out, 'mine')
    const refused = await cli('report', '--out', out)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('keep.html already exists; pass --force to overwrite it. [CONFLICT]')
    expect(readFileSync(out, 'utf8')).toBe('mine')
    const forced = await cli('report', '--out', out, '--force')
    expect(forced.code).toBe(0)
    expect(readFileSync(out, 'utf8')).toContain('Saved ₹5')
  })

  it('writes XLSX with numbers as numbers', async () => {
    const out = join(root, 'tables.xlsx')
    expect((await cli('report', '--campaign', campaignFile, '--out', out)).code).toBe(0)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(out)
    const cost = wb.getWorksheet('Cost 1')!
    const row = cost.getColumn(1).values.indexOf('Cashback accrued')
    expect(cost.getRow(row).getCell(2).value).toBe(22)
  })

  it.skipIf(!existsSync('/usr/bin/chromium'))('writes a PDF', async () => {
    const out = join(root, 'report.pdf')
    const { code, stderr } = await cli('report', '--campaign', campaignFile, '--out', out)
    // stderr first: when it fails, the reason is in the message
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-')
  }, 60_000)

  it('explains bad usage', async () => {
    expect((await cli('report')).stderr).toContain('Give the file to write with --out report.pdf')
    expect((await cli('report', '--out', join(root, 'r.docx'))).stderr).toContain('--out must end in .pdf, .html or .xlsx, not ".docx"')
    expect((await cli('report', '--campaign', 'nope', '--out', join(root, 'x.html'))).stderr).toContain('"nope" is neither a campaign file nor a saved scenario (scenarios: Saved ₹5)')
    expect(existsSync(join(root, 'x.html'))).toBe(false)
  })
})
