// Uplift sufficient statistics on a tiny India fixture, every number worked out by hand below.
// Timestamps are IST wall-clock times (the mapping reads them as local), so the window edges
// test the engine's local dates: 2024-01-14 23:59:59 IST is in the window, 00:00:00 next day is not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProjectMapping } from '../../../common/domain/mapping'
import type { UpliftCell, UpliftSpecInput, UpliftStats } from '../../../common/domain/uplift'
import type { Database } from '../../../electron/engine/db/database'
import { sql } from '../../../electron/engine/db/sql'
import { computeSufficientStats } from '../../../electron/engine/uplift'
import { tempDir } from '../../helpers/tempDir'
import { createDataset, mapProject, openProject, relations } from './upliftDb'

const dir = tempDir('uplift')
let db: Database
let mapping: ProjectMapping

// Per user (window = 01-08..01-15, pre = 01-01..01-08, post = 01-15..01-22, local dates):
//   u1 control band a: window P2P 50 + P2M 30 on 01-08 (one day) → n 2, tpv 80, days 1;
//                      pre P2P 100 → p_n 1, p_tpv 100, p_days 1; post P2P 20; existing.
//                      (a FAILED payment in the window is ignored)
//   u2 control band b: window P2M 200 at 01-14 23:59:59 → n 1, tpv 200, days 1; the P2M 70 at
//                      01-15 00:00:00 is post; nothing before → new.
//   u3 treat   band a: window P2P 40 (01-09) + P2P 60 (01-11) → n 2, tpv 100, days 2; a REVERSED
//                      payment is ignored; P2P 10 on 2023-12-20 (before the pre-window) → existing, x = 0.
//   u4 treat   band b: pre P2M 80 at 01-07 23:59 → p_n 1, p_tpv 80, p_days 1; post BILL 15; existing.
//   u5 treat   band a: no payments → zeros; new.
//   u6 (no arm): pays in the window, is not in the experiment.
const PAYMENTS = sql`SELECT * FROM (VALUES
  ('p1', 'u1', TIMESTAMP '2024-01-03 10:00:00', 100.00, 'P2P', 'SUCCESS'),
  ('p2', 'u1', TIMESTAMP '2024-01-08 00:10:00', 50.00, 'P2P', 'SUCCESS'),
  ('p3', 'u1', TIMESTAMP '2024-01-08 23:50:00', 30.00, 'P2M', 'SUCCESS'),
  ('p4', 'u1', TIMESTAMP '2024-01-10 12:00:00', 999.00, 'P2P', 'FAILED'),
  ('p5', 'u1', TIMESTAMP '2024-01-16 09:00:00', 20.00, 'P2P', 'SUCCESS'),
  ('p6', 'u2', TIMESTAMP '2024-01-14 23:59:59', 200.00, 'P2M', 'SUCCESS'),
  ('p7', 'u2', TIMESTAMP '2024-01-15 00:00:00', 70.00, 'P2M', 'SUCCESS'),
  ('p8', 'u3', TIMESTAMP '2023-12-20 08:00:00', 10.00, 'P2P', 'SUCCESS'),
  ('p9', 'u3', TIMESTAMP '2024-01-09 08:00:00', 40.00, 'P2P', 'SUCCESS'),
  ('p10', 'u3', TIMESTAMP '2024-01-11 08:00:00', 60.00, 'P2P', 'SUCCESS'),
  ('p11', 'u3', TIMESTAMP '2024-01-12 08:00:00', 500.00, 'P2P', 'REVERSED'),
  ('p12', 'u4', TIMESTAMP '2024-01-07 23:59:00', 80.00, 'P2M', 'SUCCESS'),
  ('p13', 'u4', TIMESTAMP '2024-01-20 10:00:00', 15.00, 'BILL', 'SUCCESS'),
  ('p14', 'u6', TIMESTAMP '2024-01-09 10:00:00', 5.00, 'P2P', 'SUCCESS')
) t(payment_id, user_id, paid_at, amount, kind, status)`

