// Edge cases of the users rules (payer type, account age, arms + scope, segments), per-country
// terms, local dates across a DST change and the stage cache, with the numbers written out and
// the reference loop agreeing; on a real DuckDB file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { campaignSchema, type CampaignInput } from '../../../common/domain/campaign'
import type { EvaluationScope } from '../../../common/domain/campaignResult'
import { evaluateRewards } from '../../../electron/engine/campaigns/evaluateRewards'
import { materializeCandidates, materializeRewards } from '../../../electron/engine/campaigns/materializeRewards'
import { openDatabase, type Database } from '../../../electron/engine/db/database'
import { sql } from '../../../electron/engine/db/sql'
import type { EngineError } from '../../../electron/engine/engineError'
import { tempDir } from '../../helpers/tempDir'
import { context, createTables, loadData } from './campaignDb'
import { referenceRewards, type RefPayment, type RefUser } from './reference'

const at = (iso: string): number => Date.parse(iso)

function pay(id: string, user: string, ts: string, amount: number, extra: Partial<RefPayment> = {}): RefPayment {
  return {
    paymentId: id, userId: user, ts: at(ts), amountCents: BigInt(Math.round(amount * 100)), currency: 'INR', country: 'IN',
    rail: 'UPI', kind: 'P2P', status: 'SUCCESS', counterpartyId: `c-${id}`, entryMethod: 'CONTACT', ...extra,
  }
}

const user = (id: string, signup: string | null, arm: string | null, extra: Partial<RefUser> = {}): RefUser => ({ userId: id, signupTs: signup === null ? null : at(signup), arm, ...extra })

const BASE: CampaignInput = {
  name: 'edge',
  countries: ['IN'],
  window: { start: '2022-04-01T00:00:00Z', end: '2022-04-03T00:00:00Z' },
  reward: { type: 'flat', amount: 11 },
}
const FX = new Map<string, number>([['2022-04-01|INR', 0.0125], ['2022-04-02|INR', 0.0125], ['2022-04-01|BRL', 0.2], ['2022-04-02|BRL', 0.2]])

let db: Database
beforeAll(async () => {
  db = await openDatabase(tempDir('campaign-elig'))
  await createTables(db)
})
afterAll(() => db.close())

async function evaluate(input: CampaignInput, payments: RefPayment[], users: RefUser[], scope: EvaluationScope = 'treatment') {
  const campaign = campaignSchema.parse(input)
  await loadData(db, payments, FX, users)
  const result = await evaluateRewards(db, campaign, context({ scope }))
  expect(result).toEqual(referenceRewards(campaign, payments, FX, { users, scope }))
  return result
}
const ids = (r: Awaited<ReturnType<typeof evaluate>>) => r.payments.map((p) => p.paymentId)

