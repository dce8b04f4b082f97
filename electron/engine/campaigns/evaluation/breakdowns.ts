// Cost by country / rail / kind / region / arm / entry method, per country, over rewarded payments
// only: sums from breakdownSums.ts, distinct users from breakdownUsers.ts. Layer: electron/engine; pure.
import { BREAKDOWN_DIMENSIONS, type BreakdownRow } from '../../../../common/domain/campaignResult'
import type { BreakdownSum } from './breakdownSums'
import { groupKey, valueKey } from './breakdownUsers'
import { money } from './rewardCells'

const DIMENSION_ORDER = new Map(BREAKDOWN_DIMENSIONS.map((d, i) => [d, i]))

/** Order: dimension (as listed in BREAKDOWN_DIMENSIONS), country, accrued descending, value (unknown last). */
function compare(a: BreakdownSum, b: BreakdownSum): number {
  const byDimension = (DIMENSION_ORDER.get(a.dimension) ?? 0) - (DIMENSION_ORDER.get(b.dimension) ?? 0)
  if (byDimension !== 0) return byDimension
  if (a.country !== b.country) return a.country < b.country ? -1 : 1
  if (a.accrued !== b.accrued) return a.accrued > b.accrued ? -1 : 1
  if (a.value === b.value) return 0
  if (a.value === null) return 1
  if (b.value === null) return -1
  return a.value < b.value ? -1 : 1
}

/**
 * @param valueUsers distinct users per valueKey(dimension, country, currency, value)
 * @param countryUsers distinct rewarded users per groupKey(country, currency)
 */
export function breakdownRows(sums: readonly BreakdownSum[], valueUsers: ReadonlyMap<string, number>, countryUsers: ReadonlyMap<string, number>): BreakdownRow[] {
  return [...sums].sort(compare).map((s) => ({
    dimension: s.dimension,
    value: s.value,
    country: s.country,
    currency: s.currency,
    rewardedPayments: s.rewarded,
    rewardedUsers:
      s.dimension === 'country'
        ? (countryUsers.get(groupKey(s.country, s.currency)) ?? 0)
        : (valueUsers.get(valueKey(s.dimension, s.country, s.currency, s.value)) ?? 0),
    accrued: money(s.accrued),
    accruedUsd: s.usdMissing > 0 ? null : money(s.usd),
  }))
}
