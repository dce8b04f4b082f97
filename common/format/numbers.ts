// Plain numbers for people: counts with thousands separators, percentages, sizes, rates and
// compact axis labels. Layer: common (pure; no Intl, so output is the same in Node and Chromium).

/** How digits are grouped: 1,234,567 (international) or 12,34,567 (Indian lakh/crore). */
export type Grouping = 'international' | 'indian'

export interface NumberStyle {
  grouping: Grouping
  group: string
  decimal: string
}

export const EN_STYLE: NumberStyle = { grouping: 'international', group: ',', decimal: '.' }
export const IN_STYLE: NumberStyle = { grouping: 'indian', group: ',', decimal: '.' }
export const BR_STYLE: NumberStyle = { grouping: 'international', group: '.', decimal: ',' }

const DASH = '—'

/** Insert group separators into a string of digits ("1234567" → "1,234,567" or "12,34,567"). */
export function groupDigits(digits: string, grouping: Grouping, separator: string): string {
  if (digits.length <= 3) return digits
  const last3 = digits.slice(-3)
  const head = digits.slice(0, -3)
  const size = grouping === 'indian' ? 2 : 3
  const parts: string[] = []
  for (let end = head.length; end > 0; end -= size) parts.unshift(head.slice(Math.max(0, end - size), end))
  return [...parts, last3].join(separator)
}

/**
 * A number with a fixed count of decimals in the given style. Negative values get a plain
 * hyphen-minus (copy-paste friendly); non-finite values become an em dash.
 */
export function formatFixed(value: number, decimals: number, style: NumberStyle = EN_STYLE): string {
  if (!Number.isFinite(value)) return DASH
  const fixed = Math.abs(value).toFixed(decimals)
  const [whole = '0', fraction] = fixed.split('.')
  const grouped = groupDigits(whole, style.grouping, style.group)
  const negative = value < 0 && /[1-9]/.test(fixed)
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : style.decimal + fraction}`
}

/** A count of rows, users, payments: whole number with thousands separators ("1,234,567"). */
export function formatCount(value: number): string {
  return formatFixed(Math.round(value), 0, EN_STYLE)
}

/** "12.5%" from a share in 0..1; tiny non-zero shares show as "<0.1%" rather than "0.0%". */
export function formatPercent(share: number, decimals = 1): string {
  if (!Number.isFinite(share)) return DASH
  const percent = share * 100
  const floor = 10 ** -decimals
  if (percent > 0 && percent < floor) return `<${floor.toFixed(decimals)}%`
  return `${formatFixed(percent, decimals)}%`
}

/** "793 B", "12.4 KB", "1.2 GB" (binary multiples, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return DASH
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  const decimals = unit === 0 || value >= 100 ? 0 : 1
  return `${value.toFixed(decimals)} ${units[unit]}`
}

/** Compact labels for axes and tight spaces: 950, 1.2k, 34k, 1.2M, 3.4B. */
export function formatCompact(value: number): string {
  if (!Number.isFinite(value)) return DASH
  const abs = Math.abs(value)
  const sign = value < 0 ? '-' : ''
  const steps: [number, string][] = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ]
  for (const [size, suffix] of steps) {
    if (abs >= size) return `${sign}${trimZeros((abs / size).toFixed(abs / size >= 100 ? 0 : 1))}${suffix}`
  }
  return `${sign}${trimZeros(abs.toFixed(abs >= 100 || Number.isInteger(abs) ? 0 : abs >= 1 ? 1 : 2))}`
}

/** "24 rows/s", "1.2M rows/s"; null when the engine could not measure it. */
export function formatRate(rowsPerSecond: number | null): string | null {
  if (rowsPerSecond === null || !Number.isFinite(rowsPerSecond)) return null
  return `${rowsPerSecond >= 100_000 ? formatCompact(rowsPerSecond) : formatCount(rowsPerSecond)} rows/s`
}

/**
 * A number the engine sent as text ("1234.56", "-3", "1e-05") with thousands separators, keeping
 * its decimals exactly (no float rounding); anything that is not a plain number is returned as is.
 */
export function formatNumberText(text: string, style: NumberStyle = EN_STYLE): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim())
  if (match === null) return text
  const [, sign = '', whole = '', fraction] = match
  return `${sign}${groupDigits(whole, style.grouping, style.group)}${fraction === undefined ? '' : style.decimal + fraction}`
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text
}
