// Hand-written edge cases of DOMAIN.md §5, with the expected numbers written out (and the
// reference loop agreeing), on a real DuckDB file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { campaignSchema, type CampaignInput } from '../../../common/domain/campaign'
import { evaluateRewards } from '../../../electron/engine/campaigns/evaluateRewards'
import { checkUserRules } from '../../../electron/engine/campaigns/campaignContext'
import { candidatesSql } from '../../../electron/engine/campaigns/candidatesSql'
import { rewardsSql } from '../../../electron/engine/campaigns/rewardsSql'
import { ident } from '../../../electron/engine/db/sql'
import { openDatabase, type Database } from '../../../electron/engine/db/database'
import { EngineError } from '../../../electron/engine/engineError'
import { tempDir } from '../../helpers/tempDir'
import { context, createTables, loadData } from './campaignDb'
import { referenceRewards, RefFxMissing, type RefPayment } from './reference'

const at = (iso: string): number => Date.parse(iso)

function pay(id: string, user: string, ts: string, amount: number, extra: Partial<RefPayment> = {}): RefPayment {
  return {
    paymentId: id,
    userId: user,
    ts: at(ts),
    amountCents: BigInt(Math.round(amount * 100)),
    currency: 'INR',
    country: 'IN',
    rail: 'UPI',
    kind: 'P2P',
    status: 'SUCCESS',
    counterpartyId: `c-${id}`,
    entryMethod: 'CONTACT',
    ...extra,
  }
}

const BASE: CampaignInput = {
  name: 'edge',
  countries: ['IN'],
  window: { start: '2022-04-01T00:00:00Z', end: '2022-04-03T00:00:00Z' },
  reward: { type: 'flat', amount: 40 },
}

const FX = new Map<string, number>([
  ['2022-04-01|INR', 0.0125],
  ['2022-04-01|BRL', 0.2],
  ['2022-04-02|INR', 0.0125],
  ['2022-04-02|BRL', 0.2],
])

let db: Database
beforeAll(async () => {
  db = await openDatabase(tempDir('campaign-edge'))
  await createTables(db)
})
afterAll(() => db.close())

async function evaluate(input: CampaignInput, payments: RefPayment[], fx = FX) {
  const campaign = campaignSchema.parse(input)
  await loadData(db, payments, fx)
  const result = await evaluateRewards(db, campaign, context())
  expect(result).toEqual(referenceRewards(campaign, payments, fx))
  return result
}

const rewardsOf = (r: Awaited<ReturnType<typeof evaluate>>) => r.payments.map((p) => [p.paymentId, p.reward])

