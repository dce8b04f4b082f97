// Uplift statistics on bad input: a missing arm column, one arm, users in several arms, an arm
// without users, wrong windows, metrics the data cannot answer — and an analyst's own users-only
// export (no payments) with binary and numeric outcome columns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProjectMapping } from '../../../common/domain/mapping'
import type { UpliftSpecInput } from '../../../common/domain/uplift'
import type { Database } from '../../../electron/engine/db/database'
import { sql } from '../../../electron/engine/db/sql'
import { computeSufficientStats } from '../../../electron/engine/uplift'
import { tempDir } from '../../helpers/tempDir'
import { createDataset, mapProject, openProject, relations } from './upliftDb'

const dir = tempDir('uplift-bad')
let db: Database
let mapping: ProjectMapping
let usersOnly: ProjectMapping

const WINDOW = { window: { start: '2024-01-08', end: '2024-01-15' } }

beforeAll(async () => {
  db = await openProject(dir)
  await createDataset(db, 'payments', sql`SELECT * FROM (VALUES ('p1', 'u1', TIMESTAMP '2024-01-09 10:00:00', CAST(10 AS DECIMAL(18,2)))) t(payment_id, user_id, paid_at, amount)`)
  // u7 is listed in two arms; u8 twice in the same arm; one row has no user id.
  await createDataset(db, 'users', sql`SELECT * FROM (VALUES
    ('u1', 'control', 'x', 'yes', 10.0, 5.0), ('u2', 'control', 'x', 'no', 0.0, 0.0), ('u3', 'control', 'x', 'yes', NULL, 3.0),
    ('u4', 'treat', 'x', 'no', 4.0, 2.0), ('u5', 'treat', 'x', 'yes', 6.0, NULL),
    ('u7', 'control', 'x', 'no', 1.0, 1.0), ('u7', 'treat', 'x', 'no', 1.0, 1.0),
    ('u8', 'treat', 'x', 'no', 2.0, 2.0), ('u8', 'treat', 'x', 'no', 2.0, 2.0),
    (NULL, 'treat', 'x', 'no', 0.0, 0.0)
  ) t(user_id, arm, only_one, converted, spend, spend_pre)`)
  await createDataset(db, 'oops', sql`SELECT * FROM (VALUES ('a1', 'A', 'maybe'), ('a2', 'B', 'yes'), ('a3', 'B', 'nope')) t(user_id, arm, converted)`)
  const countries = { IN: { currency: 'INR', timeZone: 'Asia/Kolkata' } }
  mapping = await mapProject(db, {
    roles: {
      payments: { dataset: 'payments', columns: { payment_id: 'payment_id', user_id: 'user_id', ts: 'paid_at', amount: 'amount' }, constants: { country: 'IN' } },
      users: { dataset: 'users', columns: { user_id: 'user_id', arm: 'arm' }, constants: { country: 'IN' } },
    },
    countries,
  })
  usersOnly = { roles: { users: mapping.roles.users! }, countries: mapping.countries }
})
afterAll(() => db.close())

function compute(spec: UpliftSpecInput, m: ProjectMapping = mapping) {
  return computeSufficientStats(db, spec, relations(m, 'bad-1'))
}

describe('computeSufficientStats refuses what it cannot answer', () => {
  it('says which arm column is missing and which columns exist', async () => {
    await expect(compute({ ...WINDOW, armColumn: 'assignment', metrics: ['adopted'] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/no column "assignment".*only_one/),
    })
  })

  it('refuses a single arm', async () => {
    await expect(compute({ ...WINDOW, armColumn: 'only_one', metrics: ['adopted'] })).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('at least two arms') })
  })

  it('refuses an arm column nobody has a value in', async () => {
    await createDataset(db, 'blank', sql`SELECT * FROM (VALUES ('b1', CAST(NULL AS VARCHAR))) t(user_id, arm)`)
    const blank = await mapProject(db, { roles: { users: { dataset: 'blank', columns: { user_id: 'user_id', arm: 'arm' } } } })
    await expect(computeSufficientStats(db, { metrics: [], outcomeColumns: [], segments: [] }, relations(blank, 'blank'))).rejects.toMatchObject({ message: expect.stringContaining('at least one metric') })
    await expect(computeSufficientStats(db, { metrics: [], outcomeColumns: [{ column: 'arm', type: 'numeric' }] }, relations(blank, 'blank'))).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('No user has a value in "arm"'),
    })
    await mapProject(db, mapping)
  })

  it('refuses empty and overlapping windows', async () => {
    await expect(compute({ window: { start: '2024-01-08', end: '2024-01-08' }, metrics: ['adopted'] })).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('The window is empty') })
    await expect(compute({ ...WINDOW, preWindow: { start: '2024-01-01', end: '2024-01-09' }, metrics: ['adopted'] })).rejects.toMatchObject({ message: expect.stringContaining('pre-window must end on or before') })
    await expect(compute({ ...WINDOW, postWindow: { start: '2024-01-14', end: '2024-01-20' }, metrics: ['adopted'] })).rejects.toMatchObject({ message: expect.stringContaining('post-window must start') })
    await expect(compute({ window: { start: '2024-02-30', end: '2024-03-08' }, metrics: ['adopted'] })).rejects.toMatchObject({ message: expect.stringContaining('calendar date') })
    await expect(compute({ metrics: ['adopted'] })).rejects.toMatchObject({ message: expect.stringContaining('Choose the analysis window') })
    await expect(compute({ ...WINDOW, metrics: ['retained'] })).rejects.toMatchObject({ message: expect.stringContaining('choose a post-window') })
  })

  it('needs payments for payment metrics and rewards for cashback', async () => {
    await expect(compute({ ...WINDOW, metrics: ['adopted'] }, usersOnly)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('need mapped payments') })
    await expect(compute({ ...WINDOW, metrics: ['cashback'] })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('evaluate a campaign first') })
  })

  it('lists outcome values that are not yes/no', async () => {
    const oops = await mapProject(db, { roles: { users: { dataset: 'oops', columns: { user_id: 'user_id', arm: 'arm' } } } })
    await expect(computeSufficientStats(db, { metrics: [], outcomeColumns: [{ column: 'converted', type: 'binary' }] }, relations(oops, 'oops'))).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('2 values of the outcome column "converted" are not 0/1, true/false or yes/no (e.g. "maybe", "nope")'),
    })
    await mapProject(db, mapping)
  })
})

