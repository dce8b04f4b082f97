// Property: the SQL of DOMAIN.md §5 and the plain reference loop agree on every per-payment reward
// and every total, over random small datasets × users × campaigns × scopes (real DuckDB file),
// including payer type, account age, arms, segments and per-country terms; plus the arm and the
// local dates of the rewards table against Intl. The in-memory totals pass (memory/rewardPass.ts)
// agrees too, on the same candidates and again after reward terms change (candidates reused).
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { campaignSchema, type Campaign, type CampaignInput } from '../../../common/domain/campaign'
import type { EvaluationScope } from '../../../common/domain/campaignResult'
import { evaluateTotals, rewardsOfTable } from '../../../electron/engine/campaigns/evaluateRewards'
import { passWorkerCounts } from '../../../electron/engine/campaigns/memory/passWorker'
import { materializeRewards } from '../../../electron/engine/campaigns/materializeRewards'
import { sql } from '../../../electron/engine/db/sql'
import { openDatabase, type Database } from '../../../electron/engine/db/database'
import { expectJsonSafe } from '../../helpers/jsonSafe'
import { tempDir } from '../../helpers/tempDir'
import { context, createTables, loadData } from './campaignDb'
import { referenceEligible, referenceRewards, type RefPayment, type RefUser } from './reference'

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

const userArb = fc.record({
  present: fc.constantFrom(true, true, true, false),
  signupSlot: fc.option(fc.integer({ min: -10, max: 14 }), { freq: 6 }),
  arm: fc.constantFrom('control', 'treat', 'treat', null),
  tier: fc.constantFrom('gold', 'silver', null),
  state: fc.constantFrom('KA', 'MH'),
})
const usersArb = fc.array(userArb, { minLength: 5, maxLength: 5 })

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
  // Users rules: one at a time mostly (each binds often enough), sometimes all together, often none.
  userRules: fc.record({
    mode: fc.constantFrom('none', 'none', 'none', 'payer', 'age', 'arms', 'segments', 'mixed'),
    payerType: fc.constantFrom('new' as const, 'existing' as const),
    minAccountAgeDays: fc.integer({ min: 0, max: 2 }),
    arms: fc.constantFrom<string[]>(['treat'], ['treat', 'control']),
    segments: fc.constantFrom<{ column: string; values: string[] }[]>([{ column: 'tier', values: ['gold'] }], [{ column: 'tier', values: ['gold', 'silver'] }, { column: 'state', values: ['KA'] }]),
  }),
  brTerms: fc.record({
    reward: fc.oneof(fc.record({ type: fc.constant('flat' as const), amount: money(3_000) }), fc.record({ type: fc.constant('percent' as const), percent: fc.constantFrom(1, 7.5) })),
    minAmount: fc.option(money(1_000), { nil: undefined }),
    perPaymentCap: fc.option(money(2_000), { nil: undefined }),
    perUserCap: fc.option(money(4_000), { nil: undefined }),
  }),
}).map(({ brTerms, userRules: u, ...base }) => {
  const m = u.mode
  const c = {
    ...base,
    eligibility: {
      ...base.eligibility,
      ...(m === 'payer' || m === 'mixed' ? { payerType: u.payerType } : {}),
      ...(m === 'age' || m === 'mixed' ? { minAccountAgeDays: u.minAccountAgeDays } : {}),
      ...(m === 'arms' || m === 'mixed' ? { arms: u.arms } : {}),
      ...(m === 'segments' || m === 'mixed' ? { segments: u.segments } : {}),
    },
  }
  // A campaign in IN and BR pays Brazil in BRL: its money terms must be given (random, or the IN numbers).
  if (c.countries.length < 2) return c
  const e = c.eligibility
  const br = {
    reward: brTerms.reward,
    minAmount: brTerms.minAmount ?? e.minAmount,
    maxAmount: e.maxAmount,
    perPaymentCap: brTerms.perPaymentCap ?? c.perPaymentCap,
    perUserCap: brTerms.perUserCap ?? c.perUserCap,
  }
  return { ...c, countryTerms: { BR: Object.fromEntries(Object.entries(br).filter(([, v]) => v !== undefined)) } }
})

