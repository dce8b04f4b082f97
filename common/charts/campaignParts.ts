// Pieces the campaign charts share: country order and names, one stacked panel per currency
// (rupees and reais never share an axis), money labels, and cumulative sums. Layer: common (pure).
import { formatMoney, formatMoneyShort } from '../format/money'
import { formatCompact } from '../format/numbers'
import type { GridOption } from './chartOption'

export const COUNTRY_NAMES: Readonly<Record<string, string>> = { IN: 'India', BR: 'Brazil' }

export function countryName(country: string | null, names: Readonly<Record<string, string>> = COUNTRY_NAMES): string {
  return country === null ? 'Unknown country' : (names[country] ?? country)
}

/** IN, BR, then the rest alphabetically. */
export function countryOrder(countries: Iterable<string>): string[] {
  const rank = (c: string): string => (c === 'IN' ? '0' : c === 'BR' ? '1' : `2${c}`)
  return [...new Set(countries)].sort((a, b) => rank(a).localeCompare(rank(b)))
}

/** Grid of panel `index` out of `count` stacked vertically, room left for a title and legend. */
export function panelGrid(index: number, count: number, top = 12): GridOption {
  const share = 100 / count
  return {
    left: 8,
    right: 16,
    top: `${index * share + (count > 1 ? 8 : top)}%`,
    height: `${share - (count > 1 ? 17 : top + 10)}%`,
    containLabel: true,
  }
}

/** Panel title position (percent from the top of the chart). */
export const panelTop = (index: number, count: number): string => `${index * (100 / count)}%`

/** "₹11,000.00" for values; short forms ("₹1.2 L", "R$ 3,4 mil") for axes. */
export function moneyText(value: number, currency: string): string {
  return currency === '' ? formatCompact(value) : formatMoney(value, currency)
}

export function moneyAxisText(currency: string): (value: number) => string {
  return (value) => (currency === '' ? formatCompact(value) : formatMoneyShort(value, currency))
}

/** Decimal strings from the engine as numbers ("11.00" → 11); bad text → 0. */
export function amount(text: string | null | undefined): number {
  const value = Number(text)
  return text === null || text === undefined || !Number.isFinite(value) ? 0 : value
}

/** Running sums of values in order, rounded to cents against float drift. */
export function cumulative(values: readonly number[]): number[] {
  let sum = 0
  return values.map((v) => {
    sum += v
    return Math.round(sum * 100) / 100
  })
}
