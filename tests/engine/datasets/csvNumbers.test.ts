// Money and whole numbers from CSV text: a value written exactly as DuckDB writes the type takes
// the fast round trip; every other form is converted or refused as strictly as before (nothing
// rounded, no exponent, no stray sign or separator), with its line and reason.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ident, sql } from '../../../electron/engine/db/sql'
import { createEngine, type Engine } from '../../../electron/engine/engine'
import { tempDir } from '../../helpers/tempDir'

const dir = tempDir('csv-numbers')
let engine: Engine

beforeAll(async () => {
  engine = await createEngine({ projectDir: join(dir, 'project'), host: 'test', threads: 1 })
})
afterAll(() => engine.close())

/** [amount text, count text, amount loaded or null if refused, count loaded, reason fragment]. */
const CASES: ReadonlyArray<readonly [string, string, string | null, string | null, string]> = [
  ['1234.50', '42', '1234.50', '42', ''],
  ['-0.50', '-7', '-0.50', '-7', ''],
  ['9999999999999999.99', '9223372036854775807', '9999999999999999.99', '9223372036854775807', ''],
  ['12.5', '007', '12.50', '7', ''],
  ['.50', '+3', '0.50', '3', ''],
  ['+3.00', '0', '3.00', '0', ''],
  ['-0.00', '-0', '0.00', '0', ''],
  [' 12.50 ', ' 5 ', '12.50', '5', ''],
  ['12.500', '5', '12.50', '5', ''],
  ['12.345', '5', null, '5', 'more than 2 decimal places'],
  ['12.3401', '5', null, '5', 'more than 2 decimal places'],
  ['1e2', '5', null, '5', 'is not an amount'],
  ['99999999999999999.99', '5', null, '5', 'too large for money'],
  ['12,50', '5', null, '5', 'is not an amount'],
  ['10.00', '1.5', '10.00', null, 'is not a whole number'],
  ['10.00', '1e3', '10.00', null, 'is not a whole number'],
  ['10.00', '9223372036854775808', '10.00', null, 'too large for a whole-number column'],
  ['10.00', '0x1F', '10.00', null, 'is not a whole number'],
]

describe('money and whole numbers', () => {
  it('loads exact values, writes none back rounded, and refuses the rest with their line and reason', async () => {
    const lines = CASES.map(([amount, count], i) => `P${i},"${amount}","${count}"`)
    writeFileSync(join(dir, 'numbers.csv'), `payment_id,amount,n\n${lines.join('\n')}\n`)
    const file = engine.registerFile(join(dir, 'numbers.csv'))
    const staged = await engine.stageImport({ fileId: file.fileId, datasetName: 'numbers', overrides: { columnTypes: { amount: 'DECIMAL(18,2)', n: 'BIGINT' } } })
    if (!staged.ok) throw new Error(staged.error.message)
    const refused = CASES.filter(([, , amount, count]) => amount === null || count === null)
    expect(staged.value).toMatchObject({ sourceRows: CASES.length, loadedRows: CASES.length - refused.length, rejectedRows: refused.length, reconciled: true })
    for (const [i, [amount, count, loadedAmount, loadedCount, reason]] of CASES.entries()) {
      if (loadedAmount !== null && loadedCount !== null) continue
      const reject = staged.value.rejectSample.find((r) => r.line === i + 2)
      expect(reject, `line ${i + 2}: ${amount} / ${count}`).toMatchObject({ errorType: 'CAST', column: loadedAmount === null ? 'amount' : 'n' })
      expect(reject?.message).toContain(reason)
    }
    const committed = await engine.commitImport({ importId: staged.value.importId, acceptRejects: true })
    if (!committed.ok) throw new Error(committed.error.message)
    const rows = await engine.internals.database.rows(sql`SELECT payment_id, amount::VARCHAR AS amount, n::VARCHAR AS n FROM ${ident('datasets')}.${ident('numbers')} ORDER BY rowid`)
    const expected = CASES.flatMap(([, , amount, count], i) => (amount === null || count === null ? [] : [{ payment_id: `P${i}`, amount, n: count }]))
    expect(rows).toEqual(expected)
  })
})
