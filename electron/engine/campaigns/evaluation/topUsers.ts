// The users with the largest total reward, per country (10 each; ties by user id ascending, as
// DuckDB ordered them). Layer: electron/engine; pure.
import type { TopUser } from '../../../../common/domain/campaignResult'
import { money } from './rewardCells'
import type { CountryUsers } from './userRewards'

export function topUsers(countries: readonly CountryUsers[]): TopUser[] {
  return countries.flatMap((c) =>
    c.top.map((t) => ({ country: c.country, currency: c.currency, userId: t.userId, rewardedPayments: t.payments, reward: money(t.cents) })),
  )
}
