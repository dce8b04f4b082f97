// The import flow around a file: commit refuses rejects unless accepted, discard drops the staging
// table, re-import replaces a dataset, a failed or cancelled import leaves the previous dataset
// intact, an edited file is inspected afresh, and the project recipe records the source and
// survives reopening (which also drops leftover staging tables).
import { createHash } from 'node:crypto'
import { closeSync, copyFileSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../../common/contract'
import { recipeSchema } from '../../../common/domain/project'
import { ident, sql } from '../../../electron/engine/db/sql'
import { createEngine, type Engine } from '../../../electron/engine/engine'
import { tempDir } from '../../helpers/tempDir'

const CORPUS = resolve(import.meta.dirname, '../../fixtures/torture')
const dir = tempDir('import-flow')

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

async function rowsOf(engine: Engine, name: string): Promise<string[][]> {
  const rows = await engine.internals.database.rows(sql`SELECT COLUMNS(*)::VARCHAR FROM ${ident('datasets')}.${ident(name)}`)
  return rows.map((r) => Object.values(r).map(String))
}

async function stagingTables(engine: Engine): Promise<string[]> {
  const rows = await engine.internals.database.rows(sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'datasets' AND starts_with(table_name, '__staging_')`)
  return rows.map((r) => String(r.table_name))
}

/** Import a corpus file as `name` and commit it (accepting rejects). */
async function importFile(engine: Engine, file: string, name: string, overrides = {}): Promise<void> {
  const { fileId } = engine.registerFile(join(CORPUS, file))
  const report = unwrap(await engine.stageImport({ fileId, datasetName: name, overrides, mode: 'copy' }))
  unwrap(await engine.commitImport({ importId: report.importId, acceptRejects: true }))
}

const CRLF_ROWS = [['P1', '10.00', 'Delhi'], ['P2', '20.00', 'Pune'], ['P3', '30.00', 'Goa']]

describe('import flow', () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await createEngine({ projectDir: join(dir, 'flow'), host: 'test', threads: 2 })
  })
  afterAll(() => engine.close())

  it('refuses to commit rejected rows unless they are accepted, changing nothing', async () => {
    await importFile(engine, 'crlf.csv', 'strict')
    const recipeBefore = engine.internals.recipe()
    const { fileId } = engine.registerFile(join(CORPUS, 'ragged_rows.csv'))
    const report = unwrap(await engine.stageImport({ fileId, datasetName: 'strict', overrides: {}, mode: 'copy' }))
    expect(report).toMatchObject({ loadedRows: 2, rejectedRows: 2, reconciled: true })

    const refused = await engine.commitImport({ importId: report.importId, acceptRejects: false })
    expect(!refused.ok && refused.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('2 rows were rejected') })
    expect(await rowsOf(engine, 'strict')).toEqual(CRLF_ROWS)
    expect(engine.internals.recipe().sources).toEqual(recipeBefore.sources)

    // Still staged: it can be accepted afterwards.
    unwrap(await engine.commitImport({ importId: report.importId, acceptRejects: true }))
    expect(await rowsOf(engine, 'strict')).toEqual([['P1', '10.00', 'Delhi'], ['P4', '40.00', 'Goa']])
    expect(engine.internals.recipe().sources.find((s) => s.dataset === 'strict')).toMatchObject({ fileName: 'ragged_rows.csv', rows: { source: 4, loaded: 2, rejected: 2 } })
  })

  it('drops the staging table, its rejects and its id on discard', async () => {
    const { fileId } = engine.registerFile(join(CORPUS, 'ragged_rows.csv'))
    const report = unwrap(await engine.stageImport({ fileId, datasetName: 'discarded', overrides: {}, mode: 'copy' }))
    expect(await stagingTables(engine)).toHaveLength(1)
    expect(unwrap(await engine.listRejects({ importId: report.importId })).total).toBe(2)

    expect(unwrap(await engine.discardImport({ importId: report.importId }))).toEqual({ discarded: true })
    expect(await stagingTables(engine)).toEqual([])
    expect(unwrap(await engine.listRejects({ importId: report.importId })).total).toBe(0)
    const [status] = await engine.internals.database.rows(sql`SELECT status FROM meta.imports WHERE import_id = ${report.importId}`)
    expect(status?.status).toBe('discarded')
    const commit = await engine.commitImport({ importId: report.importId, acceptRejects: true })
    expect(!commit.ok && commit.error.code).toBe('NOT_FOUND')
    expect(unwrap(await engine.discardImport({ importId: report.importId }))).toEqual({ discarded: false })
    const [exists] = await engine.internals.database.rows(sql`SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'discarded'`)
    expect(exists?.n).toBe(0)
  })

  it('replaces a dataset on re-import: the new rows only, one recipe source', async () => {
    await importFile(engine, 'crlf.csv', 'replaced')
    expect(await rowsOf(engine, 'replaced')).toEqual(CRLF_ROWS)
    await importFile(engine, 'latin1_sao_paulo.csv', 'replaced')
    expect(await rowsOf(engine, 'replaced')).toEqual([['1', 'São Paulo', '10.50'], ['2', 'Belém', '7.00'], ['3', 'Florianópolis', '3.20']])
    const sources = engine.internals.recipe().sources.filter((s) => s.dataset === 'replaced')
    expect(sources).toHaveLength(1)
    expect(sources[0]).toMatchObject({ fileName: 'latin1_sao_paulo.csv', options: { csv: { encoding: 'latin-1', delimiter: ';', decimalSeparator: ',' } } })
    expect(unwrap(await engine.listDatasets({})).find((d) => d.name === 'replaced')).toMatchObject({ rows: 3, source: { fileName: 'latin1_sao_paulo.csv' } })
  })

  it('keeps the previous dataset intact and readable when a stage fails (truncated Parquet)', async () => {
    await importFile(engine, 'crlf.csv', 'kept')
    const { fileId } = engine.registerFile(join(CORPUS, 'truncated.parquet'))
    const failed = await engine.stageImport({ fileId, datasetName: 'kept', overrides: {}, mode: 'copy' })
    expect(!failed.ok && failed.error).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('not a complete Parquet file') })
    expect(await rowsOf(engine, 'kept')).toEqual(CRLF_ROWS)
    expect(engine.internals.recipe().sources.find((s) => s.dataset === 'kept')?.fileName).toBe('crlf.csv')
    expect(await stagingTables(engine)).toEqual([])
  })

  it('inspects and imports a file edited after it was chosen as it is now, not as it was', async () => {
    const path = join(dir, 'edited.csv')
    writeFileSync(path, 'payment_id,amount\nP1,10.00\n')
    const { fileId } = engine.registerFile(path)
    expect(unwrap(await engine.inspectSource({ fileId, overrides: {} })).scope.rowsExamined).toBe(1)
    writeFileSync(path, 'payment_id,amount\nP1,10.00\nP2,20.00\nP3,30.00\n')
    const report = unwrap(await engine.stageImport({ fileId, datasetName: 'edited', overrides: {}, mode: 'copy' }))
    expect(report).toMatchObject({ sourceRows: 3, loadedRows: 3, reconciled: true })
    unwrap(await engine.commitImport({ importId: report.importId, acceptRejects: false }))
    const source = engine.internals.recipe().sources.find((s) => s.dataset === 'edited')!
    expect(source.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'))
  })

  it("records a CSV's SHA-256 of the file as it is on disk, however it is read (chunks, gzip, transcoded, UTF-16)", async () => {
    // Over 3 MB: the record count that also hashes it reads it in several chunks of one buffer.
    const big = join(dir, 'hash_big.csv')
    writeFileSync(big, 'payment_id,amount\n' + Array.from({ length: 200_000 }, (_, i) => `P${String(i).padStart(9, '0')},${(i % 997) + 0.25}\n`).join(''))
    expect(statSync(big).size).toBeGreaterThan(3 * 2 ** 20)
    const files = [big, join(CORPUS, 'payments.csv.gz'), join(CORPUS, 'cp1252_curly_euro.csv'), join(CORPUS, 'utf16le_bom.tsv'), join(CORPUS, 'gzip_without_extension.csv')]
    for (const [i, path] of files.entries()) {
      const { fileId } = engine.registerFile(path)
      const report = unwrap(await engine.stageImport({ fileId, datasetName: `hashed_${i}`, overrides: {}, mode: 'copy' }))
      unwrap(await engine.commitImport({ importId: report.importId, acceptRejects: true }))
      const source = engine.internals.recipe().sources.find((s) => s.dataset === `hashed_${i}`)!
      expect(source.sha256, path).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'))
    }
  })

  describe('cancelling a running import', () => {
    // Big enough that loading takes a while: 200 000 rows, about 12 MB.
    const big = join(dir, 'big payments.csv')
    beforeAll(() => {
      const fd = openSync(big, 'w')
      writeSync(fd, 'payment_id,amount,city,note\n')
      for (let block = 0; block < 20; block++) {
        const lines: string[] = []
        for (let i = block * 10_000; i < (block + 1) * 10_000; i++) lines.push(`P${i},${(i % 5000) / 100},City ${i % 97},some note text for row ${i}\n`)
        writeSync(fd, lines.join(''))
      }
      closeSync(fd)
    })

    /** Stage `big` as `cancelled`, cancelling with the task id of the first progress event of the given phase. */
    async function stageAndCancel(phase: 'started' | 'running'): Promise<void> {
      const { fileId } = engine.registerFile(big)
      let cancelled: Promise<unknown> | null = null
      const off = engine.onEvent((event: EngineEvent) => {
        if (cancelled === null && event.type === 'progress' && event.label === 'Importing big payments.csv' && event.phase === phase) {
          cancelled = engine.cancelTask({ taskId: event.taskId })
        }
      })
      try {
        const result = await engine.stageImport({ fileId, datasetName: 'cancelled', overrides: {}, mode: 'copy' })
        expect(cancelled).not.toBeNull()
        expect(await cancelled).toEqual({ ok: true, value: { cancelled: true } })
        expect(!result.ok && result.error.code).toBe('CANCELLED')
      } finally {
        off()
      }
      expect(await rowsOf(engine, 'cancelled')).toEqual(CRLF_ROWS)
      expect(engine.internals.recipe().sources.find((s) => s.dataset === 'cancelled')?.fileName).toBe('crlf.csv')
      expect(await stagingTables(engine)).toEqual([])
    }

    it('at its first progress event: CANCELLED, the previous dataset intact, no staging left', async () => {
      await importFile(engine, 'crlf.csv', 'cancelled')
      await stageAndCancel('started')
    }, 30_000)

    it('while it reads the file: the same', async () => {
      await stageAndCancel('running')
    }, 30_000)
  })
})

describe('the project recipe', () => {
  const projectDir = join(dir, 'recipe project')
  const source = join(dir, 'dates.csv')

  it('records the source with size, sha256 and options, and survives reopening the engine', async () => {
    copyFileSync(join(CORPUS, 'dates_ambiguous.csv'), source)
    let engine = await createEngine({ projectDir, host: 'test', threads: 1 })
    try {
      const { fileId } = engine.registerFile(source)
      const report = unwrap(await engine.stageImport({ fileId, datasetName: 'payments', overrides: { dateOrder: 'DMY' }, mode: 'copy' }))
      unwrap(await engine.commitImport({ importId: report.importId, acceptRejects: false }))
    } finally {
      await engine.close()
    }

    const recipe = recipeSchema.parse(JSON.parse(readFileSync(join(projectDir, 'cashback-project.json'), 'utf8')))
    expect(recipe.sources).toHaveLength(1)
    expect(recipe.sources[0]).toMatchObject({
      dataset: 'payments', fileName: 'dates.csv', path: source, sizeBytes: statSync(source).size,
      sha256: createHash('sha256').update(readFileSync(source)).digest('hex'),
      format: 'csv', mode: 'copy',
      options: { format: 'csv', csv: { delimiter: ',', header: true, encoding: 'utf-8', dateFormat: '%d/%m/%Y' }, columns: [{ name: 'payment_id', type: 'VARCHAR' }, { name: 'paid_on', type: 'DATE' }, { name: 'amount', type: 'DECIMAL(18,2)' }] },
      rows: { source: 3, loaded: 3, rejected: 0 },
    })

    engine = await createEngine({ projectDir, host: 'test', threads: 1 })
    try {
      expect(unwrap(await engine.listDatasets({}))).toMatchObject([{ name: 'payments', rows: 3, source: { fileName: 'dates.csv', rejectedRows: 0 } }])
      expect(await rowsOf(engine, 'payments')).toEqual([['P1', '2024-04-03', '10.00'], ['P2', '2024-02-01', '20.00'], ['P3', '2023-11-12', '5.00']])
      expect(engine.internals.recipe().sources).toEqual(recipe.sources)
    } finally {
      await engine.close()
    }
  }, 30_000)

  it('drops staging tables left by an engine that closed before commit', async () => {
    let engine = await createEngine({ projectDir, host: 'test', threads: 1 })
    let importId: string
    try {
      const { fileId } = engine.registerFile(join(CORPUS, 'crlf.csv'))
      importId = unwrap(await engine.stageImport({ fileId, datasetName: 'left behind', overrides: {}, mode: 'copy' })).importId
      expect(await stagingTables(engine)).toHaveLength(1)
    } finally {
      await engine.close()
    }
    engine = await createEngine({ projectDir, host: 'test', threads: 1 })
    try {
      expect(await stagingTables(engine)).toEqual([])
      const [status] = await engine.internals.database.rows(sql`SELECT status FROM meta.imports WHERE import_id = ${importId}`)
      expect(status?.status).toBe('discarded')
      const commit = await engine.commitImport({ importId, acceptRejects: true })
      expect(!commit.ok && commit.error.code).toBe('NOT_FOUND')
      // The committed dataset is untouched.
      expect(unwrap(await engine.listDatasets({})).map((d) => d.name)).toEqual(['payments'])
    } finally {
      await engine.close()
    }
  }, 30_000)
})
