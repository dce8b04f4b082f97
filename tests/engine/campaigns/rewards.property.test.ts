// Property: the SQL of DOMAIN.md §5 and the plain reference loop agree on every per-payment reward
// and every total, over random small datasets × random campaigns (real DuckDB file).
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { campaignSchema, type CampaignInput } from '../../../common/domain/campaign'
import { evaluateRewards } from '../../../electron/engine/campaigns/evaluateRewards'
import { openDatabase, type Database } from '../../../electron/engine/db/database'
import { expectJsonSafe } from '../../helpers/jsonSafe'
import { tempDir } from '../../helpers/tempDir'
import { createTables, loadData, RELATIONS } from './campaignDb'
import { referenceRewards, type RefPayment } from './reference'

const DAY = 86_400_000
const T0 = Date.UTC(2022, 3, 1)
const DAYS = ['2022-04-01', '2022-04-02', '2022-04-03', '2022-04-04']

const paymentArb = fc.record({
  user: fc.integer({ min: 0, max: 4 }),
  // few distinct instants (many equal timestamps on purpose), over 4 days
  slot: fc.integer({ min: 0, max: 15 }),
  amountCents: fc.oneof(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 200_000 }), fc.constantFrom(100, 1_100, 5_000)),
  country: fc.constantFrom('IN', 'BR'),
  rail: fc.constantFrom('UPI', 'PIX', 'CARD'),
  kind: fc.constantFrom('P2P', 'P2M'),
  status: fc.constantFrom('SUCCESS', 'SUCCESS', 'SUCCESS', 'FAILED', 'REVERSED'),
  counterparty: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 8 }),
  entryMethod: fc.constantFrom('CONTACT', 'QR'),
})

const datasetArb = fc.array(paymentArb, { maxLength: 40, size: 'max' }).chain((ps) =>
  fc.tuple(fc.constant(ps), fc.shuffledSubarray([...Array(ps.length).keys()], { minLength: ps.length, maxLength: ps.length })),
)

const fxArb = fc.record({
  inr: fc.array(fc.constantFrom(0.0119, 0.012, 0.0121, 0.0133), { minLength: 4, maxLength: 4 }),
  brl: fc.array(fc.constantFrom(0.18, 0.19, 0.2, 0.2137), { minLength: 4, maxLength: 4 }),
})

const money = (max: number) => fc.integer({ min: 0, max }).map((c) => c / 100)
const windowArb = fc.tuple(fc.integer({ min: -2, max: 8 }), fc.integer({ min: 1, max: 20 })).map(([a, len]) => ({
  start: new Date(T0 + a * (DAY / 4)).toISOString(),
  end: new Date(T0 + (a + len) * (DAY / 4)).toISOString(),
}))

const campaignArb: fc.Arbitrary<CampaignInput> = fc.record({
  name: fc.constant('random'),
  countries: fc.constantFrom<('IN' | 'BR')[]>(['IN'], ['BR'], ['IN', 'BR']),
  window: windowArb,
  eligibility: fc.record({
    rails: fc.constantFrom<('UPI' | 'PIX' | 'CARD')[]>([], [], ['UPI', 'PIX'], ['CARD']),
    kinds: fc.constantFrom<('P2P' | 'P2M')[]>([], [], ['P2P']),
    entryMethods: fc.constantFrom<('CONTACT' | 'QR')[]>([], [], ['CONTACT']),
    minAmount: fc.option(money(2_000), { nil: undefined }),
    maxAmount: fc.option(fc.constant(5_000), { nil: undefined }),
    uniqueCounterparty: fc.boolean(),
    maxRewardedPaymentsPerUser: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  }),
  reward: fc.oneof(
    fc.record({ type: fc.constant('flat' as const), amount: money(5_000) }),
    fc.record({ type: fc.constant('percent' as const), percent: fc.constantFrom(0.5, 1, 2.5, 5, 10, 12.3456, 33.33, 100) }),
    fc.record({
      type: fc.constant('tiers' as const),
      tiers: fc.constantFrom<{ minAmount: number; reward: number }[]>(
        [{ minAmount: 0, reward: 1 }],
        [{ minAmount: 10, reward: 2.5 }, { minAmount: 100, reward: 11 }, { minAmount: 1000, reward: 51 }],
      ),
    }),
  ),
  perPaymentCap: fc.option(money(3_000), { nil: undefined }),
  perUserCap: fc.option(money(8_000), { nil: undefined }),
  budget: fc.option(fc.record({ amount: fc.integer({ min: 1, max: 30_000 }).map((c) => c / 100), currency: fc.constantFrom('INR' as const, 'BRL' as const, 'USD' as const) }), {
    nil: undefined,
  }),
  payoutDelayHours: fc.constantFrom(0, 24, 48, 100),
  clawbackReversals: fc.boolean(),
  breakageRate: fc.constantFrom(0, 0.05, 0.1234, 1),
})

