// The sample's state rollout (datasets/README.md): IN-KA and BR-MG get flat_small from 2024-09-02,
// every other region from 2024-10-14. Over the 42 days before the national start, the estimated
// ATT on payments per user-day must hold the generator's true ATT (manifest.json → rollout) inside
// the reported 95 % interval. One seeded project for the file (~20 s).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rolloutResultSchema, type RolloutSpecInput } from '../../../common/domain/rollout'
import { createEngine, type Engine } from '../../../electron/engine/engine'
import { analyzeRollout, type RolloutRelations } from '../../../electron/engine/rollout/analyzeRollout'
import { projectRelations } from '../../../electron/engine/scenarios/evaluationContext'
import { sql } from '../../../electron/engine/db/sql'
import reference from '../../common/stats/reference/did_reference.json'

const SAMPLE = join(__dirname, '../../../datasets/sample')
const manifest = JSON.parse(readFileSync(join(SAMPLE, 'manifest.json'), 'utf8')) as {
  rollout: Record<'IN' | 'BR', { firstRegion: string; firstStart: string; nationalStart: string; firstRegionUsers: number; attFirstRegion42d: { paymentsPerUserDay: number } }>
}

let engine: Engine
let dir: string
let relations: RolloutRelations

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rollout-sample-'))
  engine = await createEngine({ projectDir: dir, host: 'test', seedFrom: SAMPLE, threads: 2 })
  const r = await projectRelations(engine.internals.database, engine.internals.recipe())
  relations = { users: r.users, payments: r.payments, usersColumns: r.usersColumns, timeZones: r.timeZones }
}, 240_000)

afterAll(async () => {
  await engine?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

function specFor(country: 'IN' | 'BR', extra: Partial<RolloutSpecInput> = {}): RolloutSpecInput {
  const truth = manifest.rollout[country]
  return {
    country, treatedRegions: [truth.firstRegion], treatmentStart: truth.firstStart,
    // The pre-period starts with the data; the window ends when the control regions get the program.
    window: { start: '2024-08-05', end: truth.nationalStart },
    // The rollout study's users (users.study = 'rollout'); RCT users in IN-KA had their own arms.
    population: { column: 'study', values: ['rollout'] },
    ...extra,
  }
}

describe.each(['IN', 'BR'] as const)('the sample state rollout, %s', (country) => {
  const truth = manifest.rollout[country]

  it(`the 95 % interval of the ATT on payments per user-day holds the true ATT (${truth.attFirstRegion42d.paymentsPerUserDay})`, async () => {
    const r = rolloutResultSchema.parse(await analyzeRollout(engine.internals.database, specFor(country), relations))
    const att = truth.attFirstRegion42d.paymentsPerUserDay
    console.info(`${country}: ATT ${r.att.estimate.toFixed(5)} [${r.att.lower.toFixed(5)}, ${r.att.upper.toFixed(5)}] (${r.att.primary}); CR1 [${r.att.clusterRobust.lower.toFixed(5)}, ${r.att.clusterRobust.upper.toFixed(5)}]; truth ${att}; pre-trend p ${r.pretrend?.pValue.toFixed(3)}; placebo ${r.placebo?.estimate.toFixed(5)} p ${r.placebo?.pValue.toFixed(3)}`)
    expect(r.confidence).toBe(0.95)
    expect(r.att.primary).toBe('size-adjusted')
    expect(r.att.lower).toBeLessThanOrEqual(att)
    expect(r.att.upper).toBeGreaterThanOrEqual(att)
    expect(r.att.lower).toBeGreaterThan(0) // the program did something, and the data says so
    // 28 pre-days, 42 post-days; the first region's users are the manifest's rollout users.
    expect([r.panel.preDays, r.panel.postDays]).toEqual([28, 42])
    expect(r.panel.regions.find((x) => x.treated)).toEqual({ region: truth.firstRegion, users: truth.firstRegionUsers, treated: true })
    // Parallel trends hold by construction: neither check may cry wolf.
    expect(r.pretrend!.pValue).toBeGreaterThan(0.05)
    expect(r.placebo!.pValue).toBeGreaterThan(0.05)
    expect(r.notes.map((n) => n.code)).toContain('few-clusters')
    expect(r.notes.map((n) => n.code)).not.toContain('pretrend')
    expect(r.series).toHaveLength(70)
  })

  it('the engine panel equals the one the statsmodels references were computed on', async () => {
    const ref = reference.cases[country === 'IN' ? 'sampleIN' : 'sampleBR']
    const r = await analyzeRollout(engine.internals.database, specFor(country), relations)
    expect(r.att.estimate).toBeCloseTo(ref.did.estimate, 12)
    expect(r.att.clusterRobust.standardError / ref.did.clusterRobust.standardError).toBeCloseTo(1, 7)
    expect(r.att.sizeAdjusted!.standardError / ref.did.sizeAdjusted.standardError).toBeCloseTo(1, 5)
    const compact = ref.input.compact
    expect(r.panel.regions.map((x) => [x.region, x.users])).toEqual(compact.units.map((u, i) => [u, compact.users[i]]))
  })

  it('share of users active per day: a positive effect with an interval', async () => {
    const r = await analyzeRollout(engine.internals.database, specFor(country, { outcome: 'activeShare' }), relations)
    expect(r.outcome).toBe('activeShare')
    expect(r.att.upper).toBeGreaterThan(r.att.lower)
    expect(r.att.estimate).toBeGreaterThan(0)
  })
})

describe('bad requests get clear messages', () => {
  const run = (spec: RolloutSpecInput, rel: RolloutRelations = relations) => analyzeRollout(engine.internals.database, spec, rel)

  it('unknown region, unknown country, start outside the data, no controls, unknown population column', async () => {
    await expect(run(specFor('IN', { treatedRegions: ['IN-XX'] }))).rejects.toThrow(/Unknown region "IN-XX" in IN\. Regions: .*IN-KA/)
    await expect(run(specFor('IN', { country: 'MX' }))).rejects.toThrow(/No users are in country "MX"\. Countries in the users table: BR, IN/)
    await expect(run(specFor('IN', { treatmentStart: '2025-03-01', window: undefined }))).rejects.toThrow(/treatment start 2025-03-01 is outside the data/)
    await expect(run(specFor('IN', { treatmentStart: '2024-08-05' }))).rejects.toThrow(/outside the data/)
    await expect(run(specFor('IN', { treatmentStart: '2024-09-31' }))).rejects.toThrow(/calendar date/)
    await expect(run(specFor('BR', { treatedRegions: ['BR-MG'], excludedRegions: ['BR-MG'] }))).rejects.toThrow(/both treated and excluded/)
    await expect(run(specFor('IN', { population: { column: 'nope', values: ['x'] } }))).rejects.toThrow(/no users column named "nope"/)
  })

  it('a users mapping without regions', async () => {
    const noRegion = { ...relations, users: sql`(SELECT user_id, country, CAST(NULL AS VARCHAR) AS region, study FROM canon.users)` }
    await expect(run(specFor('IN'), noRegion)).rejects.toThrow(/have no region: map the users' region column/)
  })

  it('no users or payments mapped', async () => {
    await expect(run(specFor('IN'), { ...relations, users: null })).rejects.toThrow(/Map a users dataset first/)
    await expect(run(specFor('IN'), { ...relations, payments: null })).rejects.toThrow(/Map a payments dataset first/)
  })
})
