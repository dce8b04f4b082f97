// evaluateCampaign through the engine on mapped payments: totals computed by hand for a tiny
// dataset (local IST times stored as UTC), a budget that runs out, and the bad inputs.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CampaignInput } from '../../../common/domain/campaign'
import { createEngine, type Engine } from '../../../electron/engine/engine'
import { tempDir } from '../../helpers/tempDir'

const dir = tempDir('evaluate')
let engine: Engine

const campaign: CampaignInput = {
  name: 'WhatsApp-style ₹11 × 2',
  countries: ['IN'],
  window: { start: '2022-04-01T00:00:00Z', end: '2022-05-01T00:00:00Z' },
  eligibility: { kinds: ['P2P'], maxRewardedPaymentsPerUser: 2 },
  reward: { type: 'flat', amount: 11 },
}

beforeAll(async () => {
  engine = await createEngine({ projectDir: join(dir, 'project'), host: 'test', threads: 1 })
  const path = join(dir, 'upi.csv')
  writeFileSync(path, [
    'payment_id,user_id,paid_at,amount,kind,status,receiver',
    'p1,u1,2022-04-01 10:00:00,100.00,P2P,SUCCESS,c1',
    'p2,u1,2022-04-01 11:00:00,50.00,P2P,SUCCESS,c2',
    'p3,u1,2022-04-02 09:00:00,20.00,P2P,SUCCESS,c3', // third for u1: beyond the first 2
    'p4,u2,2022-04-01 12:00:00,5.00,P2P,FAILED,c1', // not successful
    'p5,u2,2022-04-03 08:00:00,300.00,P2M,SUCCESS,m1', // not P2P
    'p6,u3,2022-04-05 10:00:00,10.00,P2P,SUCCESS,c1',
    'p7,u4,2022-05-01 05:29:59,10.00,P2P,SUCCESS,c1', // 30 Apr 23:59:59 UTC: inside the window
    'p8,u4,2022-05-01 05:30:00,10.00,P2P,SUCCESS,c1', // 1 May 00:00:00 UTC: the end is excluded
    '',
  ].join('\n'))
  const file = engine.registerFile(path)
  const staged = await engine.stageImport({ fileId: file.fileId, datasetName: 'upi' })
  if (!staged.ok) throw new Error(staged.error.message)
  await engine.commitImport({ importId: staged.value.importId })
  const saved = await engine.saveMapping({
    mapping: {
      roles: { payments: { dataset: 'upi', columns: { payment_id: 'payment_id', user_id: 'user_id', ts: 'paid_at', amount: 'amount', kind: 'kind', status: 'status', counterparty_id: 'receiver' }, constants: { country: 'IN', rail: 'UPI' } } },
    },
  })
  if (!saved.ok) throw new Error(saved.error.message)
})
afterAll(() => engine.close())

describe('evaluateCampaign', () => {
  it('rewards the first 2 eligible P2P payments per user in the window', async () => {
    const result = await engine.evaluateCampaign({ campaign })
    if (!result.ok) throw new Error(result.error.message)
    // p1, p2 (u1), p6 (u3), p7 (u4): 4 × ₹11.
    expect(result.value.totals).toEqual({
      byCountry: [{ country: 'IN', currency: 'INR', candidatePayments: 4, rewardedPayments: 4, rewardedUsers: 3, accrued: '44.00', clawedBack: '0.00', paidCash: '44.00' }],
      rewardedPayments: 4,
      rewardedUsers: 3,
      budget: null,
    })
  })

  it('stops at the budget: the crossing payment gets the remainder, exhaustion in UTC', async () => {
    const result = await engine.evaluateCampaign({ campaign: { ...campaign, budget: { amount: 25, currency: 'INR' } } })
    if (!result.ok) throw new Error(result.error.message)
    // 11 + 11 + 3 (p6 crosses 25) + 0 (p7).
    expect(result.value.totals.byCountry[0]).toMatchObject({ accrued: '25.00', rewardedPayments: 3 })
    // p6 at 10:00 IST on 5 April is 04:30 UTC.
    expect(result.value.totals.budget).toEqual({ currency: 'INR', amount: '25.00', spent: '25.00', exhaustedAt: '2022-04-05T04:30:00.000Z' })
  })

  it('says which FX rate is missing for a budget in another currency', async () => {
    const result = await engine.evaluateCampaign({ campaign: { ...campaign, budget: { amount: 1, currency: 'USD' } } })
    expect(!result.ok && result.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('no FX rate for INR on 2022-04-01') })
  })

  it('rejects an invalid campaign with field-level messages', async () => {
    const result = await engine.evaluateCampaign({ campaign: { ...campaign, window: { start: '2022-05-01T00:00:00Z', end: '2022-04-01T00:00:00Z' }, reward: { type: 'percent', percent: 120 } } as never })
    if (result.ok) throw new Error('expected a refusal')
    expect(result.error.code).toBe('INVALID_REQUEST')
    expect(result.error.message).toContain('The window must end after it starts')
    expect(result.error.message).toContain('cannot exceed 100')
  })
})
