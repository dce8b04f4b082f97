// The torture corpus (tests/fixtures/torture, outcomes in expected.ts) through the real engine:
// registerFile → inspectSource → stageImport → commitImport, then the values read back. Plus the
// cases that cannot be committed files: a bad value beyond the inspection sample of a > 64 MB
// file, and a file the user may not read.
import { spawnSync } from 'node:child_process'
import { chmodSync, closeSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportReport, SourceInspection } from '../../../common/domain/dataset'
import { FULL_SCAN_BYTES, SAMPLE_ROWS } from '../../../electron/engine/datasets/csvInspect'
import { ident, Sql, sql } from '../../../electron/engine/db/sql'
import { createEngine, EngineError, type Engine } from '../../../electron/engine/engine'
import { TORTURE, type ExpectedError, type ExpectedLoad, type TortureCase } from '../../fixtures/torture/expected'
import { tempDir } from '../../helpers/tempDir'

const CORPUS = resolve(import.meta.dirname, '../../fixtures/torture')
const ROOT = resolve(import.meta.dirname, '../../..')

let engine: Engine
beforeAll(async () => {
  engine = await createEngine({ projectDir: join(tempDir('torture'), 'project'), host: 'test', threads: 2 })
})
afterAll(() => engine.close())

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

/** Rows of a dataset with every value as text, in the table's order. */
async function readBack(name: string, select = '*'): Promise<Array<Array<string | null>>> {
  const rows = await engine.internals.database.rows(sql`SELECT COLUMNS(*)::VARCHAR FROM (SELECT ${new Sql(select, [])} FROM ${ident('datasets')}.${ident(name)})`)
  return rows.map((row) => Object.values(row).map((v) => (v === null ? null : String(v))))
}

function label(c: TortureCase): string {
  const extra = [c.mode === 'link' ? 'linked' : null, c.overrides === undefined ? null : JSON.stringify(c.overrides)].filter((x) => x !== null)
  const outcome = 'error' in c.expect ? `${c.expect.error.code} at ${c.expect.error.at}` : `loads ${c.expect.loaded}${c.expect.rejected?.length ? `, rejects ${c.expect.rejected.length}` : ''}`
  return `${c.file}${extra.length > 0 ? ` (${extra.join(', ')})` : ''} → ${outcome}`
}

