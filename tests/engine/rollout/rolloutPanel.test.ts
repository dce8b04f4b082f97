// The region × local-day panel SQL on a tiny fixture: local days (IST), SUCCESS only, zero-filled
// days, users with two regions left out, population filter, a region name with quotes (bound).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../../electron/engine/db/database'
import { sql } from '../../../electron/engine/db/sql'
import { rolloutPanel } from '../../../electron/engine/rollout/rolloutPanel'
import { localDateExpression } from '../../../electron/engine/uplift/localDates'

const ODD = `O'Neil "North"`
let db: Database
let dir: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rollout-panel-'))
  db = await openDatabase(dir, { threads: 1 })
  await db.run(sql`CREATE TABLE u AS SELECT * FROM (VALUES
    ('u1', 'IN', 'IN-KA', 'rollout'), ('u2', 'IN', 'IN-KA', 'rollout'), ('u3', 'IN', ${ODD}, 'rollout'),
    ('u4', 'IN', 'IN-KA', 'rct'), ('u5', 'IN', 'IN-KA', 'rollout'), ('u5', 'IN', 'IN-MH', 'rollout'), ('u6', 'BR', 'BR-MG', 'rollout')
  ) t(user_id, country, region, study)`)
  await db.run(sql`CREATE TABLE p AS SELECT user_id, CAST(ts AS TIMESTAMP) AS ts, country, status FROM (VALUES
    ('u1', '2024-01-01 19:00:00', 'IN', 'SUCCESS'),  -- 00:30 IST on Jan 2
    ('u1', '2024-01-01 10:00:00', 'IN', 'SUCCESS'),
    ('u1', '2024-01-01 11:00:00', 'IN', 'FAILED'),
    ('u2', '2024-01-01 12:00:00', 'IN', 'SUCCESS'),
    ('u3', '2024-01-02 12:00:00', 'IN', 'SUCCESS'),
    ('u4', '2024-01-01 12:00:00', 'IN', 'SUCCESS'),
    ('u5', '2024-01-01 12:00:00', 'IN', 'SUCCESS'),
    ('u6', '2024-01-01 12:00:00', 'BR', 'SUCCESS')
  ) t(user_id, ts, country, status)`)
})

afterAll(() => {
  db?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('rolloutPanel', () => {
  it('counts SUCCESS payments and payers per region and local day, zeros included', async () => {
    const window = { start: '2024-01-01', end: '2024-01-04' }
    const localDate = await localDateExpression(db, { IN: 'Asia/Kolkata' }, window)
    const rows = await rolloutPanel(db, {
      users: sql`u`, payments: sql`p`, usersColumns: ['user_id', 'country', 'region', 'study'], country: 'IN', window,
      population: { column: 'study', values: ['rollout'] }, excludedRegions: [], localDate,
    })
    expect(rows).toEqual([
      { region: 'IN-KA', day: '2024-01-01', users: 2, payments: 2, active: 2 },
      { region: 'IN-KA', day: '2024-01-02', users: 2, payments: 1, active: 1 },
      { region: 'IN-KA', day: '2024-01-03', users: 2, payments: 0, active: 0 },
      { region: ODD, day: '2024-01-01', users: 1, payments: 0, active: 0 },
      { region: ODD, day: '2024-01-02', users: 1, payments: 1, active: 1 },
      { region: ODD, day: '2024-01-03', users: 1, payments: 0, active: 0 },
    ])
  })

  it('excluded regions leave the panel; values are bound, never spliced', async () => {
    const window = { start: '2024-01-01', end: '2024-01-02' }
    const localDate = await localDateExpression(db, { IN: 'Asia/Kolkata' }, window)
    const rows = await rolloutPanel(db, {
      users: sql`u`, payments: sql`p`, usersColumns: ['user_id', 'country', 'region', 'study'], country: 'IN', window,
      excludedRegions: [ODD], localDate,
    })
    // Without the population filter u4 (rct) counts; u5 (two regions) never does.
    expect(rows).toEqual([{ region: 'IN-KA', day: '2024-01-01', users: 3, payments: 3, active: 3 }])
  })
})
