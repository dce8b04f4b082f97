// The reward stage's sort-free paths against the plain reference loop: the block-wise budget
// (budgetSql.ts; tiny blocks so crossings fall on block edges, between and inside blocks, with
// equal timestamps), the per-user cap's over-cap subset (userCapSql.ts) and the one-pass totals
// (evaluateTotals, which writes no rewards table: its SQL and its in-memory pass), on a real DuckDB file.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { campaignSchema, type CampaignInput } from '../../../common/domain/campaign'
import { evaluateRewards, evaluateTotals, neverEvaluated } from '../../../electron/engine/campaigns/evaluateRewards'
import { candidateStage } from '../../../electron/engine/campaigns/materializeRewards'
import { peekCandidateColumns } from '../../../electron/engine/campaigns/memory/columnCache'
import { sql } from '../../../electron/engine/db/sql'
import { openDatabase, type Database } from '../../../electron/engine/db/database'
import { EngineError } from '../../../electron/engine/engineError'
import { passWorkerCounts, stopPassWorker } from '../../../electron/engine/campaigns/memory/passWorker'
import { tempDir } from '../../helpers/tempDir'
import { context, createTables, loadData } from './campaignDb'
import { referenceRewards, RefFxMissing, type RefPayment } from './reference'

const HOUR = 3_600_000
const T0 = Date.UTC(2022, 3, 1)
const FX = new Map<string, number>(['2022-04-01', '2022-04-02', '2022-04-03'].flatMap((d, i) => [[`${d}|INR`, 0.012 + i * 0.0001], [`${d}|BRL`, 0.19 + i * 0.01]] as [string, number][]))

let db: Database
beforeAll(async () => {
  db = await openDatabase(tempDir('campaign-fast'))
  await createTables(db)
})
afterAll(() => db.close())

function pay(id: string, user: string, hour: number, amountCents: number, extra: Partial<RefPayment> = {}): RefPayment {
  return {
    paymentId: id, userId: user, ts: T0 + hour * HOUR, amountCents: BigInt(amountCents), currency: 'INR', country: 'IN', rail: 'UPI', kind: 'P2M',
    status: 'SUCCESS', counterpartyId: null, entryMethod: 'QR', ...extra,
  }
}

const WINDOW = { start: '2022-04-01T00:00:00Z', end: '2022-04-03T00:00:00Z' }

/** evaluateTotals and the rewards table (both with `blockSeconds` budget blocks) equal the reference loop. */
async function expectBoth(input: CampaignInput, payments: RefPayment[], blockSeconds: number): Promise<void> {
  const campaign = campaignSchema.parse(input)
  await loadData(db, payments, FX)
  const expected = referenceRewards(campaign, payments, FX)
  const options = { budgetBlockSeconds: blockSeconds }
  expect(await evaluateTotals(db, campaign, context(), { ...options, totalsFrom: 'direct' })).toEqual(expected.totals)
  expect(await evaluateTotals(db, campaign, context(), { ...options, totalsFrom: 'table' })).toEqual(expected.totals)
  expect(await evaluateTotals(db, campaign, context(), options)).toEqual(expected.totals)
  expect(await evaluateTotals(db, campaign, context(), { ...options, splitPassAbove: 0 })).toEqual(expected.totals)
  expect(await evaluateRewards(db, campaign, context(), options)).toEqual(expected)
}

