// exportTable kind "userMetrics" on the bundled sample: one row per experiment user, read back
// from Parquet by DuckDB and checked column by column against a plain SQL over the raw sample
// files (not the engine's tables): local dates by each country's fixed offset, successful payments
// only. Also CSV (BOM, header, formula guard) and the refusals.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { presetCampaign } from '../../../common/campaigns/presets'
import type { AnalysisRequestInput } from '../../../common/domain/analysis'
import { createEngine, type Engine } from '../../../electron/engine/engine'

const SAMPLE = resolve('datasets/sample')
const manifest = JSON.parse(readFileSync(join(SAMPLE, 'manifest.json'), 'utf8')) as { periods: Record<string, [string, string]> }
const [w0, w1] = manifest.periods.adopt14!
const [p0, p1] = manifest.periods.pre!
const [q0, q1] = manifest.periods.post!

let dir: string
let engine: Engine
let campaignId: string
let duck: DuckDBInstance
let conn: DuckDBConnection

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

async function rows(text: string, params: Record<string, string> = {}): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(text, params)).getRowObjectsJS() as Record<string, unknown>[]
}

const analysis = (extra: Partial<AnalysisRequestInput> = {}): AnalysisRequestInput => ({
  spec: { window: { start: w0!, end: w1! }, preWindow: { start: p0!, end: p1! }, postWindow: { start: q0!, end: q1! }, metrics: ['adopted', 'payments'], segments: ['country', 'region'] },
  cuped: true,
  ...extra,
})

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'user-metrics-'))
  engine = await createEngine({ projectDir: dir, host: 'test', seedFrom: SAMPLE, threads: 2, now: () => new Date('2026-11-27T12:00:00Z') })
  const jun = presetCampaign('whatsapp-jun-2022')
  campaignId = unwrap(await engine.saveCampaign({ campaign: { ...jun, eligibility: { ...jun.eligibility, arms: ['flat_small'] } } })).id
  duck = await DuckDBInstance.create(':memory:')
  conn = await duck.connect()
}, 240_000)
afterAll(async () => {
  conn?.closeSync()
  duck?.closeSync()
  await engine?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Per experiment user, straight from the sample's Parquet files (the test's own SQL). */
const EXPECTED = `
  WITH p AS (
    SELECT user_id, amount,
           CAST(ts + CASE country WHEN 'IN' THEN INTERVAL 330 MINUTE WHEN 'BR' THEN INTERVAL (-180) MINUTE END AS DATE) AS d
    FROM read_parquet($payments) WHERE status = 'SUCCESS'),
  u AS (SELECT user_id, arm, country, region FROM read_parquet($users) WHERE arm IS NOT NULL)
  SELECT u.user_id, u.arm, u.country, u.region,
    count(p.d) FILTER (WHERE p.d >= $w0::DATE AND p.d < $w1::DATE) AS payments,
    coalesce(sum(p.amount) FILTER (WHERE p.d >= $w0::DATE AND p.d < $w1::DATE), 0)::DOUBLE AS tpv,
    count(DISTINCT p.d) FILTER (WHERE p.d >= $w0::DATE AND p.d < $w1::DATE) AS active_days,
    count(p.d) FILTER (WHERE p.d >= $p0::DATE AND p.d < $p1::DATE) AS pre_payments,
    coalesce(sum(p.amount) FILTER (WHERE p.d >= $p0::DATE AND p.d < $p1::DATE), 0)::DOUBLE AS pre_tpv,
    count(DISTINCT p.d) FILTER (WHERE p.d >= $p0::DATE AND p.d < $p1::DATE) AS pre_active_days,
    count(p.d) FILTER (WHERE p.d >= $q0::DATE AND p.d < $q1::DATE) AS post_payments,
    count(p.d) FILTER (WHERE p.d < $w0::DATE) AS before
  FROM u LEFT JOIN p ON p.user_id = u.user_id
  GROUP BY ALL`

const PARAMS = () => ({ payments: join(SAMPLE, 'payments.parquet'), users: join(SAMPLE, 'users.parquet'), w0: w0!, w1: w1!, p0: p0!, p1: p1!, q0: q0!, q1: q1! })

describe('exportTable userMetrics', () => {
  let parquet: string

  it('writes one row per experiment user as Parquet with the documented columns and types', async () => {
    const file = unwrap(await engine.exportTable({ kind: 'userMetrics', format: 'parquet', analysis: analysis({ economics: { campaignId } }) }))
    expect(file.name).toBe('user-metrics.parquet')
    parquet = engine.exportedFile(file.fileId).path
    const columns = await rows('DESCRIBE SELECT * FROM read_parquet($p)', { p: parquet })
    expect(columns.map((c) => [c.column_name, c.column_type])).toEqual([
      ['user_id', 'VARCHAR'], ['arm', 'VARCHAR'], ['country', 'VARCHAR'], ['currency', 'VARCHAR'], ['payer_type', 'VARCHAR'],
      ['adopted', 'BOOLEAN'], ['activated', 'BOOLEAN'], ['payments', 'BIGINT'], ['tpv', 'DOUBLE'], ['tpv_winsorized', 'DOUBLE'],
      ['active_days', 'BIGINT'], ['retained', 'BOOLEAN'], ['pre_paid', 'BOOLEAN'], ['pre_payments', 'BIGINT'], ['pre_tpv', 'DOUBLE'],
      ['pre_tpv_winsorized', 'DOUBLE'], ['pre_active_days', 'BIGINT'], ['cashback', 'DOUBLE'], ['segment_region', 'VARCHAR'],
    ])
    const [count] = await rows(`SELECT (SELECT count(*) FROM read_parquet($p))::INTEGER AS exported,
        (SELECT count(DISTINCT user_id) FROM read_parquet($users) WHERE arm IS NOT NULL)::INTEGER AS experiment,
        (SELECT count(DISTINCT user_id) FROM read_parquet($p))::INTEGER AS distinct_ids`, { p: parquet, users: join(SAMPLE, 'users.parquet') })
    expect(count).toEqual({ exported: 159_894, experiment: 159_894, distinct_ids: 159_894 })
  }, 240_000)

  it('holds the values a plain SQL over the raw payments gives, for every user', async () => {
    const [diff] = await rows(`WITH e AS (${EXPECTED}), x AS (SELECT * FROM read_parquet($p))
      SELECT count(*)::INTEGER AS joined,
        count(*) FILTER (WHERE x.arm <> e.arm OR x.country IS DISTINCT FROM e.country OR x.segment_region IS DISTINCT FROM e.region)::INTEGER AS labels,
        count(*) FILTER (WHERE x.payments <> e.payments OR x.adopted <> (e.payments > 0))::INTEGER AS payments,
        count(*) FILTER (WHERE abs(x.tpv - e.tpv) > 0.005 OR x.tpv_winsorized <> x.tpv)::INTEGER AS tpv,
        count(*) FILTER (WHERE x.active_days <> e.active_days)::INTEGER AS days,
        count(*) FILTER (WHERE x.pre_payments <> e.pre_payments OR abs(x.pre_tpv - e.pre_tpv) > 0.005 OR x.pre_active_days <> e.pre_active_days OR x.pre_paid <> (e.pre_payments > 0))::INTEGER AS pre,
        count(*) FILTER (WHERE x.retained <> (e.post_payments > 0))::INTEGER AS retained,
        count(*) FILTER (WHERE x.payer_type <> CASE WHEN e.before = 0 THEN 'new' ELSE 'existing' END)::INTEGER AS payer_type,
        count(*) FILTER (WHERE x.activated IS DISTINCT FROM CASE WHEN e.before = 0 THEN e.payments > 0 END)::INTEGER AS activated,
        count(*) FILTER (WHERE x.currency IS DISTINCT FROM CASE e.country WHEN 'IN' THEN 'INR' WHEN 'BR' THEN 'BRL' END)::INTEGER AS currency
      FROM e JOIN x ON x.user_id = e.user_id`, { ...PARAMS(), p: parquet })
    expect(diff).toEqual({ joined: 159_894, labels: 0, payments: 0, tpv: 0, days: 0, pre: 0, retained: 0, payer_type: 0, activated: 0, currency: 0 })
    // Three users by name, one of each kind: a payer in the window, an existing user idle in it, a first-time payer.
    const picks = await rows(`WITH e AS (${EXPECTED})
      SELECT * FROM (SELECT user_id FROM e WHERE payments > 2 AND before > 0 ORDER BY user_id LIMIT 1)
      UNION ALL SELECT * FROM (SELECT user_id FROM e WHERE payments = 0 AND pre_payments > 0 ORDER BY user_id LIMIT 1)
      UNION ALL SELECT * FROM (SELECT user_id FROM e WHERE payments > 0 AND before = 0 ORDER BY user_id LIMIT 1)`, PARAMS())
    expect(picks).toHaveLength(3)
    for (const { user_id: id } of picks) {
      const [e] = await rows(`SELECT * FROM (${EXPECTED}) WHERE user_id = $id`, { ...PARAMS(), id: String(id) })
      const [x] = await rows('SELECT * FROM read_parquet($p) WHERE user_id = $id', { p: parquet, id: String(id) })
      expect({ id, payments: x!.payments, tpv: x!.tpv, days: x!.active_days, pre: x!.pre_payments, new: x!.payer_type === 'new' }).toEqual({
        id,
        payments: e!.payments,
        tpv: expect.closeTo(Number(e!.tpv), 2) as unknown,
        days: e!.active_days,
        pre: e!.pre_payments,
        new: e!.before === 0n,
      })
    }
  }, 120_000)

  it('carries the scenario cashback for its treatment arm only, summing to the rewards export', async () => {
    const [cb] = await rows(`SELECT sum(cashback)::DOUBLE AS total, count(*) FILTER (WHERE cashback > 0 AND arm <> 'flat_small')::INTEGER AS outside,
        count(*) FILTER (WHERE cashback IS NULL)::INTEGER AS nulls FROM read_parquet($p)`, { p: parquet })
    const rewards = unwrap(await engine.exportTable({ kind: 'rewards', format: 'parquet', campaignIds: [campaignId] }))
    const [paid] = await rows('SELECT sum(reward)::DOUBLE AS total FROM read_parquet($p)', { p: engine.exportedFile(rewards.fileId).path })
    expect(cb).toEqual({ total: paid!.total, outside: 0, nulls: 0 })
    expect(paid!.total).toBe(285_425)
  }, 120_000)

  it('writes CSV with a BOM and leaves cashback empty without a campaign', async () => {
    const file = unwrap(await engine.exportTable({ kind: 'userMetrics', format: 'csv', bom: true, analysis: analysis() }))
    expect(file.name).toBe('user-metrics.csv')
    const text = readFileSync(engine.exportedFile(file.fileId).path, 'utf8')
    const lines = text.split('\n').filter((l) => l !== '')
    expect(lines[0]).toBe('\uFEFFuser_id,arm,country,currency,payer_type,adopted,activated,payments,tpv,tpv_winsorized,active_days,retained,pre_paid,pre_payments,pre_tpv,pre_tpv_winsorized,pre_active_days,cashback,segment_region')
    expect(lines).toHaveLength(159_894 + 1)
    expect(lines[1]).toMatch(/^[^,]+,control,(IN|BR),(INR|BRL),(new|existing),(true|false),(true|false)?,\d+,[\d.]+,[\d.]+,\d+,(true|false),(true|false),\d+,[\d.]+,[\d.]+,\d+,,[^,]*$/)
  }, 120_000)

  it('caps tpv_winsorized at the percentile and leaves pre-window and retention empty without their windows', async () => {
    const spec = { window: { start: w0!, end: w1! }, tpvWinsorizePercentile: 99 }
    const file = unwrap(await engine.exportTable({ kind: 'userMetrics', format: 'parquet', analysis: { spec } }))
    const [r] = await rows(`SELECT count(*) FILTER (WHERE tpv_winsorized < tpv)::INTEGER AS capped, count(*) FILTER (WHERE tpv_winsorized > tpv)::INTEGER AS above,
        count(*) FILTER (WHERE pre_paid IS NOT NULL OR pre_payments IS NOT NULL OR pre_tpv IS NOT NULL OR retained IS NOT NULL)::INTEGER AS filled
      FROM read_parquet($p)`, { p: engine.exportedFile(file.fileId).path })
    expect(r!.capped).toBeGreaterThan(0)
    expect(r).toMatchObject({ above: 0, filled: 0 })
  }, 120_000)

  it('refuses XLSX, a missing analysis and an arm the experiment does not have, saying what to do', async () => {
    const xlsx = await engine.exportTable({ kind: 'userMetrics', format: 'xlsx', analysis: analysis() })
    expect(xlsx.ok ? null : xlsx.error).toMatchObject({ code: 'UNSUPPORTED', message: expect.stringContaining('export them as Parquet or CSV') as unknown })
    const missing = await engine.exportTable({ kind: 'userMetrics', format: 'parquet' })
    expect(missing.ok ? null : missing.error).toMatchObject({ code: 'INVALID_REQUEST', message: 'The per-user metrics are those of an analysis: give the analysis request (analysis), as for the uplift table.' })
    const arm = await engine.exportTable({ kind: 'userMetrics', format: 'parquet', analysis: analysis({ controlArm: 'placebo' }) })
    expect(arm.ok ? null : arm.error).toMatchObject({ code: 'INVALID_REQUEST', message: '"placebo" is not an arm of "arm" (arms: control, flat_large, flat_small, pct10).' })
    const column = await engine.exportTable({ kind: 'userMetrics', format: 'parquet', analysis: { spec: { armColumn: 'variant', window: { start: w0!, end: w1! } } } })
    expect(column.ok ? null : column.error.message).toMatch(/^The users table has no column "variant"/)
    const noWindow = await engine.exportTable({ kind: 'userMetrics', format: 'parquet', analysis: { spec: {} } })
    expect(noWindow.ok ? null : noWindow.error.message).toMatch(/analysis window/)
  }, 120_000)
})
