// Rejected rows: a forced type shows its mismatches before import, and the reject list exports
// as a CSV that reads back with line, column, reason and raw text.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine, type Engine } from '../../../electron/engine/engine'
import { tempDir } from '../../helpers/tempDir'

const dir = tempDir('rejects')
let engine: Engine

beforeAll(async () => {
  engine = await createEngine({ projectDir: join(dir, 'project'), host: 'test', threads: 1 })
})
afterAll(() => engine.close())

describe('rejects', () => {
  it('counts the mismatches of a type the user forces, before importing', async () => {
    writeFileSync(join(dir, 'a.csv'), 'id;valor\n1;10,50\n2;abc\n3;7,25\n')
    const file = engine.registerFile(join(dir, 'a.csv'))
    const detected = await engine.inspectSource({ fileId: file.fileId })
    expect(detected.ok && detected.value.columns.find((c) => c.name === 'valor')?.type).toBe('VARCHAR')
    const forced = await engine.inspectSource({ fileId: file.fileId, overrides: { columnTypes: { valor: 'DECIMAL(18,2)' } } })
    if (!forced.ok) throw new Error(forced.error.message)
    expect(forced.value.columns.find((c) => c.name === 'valor')).toMatchObject({ type: 'DECIMAL(18,2)', detectedType: 'VARCHAR', mismatches: 1, mismatchExamples: ['abc'] })
  })

  it('exports the rejects as CSV', async () => {
    const file = engine.registerFile(join(dir, 'a.csv'))
    const staged = await engine.stageImport({ fileId: file.fileId, datasetName: 'a', overrides: { columnTypes: { valor: 'DECIMAL(18,2)' } } })
    if (!staged.ok) throw new Error(staged.error.message)
    expect(staged.value).toMatchObject({ sourceRows: 3, loadedRows: 2, rejectedRows: 1 })
    const exported = await engine.exportRejects({ importId: staged.value.importId })
    if (!exported.ok) throw new Error(exported.error.message)
    const csv = readFileSync(engine.exportedFile(exported.value.fileId).path, 'utf8').trim().split('\n')
    expect(csv[0]).toBe('line,column,error_type,reason,raw_text')
    expect(csv).toHaveLength(2)
    expect(csv[1]).toMatch(/^3,valor,/)
    expect(csv[1]).toContain('abc')
    const none = await engine.exportRejects({ importId: '00000000-0000-4000-8000-000000000000' })
    expect(!none.ok && none.error.code).toBe('NOT_FOUND')
  })
})
