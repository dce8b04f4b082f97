// Campaign evaluation through the engine with users mapped: arms and the scope switch, account
// age, the funnel, "nothing rewarded", the gaming signal, saved scenarios and Compare. Every
// expected number is worked out by hand from the rows below (IST wall-clock times).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CampaignInput } from '../../../common/domain/campaign'
import { campaignEvaluationSchema } from '../../../common/domain/campaignResult'
import { createEngine, type Engine } from '../../../electron/engine/engine'
import { tempDir } from '../../helpers/tempDir'

const dir = tempDir('campaign-service')
let engine: Engine

const base: CampaignInput = {
  name: '₹11 × 2 P2P',
  countries: ['IN'],
  window: { start: '2022-04-01T00:00:00Z', end: '2022-05-01T00:00:00Z' },
  eligibility: { kinds: ['P2P'], maxRewardedPaymentsPerUser: 2, arms: ['treat'] },
  reward: { type: 'flat', amount: 11 },
}

async function importCsv(name: string, lines: string[]): Promise<void> {
  const path = join(dir, `${name}.csv`)
  writeFileSync(path, `${lines.join('\n')}\n`)
  const staged = await engine.stageImport({ fileId: engine.registerFile(path).fileId, datasetName: name })
  if (!staged.ok) throw new Error(staged.error.message)
  const committed = await engine.commitImport({ importId: staged.value.importId })
  if (!committed.ok) throw new Error(committed.error.message)
}

beforeAll(async () => {
  engine = await createEngine({ projectDir: join(dir, 'project'), host: 'test', threads: 1 })
  await importCsv('upi', [
    'payment_id,user_id,paid_at,amount,kind,status,receiver',
    'p1,u1,2022-04-01 10:00:00,100.00,P2P,SUCCESS,c1',
    'p2,u1,2022-04-01 11:00:00,50.00,P2P,SUCCESS,c2',
    'p3,u1,2022-04-02 09:00:00,20.00,P2P,SUCCESS,c3',
    'p4,u2,2022-04-01 12:00:00,5.00,P2P,FAILED,c1',
    'p5,u2,2022-04-03 08:00:00,300.00,P2M,SUCCESS,m1',
    'p6,u3,2022-04-05 10:00:00,10.00,P2P,SUCCESS,c1',
    'p7,u4,2022-04-06 10:00:00,1.00,P2P,SUCCESS,c1',
  ])
  await importCsv('people', ['user_id,signup,arm', 'u1,2022-01-01 00:00:00,treat', 'u2,2022-03-01 00:00:00,treat', 'u3,2022-03-20 00:00:00,control'])
  const saved = await engine.saveMapping({
    mapping: {
      roles: {
        payments: { dataset: 'upi', columns: { payment_id: 'payment_id', user_id: 'user_id', ts: 'paid_at', amount: 'amount', kind: 'kind', status: 'status', counterparty_id: 'receiver' }, constants: { country: 'IN', rail: 'UPI' } },
        users: { dataset: 'people', columns: { user_id: 'user_id', signup_ts: 'signup', arm: 'arm' }, constants: { country: 'IN' } },
      },
    },
  })
  if (!saved.ok) throw new Error(saved.error.message)
})
afterAll(() => engine.close())

async function evaluate(campaign: CampaignInput, scope: 'treatment' | 'all' = 'treatment') {
  const result = await engine.evaluateCampaign({ campaign, scope })
  if (!result.ok) throw new Error(result.error.message)
  return campaignEvaluationSchema.parse(result.value)
}

