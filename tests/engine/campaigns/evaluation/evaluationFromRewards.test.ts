// The evaluation aggregates on hand-made rewards tables, against numbers worked out by hand in the
// comments (and the plain reference loop), on a real DuckDB file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { campaignEvaluationSchema, type CampaignEvaluation, type FunnelStep } from '../../../../common/domain/campaignResult'
import type { Campaign } from '../../../../common/domain/campaign'
import { evaluationFromRewards } from '../../../../electron/engine/campaigns/evaluation/evaluationFromRewards'
import { openDatabase, type Database } from '../../../../electron/engine/db/database'
import { sql } from '../../../../electron/engine/db/sql'
import { expectJsonSafe } from '../../../helpers/jsonSafe'
import { tempDir } from '../../../helpers/tempDir'
import { campaign, row } from './fixtures'
import { referenceEvaluation } from './reference'
import { createRewardsTable, loadRewards, TABLE_SQL, type RewardRow } from './rewardsTable'

let db: Database
beforeAll(async () => {
  db = await openDatabase(tempDir('evaluation'))
  await createRewardsTable(db)
})
afterAll(() => db.close())

async function evaluate(rows: RewardRow[], c: Campaign, funnel: FunnelStep[] = []): Promise<CampaignEvaluation> {
  await loadRewards(db, rows)
  const result = await evaluationFromRewards(db, TABLE_SQL, c, { scope: 'treatment', funnel, gaming: [] })
  expect(campaignEvaluationSchema.parse(result)).toEqual(result)
  expectJsonSafe(result)
  // the plain loop agrees on everything it computes
  const ref = referenceEvaluation(rows, { breakageRate: c.breakageRate, budget: c.budget ?? null })
  expect(result).toMatchObject({
    countries: ref.countries, accruedUsd: ref.accruedUsd, usdNote: ref.usdNote, daily: ref.daily, payouts: ref.payouts, burn: ref.burn,
    breakdowns: ref.breakdowns, rewardPerUser: ref.rewardPerUser, topUsers: ref.topUsers,
  })
  return result
}

