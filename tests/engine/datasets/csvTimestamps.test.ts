// Timestamps read by DuckDB's own parser (csvTimestamps.ts): a file whose timestamps all have the
// sampled layout loads natively; a value beyond the sample in another ISO form (fractional
// seconds), with a UTC offset, or an impossible date sends the load back to the strict text path,
// which accepts the first and rejects the others with their reasons, on their lines.
// Also: the first load runs without DuckDB's store_rejects (faster); only a record DuckDB's reader
// refuses makes a second load that keeps the rejects, and our SQL conversions' refusals never do.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ident, join as joinSql, sql, type Sql } from '../../../electron/engine/db/sql'
import { createEngine, type Engine } from '../../../electron/engine/engine'
import { tempDir } from '../../helpers/tempDir'

let engine: Engine
/** Statements that created a staging table, in order. */
const loads: string[] = []
/** Progress labels of the current import. */
const steps: string[] = []

beforeAll(async () => {
  engine = await createEngine({ projectDir: join(tempDir('csv-ts'), 'project'), host: 'test', threads: 2 })
  const db = engine.internals.database
  const run = db.run.bind(db)
  db.run = async (query: Sql, connection?: Parameters<typeof db.run>[1]) => {
    if (/^CREATE TABLE .*__staging_/.test(query.text)) loads.push(query.text)
    return run(query, connection)
  }
  engine.onEvent((event) => {
    if (event.type === 'progress') steps.push(event.label)
  })
})
afterAll(() => engine.close())

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

/** 30,000 payments, one a second from 2024-03-31 00:00:00, with `odd` rows replaced. */
function writePayments(name: string, layout: (iso: string) => string, odd: Record<number, string> = {}): string {
  const path = join(tempDir('csv-ts-files'), name)
  const lines = ['payment_id,ts,amount']
  const start = Date.parse('2024-03-31T00:00:00Z')
  for (let i = 1; i <= 30_000; i++) {
    const iso = new Date(start + i * 1000).toISOString().slice(0, 19)
    lines.push(`P${i},${odd[i] ?? layout(iso)},${i % 100}.50`)
  }
  writeFileSync(path, `${lines.join('\n')}\n`)
  return path
}

async function importFile(path: string, name: string) {
  loads.length = 0
  steps.length = 0
  const { fileId } = engine.registerFile(path)
  const inspection = unwrap(await engine.inspectSource({ fileId, overrides: {} }))
  expect(inspection.columns.find((c) => c.name === 'ts')?.type).toBe('TIMESTAMP')
  return unwrap(await engine.stageImport({ fileId, datasetName: name, overrides: {}, mode: 'copy' }))
}

async function valuesOf(name: string, ids: string[]): Promise<Array<[string, string | null]>> {
  const rows = await engine.internals.database.rows(sql`SELECT payment_id, CAST(ts AS VARCHAR) AS ts FROM datasets.${ident(name)} WHERE payment_id IN (${joinSql(ids.map((id) => sql`${id}`))})`)
  return rows.map((r) => [String(r.payment_id), r.ts === null ? null : String(r.ts)] as [string, string | null]).sort((a, b) => a[0].localeCompare(b[0]))
}