let db: Database
beforeAll(async () => {
  db = await openDatabase(tempDir('campaign-prop'))
  await createTables(db)
})
afterAll(() => db.close())

describe('campaign rewards: SQL = reference loop', () => {
  it('agrees on per-payment rewards and totals over ≥ 300 random datasets × campaigns', async () => {
    let runs = 0
    // How often the interesting branches were actually reached (guards against a vacuous property).
    const seen = { rewarded: 0, exhausted: 0, crossCurrencyCrossing: 0, clawedBack: 0, userCapCrossing: 0 }
    await fc.assert(
      fc.asyncProperty(datasetArb, fxArb, campaignArb, async ([raw, ids], fxRates, input) => {
        runs += 1
        const payments: RefPayment[] = raw.map((p, i) => ({
          paymentId: `p${String(ids[i]).padStart(2, '0')}`,
          userId: `u${p.user}`,
          ts: T0 + p.slot * (DAY / 4),
          amountCents: BigInt(p.amountCents),
          currency: p.country === 'IN' ? 'INR' : 'BRL',
          country: p.country,
          rail: p.rail,
          kind: p.kind,
          status: p.status,
          counterpartyId: p.counterparty === null ? null : `c${p.counterparty}`,
          entryMethod: p.entryMethod,
        }))
        const fx = new Map<string, number>()
        DAYS.forEach((d, i) => {
          fx.set(`${d}|INR`, fxRates.inr[i] ?? 0.012)
          fx.set(`${d}|BRL`, fxRates.brl[i] ?? 0.19)
        })
        const campaign = campaignSchema.parse(input)
        await loadData(db, payments, fx)
        const actual = await evaluateRewards(db, campaign, RELATIONS)
        const expected = referenceRewards(campaign, payments, fx)
        expect(actual).toEqual(expected)
        expectJsonSafe(actual)
        if (actual.totals.rewardedPayments > 0) seen.rewarded += 1
        if (actual.totals.budget?.exhaustedAt != null) seen.exhausted += 1
        if (actual.payments.some((p) => p.clawedBack && p.accruedBeforeClawback !== '0.00')) seen.clawedBack += 1
        const budgetCurrency = campaign.budget?.currency
        if (actual.payments.some((p) => p.currency !== budgetCurrency && p.budgetSpent !== null && p.budgetSpent !== '0.00' && p.accruedBeforeClawback !== p.rawReward)) {
          seen.crossCurrencyCrossing += 1
        }
        if (campaign.perUserCap !== undefined && actual.payments.some((p) => p.accruedBeforeClawback !== '0.00' && p.accruedBeforeClawback !== p.rawReward)) seen.userCapCrossing += 1
      }),
      { numRuns: 320, seed: 20_260_427 },
    )
    expect(runs).toBeGreaterThanOrEqual(300)
    expect(seen.rewarded).toBeGreaterThan(100)
    expect(seen.exhausted).toBeGreaterThan(20)
    expect(seen.clawedBack).toBeGreaterThan(10)
    expect(seen.crossCurrencyCrossing).toBeGreaterThan(5)
    expect(seen.userCapCrossing).toBeGreaterThan(10)
  }, 120_000)
})
