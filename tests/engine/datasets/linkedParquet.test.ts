// A linked Parquet source is never copied: staging is a view over the file, discard leaves
// nothing, commit makes the dataset a view, and the counts still reconcile.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { relationKind, stagingName } from '../../../electron/engine/datasets/catalog'
import { createEngine, type Engine } from '../../../electron/engine/engine'
import { sql } from '../../../electron/engine/db/sql'
import { tempDir } from '../../helpers/tempDir'

const dir = tempDir('linked')
const parquet = join(dir, 'payments.parquet')
let engine: Engine

beforeAll(async () => {
  engine = await createEngine({ projectDir: join(dir, 'project'), host: 'test', threads: 1 })
  await engine.internals.database.run(sql`COPY (SELECT 'p' || i AS payment_id, i * 1.5 AS amount FROM range(1000) t(i)) TO ${parquet} (FORMAT parquet)`)
})
afterAll(() => engine.close())

async function stageLinked() {
  const file = engine.registerFile(parquet)
  const staged = await engine.stageImport({ fileId: file.fileId, datasetName: 'linked', mode: 'link' })
  if (!staged.ok) throw new Error(staged.error.message)
  return staged.value
}

describe('linking a Parquet file', () => {
  it('stages a view over the file, not a copy, and discarding it leaves nothing', async () => {
    const report = await stageLinked()
    expect(report).toMatchObject({ sourceRows: 1000, loadedRows: 1000, rejectedRows: 0, reconciled: true })
    expect(await relationKind(engine.internals.database, stagingName(report.importId))).toBe('view')
    await engine.discardImport({ importId: report.importId })
    expect(await relationKind(engine.internals.database, stagingName(report.importId))).toBeNull()
  })

  it('commits as a view that reads the file', async () => {
    const report = await stageLinked()
    const committed = await engine.commitImport({ importId: report.importId })
    if (!committed.ok) throw new Error(committed.error.message)
    expect(await relationKind(engine.internals.database, 'linked')).toBe('view')
    expect(await relationKind(engine.internals.database, stagingName(report.importId))).toBeNull()
    const [row] = await engine.internals.database.rows(sql`SELECT count(*)::INTEGER AS n, sum(amount)::DOUBLE AS total FROM datasets.linked`)
    expect(row).toEqual({ n: 1000, total: 1.5 * ((999 * 1000) / 2) })
  })
})