async function expectError(c: TortureCase, expected: ExpectedError): Promise<void> {
  const path = join(CORPUS, c.file)
  if (expected.at === 'register') {
    let thrown: unknown = null
    try {
      engine.registerFile(path)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(EngineError)
    expect(thrown).toMatchObject({ code: expected.code, message: expect.stringContaining(expected.message) })
    return
  }
  const { fileId } = engine.registerFile(path)
  const inspection = await engine.inspectSource({ fileId, overrides: c.overrides ?? {} })
  if (expected.at === 'inspect') {
    expect(inspection.ok).toBe(false)
    if (!inspection.ok) expect(inspection.error).toMatchObject({ code: expected.code, message: expect.stringContaining(expected.message) })
    return
  }
  expect(unwrap(inspection).questions.map((q) => q.id)).toEqual(expected.questions ?? [])
  const staged = await engine.stageImport({ fileId, datasetName: `failed ${c.file}`, overrides: c.overrides ?? {}, mode: c.mode ?? 'copy' })
  expect(staged.ok).toBe(false)
  if (!staged.ok) expect(staged.error).toMatchObject({ code: expected.code, message: expect.stringContaining(expected.message) })
  expect(await stagingTables()).toEqual([])
}

async function relation(name: string): Promise<string | null> {
  const [row] = await engine.internals.database.rows(sql`SELECT table_type FROM information_schema.tables WHERE table_schema = 'datasets' AND table_name = ${name}`)
  return row === undefined ? null : String(row.table_type)
}

async function stagingTables(): Promise<string[]> {
  const rows = await engine.internals.database.rows(sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'datasets' AND starts_with(table_name, '__staging_')`)
  return rows.map((r) => String(r.table_name))
}

function checkInspection(inspection: SourceInspection, expected: ExpectedLoad): void {
  const detected = Object.fromEntries(inspection.detected.map((d) => [d.setting, d.value]))
  for (const [setting, value] of Object.entries(expected.detected ?? {})) expect(detected[setting], `detected ${setting}`).toBe(value)
  if (expected.types !== undefined) expect(inspection.columns.map((col) => [col.name, col.type])).toEqual(Object.entries(expected.types))
  for (const piece of expected.inspectNotes ?? []) expect(inspection.notes.join('\n')).toContain(piece)
  expect(inspection.questions.map((q) => q.id)).toEqual(expected.questions ?? [])
}

function checkReport(report: ImportReport, expected: ExpectedLoad): void {
  const rejected = expected.rejected ?? []
  expect({ sourceRows: report.sourceRows, loadedRows: report.loadedRows, rejectedRows: report.rejectedRows, reconciled: report.reconciled }).toEqual({
    sourceRows: expected.source ?? expected.loaded + rejected.length,
    loadedRows: expected.loaded,
    rejectedRows: rejected.length,
    reconciled: true,
  })
  expect(report.rejectSample.map((r) => ({ line: r.line, type: r.errorType }))).toEqual(rejected.map((r) => ({ line: r.line, type: r.type })))
  rejected.forEach((r, i) => {
    const got = report.rejectSample[i]!
    expect(got.message, `reject on line ${r.line}`).toContain(r.reason)
    if (r.column !== undefined) expect(got.column).toBe(r.column)
    // Every reject carries the text of its record for the report.
    expect(got.raw, `raw text of the reject on line ${r.line}`).not.toBeNull()
  })
  for (const piece of expected.reportNotes ?? []) expect(report.notes.join('\n')).toContain(piece)
}

describe('the torture corpus', () => {
  TORTURE.forEach((c, index) => {
    it(label(c), async () => {
      if ('error' in c.expect) return expectError(c, c.expect.error)
      const expected = c.expect
      const { fileId } = engine.registerFile(join(CORPUS, c.file))
      const inspection = unwrap(await engine.inspectSource({ fileId, overrides: c.overrides ?? {} }))
      checkInspection(inspection, expected)

      const name = `torture ${index}`
      const report = unwrap(await engine.stageImport({ fileId, datasetName: name, overrides: c.overrides ?? {}, mode: c.mode ?? 'copy' }))
      checkReport(report, expected)
      // Nothing is visible before commit.
      expect(await relation(name)).toBeNull()

      const rejected = (expected.rejected ?? []).length
      const summary = unwrap(await engine.commitImport({ importId: report.importId, acceptRejects: rejected > 0 }))
      expect(summary.rows).toBe(expected.loaded)
      expect(summary.source.rejectedRows).toBe(rejected)
      expect(unwrap(await engine.listRejects({ importId: report.importId })).total).toBe((expected.rejected ?? []).length)
      expect(await relation(name)).toBe(expected.view === true ? 'VIEW' : 'BASE TABLE')
      if (expected.rows !== undefined) expect(await readBack(name, expected.select)).toEqual(expected.rows)
      expect(await stagingTables()).toEqual([])
    })
  })

  // XLSX (merged cells, formulas) runs through the CSV importer and has its own test with a
  // workbook built at test time: tests/engine/datasets/xlsx.test.ts.
  it.todo('XLSX with merged cells and formulas (see xlsx.test.ts)')
})

describe('a bad value beyond the inspection sample', () => {
  // Larger than FULL_SCAN_BYTES, so the inspection reads only the first SAMPLE_ROWS rows; the bad
  // values are after them and must still be rejected (not typed around, not coerced).
  const ROWS = 250_010
  const dir = tempDir('beyond')
  const path = join(dir, 'beyond the sample.csv')

  beforeAll(() => {
    const fd = openSync(path, 'w')
    const filler = 'x'.repeat(255)
    writeSync(fd, 'payment_id,amount,qty,note\n')
    let chunk: string[] = []
    for (let i = 1; i <= ROWS; i++) {
      const amount = i === 250_001 ? 'n/a' : `${i % 1000}.${String(i % 100).padStart(2, '0')}`
      const qty = i === 250_003 ? '2.5' : String(i % 9)
      chunk.push(`P${String(i).padStart(7, '0')},${amount},${qty},${filler}\n`)
      if (chunk.length === 10_000) {
        writeSync(fd, chunk.join(''))
        chunk = []
      }
    }
    writeSync(fd, chunk.join(''))
    closeSync(fd)
  })

  it('samples the first 200k rows, then rejects "n/a" (row 250,001) and "2.5" (row 250,003) by line', async () => {
    expect(statSync(path).size).toBeGreaterThan(FULL_SCAN_BYTES)
    expect(250_001).toBeGreaterThan(SAMPLE_ROWS)
    const { fileId } = engine.registerFile(path)
    const inspection = unwrap(await engine.inspectSource({ fileId, overrides: {} }))
    expect(inspection.scope).toMatchObject({ kind: 'sample', rowsExamined: SAMPLE_ROWS })
    expect(inspection.columns.map((c) => [c.name, c.type])).toEqual([['payment_id', 'VARCHAR'], ['amount', 'DECIMAL(18,2)'], ['qty', 'BIGINT'], ['note', 'VARCHAR']])
    const report = unwrap(await engine.stageImport({ fileId, datasetName: 'beyond', overrides: {}, mode: 'copy' }))
    expect(report).toMatchObject({ sourceRows: ROWS, loadedRows: ROWS - 2, rejectedRows: 2, reconciled: true })
    expect(report.rejectSample.map((r) => [r.line, r.errorType, r.column])).toEqual([
      [250_002, 'CAST', 'amount'],
      [250_004, 'CAST', 'qty'],
    ])
    expect(report.rejectSample[0]!.message).toContain('"n/a" is not an amount')
    expect(report.rejectSample[1]!.message).toContain('"2.5" is not a whole number')
    expect(report.rejectSample[0]!.raw).toMatch(/^P0250001,n\/a,8,x+$/)
    unwrap(await engine.commitImport({ importId: report.importId, acceptRejects: true }))
    expect(await readBack('beyond', "count(*), count(*) FILTER (WHERE payment_id IN ('P0250001', 'P0250003')), max(CASE WHEN payment_id = 'P0250002' THEN amount END)")).toEqual([
      [String(ROWS - 2), '0', '2.02'],
    ])
  }, 60_000)
})

describe('a file the user may not read', () => {
  const dir = tempDir('unreadable')
  const secret = join(dir, 'secret.csv')
  const open = join(dir, 'open.csv')

  beforeAll(() => {
    chmodSync(dir, 0o755)
    writeFileSync(secret, 'payment_id,amount\nP1,10.00\n')
    writeFileSync(open, 'payment_id,amount\nP1,10.00\n')
    chmodSync(secret, 0o000)
  })

  it('is refused at registration with IO_ERROR (EACCES), while a readable neighbour is accepted', () => {
    if (process.getuid?.() !== 0) {
      // Not root: chmod 000 stops this very process.
      expect(() => engine.registerFile(secret)).toThrow(expect.objectContaining({ code: 'IO_ERROR' }))
      return
    }
    // Root reads everything, so ask as the unprivileged user "nobody" in a child process.
    const projectDir = join(dir, 'child project')
    mkdirSync(projectDir, { mode: 0o777 })
    chmodSync(projectDir, 0o777)
    const script = join(dir, 'register.mts')
    writeFileSync(
      script,
      `import { createEngine } from ${JSON.stringify(join(ROOT, 'electron/engine/engine.ts'))}
const engine = await createEngine({ projectDir: ${JSON.stringify(projectDir)}, host: 'test', threads: 1 })
const out = {}
for (const [key, path] of Object.entries({ secret: ${JSON.stringify(secret)}, open: ${JSON.stringify(open)} })) {
  try { out[key] = { ok: true, name: engine.registerFile(path).name } } catch (error) { out[key] = { ok: false, code: error.code, message: error.message } }
}
await engine.close()
console.log(JSON.stringify(out))
`,
    )
    chmodSync(script, 0o644)
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], {
      cwd: ROOT, uid: 65534, gid: 65534, encoding: 'utf8', timeout: 30_000, env: { ...process.env, HOME: dir },
    })
    expect(child.status, child.stderr).toBe(0)
    const out = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Record<string, { ok: boolean; code?: string; message?: string; name?: string }>
    expect(out.open).toEqual({ ok: true, name: 'open.csv' })
    expect(out.secret).toMatchObject({ ok: false, code: 'IO_ERROR', message: expect.stringContaining('cannot be read (EACCES)') })
  }, 40_000)
})