const localDate = (ms: number, zone: string): string => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms)
const ZONES: Record<string, string> = { IN: 'Asia/Kolkata', BR: 'America/Sao_Paulo' }

/** The rule removed payments that every other rule let through (it was not vacuous here). */
function binds(campaign: Campaign, strip: (c: Campaign) => Campaign, payments: RefPayment[], users: RefUser[], scope: EvaluationScope): boolean {
  return referenceEligible(strip(campaign), payments, { users, scope }).length > referenceEligible(campaign, payments, { users, scope }).length
}

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
    const workerBefore = passWorkerCounts()
    const seen = { rewarded: 0, exhausted: 0, crossCurrencyCrossing: 0, clawedBack: 0, userCapCrossing: 0, payerType: 0, accountAge: 0, arms: 0, scopeAll: 0, segments: 0, countryTerms: 0 }
    await fc.assert(
      fc.asyncProperty(datasetArb, fxArb, campaignArb, usersArb, fc.constantFrom<EvaluationScope>('treatment', 'treatment', 'all'), async ([raw, ids], fxRates, input, userRows, scope) => {
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
        const users: RefUser[] = userRows.flatMap((u, i) =>
          u.present ? [{ userId: `u${i}`, signupTs: u.signupSlot === null ? null : T0 + u.signupSlot * (DAY / 4), arm: u.arm, tier: u.tier, state: u.state }] : [],
        )
        const fx = new Map<string, number>()
        DAYS.forEach((d, i) => {
          fx.set(`${d}|INR`, fxRates.inr[i] ?? 0.012)
          fx.set(`${d}|BRL`, fxRates.brl[i] ?? 0.19)
        })
        const campaign = campaignSchema.parse(input)
        await loadData(db, payments, fx, users)
        const ctx = context({ scope })
        const table = await materializeRewards(db, campaign, ctx)
        const actual = await rewardsOfTable(db, campaign, table)
        const expected = referenceRewards(campaign, payments, fx, { users, scope })
        expect(actual).toEqual(expected)
        expectJsonSafe(actual)
        // The one-shot totals straight from the payments (nothing cached used), then the totals
        // from the in-memory pass over the same candidates, then after a reward term changes (the
        // candidates are reused from memory): all equal the reference's.
        expect(await evaluateTotals(db, campaign, ctx, { totalsFrom: 'direct' })).toEqual(expected.totals)
        expect(await evaluateTotals(db, campaign, ctx)).toEqual(expected.totals)
        const changedInput: CampaignInput = {
          ...input,
          reward: input.reward.type === 'percent' ? { type: 'percent', percent: 7.5 } : input.reward,
          clawbackReversals: !input.clawbackReversals,
          budget: input.budget === undefined ? { amount: 20, currency: 'USD' } : { ...input.budget, amount: Math.max(0.01, Math.floor(input.budget.amount * 50) / 100) },
        }
        const changed = campaignSchema.parse(changedInput)
        const changedExpected = referenceRewards(changed, payments, fx, { users, scope }).totals
        expect(await evaluateTotals(db, changed, ctx)).toEqual(changedExpected)
        expect(await evaluateTotals(db, changed, ctx, { totalsFrom: 'direct' })).toEqual(changedExpected)
        // Only the budget amount changes: the pass over the candidates is reused.
        const rebudgeted = campaignSchema.parse({ ...changedInput, budget: { ...changedInput.budget, amount: (input.budget?.amount ?? 5) * 3 } })
        expect(await evaluateTotals(db, rebudgeted, ctx)).toEqual(referenceRewards(rebudgeted, payments, fx, { users, scope }).totals)
        // The same three with the pass split in two at a user boundary, the second half on the
        // worker thread (memory/passWorker.ts), as it runs on large candidate sets; the last
        // (budget only) walks the crossing block with scratch values fetched from the worker.
        const split = { splitPassAbove: 0 }
        expect(await evaluateTotals(db, campaign, ctx, split)).toEqual(expected.totals)
        expect(await evaluateTotals(db, changed, ctx, split)).toEqual(referenceRewards(changed, payments, fx, { users, scope }).totals)
        expect(await evaluateTotals(db, rebudgeted, ctx, split)).toEqual(referenceRewards(rebudgeted, payments, fx, { users, scope }).totals)
        // arm and local dates of the same rewards table
        const rows = await db.rows(sql`SELECT payment_id, user_id, country, arm, CAST(local_date AS VARCHAR) AS d, CAST(payout_local_date AS VARCHAR) AS pd FROM ${table} ORDER BY ts, payment_id`)
        const byId = new Map(payments.map((p) => [p.paymentId, p]))
        const arms = new Map(users.map((u) => [u.userId, u.arm]))
        expect(rows).toEqual(actual.payments.map((p) => {
          const ts = byId.get(p.paymentId)?.ts ?? 0
          const zone = ZONES[p.country] ?? 'UTC'
          return { payment_id: p.paymentId, user_id: p.userId, country: p.country, arm: arms.get(p.userId) ?? null, d: localDate(ts, zone), pd: localDate(ts + campaign.payoutDelayHours * 3_600_000, zone) }
        }))
        const e = campaign.eligibility
        if (e.payerType !== 'all' && binds(campaign, (c) => ({ ...c, eligibility: { ...c.eligibility, payerType: 'all' } }), payments, users, scope)) seen.payerType += 1
        if (e.minAccountAgeDays !== undefined && binds(campaign, (c) => ({ ...c, eligibility: { ...c.eligibility, minAccountAgeDays: undefined } }), payments, users, scope)) seen.accountAge += 1
        if (scope === 'treatment' && e.arms.length > 0 && binds(campaign, (c) => ({ ...c, eligibility: { ...c.eligibility, arms: [] } }), payments, users, scope)) seen.arms += 1
        if (scope === 'all' && e.arms.length > 0 && actual.payments.some((p) => !e.arms.includes(arms.get(p.userId) ?? ''))) seen.scopeAll += 1
        if (e.segments.length > 0 && binds(campaign, (c) => ({ ...c, eligibility: { ...c.eligibility, segments: [] } }), payments, users, scope)) seen.segments += 1
        const inr = actual.payments.find((p) => p.country === 'IN' && p.rawReward !== '0.00')
        const brl = actual.payments.find((p) => p.country === 'BR' && p.rawReward !== '0.00')
        if (inr !== undefined && brl !== undefined && campaign.countryTerms.BR !== undefined) seen.countryTerms += 1
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
    // The split passes ran on the worker (a kernel that failed there would fall back silently).
    const worker = passWorkerCounts()
    expect(worker.passes - workerBefore.passes).toBeGreaterThan(100)
    expect(worker.fallbacks - workerBefore.fallbacks).toBe(0)
    // (the users rules remove every payment in some runs: fewer rewarded runs than without them)
    expect(seen.rewarded).toBeGreaterThan(75)
    expect(seen.exhausted).toBeGreaterThan(20)
    expect(seen.clawedBack).toBeGreaterThan(10)
    expect(seen.crossCurrencyCrossing).toBeGreaterThan(5)
    expect(seen.userCapCrossing).toBeGreaterThan(10)
    expect(seen.payerType).toBeGreaterThan(10)
    expect(seen.accountAge).toBeGreaterThan(10)
    expect(seen.arms).toBeGreaterThan(8)
    expect(seen.scopeAll).toBeGreaterThan(4)
    expect(seen.segments).toBeGreaterThan(10)
    expect(seen.countryTerms).toBeGreaterThan(8)
  }, 480_000)
})
