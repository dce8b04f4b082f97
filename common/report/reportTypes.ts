// The report model: what a report says, independent of how it is rendered (HTML/PDF/XLSX/CSV).
// Tables carry both display text (formatted per country) and raw values with a number format, so
// the same table becomes an HTML table and an XLSX sheet of real numbers. Layer: common (pure).
import type { ChartOption } from '../charts/chartOption'
import { formatMoney } from '../format/money'
import { formatCount, formatFixed, formatPercent } from '../format/numbers'

/** How a cell's value is meant: money in a currency, a share (0..1), a count, a plain number or text. */
export type CellFormat = 'text' | 'count' | 'number' | 'percent' | 'INR' | 'BRL' | 'USD'

export interface ReportCell {
  text: string
  /** The raw value (numbers stay numbers in XLSX/CSV); null = empty. */
  value: number | string | null
  format: CellFormat
}

export interface ReportTable {
  /** Short id, also the XLSX sheet name and the CSV file name (letters, digits, spaces). */
  id: string
  title: string
  columns: string[]
  rows: ReportCell[][]
  note?: string
}

export interface ReportChart {
  id: string
  title: string
  option: ChartOption
  width: number
  height: number
}

export interface ReportSection {
  id: string
  title: string
  paragraphs: string[]
  /** Label → text pairs shown as a definition list (campaign rules, provenance facts). */
  facts: { label: string; text: string }[]
  tables: ReportTable[]
  charts: ReportChart[]
}

export interface ReportModel {
  title: string
  author: string | null
  /** ISO instant from the injected clock. */
  generatedAt: string
  generatedAtText: string
  projectName: string
  sections: ReportSection[]
  assumptions: string[]
  definitions: { term: string; definition: string }[]
}

export const text = (t: string | null | undefined): ReportCell => ({ text: t ?? '—', value: t ?? null, format: 'text' })

export const count = (n: number | null | undefined): ReportCell =>
  n === null || n === undefined ? { text: '—', value: null, format: 'count' } : { text: formatCount(n), value: n, format: 'count' }

export const num = (n: number | null | undefined, decimals = 2, suffix = ''): ReportCell =>
  n === null || n === undefined || !Number.isFinite(n) ? { text: '—', value: null, format: 'number' } : { text: `${formatFixed(n, decimals)}${suffix}`, value: n, format: 'number' }

export const percent = (share: number | null | undefined, decimals = 1): ReportCell =>
  share === null || share === undefined || !Number.isFinite(share) ? { text: '—', value: null, format: 'percent' } : { text: formatPercent(share, decimals), value: share, format: 'percent' }

/** Money from a number or the engine's decimal string, formatted in its currency's style. */
export function money(amount: number | string | null | undefined, currency: string | null | undefined): ReportCell {
  const value = typeof amount === 'string' ? Number(amount) : amount
  const format: CellFormat = currency === 'INR' || currency === 'BRL' || currency === 'USD' ? currency : 'number'
  if (value === null || value === undefined || !Number.isFinite(value)) return { text: '—', value: null, format }
  return { text: currency === null || currency === undefined ? formatFixed(value, 2) : formatMoney(value, currency), value, format }
}

/** A table cell as plain text (CSV of the display, tests). */
export function cellText(cell: ReportCell): string {
  return cell.text
}
