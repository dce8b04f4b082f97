// Render a ReportModel to the bytes of a file: HTML (inline SVG charts), PDF (that HTML printed by
// Chromium), XLSX (every table), CSV (one table). Layer: electron/engine.
import type { ReportFormat } from '../../../common/domain/report'
import { toCsv, type CsvCell } from '../../../common/format/csv'
import type { ReportModel, ReportTable } from '../../../common/report/reportTypes'
import { reportTables } from '../../../common/report/buildReport'
import { chartSvg } from './chartSvg'
import { htmlToPdf } from './pdf'
import { renderHtml } from './renderHtml'
import { tablesToXlsx } from './tablesXlsx'

export type PdfPrinter = (html: string, title: string) => Promise<Buffer>

export const defaultPdfPrinter: PdfPrinter = (html, title) => htmlToPdf(html, { title })

export const reportHtml = (model: ReportModel): string => renderHtml(model, chartSvg)

export async function renderReport(model: ReportModel, format: ReportFormat, printPdf: PdfPrinter = defaultPdfPrinter): Promise<string | Buffer> {
  switch (format) {
    case 'html':
      return reportHtml(model)
    case 'pdf':
      return printPdf(reportHtml(model), model.title)
    case 'xlsx':
      return tablesToXlsx(model, reportTables(model))
    default: {
      const never: never = format
      throw new Error(`Unknown report format ${String(never)}`)
    }
  }
}

/** A table as CSV: numbers as numbers (no currency symbols), text guarded against formulas. */
export function tableCsv(table: ReportTable, bom: boolean): string {
  const rows = table.rows.map((r) => r.map((c): CsvCell => (typeof c.value === 'number' ? c.value : c.value === null ? null : c.text)))
  return toCsv(table.columns, rows, { bom })
}

/** "Cashback campaign report" → "cashback-campaign-report". */
export function fileSlug(text: string): string {
  return text.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().toLowerCase().replace(/[\s_]+/g, '-').slice(0, 60) || 'report'
}