describe('CSV timestamps read natively when the sample shows one layout', () => {
  it('loads "2024-03-31 00:00:01" timestamps with DuckDB\'s reader, in one pass', async () => {
    const report = await importFile(writePayments('space.csv', (iso) => iso.replace('T', ' ')), 'space')
    expect(report).toMatchObject({ sourceRows: 30_000, loadedRows: 30_000, rejectedRows: 0, reconciled: true })
    expect(loads).toHaveLength(1)
    expect(loads[0]).toContain('timestampformat')
    expect(loads[0]).not.toContain('store_rejects')
    unwrap(await engine.commitImport({ importId: report.importId }))
    const [row] = await engine.internals.database.rows(sql`SELECT count(*) AS n, CAST(min(ts) AS VARCHAR) AS first, CAST(max(ts) AS VARCHAR) AS last, typeof(min(ts)) AS type FROM datasets.space`)
    expect(row).toEqual({ n: '30000', first: '2024-03-31 00:00:01', last: '2024-03-31 08:20:00', type: 'TIMESTAMP' })
  })

  it('loads "2024-03-31T00:00:01" (T separator) natively too', async () => {
    const report = await importFile(writePayments('t.csv', (iso) => iso), 't_layout')
    expect(report).toMatchObject({ loadedRows: 30_000, rejectedRows: 0, reconciled: true })
    expect(loads).toHaveLength(1)
    expect(loads[0]).toContain('timestampformat')
  })

  it('goes back to the text path when a value beyond the sample is written otherwise, and loses nothing', async () => {
    const odd = {
      25_000: '2024-03-31T06:56:40.250', // another ISO form: accepted by the text path
      25_001: '2024-03-31 06:56:41+05:30', // an offset in a TIMESTAMP column: refused, never dropped
      25_002: '2024-02-30 10:00:00', // no such day
    }
    const report = await importFile(writePayments('mixed.csv', (iso) => iso.replace('T', ' '), odd), 'mixed')
    expect(loads).toHaveLength(2)
    expect(loads[0]).toContain('timestampformat')
    expect(loads[0]).not.toContain('store_rejects')
    expect(loads[1]).not.toContain('timestampformat')
    expect(loads[1]).toContain('store_rejects')
    expect(report).toMatchObject({ sourceRows: 30_000, loadedRows: 29_998, rejectedRows: 2, reconciled: true })
    expect(report.rejectSample.map((r) => [r.line, r.errorType, r.column])).toEqual([
      [25_002, 'CAST', 'ts'],
      [25_003, 'CAST', 'ts'],
    ])
    expect(report.rejectSample[0]!.message).toContain('"2024-03-31 06:56:41+05:30" is not written like 2024-03-31 09:05:10')
    expect(report.rejectSample[1]!.message).toContain('"2024-02-30 10:00:00" is not a valid date or time')
    unwrap(await engine.commitImport({ importId: report.importId, acceptRejects: true }))
    expect(await valuesOf('mixed', ['P24999', 'P25000', 'P25003'])).toEqual([
      ['P24999', '2024-03-31 06:56:39'],
      ['P25000', '2024-03-31 06:56:40.25'],
      ['P25003', '2024-03-31 06:56:43'],
    ])
  })

  it('reads a day-first layout the inspection chose (31/03/2024 00:00) natively', async () => {
    const path = writePayments('dmy.csv', (iso) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`)
    loads.length = 0
    const { fileId } = engine.registerFile(path)
    const inspection = unwrap(await engine.inspectSource({ fileId, overrides: {} }))
    expect(inspection.columns.find((c) => c.name === 'ts')?.type).toBe('TIMESTAMP')
    const report = unwrap(await engine.stageImport({ fileId, datasetName: 'dmy', overrides: {}, mode: 'copy' }))
    expect(report).toMatchObject({ loadedRows: 30_000, rejectedRows: 0, reconciled: true })
    expect(loads).toHaveLength(1)
    expect(loads[0]).toContain('timestampformat')
    unwrap(await engine.commitImport({ importId: report.importId }))
    const [row] = await engine.internals.database.rows(sql`SELECT CAST(max(ts) AS VARCHAR) AS last FROM datasets.dmy`)
    expect(row?.last).toBe('2024-03-31 08:20:00')
  })
})

describe('the first load fails fast; a second one keeps DuckDB\'s rejects', () => {
  it('loads again with store_rejects when a record far beyond the sample has an extra field, and loses nothing', async () => {
    const report = await importFile(writePayments('ragged.csv', (iso) => iso.replace('T', ' '), { 27_000: '2024-03-31 07:30:00,extra' }), 'ragged')
    expect(loads).toHaveLength(2)
    expect(loads[0]).not.toContain('store_rejects')
    expect(loads[1]).toContain('store_rejects')
    expect(loads[1]).toContain('timestampformat')
    // The progress label says why the import starts over (its percentage restarts with the new read).
    expect(steps.some((label) => label.endsWith(': the strict read stopped at a problem, reading the file again to list every one'))).toBe(true)
    expect(report).toMatchObject({ sourceRows: 30_000, loadedRows: 29_999, rejectedRows: 1, reconciled: true })
    expect(report.rejectSample.map((r) => [r.line, r.errorType])).toEqual([[27_001, 'TOO MANY COLUMNS']])
    expect(report.rejectSample[0]!.raw).toContain('P27000,2024-03-31 07:30:00,extra')
  })

  it('keeps a value our conversion refuses (money with 3 decimals) in one load, with its reason and line', async () => {
    const path = writePayments('cents.csv', (iso) => iso.replace('T', ' '))
    writeFileSync(path, readFileSync(path, 'utf8').replace('P29000,2024-03-31 08:03:20,0.50', 'P29000,2024-03-31 08:03:20,0.505'))
    const report = await importFile(path, 'cents')
    expect(loads).toHaveLength(1)
    expect(loads[0]).not.toContain('store_rejects')
    expect(report).toMatchObject({ sourceRows: 30_000, loadedRows: 29_999, rejectedRows: 1, reconciled: true })
    expect(report.rejectSample.map((r) => [r.line, r.errorType, r.column])).toEqual([[29_001, 'CAST', 'amount']])
    expect(report.rejectSample[0]!.message).toContain('"0.505" has more than 2 decimal places')
  })
})
