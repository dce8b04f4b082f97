// analyzeExperiment on bad input, end to end through the engine: an analyst's own export (users
// only, outcome columns, no payments), users listed in several arms (excluded and reported), an
// expected arm with no users, zero variance, a control rate of 0, a single arm and a missing arm
// column. NaN/Infinity never reach the answer.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { experimentAnalysisSchema, type ExperimentAnalysis } from '../../../common/domain/analysis'
import { createEngine, type Engine } from '../../../electron/engine/engine'
import { expectJsonSafe } from '../../helpers/jsonSafe'
import { tempDir } from '../../helpers/tempDir'

const dir = tempDir('analysis-bad')
let engine: Engine

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
  const rows = ['user_id,variant,solo,converted,spend,pre_spend,flat']
  // 40 control users (none converted: control rate 0), 40 treatment users (8 converted); u0 is also
  // listed in treatment (several arms: excluded); every spend constant → zero variance of `flat`.
  for (let i = 0; i < 40; i++) rows.push(`c${i},control,only,0,${10 + (i % 7)},${9 + (i % 7)},5`)
  for (let i = 0; i < 40; i++) rows.push(`t${i},treatment,only,${i < 8 ? 'yes' : 'no'},${12 + (i % 5)},${9 + (i % 6)},5`)
  rows.push('c0,treatment,only,no,1,1,5')
  await importCsv('export', rows)
  const saved = await engine.saveMapping({ mapping: { roles: { users: { dataset: 'export', columns: { user_id: 'user_id', arm: 'variant' }, constants: { country: 'IN' } } } } })
  if (!saved.ok) throw new Error(saved.error.message)
})
afterAll(() => engine.close())

async function analyze(request: Parameters<Engine['analyzeExperiment']>[0]): Promise<ExperimentAnalysis> {
  const result = await engine.analyzeExperiment(request)
  if (!result.ok) throw new Error(result.error.message)
  expect(experimentAnalysisSchema.safeParse(result.value).success).toBe(true)
  expectJsonSafe(result.value)
  return result.value
}

const outcomes = [
  { column: 'converted', type: 'binary' as const },
  { column: 'spend', type: 'numeric' as const, covariate: 'pre_spend' },
  { column: 'flat', type: 'numeric' as const },
]

describe('an analyst\'s export without payments', () => {
  it('analyses outcome columns; the control rate 0 makes the relative lift undefined, said so', async () => {
    const a = await analyze({ spec: { armColumn: 'arm', metrics: [], outcomeColumns: outcomes }, cuped: true })
    const converted = a.metrics.find((r) => r.metric === 'column:converted' && r.dimension === 'overall')!
    expect(converted.absolute!.estimate).toBeCloseTo(8 / 40, 12)
    expect(converted.relative).toBeNull()
    expect(converted.relativeReason).toBe('Relative lift is undefined: the control rate is 0.')
    expect(a.notes.map((n) => n.code)).toEqual(expect.arrayContaining(['MULTI_ARM_USERS', 'RELATIVE_UNDEFINED']))
    const spend = a.metrics.find((r) => r.metric === 'column:spend' && r.dimension === 'overall')!
    expect(spend.test).toBe('cuped')
    const flat = a.metrics.find((r) => r.metric === 'column:flat' && r.dimension === 'overall')!
    expect(flat.absolute).toBeNull()
    expect(flat.absoluteReason).toMatch(/variance/)
    // The multi-arm user is out of both arms; the curves need payments, so there are none.
    expect(a.arms[0]!.arms.map((x) => x.users)).toEqual([39, 40])
    expect(a.curves).toBeNull()
    expect(a.economics.every((e) => e.incrementalAdopters === null)).toBe(true)
  })

  it('lists an expected arm without users and warns (SRM against the planned split)', async () => {
    const a = await analyze({ spec: { armColumn: 'arm', metrics: [], outcomeColumns: outcomes.slice(0, 1), expectedArms: ['control', 'treatment', 'holdout'] } })
    expect(a.arms[0]!.arms.find((x) => x.arm === 'holdout')!.users).toBe(0)
    expect(a.notes.map((n) => n.code)).toContain('EMPTY_ARM')
    expect(a.metrics.filter((r) => r.arm === 'holdout').every((r) => r.absolute === null && r.absoluteReason !== null)).toBe(true)
    expect(a.srmWarning).toBe(true)
  })

  it('refuses a single arm and a missing arm column', async () => {
    const single = await engine.analyzeExperiment({ spec: { armColumn: 'solo', metrics: [], outcomeColumns: outcomes.slice(0, 1) } })
    expect(single.ok).toBe(false)
    if (!single.ok) expect(single.error.message).toMatch(/Every assigned user is in arm "only"/)
    const missing = await engine.analyzeExperiment({ spec: { armColumn: 'nope', metrics: [], outcomeColumns: outcomes.slice(0, 1) } })
    expect(missing.ok).toBe(false)
    if (!missing.ok) expect(missing.error.code).toBe('NOT_FOUND')
  })

  it('refuses payment metrics and a scenario without payments, saying what to map', async () => {
    const r = await engine.analyzeExperiment({ spec: { window: { start: '2024-01-01', end: '2024-01-15' }, metrics: ['adopted'] } })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toMatch(/need mapped payments/)
  })
})