describe('no budget, clawback, a country without rewarded payments, payouts on the next local day', () => {
  // IN (IST): p1 u1 35.00 on 09-01; p2 u1 35.00 at 20:00Z = 01:30 IST on 09-02 (P2M, QR);
  //           p3 u2 12.34 on 09-02, region '' (unknown), QR; p4 u3 35.00 clawed back (reward 0).
  // BR (BRT): p5 u4 2.00 clawed back; p6 u5 accrued 0 (capped). Nothing rewarded in BR.
  const rows = [
    row('p1', 'u1', '2024-09-01 10:00:00'),
    row('p2', 'u1', '2024-09-01 20:00:00', { kind: 'P2M', entryMethod: 'QR' }),
    row('p3', 'u2', '2024-09-02 05:00:00', { rewardCents: 1_234, accruedCents: 1_234, region: '', entryMethod: 'QR' }),
    row('p4', 'u3', '2024-09-02 06:00:00', { clawedBack: true, rewardCents: 0 }),
    row('p5', 'u4', '2024-09-01 12:00:00', { country: 'BR', accruedCents: 200, rewardCents: 0, clawedBack: true }),
    row('p6', 'u5', '2024-09-01 13:00:00', { country: 'BR', accruedCents: 0, rewardCents: 0 }),
  ]
  let result: CampaignEvaluation
  beforeAll(async () => {
    result = await evaluate(rows, campaign())
  })

  it('totals per country: accrued, clawed back, paid cash (2 % breakage), average, USD', () => {
    expect(result.countries).toEqual([
      // BR: 2 candidates, nothing rewarded, 2.00 clawed back
      { country: 'BR', currency: 'BRL', candidatePayments: 2, rewardedPayments: 0, rewardedUsers: 0, accrued: '0.00', clawedBack: '2.00',
        paidCash: '0.00', averageReward: null, budgetSpent: null, accruedUsd: '0.00' },
      // IN: 3500 + 3500 + 1234 = 8234; × 0.98 = 8069.32 → 80.69; / 3 = 2744.67 → 27.45;
      // USD: round(42.0) + round(42.0) + round(14.808) = 99 cents
      { country: 'IN', currency: 'INR', candidatePayments: 4, rewardedPayments: 3, rewardedUsers: 2, accrued: '82.34', clawedBack: '35.00',
        paidCash: '80.69', averageReward: '27.45', budgetSpent: null, accruedUsd: '0.99' },
    ])
    expect(result.accruedUsd).toBe('0.99')
    expect(result.usdNote).toBeNull()
    expect(result.burn).toBeNull()
    expect(result.nothingRewarded).toBeNull()
    expect(result.totals).toEqual({
      byCountry: [
        { country: 'BR', currency: 'BRL', candidatePayments: 2, rewardedPayments: 0, rewardedUsers: 0, accrued: '0.00', clawedBack: '2.00', paidCash: '0.00' },
        { country: 'IN', currency: 'INR', candidatePayments: 4, rewardedPayments: 3, rewardedUsers: 2, accrued: '82.34', clawedBack: '35.00', paidCash: '80.69' },
      ],
      rewardedPayments: 3,
      rewardedUsers: 2,
      budget: null,
    })
  })

  it('accrues by the local date of the payment and pays out by the local date of the payout', () => {
    expect(result.daily).toEqual([
      { country: 'BR', currency: 'BRL', date: '2024-09-01', rewardedPayments: 0, accrued: '0.00', budgetSpent: null },
      { country: 'IN', currency: 'INR', date: '2024-09-01', rewardedPayments: 1, accrued: '35.00', budgetSpent: null },
      // p2 (20:00Z = 01:30 IST next day) and p3; p4 is a candidate with reward 0
      { country: 'IN', currency: 'INR', date: '2024-09-02', rewardedPayments: 2, accrued: '47.34', budgetSpent: null },
    ])
    expect(result.payouts).toEqual([
      // 3500 × 0.98 = 3430
      { country: 'IN', currency: 'INR', date: '2024-09-03', payments: 1, amount: '35.00', expectedCash: '34.30' },
      // p2 is paid 2024-09-03 20:00Z = 09-04 01:30 IST; 4734 × 0.98 = 4639.32 → 46.39
      { country: 'IN', currency: 'INR', date: '2024-09-04', payments: 2, amount: '47.34', expectedCash: '46.39' },
    ])
  })

  it('breaks down rewarded payments by every dimension, per country, unknown values last', () => {
    const line = (dimension: string, value: string | null, payments: number, users: number, accrued: string, usd: string) => ({
      dimension, value, country: 'IN', currency: 'INR', rewardedPayments: payments, rewardedUsers: users, accrued, accruedUsd: usd,
    })
    expect(result.breakdowns).toEqual([
      line('country', 'IN', 3, 2, '82.34', '0.99'),
      line('rail', 'UPI', 3, 2, '82.34', '0.99'),
      line('kind', 'P2P', 2, 2, '47.34', '0.57'),
      line('kind', 'P2M', 1, 1, '35.00', '0.42'),
      line('region', 'KA', 2, 1, '70.00', '0.84'),
      line('region', null, 1, 1, '12.34', '0.15'),
      line('arm', 'treatment', 3, 2, '82.34', '0.99'),
      line('entry_method', 'QR', 2, 2, '47.34', '0.57'),
      line('entry_method', 'CONTACT', 1, 1, '35.00', '0.42'),
    ])
  })

  it('describes reward per user and the top users', () => {
    // u1 = 70.00, u2 = 12.34: mean 41.17; nearest rank: p50 = 1st, p90 = p99 = 2nd
    expect(result.rewardPerUser).toEqual([
      { country: 'IN', currency: 'INR', users: 2, mean: '41.17', p50: '12.34', p90: '70.00', p99: '70.00', max: '70.00',
        bins: [{ from: '12.34', to: '12.34', users: 1 }, { from: '70.00', to: '70.00', users: 1 }] },
    ])
    expect(result.topUsers).toEqual([
      { country: 'IN', currency: 'INR', userId: 'u1', rewardedPayments: 2, reward: '70.00' },
      { country: 'IN', currency: 'INR', userId: 'u2', rewardedPayments: 1, reward: '12.34' },
    ])
  })
})