describe('evaluateCampaign with users', () => {
  it('treatment scope rewards only the target arm; "all" is the full rollout', async () => {
    // Treatment: u1 only (u3 is control, u4 has no users row): p1, p2 → ₹22.
    const test = await evaluate(base)
    expect(test.scope).toBe('treatment')
    expect(test.countries[0]).toMatchObject({ accrued: '22.00', rewardedPayments: 2, rewardedUsers: 1, averageReward: '11.00' })
    // Everyone: p1, p2 (u1; p3 is beyond N), p6 (u3), p7 (u4) → 4 × ₹11.
    const all = await evaluate(base, 'all')
    expect(all.countries[0]).toMatchObject({ accrued: '44.00', rewardedPayments: 4, rewardedUsers: 3 })
    // Accrual by local date: 1 Apr (p1, p2), 5 Apr (p6), 6 Apr (p7); payouts 48 h later.
    expect(all.daily.map((d) => [d.date, d.rewardedPayments, d.accrued])).toEqual([['2022-04-01', 2, '22.00'], ['2022-04-05', 1, '11.00'], ['2022-04-06', 1, '11.00']])
    expect(all.payouts.map((p) => [p.date, p.amount])).toEqual([['2022-04-03', '22.00'], ['2022-04-07', '11.00'], ['2022-04-08', '11.00']])
  })

  it('estimates a new eligibility straight from the payments, then from memory once an evaluation prepared it, for changed reward terms too', async () => {
    const estimate = async (campaign: CampaignInput, scope: 'treatment' | 'all' = 'all') => {
      const result = await engine.estimateCampaignTotals({ campaign, scope })
      if (!result.ok) throw new Error(result.error.message)
      return result.value.totals
    }
    const labels: string[] = []
    const off = engine.onEvent((e) => {
      if (e.type === 'progress' && e.phase === 'started' && e.label.startsWith('Evaluating')) labels.push(e.label)
    })
    const kinds: CampaignInput = { ...base, name: 'P2M only', eligibility: { ...base.eligibility, kinds: ['P2M'] } }
    // Never evaluated: the exact totals in one statement, as a task labelled like the evaluation
    // (the designer shows its progress and can cancel it); nothing is cached for it.
    const first = await estimate(kinds)
    expect(first).toEqual((await evaluate(kinds, 'all')).totals)
    expect(labels.slice(0, 2)).toEqual(['Evaluating P2M only: totals', 'Evaluating P2M only'])
    // P2M, arms ignored ("all"): p5 (u2) only. The evaluation prepared the candidates in memory (in
    // the queue; an estimate asked at once waits for that): ₹11 → ₹11.00; ₹35 → ₹35.00; a ₹20 cap → ₹20.00.
    expect((await estimate(kinds))?.byCountry[0]).toMatchObject({ accrued: '11.00', rewardedPayments: 1, rewardedUsers: 1, candidatePayments: 1 })
    expect((await estimate({ ...kinds, reward: { type: 'flat', amount: 35 } }))?.byCountry[0]?.accrued).toBe('35.00')
    const capped = { ...kinds, reward: { type: 'flat', amount: 35 }, perPaymentCap: 20 } satisfies CampaignInput
    expect(await estimate(capped)).toEqual((await evaluate(capped, 'all')).totals)
    const tasksBefore = labels.length
    expect(await estimate(capped)).not.toBeNull()
    expect(labels.length).toBe(tasksBefore)
    // Another scope is another candidate set: new, so from the payments again.
    expect(await estimate(kinds, 'treatment')).toEqual((await evaluate(kinds, 'treatment')).totals)
    off()
  })

  it('lets an estimate of a new eligibility give way to one asked after it', async () => {
    const rails = (n: number): CampaignInput => ({ ...base, name: `new ${n}`, eligibility: { ...base.eligibility, kinds: ['P2M'], maxRewardedPaymentsPerUser: 10 + n } })
    const [older, newer] = await Promise.all([engine.estimateCampaignTotals({ campaign: rails(1), scope: 'all' }), engine.estimateCampaignTotals({ campaign: rails(2), scope: 'all' })])
    expect(older).toEqual({ ok: true, value: { totals: null } })
    expect(newer.ok && newer.value.totals?.byCountry[0]?.accrued).toBe('11.00')
    // The older one computed nothing, so it is still new: asked again, it answers.
    const again = await engine.estimateCampaignTotals({ campaign: rails(1), scope: 'all' })
    expect(again.ok && again.value.totals?.byCountry[0]?.accrued).toBe('11.00')
  })

  it('minimum account age: u3 (16 days) and u4 (no signup) are out; the funnel says where payments went', async () => {
    const e = await evaluate({ ...base, eligibility: { ...base.eligibility, minAccountAgeDays: 30 } }, 'all')
    expect(e.countries[0]).toMatchObject({ accrued: '22.00', rewardedPayments: 2 })
    const remaining = Object.fromEntries(e.funnel.map((f) => [f.rule, f.remaining]))
    // 6 successful in the window (p4 failed); P2P drops p5; account age drops p6, p7; first 2 drops p3.
    expect(remaining).toMatchObject({ successfulInWindow: 6, kinds: 5, accountAge: 3, firstN: 2 })
    expect(e.nothingRewarded).toBeNull()
  })

  it('says why nothing is rewarded', async () => {
    const e = await evaluate({ ...base, eligibility: { ...base.eligibility, arms: ['nobody'] } })
    expect(e.totals.rewardedPayments).toBe(0)
    expect(e.nothingRewarded).toMatch(/arm/i)
  })

  it('compares the treated arm with the control arm for payments at the minimum', async () => {
    // Minimum ₹1 → band up to ₹2.00: none of u1's rewarded payments (₹100, ₹50); control (u3): p6 ₹10, none.
    const e = await evaluate({ ...base, eligibility: { ...base.eligibility, minAmount: 1 } })
    expect(e.gaming[0]).toMatchObject({ minimum: '1.00', nearUpTo: '2.00', rewardedPayments: 2, rewardedNearMinimum: 0, share: 0, controlArm: 'control', controlPayments: 1, controlNearMinimum: 0 })
    // Everyone: p7 (₹1.00, u4) is rewarded and at the minimum: 1 of 4.
    const all = await evaluate({ ...base, eligibility: { ...base.eligibility, minAmount: 1 } }, 'all')
    expect(all.gaming[0]).toMatchObject({ rewardedPayments: 4, rewardedNearMinimum: 1, share: 0.25 })
  })

  it('names a users field the campaign needs but the mapping lacks', async () => {
    const result = await engine.evaluateCampaign({ campaign: { ...base, eligibility: { ...base.eligibility, segments: [{ column: 'no_such_column', values: ['x'] }] } } })
    expect(!result.ok && result.error.code).toBe('INVALID_REQUEST')
    expect(!result.ok && result.error.message).toContain('no_such_column')
  })
})

