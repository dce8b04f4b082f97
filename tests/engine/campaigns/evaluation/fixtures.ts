// Small hand-made rewards rows and campaigns for the evaluation tests.
import { campaignSchema, type Campaign, type CampaignInput } from '../../../../common/domain/campaign'
import type { RewardRow } from './rewardsTable'

const IST_MINUTES = 330
const BRT_MINUTES = -180

function shift(ts: string, minutes: number): Date {
  return new Date(Date.parse(`${ts.replace(' ', 'T')}Z`) + minutes * 60_000)
}
const naive = (d: Date): string => d.toISOString().replace('T', ' ').replace('Z', '').replace(/\.000$/, '')

/** A rewarded IN payment of 35.00 by default; local dates derived from ts (IST/BRT), payout 48 h later. */
export function row(paymentId: string, userId: string, ts: string, extra: Partial<RewardRow> = {}): RewardRow {
  const country = extra.country ?? 'IN'
  const offset = country === 'BR' ? BRT_MINUTES : IST_MINUTES
  const payout = shift(ts, 48 * 60)
  const base: RewardRow = {
    paymentId,
    userId,
    ts,
    localDate: shift(ts, offset).toISOString().slice(0, 10),
    payoutTs: naive(payout),
    payoutLocalDate: shift(naive(payout), offset).toISOString().slice(0, 10),
    country,
    currency: country === 'BR' ? 'BRL' : 'INR',
    rail: country === 'BR' ? 'PIX' : 'UPI',
    kind: 'P2P',
    region: country === 'BR' ? 'SP' : 'KA',
    entryMethod: 'CONTACT',
    arm: 'treatment',
    amountCents: 10_000,
    rawRewardCents: 3_500,
    accruedCents: 3_500,
    budgetSpentCents: null,
    budgetReached: false,
    clawedBack: false,
    rewardCents: 3_500,
    usdLocal: country === 'BR' ? 0.19 : 0.012,
  }
  return { ...base, ...extra }
}

export function campaign(extra: Partial<CampaignInput> = {}): Campaign {
  return campaignSchema.parse({
    name: 'Evaluation test',
    countries: ['IN', 'BR'],
    window: { start: '2024-08-31T18:30:00Z', end: '2024-09-29T18:30:00Z' },
    reward: { type: 'flat', amount: 35 },
    countryTerms: { BR: { reward: { type: 'flat', amount: 2 } } },
    breakageRate: 0.02,
    ...extra,
  })
}