const USERS = sql`SELECT * FROM (VALUES
  ('u1', 'IN', 'control', 'a'), ('u2', 'IN', 'control', 'b'),
  ('u3', 'IN', 'treat', 'a'), ('u4', 'IN', 'treat', 'b'), ('u5', 'IN', 'treat', 'a'),
  ('u6', 'IN', NULL, 'a')
) t(user_id, country, arm, band)`

const WINDOWS = {
  window: { start: '2024-01-08', end: '2024-01-15' },
  preWindow: { start: '2024-01-01', end: '2024-01-08' },
  postWindow: { start: '2024-01-15', end: '2024-01-22' },
}

beforeAll(async () => {
  db = await openProject(dir)
  await createDataset(db, 'payments', sql`SELECT payment_id, user_id, paid_at, CAST(amount AS DECIMAL(18,2)) AS amount, kind, status FROM (${PAYMENTS})`)
  await createDataset(db, 'users', USERS)
  mapping = await mapProject(db, {
    roles: {
      payments: { dataset: 'payments', columns: { payment_id: 'payment_id', user_id: 'user_id', ts: 'paid_at', amount: 'amount', kind: 'kind', status: 'status' }, constants: { country: 'IN', rail: 'UPI' } },
      users: { dataset: 'users', columns: { user_id: 'user_id', country: 'country', arm: 'arm' } },
    },
  })
})
afterAll(() => db.close())

function compute(spec: UpliftSpecInput, version = 'fixture-1', cashback: ReturnType<typeof sql> | null = null): Promise<UpliftStats> {
  return computeSufficientStats(db, spec, relations(mapping, version, cashback))
}

function cell(stats: UpliftStats, metric: string, dimension: string, segment: string | null, arm: string): Omit<UpliftCell, 'metric' | 'dimension' | 'segment' | 'arm'> {
  const found = stats.cells.find((c) => c.metric === metric && c.dimension === dimension && c.segment === segment && c.arm === arm)
  if (found === undefined) throw new Error(`no cell ${metric} ${dimension} ${segment} ${arm}`)
  const { n, sumY, sumY2, sumX, sumX2, sumXY } = found
  return { n, sumY, sumY2, sumX, sumX2, sumXY }
}

const s = (n: number, sumY: number, sumY2: number, sumX: number, sumX2: number, sumXY: number) => ({ n, sumY, sumY2, sumX, sumX2, sumXY })

