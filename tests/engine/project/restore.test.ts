// The project database is a cache of the recipe: delete it, reopen, and every dataset and the
// mapping come back from their sources; a source that vanished or changed is reported.
import { appendFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEngine } from '../../../electron/engine/engine'
import { sql } from '../../../electron/engine/db/sql'
import { tempDir } from '../../helpers/tempDir'

const dir = tempDir('restore')
const projectDir = join(dir, 'project')

async function importFile(path: string, name: string, overrides: Record<string, unknown> = {}) {
  const engine = await createEngine({ projectDir, host: 'test', threads: 1 })
  const file = engine.registerFile(path)
  const staged = await engine.stageImport({ fileId: file.fileId, datasetName: name, overrides: { dateOrder: 'DMY', ...overrides } })
  if (!staged.ok) throw new Error(staged.error.message)
  const committed = await engine.commitImport({ importId: staged.value.importId, acceptRejects: true })
  if (!committed.ok) throw new Error(committed.error.message)
  return engine
}

function dropDatabase(): void {
  rmSync(join(projectDir, 'project.duckdb'))
  rmSync(join(projectDir, 'project.duckdb.wal'), { force: true })
}

describe('restoring datasets from the recipe', () => {
  it('rebuilds datasets and canonical views after the database file is deleted', async () => {
    const payments = join(dir, 'pagamentos.csv')
    writeFileSync(payments, 'id;cliente;valor;data\n1;c1;10,50;05/03/2024\n2;c2;abc;06/03/2024\n3;c1;7,25;07/03/2024\n')
    let engine = await importFile(payments, 'pagamentos', { columnTypes: { valor: 'DECIMAL(18,2)' } })
    const mapping = {
      roles: { payments: { dataset: 'pagamentos', columns: { payment_id: 'id', user_id: 'cliente', amount: 'valor', ts: 'data' }, constants: { country: 'BR' }, values: {}, timestamps: 'local' as const } },
      countries: { BR: { currency: 'BRL', timeZone: 'America/Sao_Paulo' } },
    }
    const saved = await engine.saveMapping({ mapping })
    if (!saved.ok) throw new Error(saved.error.message)
    await engine.close()
    dropDatabase()

    engine = await createEngine({ projectDir, host: 'test', threads: 1 })
    const project = await engine.getProject({})
    expect(project.ok && project.value.sources).toEqual([{ dataset: 'pagamentos', fileName: 'pagamentos.csv', path: payments, status: 'restored', message: null }])
    const rows = await engine.internals.database.rows(sql`SELECT payment_id, CAST(amount AS VARCHAR) AS amount, CAST(ts AS VARCHAR) AS ts FROM canon.payments ORDER BY payment_id`)
    // The same rows as imported (the bad amount was rejected then and is again); 05/03 is 5 March, São Paulo time → UTC.
    expect(rows).toEqual([
      { payment_id: '1', amount: '10.50', ts: '2024-03-05 03:00:00' },
      { payment_id: '3', amount: '7.25', ts: '2024-03-07 03:00:00' },
    ])
    await engine.close()
  })

  it('reports a source file that changed or vanished instead of importing something else', async () => {
    const changed = join(dir, 'changed.csv')
    const gone = join(dir, 'gone.csv')
    writeFileSync(changed, 'a,b\n1,2\n')
    writeFileSync(gone, 'a,b\n1,2\n')
    await (await importFile(changed, 'changed')).close()
    await (await importFile(gone, 'gone')).close()
    appendFileSync(changed, '3,4\n')
    rmSync(gone)
    dropDatabase()
    const engine = await createEngine({ projectDir, host: 'test', threads: 1 })
    const project = await engine.getProject({})
    if (!project.ok) throw new Error(project.error.message)
    const status = Object.fromEntries(project.value.sources.map((s) => [s.dataset, s.status]))
    expect(status).toMatchObject({ pagamentos: 'restored', changed: 'changed-file', gone: 'missing-file' })
    expect(project.value.sources.find((s) => s.dataset === 'gone')?.message).toContain('is gone')
    await engine.close()
  })
})
