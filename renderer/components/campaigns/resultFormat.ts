// How campaign results read on screen: engine money strings in each market's format, country
// names, and instants on a country's clock. Never NaN or "undefined": missing values are "—".
// Layer: renderer/components.
import { COUNTRY_TIME_ZONE } from '../../../common/campaigns/localWindow'
import { formatInstant } from '../../../common/format/dates'
import { formatMoney, formatMoneyShort } from '../../../common/format/money'
import { formatPercent } from '../../../common/format/numbers'

export const COUNTRY_NAMES: Readonly<Record<string, string>> = { IN: 'India', BR: 'Brazil' }
const ZONE_ABBREVIATIONS: Readonly<Record<string, string>> = { 'Asia/Kolkata': 'IST', 'America/Sao_Paulo': 'BRT' }

export function countryName(country: string): string {
  return COUNTRY_NAMES[country] ?? country
}

function toNumber(text: string | null | undefined): number | null {
  if (text === null || text === undefined || text.trim() === '') return null
  const value = Number(text)
  return Number.isFinite(value) ? value : null
}

/** "₹12,34,567.89" / "R$ 1.234,56" / "$1,234.56"; "—" when missing. */
export function money(text: string | null | undefined, currency: string): string {
  const value = toNumber(text)
  return value === null ? '—' : formatMoney(value, currency)
}

/** "₹12.3 L", "R$ 4,5 mi"; "—" when missing. */
export function moneyShort(text: string | null | undefined, currency: string): string {
  const value = toNumber(text)
  return value === null ? '—' : formatMoneyShort(value, currency)
}

/** The difference b − a as signed money ("+₹1,200.00", "−R$ 3,00"). */
export function moneyDelta(a: string | null, b: string | null, currency: string): string {
  const x = toNumber(a)
  const y = toNumber(b)
  if (x === null || y === null) return '—'
  const d = Math.round((y - x) * 100) / 100
  return `${d > 0 ? '+' : d < 0 ? '−' : '±'}${formatMoney(Math.abs(d), currency)}`
}

/** An instant on a country's clock: "12 Sep 2024, 14:32 IST". */
export function countryTime(iso: string, country: string, zones: Readonly<Record<string, string>> = {}): string {
  const zone = zones[country] ?? (COUNTRY_TIME_ZONE as Record<string, string>)[country]
  if (zone === undefined) return `${formatInstant(iso, 'UTC')} UTC`
  return `${formatInstant(iso, zone)} ${ZONE_ABBREVIATIONS[zone] ?? zone}`
}

/** A budget's fate as the headline and the quick estimate read it. */
export interface BudgetFate {
  /** "(62.5 %)" share of the budget spent; null when the budget is 0. */
  share: string | null
  /** "Not exhausted", or "Exhausted 12 Sep 2024, 14:32 IST · …" on each campaign country's clock. */
  state: string
  exhausted: boolean
}

export function budgetFate(
  budget: { amount: string; spent: string; exhaustedAt: string | null },
  countries: readonly string[],
  zones: Readonly<Record<string, string>> = {},
): BudgetFate {
  const amount = Number(budget.amount)
  const share = amount > 0 ? formatPercent(Number(budget.spent) / amount) : null
  const at = budget.exhaustedAt
  const state = at === null ? 'Not exhausted' : `Exhausted ${countries.map((c) => countryTime(at, c, zones)).join(' · ')}`
  return { share, state, exhausted: at !== null }
}

export const SCOPE_OPTIONS = [
  { value: 'treatment' as const, label: 'Test (treatment arms)', testId: 'scope-treatment' },
  { value: 'all' as const, label: 'Full rollout (everyone)', testId: 'scope-all' },
]