describe('a budget in INR exhausted, and FX missing for BRL', () => {
  // Budget 100.00 INR = 10 000 cents: p1 6000 + p2 2000 + p2b 1000 + p3 1000 (reached at p3).
  const rows = [
    row('p1', 'u1', '2024-09-01 10:00:00', { rewardCents: 6_000, accruedCents: 6_000, budgetSpentCents: 6_000 }),
    row('p2', 'u2', '2024-09-01 11:00:00', { country: 'BR', rewardCents: 200, accruedCents: 200, budgetSpentCents: 2_000, usdLocal: null }),
    // 01:00Z on 09-02 is 22:00 BRT on 09-01; its FX date (UTC) is 09-02
    row('p2b', 'u5', '2024-09-02 01:00:00', { country: 'BR', rewardCents: 66, accruedCents: 66, budgetSpentCents: 1_000, usdLocal: null }),
    row('p3', 'u1', '2024-09-02 04:00:00.25', { rewardCents: 1_000, accruedCents: 1_000, budgetSpentCents: 1_000, budgetReached: true }),
    row('p4', 'u3', '2024-09-02 05:00:00', { rewardCents: 0, accruedCents: 0, budgetSpentCents: 0, budgetReached: true }),
    row('p5', 'u4', '2024-09-03 01:00:00', { country: 'BR', rewardCents: 0, accruedCents: 0, budgetSpentCents: 0, budgetReached: true, usdLocal: null }),
  ]
  let result: CampaignEvaluation
  beforeAll(async () => {
    result = await evaluate(rows, campaign({ budget: { amount: 100, currency: 'INR' }, breakageRate: 0 }))
  })

  it('reports budget use, exhaustion and the budget burn by local date', () => {
    expect(result.totals.budget).toEqual({ currency: 'INR', amount: '100.00', spent: '100.00', exhaustedAt: '2024-09-02T04:00:00.250Z' })
    expect(result.burn).toEqual([
      { date: '2024-09-01', spent: '90.00', cumulative: '90.00' },
      { date: '2024-09-02', spent: '10.00', cumulative: '100.00' },
    ])
    expect(result.countries.map((c) => [c.country, c.budgetSpent, c.averageReward])).toEqual([
      ['BR', '30.00', '1.33'], // 266 / 2 = 133
      ['IN', '70.00', '35.00'],
    ])
    expect(result.daily.map((d) => [d.country, d.date, d.rewardedPayments, d.accrued, d.budgetSpent])).toEqual([
      ['BR', '2024-09-01', 2, '2.66', '30.00'],
      ['BR', '2024-09-02', 0, '0.00', '0.00'],
      ['IN', '2024-09-01', 1, '60.00', '60.00'],
      ['IN', '2024-09-02', 1, '10.00', '10.00'],
    ])
  })

  it('leaves USD out where an FX rate is missing, and says which', () => {
    expect(result.accruedUsd).toBeNull()
    expect(result.usdNote).toBe('No FX rate for BRL on 2024-09-01 (1 payment); 2 rewarded payments lack an FX rate in all.')
    // IN: round(6000 × 0.012) + round(1000 × 0.012) = 72 + 12
    expect(result.countries.map((c) => c.accruedUsd)).toEqual([null, '0.84'])
    expect(result.breakdowns.filter((b) => b.country === 'BR').every((b) => b.accruedUsd === null)).toBe(true)
  })
})

describe('nothing rewarded', () => {
  it('an empty table gives empty parts and names the funnel step that removed everything', async () => {
    const funnel: FunnelStep[] = [
      { rule: 'successfulInWindow', label: 'Successful, inside the window', remaining: 1_234, removed: 10 },
      { rule: 'accountAge', label: 'Account at least 30 days old', remaining: 0, removed: 1_234 },
    ]
    const result = await evaluate([], campaign({ budget: { amount: 10, currency: 'USD' } }), funnel)
    expect(result).toMatchObject({
      countries: [], daily: [], payouts: [], burn: [], breakdowns: [], rewardPerUser: [], topUsers: [], accruedUsd: '0.00', usdNote: null, funnel,
      totals: { byCountry: [], rewardedPayments: 0, rewardedUsers: 0, budget: { currency: 'USD', amount: '10.00', spent: '0.00', exhaustedAt: null } },
      nothingRewarded: 'No payment is rewarded: the rule ‘Account at least 30 days old’ removed the last 1,234 payments.',
    })
  })

  it('candidates that all end at 0 say so even without a funnel', async () => {
    const result = await evaluate([row('p1', 'u1', '2024-09-01 10:00:00', { clawedBack: true, rewardCents: 0 })], campaign())
    expect(result.nothingRewarded).toBe('No payment is rewarded: none of the 1 candidate payments has a reward above 0.')
    expect(result.rewardPerUser).toEqual([])
    expect(result.countries[0]?.averageReward).toBeNull()
  })
})