describe('computeSufficientStats reports and excludes', () => {
  it('excludes users in several arms, merges duplicates and reports an expected arm without users', async () => {
    const stats = await compute({ ...WINDOW, metrics: ['adopted'], expectedArms: ['control', 'treat', 'holdout'] })
    // control: u1, u2, u3 (u7 excluded); treat: u4, u5, u8 (merged once).
    expect(stats.arms).toEqual([{ arm: 'control', users: 3 }, { arm: 'holdout', users: 0 }, { arm: 'treat', users: 3 }])
    expect(stats.excluded).toEqual({ multiArmUsers: 1, multiArmExamples: ['u7'], duplicateRows: 1, nullUserIds: 1 })
    const codes = stats.notes.map((n) => n.code)
    expect(codes).toEqual(expect.arrayContaining(['MULTI_ARM_USERS', 'DUPLICATE_USERS', 'NULL_USER_IDS', 'EMPTY_ARM']))
    expect(stats.notes.find((n) => n.code === 'MULTI_ARM_USERS')?.message).toContain('e.g. u7')
    // u1 paid on 01-09: adopted 1 of 3 in control.
    expect(stats.cells.find((c) => c.metric === 'adopted' && c.arm === 'control')).toMatchObject({ n: 3, sumY: 1 })
    expect(stats.cells.find((c) => c.metric === 'adopted' && c.arm === 'holdout')).toMatchObject({ n: 0, sumY: 0 })
  })

  it('reads exact local dates when a zone changes offset inside the range', async () => {
    const dst = await mapProject(db, { ...mapping, countries: { IN: { currency: 'INR', timeZone: 'America/New_York' } } })
    // Range 2024-01-08 .. 2024-04-01 crosses New York's DST start (10 March).
    const stats = await computeSufficientStats(db, { window: { start: '2024-01-08', end: '2024-04-01' }, metrics: ['adopted'] }, relations(dst, 'dst'))
    expect(stats.diagnostics.localDates).toBe('exact')
    expect(stats.notes.map((n) => n.code)).toContain('EXACT_LOCAL_DATES')
    expect(stats.cells.find((c) => c.metric === 'adopted' && c.arm === 'control')).toMatchObject({ n: 3, sumY: 1 })
    await mapProject(db, mapping)
  })

  it('analyses a users-only export: binary and numeric outcome columns, with a covariate column', async () => {
    const stats = await compute(
      { metrics: [], outcomeColumns: [{ column: 'converted', type: 'binary' }, { column: 'spend', type: 'numeric', covariate: 'spend_pre' }] },
      usersOnly,
    )
    const get = (metric: string, arm: string) => stats.cells.find((c) => c.metric === metric && c.arm === arm)
    // converted (yes/no): control u1 yes, u2 no, u3 yes; treat u4 no, u5 yes, u8 no.
    expect(get('column:converted', 'control')).toMatchObject({ n: 3, sumY: 2, sumY2: 2, sumX: 0 })
    expect(get('column:converted', 'treat')).toMatchObject({ n: 3, sumY: 1 })
    // spend: u3 has none (left out); control y [10, 0] x [5, 0].
    expect(get('column:spend', 'control')).toEqual({ metric: 'column:spend', dimension: 'overall', segment: null, arm: 'control', n: 2, sumY: 10, sumY2: 100, sumX: 5, sumX2: 25, sumXY: 50 })
    // treat y [4, 6, 2] x [2, 0 (missing covariate counts as 0), 2].
    expect(get('column:spend', 'treat')).toMatchObject({ n: 3, sumY: 12, sumY2: 56, sumX: 4, sumX2: 8, sumXY: 12 })
    expect(stats.notes.map((n) => n.code)).toContain('MISSING_OUTCOMES')
    expect(stats.diagnostics.localDates).toBe('none')
  })
})
