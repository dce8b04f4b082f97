// The funnel (payments left after each rule, in DOMAIN.md §5 order) and the gaming signal, on a
// hand-made dataset where every rule removes something; numbers written out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { campaignSchema, type CampaignInput } from '../../../common/domain/campaign'
import { campaignFunnel } from '../../../electron/engine/campaigns/campaignFunnel'
import { gamingSignal } from '../../../electron/engine/campaigns/gamingSignal'
import { materializeRewards } from '../../../electron/engine/campaigns/materializeRewards'
import { openDatabase, type Database } from '../../../electron/engine/db/database'
import { tempDir } from '../../helpers/tempDir'
import { context, createTables, loadData } from './campaignDb'
import type { RefPayment, RefUser } from './reference'

function pay(id: string, user: string, ts: string, amount: number, extra: Partial<RefPayment> = {}): RefPayment {
  return {
    paymentId: id, userId: user, ts: Date.parse(ts), amountCents: BigInt(Math.round(amount * 100)), currency: 'INR', country: 'IN',
    rail: 'UPI', kind: 'P2P', status: 'SUCCESS', counterpartyId: `c-${id}`, entryMethod: 'CONTACT', ...extra,
  }
}
const old = Date.parse('2021-01-01T00:00:00Z')
const FX = new Map<string, number>()

let db: Database
beforeAll(async () => {
  db = await openDatabase(tempDir('campaign-funnel'))
  await createTables(db)
})
afterAll(() => db.close())

describe('campaign funnel', () => {
  it('counts the payments left after each rule in use, in order', async () => {
    const t = (h: number) => `2022-04-01T${String(h).padStart(2, '0')}:00:00Z`
    const payments = [
      pay('p0', 'u1', t(1), 10, { status: 'FAILED' }),
      pay('p1', 'u1', '2022-03-15T00:00:00Z', 10),
      pay('p2', 'u1', t(2), 10, { country: 'BR', currency: 'BRL', rail: 'PIX' }),
      pay('p3', 'u1', t(3), 10, { rail: 'CARD' }),
      pay('p4', 'u1', t(4), 10, { kind: 'P2M' }),
      pay('p5', 'u1', t(5), 0.5),
      pay('p6', 'u2', t(6), 10),
      pay('p7', 'u3', t(7), 10),
      pay('p8', 'u1', t(8), 10, { counterpartyId: 'c1' }),
      pay('p9', 'u1', t(9), 10, { counterpartyId: 'c1' }),
      pay('p10', 'u1', t(10), 10, { counterpartyId: 'c2' }),
      pay('p11', 'u1', t(11), 10, { counterpartyId: 'c3' }),
      pay('p12', 'u4', t(12), 10, { status: 'REVERSED' }),
      pay('p13', 'u5', t(13), 10),
    ]
    const users: RefUser[] = [
      { userId: 'u1', signupTs: old, arm: 'treat' },
      { userId: 'u2', signupTs: Date.parse('2022-03-20T00:00:00Z'), arm: 'treat' },
      { userId: 'u3', signupTs: old, arm: 'control' },
      { userId: 'u4', signupTs: old, arm: 'treat' },
      { userId: 'u5', signupTs: old, arm: 'treat' },
    ]
    await loadData(db, payments, FX, users)
    const campaign = campaignSchema.parse({
      name: 'funnel',
      countries: ['IN'],
      window: { start: '2022-04-01T00:00:00Z', end: '2022-04-02T00:00:00Z' },
      eligibility: { rails: ['UPI'], kinds: ['P2P'], minAmount: 1, minAccountAgeDays: 30, arms: ['treat'], uniqueCounterparty: true, maxRewardedPaymentsPerUser: 2 },
      reward: { type: 'flat', amount: 11 },
      perUserCap: 11,
      budget: { amount: 22, currency: 'INR' },
      clawbackReversals: true,
    } satisfies CampaignInput)
    const funnel = await campaignFunnel(db, campaign, context())
    expect(funnel.map((s) => [s.rule, s.remaining, s.removed])).toEqual([
      ['successfulInWindow', 12, 2],
      ['countries', 11, 1],
      ['rails', 10, 1],
      ['kinds', 9, 1],
      ['amountRange', 8, 1],
      ['accountAge', 7, 1],
      ['arms', 6, 1],
      ['uniqueCounterparty', 5, 1],
      ['firstN', 4, 1],
      ['rewardAfterCaps', 3, 1],
      ['budget', 2, 1],
      ['clawback', 1, 1],
    ])
    expect(funnel.map((s) => s.label)).toEqual([
      'Successful payments in the window', 'India only', 'UPI only', 'P2P only', 'Amount at least ₹1.00', 'Account at least 30 days old', 'Arm treat only',
      'First payment to each counterparty', 'First 2 payments per user', 'Reward above zero after the caps', 'Rewarded before the budget ran out', 'Not clawed back (not reversed)',
    ])
    // cached with the candidates: the same answer again; scope "all" drops the arms step
    expect(await campaignFunnel(db, campaign, context())).toEqual(funnel)
    const all = await campaignFunnel(db, campaign, context({ scope: 'all' }))
    expect(all.map((s) => s.rule)).not.toContain('arms')
    expect(all.find((s) => s.rule === 'accountAge')?.remaining).toBe(7)
    // payer type: u1 paid before the window (p1), so its four payments go
    const newPayers = await campaignFunnel(db, campaignSchema.parse({ ...campaign, eligibility: { ...campaign.eligibility, payerType: 'new' } }), context())
    expect(newPayers.find((s) => s.rule === 'payerType')).toMatchObject({ remaining: 4, removed: 4, label: 'New payers (no successful payment before the window)' })
  })
})

