// Truth test (issue 5 item 5): on the bundled sample, analyzeExperiment's intervals contain the
// generator's true effects (datasets/sample/manifest.json `rct.<country>.trueEffects`, a
// finite-population ATE computed by simulating every RCT user under control and under each arm)
// for every treatment arm and country. Manifest metric → spec (docs/economics.md, "Truth test"):
//   active14Pp     → adopted,   window = periods.adopt14 (first 14 days), × 100
//   newActive14Pp  → activated, window = periods.adopt14, × 100
//   retainedPostPp → retained,  postWindow = periods.post, × 100
//   payments28     → payments,  window = periods.campaign (28 days)
// CUPED with the pre-period (periods.pre) as covariate is the analysis asserted for all 24
// intervals; the unadjusted one is asserted too, with its one documented miss. The sample is seeded once.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyzeStats } from '../../../common/analysis'
import { presetCampaign } from '../../../common/campaigns/presets'
import { experimentAnalysisSchema, type ExperimentAnalysis } from '../../../common/domain/analysis'
import { createEngine, type Engine } from '../../../electron/engine/engine'
import { expectJsonSafe } from '../../helpers/jsonSafe'

const SAMPLE = resolve('datasets/sample')
type Country = 'IN' | 'BR'
interface Manifest {
  periods: Record<'pre' | 'campaign' | 'adopt14' | 'post', [string, string]>
  arms: string[]
  rct: Record<Country, { trueEffects: Record<string, Record<string, number>> }>
}
const manifest = JSON.parse(readFileSync(join(SAMPLE, 'manifest.json'), 'utf8')) as Manifest
const w = (p: [string, string]) => ({ start: p[0], end: p[1] })
const base = { preWindow: w(manifest.periods.pre), postWindow: w(manifest.periods.post) }
const TREATMENTS = manifest.arms.filter((a) => a !== 'control')

let dir: string
let engine: Engine
let adopt14: ExperimentAnalysis
let campaign: ExperimentAnalysis
let scenarioId: string

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'analysis-sample-'))
  engine = await createEngine({ projectDir: dir, host: 'test', seedFrom: SAMPLE, threads: 2 })
  // flat_small's Indian rule (₹11 × 3 P2P by contact), for the flat_small arm only.
  const preset = presetCampaign('whatsapp-apr-2022')
  const saved = unwrap(await engine.saveCampaign({ campaign: { ...preset, name: 'flat_small IN', eligibility: { ...preset.eligibility, arms: ['flat_small'] } } }))
  scenarioId = saved.id
  adopt14 = unwrap(
    await engine.analyzeExperiment({
      spec: { ...base, window: w(manifest.periods.adopt14), metrics: ['adopted', 'activated', 'payments', 'retained'] },
      cuped: true,
      economics: { campaignId: scenarioId, valuePerAdopter: { IN: 500 }, fixedCostPerTreatedUser: { IN: 0.2 } },
    }),
  )
  campaign = unwrap(await engine.analyzeExperiment({ spec: { ...base, window: w(manifest.periods.campaign), metrics: ['payments'] }, cuped: true, adoptionCurves: false }))
}, 240_000)
afterAll(async () => {
  await engine?.close()
  rmSync(dir, { recursive: true, force: true })
})

const MAPPING = [
  { key: 'active14Pp', metric: 'adopted', scale: 100, from: () => adopt14 },
  { key: 'newActive14Pp', metric: 'activated', scale: 100, from: () => adopt14 },
  { key: 'retainedPostPp', metric: 'retained', scale: 100, from: () => adopt14 },
  { key: 'payments28', metric: 'payments', scale: 1, from: () => campaign },
] as const

function interval(a: ExperimentAnalysis, metric: string, country: Country, arm: string): [number, number, number] {
  const row = a.metrics.find((r) => r.metric === metric && r.dimension === 'country' && r.segment === country && r.arm === arm)
  if (row?.absolute == null) throw new Error(`no lift for ${metric} ${country} ${arm}`)
  return [row.absolute.ci.lower!, row.absolute.estimate, row.absolute.ci.upper!]
}

describe('the analysis recovers the sample\'s true effects (CUPED on the pre-period)', () => {
  for (const country of ['IN', 'BR'] as const) {
    for (const arm of TREATMENTS) {
      for (const m of MAPPING) {
        it(`${country} ${arm} ${m.key}`, () => {
          const truth = manifest.rct[country].trueEffects[arm]![m.key]!
          const [lower, , upper] = interval(m.from(), m.metric, country, arm).map((x) => x * m.scale) as [number, number, number]
          expect(truth).toBeGreaterThanOrEqual(lower)
          expect(truth).toBeLessThanOrEqual(upper)
        })
      }
    }
  }
})