describe('campaign rewards: edge cases', () => {
  it('breaks equal timestamps by payment_id', async () => {
    const ts = '2022-04-01T10:00:00Z'
    const r = await evaluate({ ...BASE, budget: { amount: 40, currency: 'INR' } }, [pay('b', 'u1', ts, 100), pay('a', 'u2', ts, 100)])
    expect(rewardsOf(r)).toEqual([
      ['a', '40.00'],
      ['b', '0.00'],
    ])
    expect(r.totals.budget?.exhaustedAt).toBe('2022-04-01T10:00:00.000Z')
  })

  it('gives the payment that crosses the per-user cap the remainder', async () => {
    const r = await evaluate({ ...BASE, reward: { type: 'flat', amount: 35 }, perUserCap: 50 }, [
      pay('p1', 'u1', '2022-04-01T01:00:00Z', 10),
      pay('p2', 'u1', '2022-04-01T02:00:00Z', 10),
      pay('p3', 'u1', '2022-04-01T03:00:00Z', 10),
    ])
    expect(rewardsOf(r)).toEqual([
      ['p1', '35.00'],
      ['p2', '15.00'],
      ['p3', '0.00'],
    ])
    expect(r.totals.rewardedPayments).toBe(2)
  })

  it('gives the payment that crosses the budget the remainder and exhausts there', async () => {
    const r = await evaluate({ ...BASE, budget: { amount: 100, currency: 'INR' } }, [
      pay('p1', 'u1', '2022-04-01T01:00:00Z', 10),
      pay('p2', 'u2', '2022-04-01T02:00:00Z', 10),
      pay('p3', 'u3', '2022-04-01T03:00:00Z', 10),
      pay('p4', 'u4', '2022-04-01T04:00:00Z', 10),
    ])
    expect(rewardsOf(r)).toEqual([
      ['p1', '40.00'],
      ['p2', '40.00'],
      ['p3', '20.00'],
      ['p4', '0.00'],
    ])
    expect(r.totals.budget).toEqual({ currency: 'INR', amount: '100.00', spent: '100.00', exhaustedAt: '2022-04-01T03:00:00.000Z' })
  })

  it('exhausts at the payment that reaches the budget exactly', async () => {
    const r = await evaluate({ ...BASE, budget: { amount: 80, currency: 'INR' } }, [
      pay('p1', 'u1', '2022-04-01T01:00:00Z', 10),
      pay('p2', 'u2', '2022-04-01T02:00:00Z', 10),
      pay('p3', 'u3', '2022-04-01T03:00:00Z', 10),
    ])
    expect(rewardsOf(r)).toEqual([
      ['p1', '40.00'],
      ['p2', '40.00'],
      ['p3', '0.00'],
    ])
    expect(r.totals.budget?.exhaustedAt).toBe('2022-04-01T02:00:00.000Z')
  })

  it('reports "not exhausted" as null when the budget is never reached', async () => {
    const r = await evaluate({ ...BASE, budget: { amount: 81, currency: 'INR' } }, [pay('p1', 'u1', '2022-04-01T01:00:00Z', 10), pay('p2', 'u2', '2022-04-01T02:00:00Z', 10)])
    expect(r.totals.budget?.exhaustedAt).toBeNull()
    expect(r.totals.budget?.spent).toBe('80.00')
  })

  it('converts to the budget currency at the payment date and back for the crossing payment', async () => {
    // R$10 = US$2.00 at 0.2; a US$1 budget leaves US$1 = R$5 for the first payment.
    const brl = { currency: 'BRL', country: 'BR', rail: 'PIX' }
    const r = await evaluate({ ...BASE, countries: ['BR'], reward: { type: 'flat', amount: 10 }, budget: { amount: 1, currency: 'USD' } }, [
      pay('p1', 'u1', '2022-04-01T01:00:00Z', 50, brl),
      pay('p2', 'u2', '2022-04-01T02:00:00Z', 50, brl),
    ])
    expect(r.payments.map((p) => [p.reward, p.budgetSpent])).toEqual([
      ['5.00', '1.00'],
      ['0.00', '0.00'],
    ])
  })

  it('includes a payment exactly at the window start and excludes one exactly at the end', async () => {
    const r = await evaluate(BASE, [
      pay('start', 'u1', '2022-04-01T00:00:00Z', 10),
      pay('before', 'u2', '2022-03-31T23:59:59.999Z', 10),
      pay('end', 'u3', '2022-04-03T00:00:00Z', 10),
      pay('last', 'u4', '2022-04-02T23:59:59.999Z', 10),
    ])
    expect(rewardsOf(r)).toEqual([
      ['start', '40.00'],
      ['last', '40.00'],
    ])
  })

  it('rounds percent rewards half-up to cents', async () => {
    const r = await evaluate({ ...BASE, reward: { type: 'percent', percent: 10 } }, [pay('p1', 'u1', '2022-04-01T01:00:00Z', 0.05), pay('p2', 'u2', '2022-04-01T02:00:00Z', 0.04)])
    expect(rewardsOf(r)).toEqual([
      ['p1', '0.01'],
      ['p2', '0.00'],
    ])
  })

  it('claws back reversed payments (their budget stays consumed) and pays them without clawback', async () => {
    const payments = [pay('p1', 'u1', '2022-04-01T01:00:00Z', 10, { status: 'REVERSED' }), pay('p2', 'u2', '2022-04-01T02:00:00Z', 10)]
    const on = await evaluate({ ...BASE, budget: { amount: 60, currency: 'INR' }, clawbackReversals: true }, payments)
    expect(on.payments.map((p) => [p.paymentId, p.clawedBack, p.reward, p.budgetSpent])).toEqual([
      ['p1', true, '0.00', '40.00'],
      ['p2', false, '20.00', '20.00'],
    ])
    expect(on.totals.byCountry[0]?.clawedBack).toBe('40.00')
    const off = await evaluate({ ...BASE, budget: { amount: 60, currency: 'INR' } }, payments)
    expect(rewardsOf(off)).toEqual([
      ['p1', '40.00'],
      ['p2', '20.00'],
    ])
  })

  it('pays 48 hours later by default, also after the window ends, and applies breakage to cash only', async () => {
    const r = await evaluate({ ...BASE, breakageRate: 0.1 }, [pay('p1', 'u1', '2022-04-02T23:00:00Z', 10)])
    expect(r.payments[0]?.payoutTs).toBe('2022-04-04T23:00:00.000Z')
    expect(r.totals.byCountry[0]).toMatchObject({ accrued: '40.00', paidCash: '36.00' })
  })

  it('names the date and currency when an FX rate is missing', async () => {
    const payments = [pay('p1', 'u1', '2022-04-02T05:00:00Z', 10, { currency: 'BRL', country: 'BR' })]
    const fx = new Map([...FX].filter(([key]) => key !== '2022-04-02|BRL'))
    const campaign = campaignSchema.parse({ ...BASE, countries: ['BR'], budget: { amount: 100, currency: 'INR' } })
    await loadData(db, payments, fx)
    const error = await evaluateRewards(db, campaign, context()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EngineError)
    expect((error as EngineError).message).toMatch(/BRL on 2022-04-02/)
    expect((error as EngineError).details).toEqual({ date: '2022-04-02', currency: 'BRL' })
    expect(() => referenceRewards(campaign, payments, fx)).toThrow(RefFxMissing)
  })

  it('binds every value: campaign values never appear in the SQL text', () => {
    const campaign = campaignSchema.parse({
      ...BASE,
      countries: ['IN', 'BR'],
      eligibility: { minAccountAgeDays: 30, arms: ['treat'], segments: [{ column: 'tier', values: ['gold'] }], payerType: 'new' },
      reward: { type: 'flat', amount: 12.34 },
      perUserCap: 98.76,
      budget: { amount: 555.55, currency: 'BRL' },
      countryTerms: { BR: { reward: { type: 'flat', amount: 4.56 }, minAmount: 7.89, perUserCap: 65.43 } },
    })
    const ctx = context()
    const candidates = candidatesSql(campaign, ctx, checkUserRules(campaign, ctx))
    const rewards = rewardsSql(campaign, ctx, ident('candidates'))
    for (const q of [candidates, rewards]) {
      for (const value of ['12.34', '98.76', '55555', '4.56', '7.89', 'BRL', 'SUCCESS', '2022-04-01', 'treat', 'gold', 'Asia/Kolkata', '720']) expect(q.text).not.toContain(value)
    }
    expect(rewards.params).toContain('12.34')
    expect(candidates.params).toEqual(expect.arrayContaining(['treat', 'gold', '7.89', 720, 'Asia/Kolkata']))
  })
})
