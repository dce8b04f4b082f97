// Incrementality economics (common/analysis/economics.ts): cost per incremental adopter
// C / ((p_T − p_C)·n_T) with its delta-method interval, cross-checked by a seeded bootstrap of
// simulated per-user data; "not bounded" when the uplift interval includes 0; deadweight,
// persistence, net value and payback from the analyst's inputs; USD via the rewards' own rates.
import { describe, expect, it } from 'vitest'
import { analyzeStats, costPer } from '../../../common/analysis'
import { experimentAnalysisSchema, type RewardSums } from '../../../common/domain/analysis'
import { normalQuantile } from '../../../common/stats'
import { expectJsonSafe } from '../../helpers/jsonSafe'
import { inputsOf, prng, statsOf, type UserRow } from './statsFixture'

const N = 100_000
const P_C = 0.1
const P_T = 0.12
const REWARD = 50

/** Per-user data: adoption, and cashback REWARD × (1..3 rewarded payments) for treated adopters. */
function simulate(seed: number) {
  const rand = prng(seed)
  const control = Array.from({ length: N }, () => (rand() < P_C ? 1 : 0))
  const treatment = Array.from({ length: N }, () => (rand() < P_T ? 1 : 0))
  const cashback = treatment.map((y) => (y === 1 ? REWARD * (1 + Math.floor(rand() * 3)) : 0))
  return { control, treatment, cashback }
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0)

function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q
  const lo = Math.floor(h)
  return sorted[lo]! + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!)
}

describe('cost per incremental adopter', () => {
  const data = simulate(7)
  const rows: UserRow[] = [
    ...data.control.map((y) => ({ arm: 'control', country: 'IN', values: { adopted: [y, 0] as [number, number] } })),
    ...data.treatment.map((y) => ({ arm: 'treatment', country: 'IN', values: { adopted: [y, 0] as [number, number] } })),
  ]
  const C = sum(data.cashback)
  const rewards: RewardSums[] = [{ arm: 'treatment', country: 'IN', currency: 'INR', rewardedUsers: sum(data.treatment), rewardedPayments: C / REWARD, cashbackLocal: C, cashbackUsd: C / 84 }]
  const analysis = analyzeStats(inputsOf(statsOf(rows, ['adopted']), { rewards }), { economics: { valuePerAdopter: { IN: 2000 }, fixedCostPerTreatedUser: { IN: 0.5 } } })
  const e = analysis.economics.find((x) => x.country === 'IN' && x.arm === 'treatment')!

  it('is C / ((p_T − p_C)·n_T) with the delta-method interval', () => {
    const pc = sum(data.control) / N
    const pt = sum(data.treatment) / N
    const delta = pt - pc
    const se = Math.sqrt((pt * (1 - pt)) / N + (pc * (1 - pc)) / N)
    const ratio = C / (delta * N)
    const z = normalQuantile(0.975)
    const seRatio = (ratio * se) / delta
    expect(e.costPerIncrementalAdopter.bounded).toBe(true)
    expect(e.costPerIncrementalAdopter.estimate!.local).toBeCloseTo(ratio, 8)
    expect(e.costPerIncrementalAdopter.lower!.local).toBeCloseTo(ratio - z * seRatio, 6)
    expect(e.costPerIncrementalAdopter.upper!.local).toBeCloseTo(ratio + z * seRatio, 6)
    expect(e.costPerIncrementalAdopter.estimate!.usd).toBeCloseTo(ratio / 84, 8)
    expect(e.incrementalAdopters!.estimate).toBeCloseTo(delta * N, 8)
  })

  it('agrees with a seeded bootstrap of the per-user data', () => {
    const rand = prng(2024)
    const B = 400
    const fixedC: number[] = []
    const fullC: number[] = []
    for (let b = 0; b < B; b++) {
      let yc = 0
      let yt = 0
      let c = 0
      for (let i = 0; i < N; i++) yc += data.control[Math.floor(rand() * N)]!
      for (let i = 0; i < N; i++) {
        const j = Math.floor(rand() * N)
        yt += data.treatment[j]!
        c += data.cashback[j]!
      }
      const inc = yt - yc
      fixedC.push(C / inc)
      fullC.push(c / inc)
    }
    fixedC.sort((a, b) => a - b)
    fullC.sort((a, b) => a - b)
    const delta = e.costPerIncrementalAdopter
    // C taken as paid (the estimand here): the percentile interval matches the delta-method one within 5 %.
    expect(Math.abs(quantile(fixedC, 0.025) / delta.lower!.local! - 1)).toBeLessThan(0.05)
    expect(Math.abs(quantile(fixedC, 0.975) / delta.upper!.local! - 1)).toBeLessThan(0.05)
    // Resampling the cashback too (it rises with adoption, so the ratio varies less): the delta-method
    // interval contains the full bootstrap's and is at most 25 % wider.
    const fullWidth = quantile(fullC, 0.975) - quantile(fullC, 0.025)
    const deltaWidth = delta.upper!.local! - delta.lower!.local!
    expect(deltaWidth / fullWidth).toBeGreaterThan(0.95)
    expect(deltaWidth / fullWidth).toBeLessThan(1.25)
  })

  it('gives net value, payback, break-even and deadweight from the inputs', () => {
    const inc = e.incrementalAdopters!
    const cost = C + 0.5 * N
    expect(e.netValue!.estimate.local).toBeCloseTo(2000 * inc.estimate - cost, 6)
    expect(e.netValue!.lower.local).toBeCloseTo(2000 * inc.lower - cost, 6)
    expect(e.paybackRatio).toBeCloseTo((2000 * inc.estimate) / cost, 10)
    expect(e.breakEvenValuePerAdopter!.local).toBeCloseTo(cost / inc.estimate, 8)
    expect(e.fixedCost.local).toBe(0.5 * N)
    // No payments metric: deadweight needs it, and says so.
    expect(e.deadweightShare).toBeNull()
    expect(e.reasons.join(' ')).toMatch(/Deadweight needs the payments metric/)
    expect(experimentAnalysisSchema.safeParse(analysis).success).toBe(true)
    expectJsonSafe(analysis)
  })
})