describe('computeSufficientStats on a hand-computed fixture', () => {
  it('computes every metric overall, per arm', async () => {
    const stats = await compute({ ...WINDOWS, metrics: ['adopted', 'activated', 'payments', 'tpv', 'activeDays', 'retained'] })
    expect(stats.arms).toEqual([{ arm: 'control', users: 2 }, { arm: 'treat', users: 3 }])
    // control = u1, u2: adopted y [1,1] x [1,0].
    expect(cell(stats, 'adopted', 'overall', null, 'control')).toEqual(s(2, 2, 2, 1, 1, 1))
    // activated: only never-paid users count (u2): y 1, x 0.
    expect(cell(stats, 'activated', 'overall', null, 'control')).toEqual(s(1, 1, 1, 0, 0, 0))
    // payments y [2,1] x [1,0]: Σy² = 4 + 1, Σxy = 2.
    expect(cell(stats, 'payments', 'overall', null, 'control')).toEqual(s(2, 3, 5, 1, 1, 2))
    // tpv y [80,200] x [100,0]: Σy² = 6400 + 40000, Σxy = 8000.
    expect(cell(stats, 'tpv', 'overall', null, 'control')).toEqual(s(2, 280, 46400, 100, 10000, 8000))
    // active days: u1's two payments are on one local day.
    expect(cell(stats, 'activeDays', 'overall', null, 'control')).toEqual(s(2, 2, 2, 1, 1, 1))
    // retained: u1 (01-16) and u2 (01-15 00:00:00) paid in the post-window; x = paid in the pre-window.
    expect(cell(stats, 'retained', 'overall', null, 'control')).toEqual(s(2, 2, 2, 1, 1, 1))
    // treat = u3, u4, u5.
    expect(cell(stats, 'adopted', 'overall', null, 'treat')).toEqual(s(3, 1, 1, 1, 1, 0))
    expect(cell(stats, 'activated', 'overall', null, 'treat')).toEqual(s(1, 0, 0, 0, 0, 0))
    expect(cell(stats, 'payments', 'overall', null, 'treat')).toEqual(s(3, 2, 4, 1, 1, 0))
    expect(cell(stats, 'tpv', 'overall', null, 'treat')).toEqual(s(3, 100, 10000, 80, 6400, 0))
    expect(cell(stats, 'activeDays', 'overall', null, 'treat')).toEqual(s(3, 2, 4, 1, 1, 0))
    expect(cell(stats, 'retained', 'overall', null, 'treat')).toEqual(s(3, 1, 1, 1, 1, 1))
    expect(stats.diagnostics.localDates).toBe('offset')
  })

  it('segments by a users column, payer type and kind', async () => {
    const stats = await compute({ ...WINDOWS, metrics: ['adopted', 'activated', 'tpv'], segments: ['band', 'payerType', 'kind'] })
    expect(stats.dimensions).toEqual(['overall', 'band', 'payerType', 'kind'])
    // band a: control u1; treat u3, u5.
    expect(cell(stats, 'adopted', 'band', 'a', 'control')).toEqual(s(1, 1, 1, 1, 1, 1))
    expect(cell(stats, 'adopted', 'band', 'a', 'treat')).toEqual(s(2, 1, 1, 0, 0, 0))
    expect(cell(stats, 'tpv', 'band', 'b', 'treat')).toEqual(s(1, 0, 0, 80, 6400, 0))
    // payer type: new = no successful payment before the window (u2, u5); u3's December payment makes u3 existing.
    expect(cell(stats, 'adopted', 'payerType', 'new', 'control')).toEqual(s(1, 1, 1, 0, 0, 0))
    expect(cell(stats, 'adopted', 'payerType', 'existing', 'treat')).toEqual(s(2, 1, 1, 1, 1, 0))
    expect(cell(stats, 'adopted', 'payerType', 'new', 'treat')).toEqual(s(1, 0, 0, 0, 0, 0))
    // kind: every experiment user is in every kind cell; only that kind's payments count.
    // P2P control: u1 y 1 (50), x 1 (100); u2 0.
    expect(cell(stats, 'adopted', 'kind', 'P2P', 'control')).toEqual(s(2, 1, 1, 1, 1, 1))
    expect(cell(stats, 'tpv', 'kind', 'P2M', 'control')).toEqual(s(2, 230, 900 + 40000, 0, 0, 0))
    expect(cell(stats, 'tpv', 'kind', 'P2M', 'treat')).toEqual(s(3, 0, 0, 80, 6400, 0))
    // BILL has a payment (u4, post-window) but none in the windows; control has no BILL row at all.
    expect(cell(stats, 'adopted', 'kind', 'BILL', 'control')).toEqual(s(2, 0, 0, 0, 0, 0))
    // activated in a kind: the new users (u2 | u5) who paid that kind in the window.
    expect(cell(stats, 'activated', 'kind', 'P2M', 'control')).toEqual(s(1, 1, 1, 0, 0, 0))
    expect(cell(stats, 'activated', 'kind', 'P2P', 'treat')).toEqual(s(1, 0, 0, 0, 0, 0))
  })

  it('winsorizes TPV per user at a percentile of the payers, pooled over arms', async () => {
    const stats = await compute({ ...WINDOWS, metrics: ['tpv'], tpvWinsorizePercentile: 60 })
    // Window payers 80, 100, 200: quantile_cont 0.6 → position 1.2 → 100 + 0.2 × 100 = 120.
    // Pre-window payers 80, 100 → 80 + 0.6 × 20 = 92.
    expect(stats.tpvCaps).toEqual([{ country: 'IN', kind: null, window: 120, preWindow: 92 }])
    // control y [80, 120] x [92, 0]: Σy² = 6400 + 14400, Σx² = 8464, Σxy = 80 × 92.
    const c = cell(stats, 'tpv', 'overall', null, 'control')
    expect(c.sumY).toBeCloseTo(200, 9)
    expect(c.sumY2).toBeCloseTo(20800, 6)
    expect(c.sumX).toBeCloseTo(92, 9)
    expect(c.sumX2).toBeCloseTo(8464, 6)
    expect(c.sumXY).toBeCloseTo(7360, 6)
  })

  it('adds cashback received from a rewards relation (user_id, cents)', async () => {
    const rewards = sql`(SELECT * FROM (VALUES ('u1', 1100), ('u1', 1100), ('u3', 3500)) t(user_id, cents))`
    const stats = await compute({ ...WINDOWS, metrics: ['cashback'] }, 'fixture-1', rewards)
    expect(cell(stats, 'cashback', 'overall', null, 'control')).toEqual(s(2, 22, 484, 0, 0, 0))
    expect(cell(stats, 'cashback', 'overall', null, 'treat')).toEqual(s(3, 35, 1225, 0, 0, 0))
  })

  it('reuses the per-user table: a second analysis does not scan payments', async () => {
    const first = await compute({ ...WINDOWS, metrics: ['payments'], segments: ['band'] }, 'fixture-cache')
    const second = await compute({ ...WINDOWS, metrics: ['payments', 'adopted'], segments: ['payerType'] }, 'fixture-cache')
    expect(first.diagnostics.perUserCached).toBe(false)
    expect(second.diagnostics.perUserCached).toBe(true)
    // A new data version builds it again.
    const third = await compute({ ...WINDOWS, metrics: ['payments'] }, 'fixture-cache-2')
    expect(third.diagnostics.perUserCached).toBe(false)
  })

  it('reads the users summary once per data version and column choice, and again for a new version', async () => {
    const summaries: string[] = []
    const rows = db.rows.bind(db)
    db.rows = (query, connection) => {
      if (query.text.includes('AS assigned_users')) summaries.push(query.text)
      return rows(query, connection)
    }
    try {
      const first = await compute({ ...WINDOWS, metrics: ['adopted'], segments: ['band'] }, 'fixture-users')
      const second = await compute({ ...WINDOWS, metrics: ['payments'], segments: ['band'] }, 'fixture-users')
      expect(summaries).toHaveLength(1)
      expect(second.arms).toEqual(first.arms)
      expect(second.excluded).toEqual(first.excluded)
      await compute({ ...WINDOWS, metrics: ['adopted'], segments: ['country'] }, 'fixture-users')
      expect(summaries).toHaveLength(2) // another segment column: another summary
      await compute({ ...WINDOWS, metrics: ['adopted'], segments: ['band'] }, 'fixture-users-2')
      expect(summaries).toHaveLength(3) // new data
    } finally {
      db.rows = rows
    }
  })

  it('reports an empty window, constant metrics and tiny arms', async () => {
    const stats = await compute({ window: { start: '2025-01-01', end: '2025-01-08' }, metrics: ['adopted'] })
    const codes = stats.notes.map((n) => n.code)
    expect(codes).toEqual(expect.arrayContaining(['EMPTY_WINDOW', 'ZERO_VARIANCE', 'TINY_ARM', 'NO_COVARIATE', 'UNASSIGNED_USERS']))
    expect(stats.notes.find((n) => n.code === 'EMPTY_WINDOW')?.message).toContain('2025-01-01 to 2025-01-08')
  })
})
