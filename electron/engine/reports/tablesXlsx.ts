// Report tables → an XLSX workbook (exceljs): one sheet per table, numbers as numbers with
// INR/BRL/USD/percent formats, a frozen, bold header, and a Definitions sheet. Text cells get the
// formula-injection guard; numbers are untouched. Layer: electron/engine.
import ExcelJS from 'exceljs'
import { guardFormula } from '../../../common/format/csv'
import type { CellFormat, ReportCell, ReportModel, ReportTable } from '../../../common/report/reportTypes'

/** Excel number formats; Indian grouping (12,34,567) is Excel's `##,##,##0` pattern. */
export const NUMBER_FORMATS: Record<Exclude<CellFormat, 'text'>, string> = {
  count: '#,##0',
  number: '#,##0.00',
  percent: '0.0%',
  INR: '[$₹-4009] ##,##,##0.00',
  BRL: '[$R$-416] #,##0.00',
  USD: '[$$-409] #,##0.00',
}

/** Excel sheet names: ≤ 31 characters, none of : \ / ? * [ ], unique in the workbook. */
export function sheetName(id: string, taken: Set<string>): string {
  const base = id.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31).trim() || 'Sheet'
  let name = base
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 28)} ${i}`
  taken.add(name.toLowerCase())
  return name
}

function cellValue(cell: ReportCell): string | number | null {
  if (cell.value === null) return null
  if (typeof cell.value === 'number') return cell.value
  return guardFormula(cell.value)
}

function addTableSheet(workbook: ExcelJS.Workbook, table: ReportTable, taken: Set<string>): void {
  const sheet = workbook.addWorksheet(sheetName(table.id, taken), { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.addRow(table.columns.map(guardFormula))
  sheet.getRow(1).font = { bold: true }
  for (const row of table.rows) {
    const added = sheet.addRow(row.map(cellValue))
    row.forEach((cell, i) => {
      if (cell.format !== 'text' && typeof cell.value === 'number') added.getCell(i + 1).numFmt = NUMBER_FORMATS[cell.format]
    })
  }
  table.columns.forEach((title, i) => {
    const widest = Math.max(title.length, ...table.rows.map((r) => r[i]?.text.length ?? 0))
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(10, widest + 2))
  })
}

/** The workbook of the given tables (all of the report's when `tables` is omitted). */
export async function tablesToXlsx(model: Pick<ReportModel, 'title' | 'generatedAt' | 'definitions' | 'assumptions' | 'author'>, tables: readonly ReportTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = model.author ?? 'Cashback Lab'
  workbook.created = new Date(model.generatedAt)
  workbook.modified = new Date(model.generatedAt)
  workbook.title = model.title
  const taken = new Set<string>(['definitions'])
  for (const table of tables) addTableSheet(workbook, table, taken)
  const defs = workbook.addWorksheet('Definitions', { views: [{ state: 'frozen', ySplit: 1 }] })
  defs.addRow(['Term', 'Definition'])
  defs.getRow(1).font = { bold: true }
  for (const d of model.definitions) defs.addRow([guardFormula(d.term), guardFormula(d.definition)])
  for (const a of model.assumptions) defs.addRow(['Assumption', guardFormula(a)])
  defs.addRow(['Generated', model.generatedAt])
  defs.getColumn(1).width = 32
  defs.getColumn(2).width = 110
  const buffer = await workbook.xlsx.writeBuffer()
  return Buffer.from(buffer as ArrayBuffer)
}