describe('reward per user with more than 20 distinct totals, and ties among the top users', () => {
  // 25 users with 1.00 + 0.37 i (i = 0..24) and three with 50.00 (aa, ab, zz): 28 users, 26 values.
  const rows = [
    ...Array.from({ length: 25 }, (_, i) => row(`p${i}`, `u${String(i).padStart(2, '0')}`, '2024-09-05 10:00:00', { rewardCents: 100 + 37 * i, accruedCents: 100 + 37 * i })),
    ...['zz', 'ab', 'aa'].map((u) => row(`p-${u}`, u, '2024-09-05 11:00:00', { rewardCents: 5_000, accruedCents: 5_000 })),
  ]
  let result: CampaignEvaluation
  beforeAll(async () => {
    result = await evaluate(rows, campaign())
  })

  it('uses 20 equal-width bins with whole-cent edges from min to max', () => {
    const [dist] = result.rewardPerUser
    // Σ = 25 × 100 + 37 × 300 + 3 × 5000 = 28 600; / 28 = 1021.43 → 10.21
    // nearest rank: p50 = 14th = 1.00 + 0.37 × 13 = 5.81; p90 = 26th = 50.00; p99 = 28th = 50.00
    expect(dist).toMatchObject({ users: 28, mean: '10.21', p50: '5.81', p90: '50.00', p99: '50.00', max: '50.00' })
    // D = 4900: edges 1.00 + 2.45 i
    expect(dist?.bins).toHaveLength(20)
    expect(dist?.bins.slice(0, 5)).toEqual([
      { from: '1.00', to: '3.45', users: 7 }, // i = 0..6
      { from: '3.45', to: '5.90', users: 7 }, // i = 7..13
      { from: '5.90', to: '8.35', users: 6 }, // i = 14..19
      { from: '8.35', to: '10.80', users: 5 }, // i = 20..24
      { from: '10.80', to: '13.25', users: 0 },
    ])
    expect(dist?.bins[19]).toEqual({ from: '47.55', to: '50.00', users: 3 })
  })

  it('orders the top 10 by reward, then user id', () => {
    expect(result.topUsers.map((t) => `${t.userId}=${t.reward}`)).toEqual([
      'aa=50.00', 'ab=50.00', 'zz=50.00', 'u24=9.88', 'u23=9.51', 'u22=9.14', 'u21=8.77', 'u20=8.40', 'u19=8.03', 'u18=7.66',
    ])
  })
})

describe('breakdown users', () => {
  it('count a user once per value, with mixed values and awkward text', async () => {
    const odd = `O'Higgins "x" \\ ;--`
    const rows = [
      row('p1', 'u1', '2024-09-01 10:00:00', { region: odd, kind: 'P2M' }),
      row('p2', 'u1', '2024-09-01 11:00:00', { region: 'KA', kind: 'P2M' }),
      row('p3', 'u1', '2024-09-01 12:00:00', { region: null, kind: 'P2P' }),
      row('p4', 'u2', '2024-09-01 13:00:00', { region: '', kind: 'P2P', arm: null }),
      row('p5', 'u3', '2024-09-01 14:00:00', { region: odd, kind: 'P2P', arm: '' }),
    ]
    const result = await evaluate(rows, campaign())
    const users = (dimension: string) => result.breakdowns.filter((b) => b.dimension === dimension).map((b) => [b.value, b.rewardedPayments, b.rewardedUsers])
    expect(users('region')).toEqual([[odd, 2, 2], [null, 2, 2], ['KA', 1, 1]])
    expect(users('kind')).toEqual([['P2P', 3, 3], ['P2M', 2, 1]])
    expect(users('arm')).toEqual([['treatment', 3, 1], [null, 2, 2]])
  })

  it('fall back to count(DISTINCT) past 63 values of a dimension in a country', async () => {
    const rows = Array.from({ length: 70 }, (_, i) =>
      row(`p${i}`, `u${i % 30}`, '2024-09-01 10:00:00', { region: `R${i}`, entryMethod: i % 2 === 0 ? 'QR' : 'CONTACT' }))
    const result = await evaluate(rows, campaign())
    expect(result.breakdowns.filter((b) => b.dimension === 'region')).toHaveLength(70)
    expect(result.breakdowns.find((b) => b.dimension === 'entry_method' && b.value === 'QR')).toMatchObject({ rewardedPayments: 35, rewardedUsers: 15 })
  })
})

describe('the rewards relation', () => {
  it('can be a parenthesised subquery with its own bound values', async () => {
    const rows = [
      row('p1', 'u1', '2024-09-01 10:00:00', { kind: 'P2M' }),
      row('p2', 'u1', '2024-09-01 11:00:00'),
      row('p3', 'u2', '2024-09-01 12:00:00', { country: 'BR' }),
    ]
    const c = campaign()
    await loadRewards(db, rows)
    const subquery = sql`(SELECT * FROM ${TABLE_SQL} WHERE country = ${'IN'})`
    const fromSubquery = await evaluationFromRewards(db, subquery, c, { scope: 'all', funnel: [], gaming: [] })
    const onlyIn = await evaluate(rows.filter((r) => r.country === 'IN'), c)
    expect(fromSubquery).toEqual({ ...onlyIn, scope: 'all' })
    expect(fromSubquery.breakdowns.find((b) => b.dimension === 'kind' && b.value === 'P2M')?.rewardedUsers).toBe(1)
  })
})