describe('eligibility: users rules', () => {
  it('counts the account age in whole 24-hour days at payment time, exactly N days included', async () => {
    const r = await evaluate({ ...BASE, eligibility: { minAccountAgeDays: 30 } }, [
      pay('exact', 'u1', '2022-04-01T06:00:00Z', 10),
      pay('early', 'u2', '2022-04-01T05:59:59.999Z', 10),
      pay('nosignup', 'u3', '2022-04-01T07:00:00Z', 10),
      pay('norow', 'u4', '2022-04-01T08:00:00Z', 10),
    ], [user('u1', '2022-03-02T06:00:00Z', null), user('u2', '2022-03-02T06:00:00Z', null), user('u3', null, null)])
    expect(ids(r)).toEqual(['exact'])
  })

  it('tells new from existing payers at the window start: a payment exactly at the start is not "before"', async () => {
    const payments = [
      pay('a1', 'ua', '2022-04-01T00:00:00Z', 10), // first payment exactly at the start → new
      pay('b0', 'ub', '2022-03-31T23:59:59.999Z', 10), // 1 ms before → existing
      pay('b1', 'ub', '2022-04-01T01:00:00Z', 10),
      pay('c0', 'uc', '2022-03-20T00:00:00Z', 10, { status: 'FAILED' }), // a failed payment does not count → new
      pay('c1', 'uc', '2022-04-01T02:00:00Z', 10),
      pay('d0', 'ud', '2022-03-20T00:00:00Z', 10, { status: 'REVERSED', rail: 'CARD', kind: 'P2M', country: 'BR', currency: 'BRL' }), // any rail/kind/country
      pay('d1', 'ud', '2022-04-01T03:00:00Z', 10),
    ]
    expect(ids(await evaluate({ ...BASE, eligibility: { payerType: 'new' } }, payments, []))).toEqual(['a1', 'c1'])
    expect(ids(await evaluate({ ...BASE, eligibility: { payerType: 'existing' } }, payments, []))).toEqual(['b1', 'd1'])
  })

  it('targets arms; scope "all" ignores the arms but keeps the segments; a user without a users row is out', async () => {
    const payments = [pay('p1', 'u1', '2022-04-01T01:00:00Z', 10), pay('p2', 'u2', '2022-04-01T02:00:00Z', 10), pay('p3', 'u3', '2022-04-01T03:00:00Z', 10), pay('p4', 'u9', '2022-04-01T04:00:00Z', 10)]
    const users = [user('u1', null, 'treat', { tier: 'gold' }), user('u2', null, 'control', { tier: 'gold' }), user('u3', null, 'treat', { tier: 'silver' })]
    const input = { ...BASE, eligibility: { arms: ['treat'], segments: [{ column: 'tier', values: ['gold'] }] } }
    expect(ids(await evaluate(input, payments, users))).toEqual(['p1'])
    expect(ids(await evaluate(input, payments, users, 'all'))).toEqual(['p1', 'p2'])
    // without users rules, a payer missing from users is eligible (arm NULL)
    expect(ids(await evaluate(BASE, payments, users))).toEqual(['p1', 'p2', 'p3', 'p4'])
    const table = await materializeRewards(db, campaignSchema.parse(BASE), context())
    expect(await db.rows(sql`SELECT payment_id, arm FROM ${table} ORDER BY ts`)).toEqual([
      { payment_id: 'p1', arm: 'treat' }, { payment_id: 'p2', arm: 'control' }, { payment_id: 'p3', arm: 'treat' }, { payment_id: 'p4', arm: null },
    ])
  })

  it('compares segment values as text, all segments must hold, NULL never matches', async () => {
    const payments = [pay('p1', 'u1', '2022-04-01T01:00:00Z', 10), pay('p2', 'u2', '2022-04-01T02:00:00Z', 10), pay('p3', 'u3', '2022-04-01T03:00:00Z', 10)]
    const users = [user('u1', null, null, { tier: 'gold', state: 'KA' }), user('u2', null, null, { tier: 'gold', state: 'MH' }), user('u3', null, null, { tier: null, state: 'KA' })]
    const r = await evaluate({ ...BASE, eligibility: { segments: [{ column: 'tier', values: ['gold', 'Gold '] }, { column: 'state', values: ['KA'] }] } }, payments, users)
    expect(ids(r)).toEqual(['p1'])
  })

  it('uses one users row per user: the earliest signup_ts wins (no payment is duplicated)', async () => {
    const payments = [pay('p1', 'u1', '2022-04-01T01:00:00Z', 10)]
    await loadData(db, payments, FX, [user('u1', '2022-03-30T00:00:00Z', 'b'), user('u1', '2022-01-01T00:00:00Z', 'a')])
    const campaign = campaignSchema.parse({ ...BASE, eligibility: { minAccountAgeDays: 30 } })
    const table = await materializeRewards(db, campaign, context())
    expect(await db.rows(sql`SELECT payment_id, arm FROM ${table}`)).toEqual([{ payment_id: 'p1', arm: 'a' }])
  })

  it('refuses rules without their data: CONFLICT naming the field, INVALID_REQUEST listing the columns', async () => {
    await loadData(db, [pay('p1', 'u1', '2022-04-01T01:00:00Z', 10)], FX, [])
    const fail = (input: CampaignInput, ctx = context()) => evaluateRewards(db, campaignSchema.parse(input), ctx).catch((e: unknown) => e as EngineError)
    const age = await fail({ ...BASE, eligibility: { minAccountAgeDays: 30 } }, context({ users: null, usersColumns: [] }))
    expect(age).toMatchObject({ code: 'CONFLICT', message: 'Minimum account age needs users.signup_ts: map it in Data → Mapping.' })
    const arm = await fail({ ...BASE, eligibility: { arms: ['treat'] } }, context({ mappedUserFields: ['user_id', 'signup_ts'] }))
    expect(arm).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('users.arm') as unknown })
    // scope "all" does not need arms
    await expect(evaluateRewards(db, campaignSchema.parse({ ...BASE, eligibility: { arms: ['treat'] } }), context({ mappedUserFields: ['user_id'], scope: 'all' }))).resolves.toBeDefined()
    const seg = await fail({ ...BASE, eligibility: { segments: [{ column: 'Tier"; DROP', values: ['x'] }] } })
    expect(seg).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('no column "Tier"; DROP"') as unknown })
    expect((seg as EngineError).message).toContain('"tier", "state"')
  })
})

