// XLSX import: sheet choice, merged cells, formulas with and without saved results, dates,
// and rejects reported by sheet row.
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine, type Engine } from '../../../electron/engine/engine'
import { sql } from '../../../electron/engine/db/sql'
import { tempDir } from '../../helpers/tempDir'

const dir = tempDir('xlsx')
let engine: Engine

async function workbook(): Promise<string> {
  const wb = new ExcelJS.Workbook()
  wb.addWorksheet('Notes').getCell('A1').value = 'read me'
  const ws = wb.addWorksheet('Payments')
  ws.addRow(['payment_id', 'region', 'paid_on', 'amount', 'fee'])
  ws.addRow(['000123', 'São Paulo', new Date(Date.UTC(2024, 2, 31)), 10.5, { formula: 'D2*0.01', result: 0.105 }])
  ws.addRow(['000124', null, new Date(Date.UTC(2024, 3, 1)), 20, { formula: 'D3*0.01', result: 0.2 }])
  ws.addRow(['000125', 'Rio', new Date(Date.UTC(2024, 3, 2)), 30, { formula: 'D4*0.01' }])
  ws.addRow([])
  ws.addRow(['000126', 'Rio', new Date(Date.UTC(2024, 3, 3)), 'ten', 1])
  ws.mergeCells('B2:B3')
  const path = join(dir, 'payments.xlsx')
  await wb.xlsx.writeFile(path)
  return path
}

beforeAll(async () => {
  engine = await createEngine({ projectDir: join(dir, 'project'), host: 'test', threads: 1 })
})
afterAll(() => engine.close())

describe('XLSX import', () => {
  it('inspects the first sheet with data, lists the sheets and explains merged cells and formulas', async () => {
    const file = engine.registerFile(await workbook())
    const inspection = await engine.inspectSource({ fileId: file.fileId })
    if (!inspection.ok) throw new Error(inspection.error.message)
    expect(inspection.value.sheets).toEqual(['Notes', 'Payments'])
    expect(inspection.value.options.sheet).toBe('Notes')
    const chosen = await engine.inspectSource({ fileId: file.fileId, overrides: { sheet: 'Payments' } })
    if (!chosen.ok) throw new Error(chosen.error.message)
    expect(chosen.value.options).toMatchObject({ format: 'xlsx', sheet: 'Payments' })
    expect(chosen.value.notes.join(' ')).toContain('1 cells inside merged ranges')
    expect(chosen.value.notes.join(' ')).toContain('without a saved result (first: sheet row 4)')
    expect(Object.fromEntries(chosen.value.columns.map((c) => [c.name, c.type]))).toEqual({
      payment_id: 'VARCHAR', region: 'VARCHAR', paid_on: 'DATE', amount: 'VARCHAR', fee: 'DOUBLE',
    })
  })

  it('loads the rows, keeps ids and accents, rejects the formula row by its sheet row', async () => {
    const file = engine.registerFile(await workbook())
    const staged = await engine.stageImport({ fileId: file.fileId, datasetName: 'sheet payments', overrides: { sheet: 'Payments', columnTypes: { amount: 'DECIMAL(18,2)' } } })
    if (!staged.ok) throw new Error(staged.error.message)
    expect(staged.value).toMatchObject({ sourceRows: 4, loadedRows: 2, rejectedRows: 2, reconciled: true })
    expect(staged.value.rejectSample.map((r) => [r.line, r.errorType])).toEqual([
      [4, 'FORMULA'],
      [6, 'CAST'],
    ])
    const committed = await engine.commitImport({ importId: staged.value.importId, acceptRejects: true })
    expect(committed.ok).toBe(true)
    const rows = await engine.internals.database.rows(sql`SELECT payment_id, region, CAST(paid_on AS VARCHAR) AS paid_on, CAST(amount AS VARCHAR) AS amount FROM datasets."sheet payments" ORDER BY 1`)
    expect(rows).toEqual([
      { payment_id: '000123', region: 'São Paulo', paid_on: '2024-03-31', amount: '10.50' },
      { payment_id: '000124', region: 'São Paulo', paid_on: '2024-04-01', amount: '20.00' },
    ])
  })

  it('names a missing sheet', async () => {
    const file = engine.registerFile(await workbook())
    const result = await engine.inspectSource({ fileId: file.fileId, overrides: { sheet: 'Nope' } })
    expect(!result.ok && result.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('"Notes", "Payments"') })
  })
})
