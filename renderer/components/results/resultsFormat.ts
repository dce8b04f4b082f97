// How experiment results read on screen: metric values by unit (rates as %, money in the country's
// currency), lifts with their intervals, p-values and chances to win. Every number goes through
// common/format; a missing value is "—", never NaN, undefined or Infinity. Layer: renderer/components.
import { liftText, type LiftScale } from '../../../common/charts/forestPlot'
import type { AnalysisInputs, MetricRow, Money } from '../../../common/domain/analysis'
import { formatMoney } from '../../../common/format/money'
import { formatCount, formatFixed, formatPercent } from '../../../common/format/numbers'

export const DASH = '—'
export const COUNTRY_NAMES: Readonly<Record<string, string>> = { IN: 'India', BR: 'Brazil' }

export function countryLabel(country: string | null): string {
  return country === null ? 'All countries' : (COUNTRY_NAMES[country] ?? country)
}

/** The currency of a country in the answer (null: pooled or unknown). */
export function currencyOf(inputs: AnalysisInputs, country: string | null): string | null {
  return country === null ? null : (inputs.countries.find((c) => c.country === country)?.currency ?? null)
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v)

/** A per-user mean in its unit: "12.50%", "3.412", "₹1,234.50". */
export function meanText(value: number | null, row: Pick<MetricRow, 'type' | 'unit'>, currency: string | null): string {
  if (!finite(value)) return DASH
  if (row.type === 'binary') return formatPercent(value, 2)
  if (row.unit === 'localCurrency') return currency === null ? formatFixed(value, 2) : formatMoney(value, currency)
  return formatFixed(value, row.unit === 'days' ? 2 : 3)
}

/** The absolute lift in the metric's unit ("+3.51 pp", "+₹12.40", "+0.240"). */
export function absoluteText(value: number | null, row: Pick<MetricRow, 'type' | 'unit'>, currency: string | null): string {
  if (!finite(value)) return DASH
  const money = row.unit === 'localCurrency' && currency !== null ? (v: number) => formatMoney(v, currency) : undefined
  return liftText(value, 'absolute', row.type, money)
}

export function relativeText(value: number | null): string {
  return finite(value) ? liftText(value, 'relative', 'numeric') : DASH
}

/** "[+3.03 pp, +4.00 pp]" for the row's absolute (or relative) interval. */
export function intervalText(row: MetricRow, scale: LiftScale, currency: string | null): string {
  const lift = scale === 'absolute' ? row.absolute : row.relative
  if (lift === null) return DASH
  const f = (v: number | null) => (scale === 'absolute' ? absoluteText(v, row, currency) : relativeText(v))
  return `[${f(lift.ci.lower)}, ${f(lift.ci.upper)}]`
}

/** "<0.0001", "0.0213", "1.0000". */
export function pText(p: number | null | undefined): string {
  if (!finite(p)) return DASH
  return p < 0.0001 ? '<0.0001' : formatFixed(p, 4)
}

/** Chance to win without a false "100%": ">99.9%", "<0.1%". */
export function chanceText(p: number | null | undefined): string {
  if (!finite(p)) return DASH
  if (p > 0.999) return '>99.9%'
  if (p < 0.001) return '<0.1%'
  return formatPercent(p, 1)
}

export function countText(v: number | null | undefined): string {
  return finite(v) ? formatCount(v) : DASH
}

/** A signed count estimate with its interval: "+332 [219, 445]". */
export function estimateText(e: { estimate: number; lower: number; upper: number } | null, money?: (v: number) => string): string {
  if (e === null || !finite(e.estimate)) return DASH
  const f = money ?? ((v: number) => formatCount(v))
  const s = (v: number) => (v < 0 ? `−${f(Math.abs(v))}` : v > 0 ? `+${f(v)}` : f(0))
  return `${s(e.estimate)} [${s(e.lower)}, ${s(e.upper)}]`
}

/** "₹12,345.00 · $144.03" (USD left out when unknown). */
export function moneyText(m: Money | null, currency: string | null): string {
  if (m === null || !finite(m.local)) return DASH
  const local = currency === null ? formatFixed(m.local, 2) : formatMoney(m.local, currency)
  return finite(m.usd) ? `${local} · ${formatMoney(m.usd, 'USD')}` : local
}

/** A signed amount of money ("−₹1,200.00"). */
export function signedMoney(v: number | null, currency: string | null): string {
  if (!finite(v)) return DASH
  const body = currency === null ? formatFixed(Math.abs(v), 2) : formatMoney(Math.abs(v), currency)
  return v < 0 ? `−${body}` : v > 0 ? `+${body}` : body
}

export function shareText(v: number | null | undefined, decimals = 1): string {
  return finite(v) ? formatPercent(v, decimals) : DASH
}
