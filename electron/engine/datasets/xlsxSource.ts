// XLSX workbooks: one chosen sheet becomes a UTF-8 CSV in the project's temp folder, read by
// the CSV importer. Merged cells take their master's value; formulas use their saved result, and
// a formula without one rejects its row (we cannot compute it). Lines map back to sheet rows.
// Layer: electron/engine.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { RejectRow } from '../../../common/domain/dataset'
import { EngineError } from '../engineError'
import type { RegisteredFile } from './fileRegistry'

export interface XlsxSheetCsv {
  sheets: string[]
  sheet: string
  csvPath: string
  /** CSV physical line (1-based, header = 1) → sheet row number. */
  rowOfLine: Map<number, number>
  /** Data rows in the sheet (non-empty rows below the header). */
  sourceRows: number
  /** Rows refused while converting (formulas without a saved result). */
  rejects: RejectRow[]
  notes: string[]
}

export class XlsxSources {
  private readonly cache = new Map<string, XlsxSheetCsv>()

  constructor(private readonly tempDir: string) {}

  async sheetAsCsv(file: RegisteredFile, sheetName: string | undefined): Promise<XlsxSheetCsv> {
    const key = `${file.fileId}:${sheetName ?? ''}`
    const cached = this.cache.get(key)
    if (cached !== undefined) return cached
    const workbook = new ExcelJS.Workbook()
    try {
      await workbook.xlsx.readFile(file.path)
    } catch (cause) {
      throw new EngineError('INVALID_REQUEST', `${file.name} cannot be opened as an Excel workbook (${(cause as Error).message}). Save it again from Excel as .xlsx, or export the sheet as CSV.`, { cause })
    }
    const sheets = workbook.worksheets.map((w) => w.name)
    const sheet = sheetName === undefined ? workbook.worksheets.find((w) => w.actualRowCount > 0) : workbook.getWorksheet(sheetName)
    if (sheet === undefined) {
      throw sheetName === undefined
        ? new EngineError('INVALID_REQUEST', `Every sheet of ${file.name} is empty; there is nothing to import.`)
        : new EngineError('NOT_FOUND', `${file.name} has no sheet named "${sheetName}" (it has ${sheets.map((s) => `"${s}"`).join(', ')}).`)
    }
    const converted = convertSheet(sheet, join(this.tempDir, `${file.fileId}.${sheets.indexOf(sheet.name)}.csv`))
    const result = { sheets, sheet: sheet.name, ...converted }
    this.cache.set(key, result)
    return result
  }
}

function convertSheet(sheet: ExcelJS.Worksheet, csvPath: string): Omit<XlsxSheetCsv, 'sheets' | 'sheet'> {
  const width = sheet.actualColumnCount > 0 ? sheet.columnCount : 0
  const lines: string[] = []
  const rowOfLine = new Map<number, number>()
  const rejects: RejectRow[] = []
  let header: string[] | null = null
  let line = 1
  let sourceRows = 0
  let mergedFilled = 0
  let blankRows = 0
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r)
    const cells: string[] = []
    let problem: RejectRow | null = null
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c)
      const source = cell.isMerged && cell.master !== cell ? cell.master : cell
      if (source !== cell && source.value !== null) mergedFilled += 1
      const text = cellText(source)
      if (text === undefined) {
        problem ??= { line: r, column: header?.[c - 1] ?? `column ${c}`, errorType: 'FORMULA', message: `cell ${cell.address} has the formula =${source.formula} but no saved result; open the workbook in Excel, let it calculate, save, and import again`, raw: null }
        cells.push('')
      } else cells.push(text)
    }
    if (cells.every((v) => v === '')) {
      if (header !== null) blankRows += 1
      continue
    }
    if (header === null) {
      header = cells.map((v, i) => (v === '' ? `column${i}` : v))
      lines.push(toCsvLine(header))
      line += lineCount(header)
      continue
    }
    sourceRows += 1
    if (problem !== null) {
      rejects.push(problem)
      continue
    }
    rowOfLine.set(line, r)
    lines.push(toCsvLine(cells))
    line += lineCount(cells)
  }
  if (header === null) throw new EngineError('INVALID_REQUEST', `Sheet "${sheet.name}" is empty; there is nothing to import.`)
  writeFileSync(csvPath, lines.join(''), 'utf8')
  const notes: string[] = []
  if (mergedFilled > 0) notes.push(`${mergedFilled} cells inside merged ranges take the value of their range's first cell.`)
  if (blankRows > 0) notes.push(`${blankRows} blank rows in the sheet were skipped (they hold no data).`)
  return { csvPath, rowOfLine, sourceRows, rejects, notes }
}

/** The cell as CSV text; undefined for a formula without a saved result. */
function cellText(cell: ExcelJS.Cell): string | undefined {
  const value = cell.value
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (typeof value === 'string') return value
  if (value instanceof Date) return isoLocal(value)
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result
    if (result === undefined || result === null) return undefined
    if (result instanceof Date) return isoLocal(result)
    if (typeof result === 'object' && result !== null && 'error' in result) return String((result as { error: string }).error)
    return String(result)
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('text' in value) return String(value.text)
  if ('error' in value) return String(value.error)
  return cell.text
}

/** Excel dates are wall-clock times without a zone; exceljs hands them over as UTC. */
function isoLocal(date: Date): string {
  const iso = date.toISOString()
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ')
}

function toCsvLine(fields: string[]): string {
  return `${fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',')}\n`
}

function lineCount(fields: string[]): number {
  return 1 + fields.reduce((n, f) => n + (f.match(/\r\n|\r|\n/g)?.length ?? 0), 0)
}