describe('the unadjusted analysis, recomputed from the same statistics', () => {
  it('contains the truth in 23 of 24 intervals; the miss is IN flat_small payments28 (docs/economics.md)', () => {
    const plainAdopt = analyzeStats(adopt14.inputs, { cuped: false })
    const plainCampaign = analyzeStats(campaign.inputs, { cuped: false })
    const misses: string[] = []
    for (const country of ['IN', 'BR'] as const) {
      for (const arm of TREATMENTS) {
        for (const m of MAPPING) {
          const a = m.from() === adopt14 ? plainAdopt : plainCampaign
          const [lower, , upper] = interval(a, m.metric, country, arm).map((x) => x * m.scale) as [number, number, number]
          const truth = manifest.rct[country].trueEffects[arm]![m.key]!
          if (truth < lower || truth > upper) misses.push(`${country} ${arm} ${m.key}`)
        }
      }
    }
    expect(misses).toEqual(['IN flat_small payments28'])
  })
})

describe('the engine answer', () => {
  it('is valid, JSON-safe, balanced (no SRM) and has adoption curves per arm × country', () => {
    expect(experimentAnalysisSchema.safeParse(adopt14).success).toBe(true)
    expectJsonSafe(adopt14)
    expect(adopt14.srmWarning).toBe(false)
    expect(adopt14.arms.map((a) => a.country)).toEqual([null, 'BR', 'IN'])
    const curves = adopt14.curves!
    expect(curves.days).toHaveLength(14)
    expect(curves.series).toHaveLength(8)
    // The curve's last day is the adoption rate of the 14-day window (the same users and payments).
    for (const s of curves.series) {
      const cell = adopt14.inputs.stats.cells.find((c) => c.metric === 'adopted' && c.dimension === 'country' && c.segment === s.country && c.arm === s.arm)!
      expect(s.users).toBe(cell.n)
      expect(s.share.at(-1)).toBeCloseTo(cell.sumY / cell.n, 12)
    }
  })

  it('prices the scenario: cashback paid to flat_small in India, cost per incremental adopter with an interval', () => {
    const e = adopt14.economics.find((x) => x.arm === 'flat_small' && x.country === 'IN')!
    expect(e.cashbackPaid!.local).toBeGreaterThan(0)
    expect(e.cashbackPaid!.usd).toBeGreaterThan(0)
    const rewards = adopt14.inputs.rewards!
    expect(rewards.every((r) => r.arm === 'flat_small' && r.country === 'IN')).toBe(true)
    // ₹11 × at most 3 payments per user.
    expect(rewards[0]!.cashbackLocal).toBeLessThanOrEqual(33 * rewards[0]!.rewardedUsers)
    const cost = e.costPerIncrementalAdopter
    expect(cost.bounded).toBe(true)
    expect(cost.estimate!.local!).toBeCloseTo(e.cashbackPaid!.local! / e.incrementalAdopters!.estimate, 8)
    expect(cost.lower!.local!).toBeLessThan(cost.estimate!.local!)
    // The scenario runs the whole campaign (2024-09-02 to 2024-09-29 IST), the analysis window is its
    // first 14 days: the economics mix two periods, and the read-out says so.
    const mismatch = adopt14.notes.filter((n) => n.code === 'WINDOW_MISMATCH')
    expect(mismatch).toHaveLength(1)
    expect(mismatch[0]!.message).toContain('analysis window (2024-09-02 to 2024-09-15)')
    expect(mismatch[0]!.message).toContain('IN 2024-09-02 to 2024-09-29')
    expect(e.deadweightShare).not.toBeNull()
    expect(e.netValue).not.toBeNull()
    // The cashback metric itself: control and the other arms received nothing.
    const cashbackControl = adopt14.inputs.stats.cells.find((c) => c.metric === 'cashback' && c.dimension === 'country' && c.segment === 'IN' && c.arm === 'control')!
    expect(cashbackControl.sumY).toBe(0)
  })

  it('reuses the cached per-user table for a second analysis of the same windows', async () => {
    const again = unwrap(await engine.analyzeExperiment({ spec: { ...base, window: w(manifest.periods.campaign), metrics: ['payments', 'tpv'] }, controlArm: 'flat_small', adoptionCurves: false }))
    expect(again.inputs.stats.diagnostics.perUserCached).toBe(true)
    expect(again.controlArm).toBe('flat_small')
  })

  it('refuses an unknown control arm and a missing arm column with clear messages', async () => {
    const badControl = await engine.analyzeExperiment({ spec: { ...base, window: w(manifest.periods.adopt14), metrics: ['adopted'] }, controlArm: 'nobody' })
    expect(badControl.ok).toBe(false)
    if (!badControl.ok) expect(badControl.error.message).toMatch(/"nobody" is not an arm/)
    const badColumn = await engine.analyzeExperiment({ spec: { armColumn: 'variant', window: w(manifest.periods.adopt14), metrics: ['adopted'] } })
    expect(badColumn.ok).toBe(false)
    if (!badColumn.ok) expect(badColumn.error.message).toMatch(/no column "variant"/)
  })

  it('analyses the state rollout through the contract', async () => {
    const r = await engine.analyzeRollout({ country: 'IN', treatedRegions: ['IN-KA'], treatmentStart: '2024-09-02', window: { start: '2024-08-05', end: '2024-10-14' } })
    expect(r.ok).toBe(true)
  })
})
