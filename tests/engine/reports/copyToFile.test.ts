// copyToFile: COPY to a temporary file then rename; CSV text cells guarded against formulas
// (numbers untouched), an optional BOM, the order applied outermost; parameters refused.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../../electron/engine/db/database'
import { raw, sql } from '../../../electron/engine/db/sql'
import { copyToFile } from '../../../electron/engine/reports/copyToFile'
import { tempDir } from '../../helpers/tempDir'

const root = tempDir('copy-to-file')
let db: Database

beforeAll(async () => {
  db = await openDatabase(join(root, 'project'), { threads: 1 })
  await db.run(sql`CREATE TABLE t AS SELECT * FROM (VALUES ('=1+2', -500.5, 2), ('+91 98', 3.0, 1), ('a,"b"', NULL, 3), ('@x', 0.25, 4)) v(name, amount, k)`)
})
afterAll(() => db?.close())

describe('copyToFile', () => {
  it('writes CSV with a BOM, guarded text, untouched numbers, in the given order, and no temporary file left', async () => {
    const out = join(root, 'out.csv')
    await copyToFile(db, sql`SELECT name, amount FROM t WHERE k > 0`, raw('amount NULLS LAST'), 'csv', true, out)
    expect(readFileSync(out, 'utf8')).toBe('\uFEFFname,amount\n\'=1+2,-500.50\n\'@x,0.25\n\'+91 98,3.00\n"a,""b""",\n')
    expect(readdirSync(root).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('writes Parquet without a guard (typed columns, no spreadsheet)', async () => {
    const out = join(root, 'out.parquet')
    await copyToFile(db, sql`SELECT name, k FROM t`, raw('k'), 'parquet', true, out)
    const rows = await db.rows(sql`SELECT name, k FROM read_parquet(${out})`)
    expect(rows).toEqual([{ name: '+91 98', k: 1 }, { name: '=1+2', k: 2 }, { name: 'a,"b"', k: 3 }, { name: '@x', k: 4 }])
  })

  it('refuses a query with parameters (COPY binds only its target)', async () => {
    await expect(copyToFile(db, sql`SELECT name FROM t WHERE k = ${1}`, raw('name'), 'csv', false, join(root, 'x.csv'))).rejects.toThrow(/must hold no parameters/)
  })
})