describe('scenarios', () => {
  it('saves, lists, compares and deletes scenarios', async () => {
    const a = await engine.saveCampaign({ campaign: { ...base, name: 'A ₹11' } })
    const b = await engine.saveCampaign({ campaign: { ...base, name: 'B ₹35', reward: { type: 'flat', amount: 35 } } })
    if (!a.ok || !b.ok) throw new Error('save failed')
    const listed = await engine.listCampaigns({})
    expect(listed.ok && listed.value.campaigns.map((s) => s.campaign.name)).toEqual(['A ₹11', 'B ₹35'])
    const compared = await engine.evaluateCampaigns({ ids: [a.value.id, b.value.id], scope: 'all' })
    if (!compared.ok) throw new Error(compared.error.message)
    expect(compared.value.results.map((r) => [r.name, r.evaluation?.countries[0]?.accrued, r.error])).toEqual([['A ₹11', '44.00', null], ['B ₹35', '140.00', null]])
    const duplicate = await engine.saveCampaign({ campaign: { ...base, name: 'a ₹11' } })
    expect(!duplicate.ok && duplicate.error.code).toBe('CONFLICT')
    expect(await engine.deleteCampaign({ id: a.value.id })).toEqual({ ok: true, value: { deleted: true } })
    const after = await engine.listCampaigns({})
    expect(after.ok && after.value.campaigns.map((s) => s.campaign.name)).toEqual(['B ₹35'])
  })

  it('refuses an unknown scenario id in Compare', async () => {
    const result = await engine.evaluateCampaigns({ ids: ['00000000-0000-4000-8000-000000000000'], scope: 'all' })
    expect(!result.ok && result.error.code).toBe('NOT_FOUND')
  })
})