describe('gaming signal', () => {
  it('compares the share of rewarded payments near the minimum with the control arm’s', async () => {
    const t = (m: number) => `2022-04-01T01:${String(m).padStart(2, '0')}:00Z`
    const treat = [100, 105, 110, 110.01, 500].map((a, i) => pay(`t${i}`, `ut${i}`, t(i), a))
    const control = [100, 200, 300, 400, 50].map((a, i) => pay(`c${i}`, `uc${i}`, t(10 + i), a))
    const users: RefUser[] = [...treat.map((p) => ({ userId: p.userId, signupTs: old, arm: 'treat' })), ...control.map((p) => ({ userId: p.userId, signupTs: old, arm: 'Control' }))]
    await loadData(db, [...treat, ...control], FX, users)
    const campaign = campaignSchema.parse({
      name: 'gaming', countries: ['IN'], window: { start: '2022-04-01T00:00:00Z', end: '2022-04-02T00:00:00Z' },
      eligibility: { minAmount: 100, arms: ['treat'] }, reward: { type: 'flat', amount: 11 },
    } satisfies CampaignInput)
    const ctx = context()
    const table = await materializeRewards(db, campaign, ctx)
    const [signal] = await gamingSignal(db, campaign, ctx, table, null)
    expect(signal).toEqual({
      country: 'IN', currency: 'INR', minimum: '100.00', nearUpTo: '110.00', rewardedPayments: 5, rewardedNearMinimum: 3, share: 0.6,
      controlArm: 'Control', controlPayments: 4, controlNearMinimum: 1, controlShare: 0.25, ratio: 2.4,
    })
    // no minimum: 0.01 and +1.00; no arm mapped: no comparison
    const loose = campaignSchema.parse({ ...campaign, eligibility: { arms: [] } })
    const noArm = context({ mappedUserFields: ['user_id'] })
    const [plain] = await gamingSignal(db, loose, noArm, await materializeRewards(db, loose, noArm), null)
    expect(plain).toMatchObject({ minimum: '0.01', nearUpTo: '1.01', rewardedPayments: 10, rewardedNearMinimum: 0, share: 0, controlArm: null, controlShare: null, ratio: null })
  })
})
