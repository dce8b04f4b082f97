// CSV text for people who open it in Excel or Sheets: RFC 4180 quoting, an optional UTF-8 BOM, and
// a formula-injection guard on TEXT cells only — numbers pass untouched (a cashback of −500 stays
// −500). Layer: common (pure).

export type CsvCell = string | number | boolean | null

/** Characters that make a spreadsheet read a text cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/

/** A text cell that would start a formula gets a leading apostrophe, as spreadsheets expect. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

function cellText(cell: CsvCell): string {
  if (cell === null) return ''
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new Error(`A CSV number must be finite, got ${cell}.`)
    return String(cell)
  }
  if (typeof cell === 'boolean') return cell ? 'true' : 'false'
  return quote(guardFormula(cell))
}

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark so Excel reads ₹ and accents correctly. */
  bom?: boolean
}

/** Header and rows as CSV with CRLF line ends (what Excel writes). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  const lines = [header.map((h) => quote(guardFormula(h))).join(','), ...rows.map((r) => r.map(cellText).join(','))]
  return `${options.bom === true ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`
}
