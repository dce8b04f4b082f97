// The distribution of reward per user, per country, from the per-user aggregate (see userRewards.ts
// for the quantile and bin definitions). Layer: electron/engine; pure.
import type { RewardPerUser } from '../../../../common/domain/campaignResult'
import { divideHalfUp, money } from './rewardCells'
import { DISTINCT_VALUE_BINS, EQUAL_WIDTH_BINS, type CountryUsers } from './userRewards'

/** Lower edge of equal-width bin i: min + ⌈i·D/20⌉, in whole cents. */
function edge(c: CountryUsers, i: number): bigint {
  const width = c.max - c.min
  const n = BigInt(EQUAL_WIDTH_BINS)
  return c.min + (BigInt(i) * width + n - 1n) / n
}

function bins(c: CountryUsers): RewardPerUser['bins'] {
  if (c.distinctValues <= DISTINCT_VALUE_BINS) {
    return c.binCounts.map((b) => ({ from: money(b.key), to: money(b.key), users: b.users }))
  }
  const users = new Map(c.binCounts.map((b) => [Number(b.key), b.users]))
  return Array.from({ length: EQUAL_WIDTH_BINS }, (_, i) => ({
    from: money(edge(c, i)),
    // the last bin is closed: it ends at (and includes) the largest total
    to: money(i === EQUAL_WIDTH_BINS - 1 ? c.max : edge(c, i + 1)),
    users: users.get(i) ?? 0,
  }))
}

/** One entry per country with at least one rewarded user; mean is half-up to cents. */
export function rewardPerUser(countries: readonly CountryUsers[]): RewardPerUser[] {
  return countries
    .filter((c) => c.users > 0)
    .map((c) => ({
      country: c.country,
      currency: c.currency,
      users: c.users,
      mean: money(divideHalfUp(c.total, BigInt(c.users))),
      p50: money(c.p50),
      p90: money(c.p90),
      p99: money(c.p99),
      max: money(c.max),
      bins: bins(c),
    }))
}
