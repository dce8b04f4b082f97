// The report's tables as XLSX, read back with exceljs: one sheet per table, numbers stored as
// numbers with INR/BRL/USD/percent formats, a frozen bold header, a Definitions sheet, and the
// formula guard on text only (a −500 number stays −500).
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { buildReport, reportTables } from '../../../common/report/buildReport'
import { money, text } from '../../../common/report/reportTypes'
import { NUMBER_FORMATS, sheetName, tablesToXlsx } from '../../../electron/engine/reports/tablesXlsx'
import { tableCsv } from '../../../electron/engine/reports/reportFiles'
import { sampleReportInput } from '../../helpers/reportFixture'

const model = buildReport(sampleReportInput())

async function read(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer)
  return workbook
}

describe('report XLSX', () => {
  it('has one sheet per table plus Definitions, with frozen bold headers', async () => {
    const wb = await read(await tablesToXlsx(model, reportTables(model)))
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Sources', 'Scenarios', 'Cost 1', 'Funnel 1', 'Cost 2', 'Funnel 2', 'Uplift India', 'Uplift Brazil', 'Economics 1', 'Economics 2', 'Economics 3', 'Definitions'])
    for (const sheet of wb.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
      expect(sheet.getRow(1).font?.bold).toBe(true)
    }
    const defs = wb.getWorksheet('Definitions')!
    expect(defs.getRow(1).values).toEqual([undefined, 'Term', 'Definition'])
    expect(defs.getColumn(1).values).toContain('Cost per incremental adopter')
  })

  it('stores money, counts and shares as numbers with their formats', async () => {
    const wb = await read(await tablesToXlsx(model, reportTables(model)))
    const cost = wb.getWorksheet('Cost 1')!
    const accrued = cost.getColumn(1).values.indexOf('Cashback accrued')
    const cell = cost.getRow(accrued).getCell(2)
    expect(cell.type).toBe(ExcelJS.ValueType.Number)
    expect(cell.value).toBe(285425)
    expect(cell.numFmt).toBe(NUMBER_FORMATS.INR)
    const usd = cost.getRow(cost.getColumn(1).values.indexOf('Cashback accrued in USD')).getCell(2)
    expect(usd.numFmt).toBe(NUMBER_FORMATS.USD)
    expect(typeof usd.value).toBe('number')
    const brl = wb.getWorksheet('Cost 2')!
    expect(brl.getRow(brl.getColumn(1).values.indexOf('Cashback accrued')).getCell(2)).toMatchObject({ value: 20645, numFmt: NUMBER_FORMATS.BRL })
    const funnel = wb.getWorksheet('Funnel 1')!
    expect(funnel.getRow(2).getCell(2).type).toBe(ExcelJS.ValueType.Number)
    expect(funnel.getRow(2).getCell(4).numFmt).toBe(NUMBER_FORMATS.percent)
    const sources = wb.getWorksheet('Sources')!
    expect(sources.getRow(3).getCell(5)).toMatchObject({ value: 1_183_564, numFmt: NUMBER_FORMATS.count })
  })

  it('guards text cells that look like formulas and leaves negative numbers alone', async () => {
    const table = { id: 'Edge', title: 'Edge', columns: ['=HYPERLINK("x")', 'Amount'], rows: [[text('=1+2'), money(-500, 'INR')], [text('@SUM(A1)'), money(12.5, 'BRL')]] }
    const wb = await read(await tablesToXlsx(model, [table]))
    const sheet = wb.getWorksheet('Edge')!
    expect(sheet.getRow(1).getCell(1).value).toBe('\'=HYPERLINK("x")')
    expect(sheet.getRow(2).getCell(1).value).toBe("'=1+2")
    expect(sheet.getRow(2).getCell(2).value).toBe(-500)
    expect(sheet.getRow(3).getCell(1).value).toBe("'@SUM(A1)")
    expect(tableCsv(table, true)).toBe('\uFEFF"\'=HYPERLINK(""x"")",Amount\r\n\'=1+2,-500\r\n\'@SUM(A1),12.5\r\n')
  })

  it('makes valid, unique sheet names', () => {
    const taken = new Set<string>()
    expect(sheetName('a/b:c', taken)).toBe('a b c')
    expect(sheetName('A/B:C', taken)).toBe('A B C 2')
    expect(sheetName('x'.repeat(40), taken)).toHaveLength(31)
  })
})