describe('per-country terms', () => {
  it('applies each country’s reward, amount bounds and caps in its own currency', async () => {
    const br = { country: 'BR', currency: 'BRL', rail: 'PIX' }
    const input: CampaignInput = {
      ...BASE,
      countries: ['IN', 'BR'],
      eligibility: { minAmount: 100 },
      reward: { type: 'flat', amount: 35 },
      perUserCap: 50,
      countryTerms: { BR: { reward: { type: 'percent', percent: 10 }, minAmount: 5, perUserCap: 3 } },
      budget: { amount: 1000, currency: 'INR' },
    }
    const r = await evaluate(input, [
      pay('i1', 'u1', '2022-04-01T01:00:00Z', 99.99),
      pay('i2', 'u1', '2022-04-01T02:00:00Z', 100),
      pay('i3', 'u1', '2022-04-01T03:00:00Z', 150),
      pay('b1', 'u1', '2022-04-01T04:00:00Z', 4.99, br),
      pay('b2', 'u1', '2022-04-01T05:00:00Z', 20, br),
      pay('b3', 'u1', '2022-04-01T06:00:00Z', 20, br),
    ], [])
    // IN: ₹35 then the ₹50 cap leaves ₹15; BR: 10 % = R$2 then the R$3 cap leaves R$1 (the same user, capped per country)
    expect(r.payments.map((p) => [p.paymentId, p.reward])).toEqual([['i2', '35.00'], ['i3', '15.00'], ['b2', '2.00'], ['b3', '1.00']])
  })
})

describe('local dates and the stage cache', () => {
  it('gives local and payout dates in the country’s zone, also on a day the offset changes', async () => {
    // São Paulo moved to −02:00 at 2018-11-04 00:00 local (= 03:00 UTC).
    const br = { country: 'BR', currency: 'BRL', rail: 'PIX' }
    const payments = [
      pay('a', 'u1', '2018-11-04T02:30:00Z', 10, br), // 23:30 on Nov 3 (−03:00)
      pay('b', 'u2', '2018-11-04T03:30:00Z', 10, br), // 01:30 on Nov 4 (−02:00)
      pay('c', 'u3', '2018-11-04T18:00:00Z', 10), // 23:30 IST on Nov 4
      pay('d', 'u4', '2018-11-04T18:30:00Z', 10), // 00:00 IST on Nov 5
    ]
    await loadData(db, payments, FX, [])
    const campaign = campaignSchema.parse({ ...BASE, countries: ['IN', 'BR'], reward: { type: 'percent', percent: 1 }, window: { start: '2018-11-01T00:00:00Z', end: '2018-11-10T00:00:00Z' }, payoutDelayHours: 22 })
    const table = await materializeRewards(db, campaign, context())
    const rows = await db.rows(sql`SELECT payment_id, CAST(local_date AS VARCHAR) AS d, CAST(payout_local_date AS VARCHAR) AS pd FROM ${table} ORDER BY ts`)
    expect(rows).toEqual([
      { payment_id: 'a', d: '2018-11-03', pd: '2018-11-04' }, // payout 00:30 UTC Nov 5 = 22:30 (−02:00) Nov 4
      { payment_id: 'b', d: '2018-11-04', pd: '2018-11-04' }, // payout 01:30 UTC Nov 5 = 23:30 Nov 4
      { payment_id: 'c', d: '2018-11-04', pd: '2018-11-05' },
      { payment_id: 'd', d: '2018-11-05', pd: '2018-11-05' },
    ])
  })

  it('reuses the candidates when only reward terms change (not N), and not across data versions', async () => {
    const payments = [pay('p1', 'u1', '2022-04-01T01:00:00Z', 10), pay('p2', 'u1', '2022-04-01T02:00:00Z', 10)]
    await loadData(db, payments, FX, [])
    const ctx = context()
    const a = await materializeCandidates(db, campaignSchema.parse(BASE), ctx)
    const variants: CampaignInput[] = [
      { ...BASE, reward: { type: 'percent', percent: 5 } },
      { ...BASE, perUserCap: 12, perPaymentCap: 9, budget: { amount: 15, currency: 'INR' } },
      { ...BASE, payoutDelayHours: 0, clawbackReversals: true, breakageRate: 0.5 },
    ]
    for (const v of variants) expect((await materializeCandidates(db, campaignSchema.parse(v), ctx)).name).toBe(a.name)
    // the first N per user are taken in the candidate stage, so N is part of its key
    expect((await materializeCandidates(db, campaignSchema.parse({ ...BASE, eligibility: { maxRewardedPaymentsPerUser: 1 } }), ctx)).name).not.toBe(a.name)
    expect((await materializeCandidates(db, campaignSchema.parse({ ...BASE, eligibility: { kinds: ['P2P'] } }), ctx)).name).not.toBe(a.name)
    const rewardsA = await materializeRewards(db, campaignSchema.parse(variants[0] ?? BASE), ctx)
    expect((await materializeRewards(db, campaignSchema.parse(variants[0] ?? BASE), ctx)).text).toBe(rewardsA.text)
    // new data: a new version, the old tables are dropped
    await loadData(db, payments, FX, [])
    const b = await materializeCandidates(db, campaignSchema.parse(BASE), context())
    expect(b.name).not.toBe(a.name)
    const left = await db.rows(sql`SELECT table_name FROM duckdb_tables() WHERE database_name = 'cb_cache' AND table_name NOT LIKE 'cb\\_%' ESCAPE '\\'`)
    expect(left.map((r) => r.table_name)).toEqual([b.name])
  })
})