describe('sort-free reward paths = reference loop', () => {
  const flat = (budget: number, extra: Partial<CampaignInput> = {}): CampaignInput => ({ name: 'blocks', countries: ['IN'], window: WINDOW, reward: { type: 'flat', amount: 10 }, budget: { amount: budget, currency: 'INR' }, ...extra })
  // one payment per hour, hours 0–5, ₹10 each; with 2-hour blocks the edges fall after hours 1, 3, 5
  const hourly = [0, 1, 2, 3, 4, 5].map((h) => pay(`p${h}`, `u${h % 2}`, h, 1000))

  it('exhausts exactly at the last payment of a block, and at the first of the next', async () => {
    await expectBoth(flat(40), hourly, 7200) // G reaches 40 at hour 3, the last of block [2, 4)
    await expectBoth(flat(45), hourly, 7200) // crosses at hour 4, the first of block [4, 6): 5 of its 10
    await expectBoth(flat(60), hourly, 7200) // reached exactly by the very last payment
    await expectBoth(flat(61), hourly, 7200) // never reached
    await expectBoth(flat(5), hourly, 7200) // the first payment crosses
  })

  it('breaks equal timestamps by payment_id inside the crossing block', async () => {
    const tied = [pay('b', 'u1', 2, 1000), pay('a', 'u2', 2, 1000), pay('c', 'u3', 2, 1000), pay('z', 'u1', 1, 1000)]
    for (const budget of [15, 20, 25, 30, 35, 40]) await expectBoth(flat(budget), tied, 3600)
  })

  it('gives only the over-cap (user, country) groups the running sum', async () => {
    const payments = [
      pay('p1', 'u1', 0, 3000), pay('p2', 'u1', 1, 5000), pay('p3', 'u1', 1, 2000), pay('p4', 'u1', 3, 900), // 30 % → 9, 15, 6, 2.70: over 25
      pay('p5', 'u2', 0, 3000), pay('p6', 'u2', 2, 1000), // 9 + 3: within
      pay('p7', 'u1', 2, 5000, { country: 'BR', currency: 'BRL', rail: 'PIX' }), // the same user in BR: its own cap
      pay('p8', 'u3', 4, 9000, { status: 'REVERSED' }), // 27 → capped at 25, clawed back
    ]
    const input: CampaignInput = {
      name: 'caps', countries: ['IN', 'BR'], window: WINDOW, reward: { type: 'percent', percent: 30 }, perUserCap: 25, clawbackReversals: true,
      countryTerms: { BR: { reward: { type: 'percent', percent: 30 }, perUserCap: 10 } },
    }
    await expectBoth(input, payments, 3600)
    await expectBoth({ ...input, budget: { amount: 40, currency: 'INR' } }, payments, 3600)
    await expectBoth({ ...input, budget: { amount: 3, currency: 'USD' } }, payments, 1)
  })

  it('walks the crossing block when the worker that passed half the rows has lost them (the half is computed again)', async () => {
    // Six users paying once an hour for 4 hours, 30 % with a cross-currency budget, so every hour
    // block holds rows of both halves whichever users each half gets. The split pass leaves the
    // second half's scratch values on the worker, and the walk fetches those of its crossing
    // block. A budget-only change reuses the pass and crosses in a later block, whose values must
    // be fetched too; with the worker stopped in between, that half is computed again here.
    // (₹20–31.50 in India, R$2–2.23 ≈ ₹32–35 in Brazil: about ₹40 of claims an hour.)
    const payments = Array.from({ length: 24 }, (_, k) =>
      k % 3 === 0 ? pay(`p${String(k).padStart(2, '0')}`, `u${k % 6}`, Math.floor(k / 6), 200 + k, { country: 'BR', currency: 'BRL', rail: 'PIX' }) : pay(`p${String(k).padStart(2, '0')}`, `u${k % 6}`, Math.floor(k / 6), 2000 + k * 50))
    const input = (budget: number): CampaignInput => ({
      name: 'lost', countries: ['IN', 'BR'], window: WINDOW, reward: { type: 'percent', percent: 30 }, budget: { amount: budget, currency: 'INR' },
    })
    await loadData(db, payments, FX)
    const split = { budgetBlockSeconds: 3600, splitPassAbove: 0 }
    await evaluateTotals(db, campaignSchema.parse(input(30)), context(), { ...split, totalsFrom: 'table' })
    const before = passWorkerCounts()
    const exhausted = new Set<string | null | undefined>()
    for (const [i, amount] of [30, 80, 130, 170].entries()) {
      if (i > 0) await stopPassWorker()
      const campaign = campaignSchema.parse(input(amount))
      const expected = referenceRewards(campaign, payments, FX).totals
      exhausted.add(expected.budget?.exhaustedAt)
      expect(await evaluateTotals(db, campaign, context(), split)).toEqual(expected)
    }
    expect(passWorkerCounts().passes).toBe(before.passes + 1)
    // A different crossing hour for each budget, none of them "never".
    expect(exhausted.size).toBe(4)
    expect(exhausted.has(null)).toBe(false)
  })

  /** The candidate tables of the current data version in the stage cache. */
  async function cachedCandidateTables(): Promise<string[]> {
    const rows = await db.rows(sql`SELECT table_name FROM duckdb_tables() WHERE database_name = 'cb_cache' AND starts_with(table_name, 'cand_')
      AND table_name IN (SELECT name FROM cb_cache.cb_tables WHERE data_version = ${context().dataVersion})`).catch(() => [])
    return rows.map((r) => String(r.table_name))
  }

  it('answers the first evaluation of an eligibility in one statement, and caches its candidates from the second on', async () => {
    await loadData(db, hourly, FX)
    const ctx = context()
    const first = campaignSchema.parse(flat(25))
    const name = candidateStage(first, ctx).name
    expect(await evaluateTotals(db, first, ctx)).toEqual(referenceRewards(first, hourly, FX).totals)
    expect(await cachedCandidateTables()).toEqual([])
    expect(peekCandidateColumns(db, name)).toBeUndefined()
    // A reward term changes: same eligibility, so now it is worth building and holding.
    const second = campaignSchema.parse(flat(35))
    expect(await evaluateTotals(db, second, ctx)).toEqual(referenceRewards(second, hourly, FX).totals)
    expect(await cachedCandidateTables()).toEqual([name])
    expect(await peekCandidateColumns(db, name)).not.toBeNull()
    // Another eligibility (N) is a first evaluation again.
    const other = campaignSchema.parse({ ...flat(35), eligibility: { maxRewardedPaymentsPerUser: 2 } })
    expect(await evaluateTotals(db, other, ctx)).toEqual(referenceRewards(other, hourly, FX).totals)
    expect(await cachedCandidateTables()).toEqual([name])
  })

  it('keeps payments without a user_id together as one (user, country) group on every path', async () => {
    // Not a case the reference models (its users always have ids): the three paths must agree.
    const payments = [pay('p1', 'ux', 0, 3000), pay('p2', 'ux', 1, 5000), pay('p3', 'u1', 2, 4000), pay('p4', 'ux', 3, 2000, { country: 'BR', currency: 'BRL', rail: 'PIX' })]
    await loadData(db, payments, FX)
    await db.run(sql`UPDATE payments SET user_id = NULL WHERE user_id = 'ux'`)
    const campaign = campaignSchema.parse({ name: 'nulls', countries: ['IN', 'BR'], window: WINDOW, reward: { type: 'percent', percent: 30 }, perUserCap: 20, countryTerms: { BR: { reward: { type: 'percent', percent: 30 }, perUserCap: 5 } } })
    const answers = []
    for (const totalsFrom of ['direct', 'table', 'memory'] as const) answers.push(await evaluateTotals(db, campaign, context(), { totalsFrom }))
    // ₹9 + ₹15 capped at ₹20 for the user-less group, ₹12 for u1; R$6 capped at R$5; the user-less payments count no user.
    expect(answers[0]?.byCountry.map((c) => c.accrued)).toEqual(['5.00', '32.00'])
    expect(answers[0]?.rewardedUsers).toBe(1)
    expect(answers[1]).toEqual(answers[0])
    expect(answers[2]).toEqual(answers[0])
  })

  it('keeps rewarding, after the budget runs out, rewards that convert to 0 cents of the budget currency', async () => {
    // 0.5 % of ₹2 = 1 paisa = round(1 × 0.012 / 1) = 0 US cents: no claim on the budget, so DOMAIN
    // §5's clamp leaves it whole (spent 0 = its claim) even after the ₹100 payments exhaust US$0.02.
    const payments = [pay('big1', 'u1', 1, 10_000), pay('tiny1', 'u2', 2, 200), pay('big2', 'u1', 3, 10_000), pay('tiny2', 'u3', 4, 200), pay('big3', 'u4', 5, 10_000)]
    const input: CampaignInput = { name: 'tiny', countries: ['IN'], window: WINDOW, reward: { type: 'percent', percent: 0.5 }, budget: { amount: 0.02, currency: 'USD' } }
    const expected = referenceRewards(campaignSchema.parse(input), payments, FX)
    expect(expected.totals.budget?.exhaustedAt).not.toBeNull()
    expect(expected.payments.find((p) => p.paymentId === 'tiny2')?.reward).toBe('0.01')
    expect(expected.totals.rewardedUsers).toBe(3)
    await expectBoth(input, payments, 3600)
  })

  it('computes a percent of a very large payment exactly (a product beyond 2^53 is done in bigint)', async () => {
    // ₹1,000 crore = 10^12 cents; × 12.3457 % (123 457 millionths) = 1.23457 × 10^17 > 2^53.
    // 1 000 000 029 407 × 123 457 = …003 630 499 999 (× 10^-6 cents): exactly, ₹1,23,45,70,036.30;
    // a double product rounds it onto …630 500 000 and would give ₹…036.31 (found by search).
    const payments = [pay('huge', 'u1', 1, 1_000_000_000_000), pay('odd', 'u2', 2, 1_000_000_029_407)]
    const input: CampaignInput = { name: 'huge', countries: ['IN'], window: WINDOW, reward: { type: 'percent', percent: 12.3457 } }
    const expected = referenceRewards(campaignSchema.parse(input), payments, FX)
    expect(expected.payments.map((p) => p.reward)).toEqual(['1234570000.00', '1234570036.30'])
    await expectBoth(input, payments, 3600)
  })

  it('names the missing FX rate from the one-pass totals too', async () => {
    const payments = [pay('p1', 'u1', 30, 1000, { country: 'BR', currency: 'BRL', rail: 'PIX' })]
    const fx = new Map([...FX].filter(([key]) => key !== '2022-04-02|BRL'))
    const campaign = campaignSchema.parse({ ...flat(100), countries: ['BR'] })
    await loadData(db, payments, fx)
    const ctx = context()
    // The first evaluation is the direct statement; its error leaves the eligibility new (only an answer counts).
    expect(await evaluateTotals(db, campaign, ctx).catch((e: unknown) => e)).toBeInstanceOf(EngineError)
    expect(neverEvaluated(db, campaign, ctx)).toBe(true)
    for (const totalsFrom of ['direct', 'table', 'memory'] as const) {
      const error = await evaluateTotals(db, campaign, ctx, { totalsFrom }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(EngineError)
      expect((error as EngineError).details).toEqual({ date: '2022-04-02', currency: 'BRL' })
    }
    expect(() => referenceRewards(campaign, payments, fx)).toThrow(RefFxMissing)
  })

  it('agrees on random data with random block lengths', async () => {
    const paymentArb = fc.record({
      user: fc.integer({ min: 0, max: 3 }),
      hour: fc.integer({ min: 0, max: 11 }).map((h) => h * 4), // every 4 hours, many ties
      amountCents: fc.oneof(fc.integer({ min: 1, max: 5_000 }), fc.constantFrom(1_000, 2_500)),
      country: fc.constantFrom('IN', 'BR'),
      status: fc.constantFrom('SUCCESS', 'SUCCESS', 'REVERSED'),
    })
    const campaignArb = fc.record({
      reward: fc.oneof(fc.record({ type: fc.constant('flat' as const), amount: fc.integer({ min: 1, max: 2_000 }).map((c) => c / 100) }), fc.record({ type: fc.constant('percent' as const), percent: fc.constantFrom(5, 10, 33.33) })),
      perUserCap: fc.option(fc.integer({ min: 1, max: 4_000 }).map((c) => c / 100), { nil: undefined }),
      budget: fc.option(fc.record({ amount: fc.integer({ min: 1, max: 20_000 }).map((c) => c / 100), currency: fc.constantFrom('INR' as const, 'BRL' as const, 'USD' as const) }), { nil: undefined }),
      maxRewardedPaymentsPerUser: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      blockSeconds: fc.constantFrom(1, 3600, 4 * 3600, 8 * 3600, 86_400),
    })
    let exhausted = 0
    await fc.assert(
      fc.asyncProperty(fc.array(paymentArb, { maxLength: 30 }), campaignArb, async (raw, c) => {
        const payments = raw.map((p, i) => pay(`p${String(29 - i).padStart(2, '0')}`, `u${p.user}`, p.hour, p.amountCents, {
          country: p.country, currency: p.country === 'IN' ? 'INR' : 'BRL', rail: p.country === 'IN' ? 'UPI' : 'PIX', status: p.status,
        }))
        const input: CampaignInput = {
          name: 'random', countries: ['IN', 'BR'], window: WINDOW, reward: c.reward, perUserCap: c.perUserCap, budget: c.budget, clawbackReversals: true,
          eligibility: { maxRewardedPaymentsPerUser: c.maxRewardedPaymentsPerUser },
          countryTerms: { BR: { reward: c.reward, perUserCap: c.perUserCap } },
        }
        await expectBoth(input, payments, c.blockSeconds)
        if (referenceRewards(campaignSchema.parse(input), payments, FX).totals.budget?.exhaustedAt != null) exhausted += 1
      }),
      { numRuns: 120, seed: 20_261_127 },
    )
    expect(exhausted).toBeGreaterThan(20)
  }, 240_000)
})