describe('costPer edge cases', () => {
  const paid = { local: 1000, usd: 12 }
  it('is not bounded when the uplift interval includes 0', () => {
    const c = costPer(paid, { estimate: 10, lower: -2, upper: 22, standardError: 6 }, 'adopters')
    expect(c.bounded).toBe(false)
    expect(c.estimate?.local).toBe(100)
    expect(c.lower).toBeNull()
    expect(c.reason).toMatch(/^Not bounded: the uplift interval includes 0/)
  })
  it('is not defined without a positive uplift', () => {
    const c = costPer(paid, { estimate: -3, lower: -9, upper: 3, standardError: 3 }, 'adopters')
    expect(c.estimate).toBeNull()
    expect(c.reason).toMatch(/No incremental adopters/)
  })
  it('needs the cashback', () => {
    expect(costPer(null, { estimate: 3, lower: 1, upper: 5, standardError: 1 }, 'adopters').reason).toMatch(/scenario/)
    // An arm the scenario does not reward: no ₹0 "cost per adopter", a reason instead.
    const unpaid = costPer({ local: 0, usd: 0 }, { estimate: 3, lower: 1, upper: 5, standardError: 1 }, 'adopters')
    expect(unpaid).toMatchObject({ estimate: null, lower: null, upper: null, bounded: false })
    expect(unpaid.reason).toMatch(/paid this arm no cashback/)
  })
})

describe('deadweight and persistence', () => {
  it('is 1 − incremental payments / rewarded payments, clamped to [0, 1]', () => {
    const rand = prng(3)
    const rows: UserRow[] = []
    for (const [arm, rate] of [['control', 1], ['treatment', 1.3]] as const) {
      for (let i = 0; i < 5000; i++) {
        const payments = Math.floor(rand() * 2 * rate + rand())
        const retained = rand() < (arm === 'control' ? 0.2 : 0.23) ? 1 : 0
        rows.push({ arm, country: 'BR', values: { payments: [payments, 0], retained: [retained, 0] } })
      }
    }
    const stats = statsOf(rows, ['payments', 'retained'])
    const rewards: RewardSums[] = [{ arm: 'treatment', country: 'BR', currency: 'BRL', rewardedUsers: 3000, rewardedPayments: 6000, cashbackLocal: 12000, cashbackUsd: null }]
    const a = analyzeStats(inputsOf(stats, { rewards }))
    const e = a.economics[0]!
    const inc = e.incrementalPayments!
    expect(e.deadweightShare!.estimate).toBeCloseTo(1 - inc.estimate / 6000, 12)
    expect(e.deadweightShare!.lower).toBeCloseTo(1 - inc.upper / 6000, 12)
    const retained = a.metrics.find((r) => r.metric === 'retained' && r.dimension === 'country')!
    expect(e.persistence!.retentionUpliftPp).toBeCloseTo(100 * retained.absolute!.estimate, 12)
    // USD unknown in the rewards: converted with the mean FX rate (5.5 BRL per USD in the fixture).
    expect(e.cashbackPaid!.usd).toBeCloseTo(12000 / 5.5, 8)
    expect(e.costPerIncrementalPayment.estimate!.local).toBeCloseTo(12000 / inc.estimate, 8)
    expectJsonSafe(a)
  })
})
