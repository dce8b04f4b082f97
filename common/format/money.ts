// Money as analysts in each market read it: ₹12,34,567.89 with lakh/crore short forms for India,
// R$ 1.234,56 with mil/mi/bi for Brazil, $1,234.56 for US dollars. Layer: common (pure).
import { BR_STYLE, EN_STYLE, IN_STYLE, formatFixed, type NumberStyle } from './numbers'

export type CurrencyCode = 'INR' | 'BRL' | 'USD'

interface CurrencyFormat {
  symbol: string
  /** Space between symbol and digits ("R$ 10,00" but "₹10.00"). */
  gap: string
  style: NumberStyle
}

const FORMATS: Record<CurrencyCode, CurrencyFormat> = {
  INR: { symbol: '₹', gap: '', style: IN_STYLE },
  BRL: { symbol: 'R$', gap: ' ', style: BR_STYLE },
  USD: { symbol: '$', gap: '', style: EN_STYLE },
}

const LAKH = 1e5
const CRORE = 1e7

export function isCurrencyCode(value: string): value is CurrencyCode {
  return value in FORMATS
}

function withSymbol(value: number, digits: string, format: CurrencyFormat): string {
  if (!Number.isFinite(value)) return '—'
  const negative = digits.startsWith('-')
  return `${negative ? '-' : ''}${format.symbol}${format.gap}${negative ? digits.slice(1) : digits}`
}

/** ₹12,34,567.89 */
export function formatInr(amount: number, decimals = 2): string {
  return withSymbol(amount, formatFixed(amount, decimals, IN_STYLE), FORMATS.INR)
}

/** R$ 1.234,56 */
export function formatBrl(amount: number, decimals = 2): string {
  return withSymbol(amount, formatFixed(amount, decimals, BR_STYLE), FORMATS.BRL)
}

/** $1,234.56 */
export function formatUsd(amount: number, decimals = 2): string {
  return withSymbol(amount, formatFixed(amount, decimals, EN_STYLE), FORMATS.USD)
}

/** Any currency: the three we know get their market's style, others "1,234.56 EUR". */
export function formatMoney(amount: number, currency: string, decimals = 2): string {
  if (isCurrencyCode(currency)) {
    const format = FORMATS[currency]
    return withSymbol(amount, formatFixed(amount, decimals, format.style), format)
  }
  return `${formatFixed(amount, decimals, EN_STYLE)} ${currency}`
}

/** Short rupees: ₹950, ₹98,765, ₹12.35 L (lakh), ₹4.2 Cr (crore), ₹1,234 Cr. */
export function formatInrShort(amount: number): string {
  const abs = Math.abs(amount)
  if (abs >= CRORE) return withSymbol(amount, `${shortDigits(amount / CRORE, IN_STYLE)} Cr`, FORMATS.INR)
  if (abs >= LAKH) return withSymbol(amount, `${shortDigits(amount / LAKH, IN_STYLE)} L`, FORMATS.INR)
  return withSymbol(amount, formatFixed(amount, 0, IN_STYLE), FORMATS.INR)
}

/** Short reais: R$ 950, R$ 12,3 mil, R$ 4,5 mi, R$ 1,2 bi. */
export function formatBrlShort(amount: number): string {
  const abs = Math.abs(amount)
  const steps: [number, string][] = [
    [1e9, 'bi'],
    [1e6, 'mi'],
    [1e3, 'mil'],
  ]
  for (const [size, word] of steps) {
    if (abs >= size) return withSymbol(amount, `${shortDigits(amount / size, BR_STYLE)} ${word}`, FORMATS.BRL)
  }
  return withSymbol(amount, formatFixed(amount, 0, BR_STYLE), FORMATS.BRL)
}

/** Short form in the currency's own convention; $ and unknown codes use k/M/B. */
export function formatMoneyShort(amount: number, currency: string): string {
  if (currency === 'INR') return formatInrShort(amount)
  if (currency === 'BRL') return formatBrlShort(amount)
  const abs = Math.abs(amount)
  const steps: [number, string][] = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ]
  const step = steps.find(([size]) => abs >= size)
  const digits = step === undefined ? formatFixed(amount, 0, EN_STYLE) : `${shortDigits(amount / step[0], EN_STYLE)}${step[1]}`
  return currency === 'USD' ? withSymbol(amount, digits, FORMATS.USD) : `${digits} ${currency}`
}

/** 3 significant digits for short forms: 1.23, 12.3, 123, 1,234 (whole numbers lose the ".0"). */
function shortDigits(value: number, style: NumberStyle): string {
  const abs = Math.abs(value)
  const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : 2
  const text = formatFixed(value, decimals, style)
  if (decimals === 0) return text
  // "4.20" → "4.2", "5.00" → "5" (the decimal mark differs by style).
  const mark = style.decimal
  return text.replace(new RegExp(`\\${mark}?0+$`), '')
}
