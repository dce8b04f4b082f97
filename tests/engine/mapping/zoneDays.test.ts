// The canonical view's fast local times (UTC → local by the zone's offset changes found to the
// minute; local → UTC by an offset per day, ICU only on DST days) give exactly what per-row ICU
// gives: checked every 30 minutes around Brazil's 2018/2019 DST switches, every minute near four
// switch instants, on random
// instants from 1985 to 2065 (beyond the offset table's range too), for UTC and wall-clock files.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine, type Engine } from '../../../electron/engine/engine'
import { sql } from '../../../electron/engine/db/sql'
import { tempDir } from '../../helpers/tempDir'

const dir = tempDir('zone-days')
let engine: Engine

function stamps(): string[] {
  const out: string[] = []
  // Every 30 minutes around the switches (Brazil: DST from 2018-11-04 00:00, back on 2019-02-17 00:00).
  for (const start of [Date.UTC(2018, 10, 2), Date.UTC(2019, 1, 15)]) {
    for (let t = start; t < start + 4 * 86_400_000; t += 1_800_000) out.push(new Date(t).toISOString().slice(0, 19).replace('T', ' '))
  }
  // Every minute (and a second before each) within 20 minutes of the switches' instants (03:00 and 02:00 UTC).
  for (const at of [Date.UTC(2018, 10, 4, 3), Date.UTC(2019, 1, 17, 2), Date.UTC(2008, 9, 19, 3), Date.UTC(2009, 1, 15, 2)]) {
    for (let t = at - 1_200_000; t <= at + 1_200_000; t += 60_000) {
      out.push(new Date(t).toISOString().slice(0, 19).replace('T', ' '), new Date(t - 1000).toISOString().slice(0, 19).replace('T', ' '))
    }
  }
  let seed = 7
  for (let i = 0; i < 1500; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    const t = Date.UTC(1985, 0, 1) + (seed / 2 ** 31) * (Date.UTC(2065, 0, 1) - Date.UTC(1985, 0, 1))
    out.push(new Date(Math.floor(t / 1000) * 1000).toISOString().slice(0, 19).replace('T', ' '))
  }
  return out
}

beforeAll(async () => {
  engine = await createEngine({ projectDir: join(dir, 'project'), host: 'test', threads: 1 })
  const rows = stamps().flatMap((ts, i) => [`p${i}a,u,${ts},1.00,BR`, `p${i}b,u,${ts},1.00,IN`])
  const path = join(dir, 'times.csv')
  writeFileSync(path, `payment_id,user_id,ts,amount,country\n${rows.join('\n')}\n`)
  const staged = await engine.stageImport({ fileId: engine.registerFile(path).fileId, datasetName: 'times' })
  if (!staged.ok) throw new Error(staged.error.message)
  await engine.commitImport({ importId: staged.value.importId })
})
afterAll(() => engine.close())

async function mapWith(timestamps: 'utc' | 'local'): Promise<void> {
  const saved = await engine.saveMapping({
    mapping: { roles: { payments: { dataset: 'times', columns: { payment_id: 'payment_id', user_id: 'user_id', ts: 'ts', amount: 'amount', country: 'country' }, constants: { rail: 'PIX' }, timestamps } } },
  })
  if (!saved.ok) throw new Error(saved.error.message)
}

const ZONE = sql`CASE p.country WHEN 'IN' THEN 'Asia/Kolkata' ELSE 'America/Sao_Paulo' END`

describe('canonical local times', () => {
  it('UTC files: local_ts and local_date equal per-row ICU', async () => {
    await mapWith('utc')
    const [row] = await engine.internals.database.rows(sql`SELECT count(*) AS n,
        count(*) FILTER (WHERE p.local_ts IS DISTINCT FROM timezone(${ZONE}, timezone('UTC', p.ts))) AS bad_ts,
        count(*) FILTER (WHERE p.local_date IS DISTINCT FROM CAST(timezone(${ZONE}, timezone('UTC', p.ts)) AS DATE)) AS bad_date
      FROM canon.payments p`)
    expect(row).toMatchObject({ bad_ts: '0', bad_date: '0' })
    expect(Number(row?.n)).toBe(2 * stamps().length)
    // local_ts is a plain expression (no join), so a query that does not read it does not pay for it.
    const [view] = await engine.internals.database.rows(sql`SELECT sql FROM duckdb_views() WHERE schema_name = 'canon' AND view_name = 'payments'`)
    expect(String(view?.sql)).not.toContain('zone_days')
  })

  it('wall-clock files: ts (UTC) and local_ts equal per-row ICU, DST gaps and overlaps included', async () => {
    await mapWith('local')
    const [row] = await engine.internals.database.rows(sql`SELECT count(*) AS n,
        count(*) FILTER (WHERE p.ts IS DISTINCT FROM timezone('UTC', timezone(${ZONE}, p.written_ts))) AS bad_utc,
        count(*) FILTER (WHERE p.local_ts IS DISTINCT FROM timezone(${ZONE}, timezone('UTC', p.ts))) AS bad_local
      FROM canon.payments p`)
    expect(row).toMatchObject({ bad_utc: '0', bad_local: '0' })
  })

  it('marks the DST days for ICU and keeps a fixed offset elsewhere', async () => {
    const rows = await engine.internals.database.rows(sql`SELECT CAST(day AS VARCHAR) AS day, utc_offset, local_offset FROM canon.zone_days
      WHERE country = 'BR' AND day IN ('2018-11-03', '2018-11-04', '2018-11-05', '2019-02-16', '2019-02-17') ORDER BY day`)
    // DST starts at local midnight 4 Nov (−03:00) = 03:00 UTC on 4 Nov.
    expect(rows).toEqual([
      { day: '2018-11-03', utc_offset: -180, local_offset: -180 },
      { day: '2018-11-04', utc_offset: null, local_offset: null },
      { day: '2018-11-05', utc_offset: -120, local_offset: -120 },
      // DST ends at local midnight 17 Feb (−02:00) = 02:00 UTC: the UTC day 17 Feb changes offset,
      // and so does the local day 16 Feb (its end, local midnight, is already −03:00).
      { day: '2019-02-16', utc_offset: -120, local_offset: null },
      { day: '2019-02-17', utc_offset: null, local_offset: -180 },
    ])
  })
})
