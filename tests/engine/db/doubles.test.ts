// Columnar DOUBLE reads (Database.doubles): values and NULLs across several chunks, the copy fast
// path node-api's vectors allow, and the refusal of a column that is not DOUBLE.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFlatDoubles, openDatabase, type Database } from '../../../electron/engine/db/database'
import { sql } from '../../../electron/engine/db/sql'
import { EngineError } from '../../../electron/engine/engineError'
import { tempDir } from '../../helpers/tempDir'

let db: Database
beforeAll(async () => {
  db = await openDatabase(tempDir('doubles'))
})
afterAll(() => db.close())

describe('Database.doubles', () => {
  it('reads every row of every column in order, NULL as NaN, over many chunks', async () => {
    // 5000 rows = 3 chunks; NULLs only in the second chunk's range, so chunks with and without NULLs mix.
    const [x, y] = await db.doubles(sql`SELECT CAST(range AS DOUBLE) / 4 AS x,
        CASE WHEN range BETWEEN 2500 AND 2600 AND range % 7 = 0 THEN NULL ELSE CAST(range * 3 AS DOUBLE) END AS y
      FROM range(5000) ORDER BY range`)
    expect(x).toHaveLength(5000)
    expect(y).toHaveLength(5000)
    for (let i = 0; i < 5000; i++) {
      expect(x![i]).toBe(i / 4)
      expect(y![i]).toBe(i >= 2500 && i <= 2600 && i % 7 === 0 ? Number.NaN : i * 3)
    }
  })

  it('reads every value of a result of more than 256 chunks (where the reader starts yielding to the event loop)', async () => {
    const [x] = await db.doubles(sql`SELECT CAST(range AS DOUBLE) AS x FROM range(600000) ORDER BY range`)
    expect(x).toHaveLength(600_000)
    expect(x![0]).toBe(0)
    expect(x![599_999]).toBe(599_999)
    expect(x!.every((v, i) => v === i)).toBe(true)
  })

  it('returns empty columns for an empty result', async () => {
    expect(await db.doubles(sql`SELECT CAST(1 AS DOUBLE) AS a WHERE false`)).toEqual([new Float64Array(0)])
  })

  it('refuses a column that is not DOUBLE', async () => {
    const error = await db.doubles(sql`SELECT 1 AS a`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EngineError)
    expect((error as EngineError).message).toMatch(/Column a of a numeric read is INTEGER, not DOUBLE/)
  })

  it('copies node-api DOUBLE vectors without reading item by item, NULLs included (a dependency update that changes them shows here)', async () => {
    const result = await db.connection.run('SELECT CAST(range AS DOUBLE) AS a, CASE WHEN range % 3 = 1 THEN NULL ELSE CAST(range AS DOUBLE) END AS b FROM range(130)')
    const chunk = await result.fetchChunk()
    // Written at an offset into a bigger column, as the reader does chunk after chunk.
    const a = new Float64Array(135).fill(-1)
    const b = new Float64Array(135).fill(-1)
    expect(copyFlatDoubles(chunk!.getColumnVector(0), chunk!.rowCount, a, 5)).toBe(true)
    expect(copyFlatDoubles(chunk!.getColumnVector(1), chunk!.rowCount, b, 5)).toBe(true)
    expect([...a]).toEqual([-1, -1, -1, -1, -1, ...Array.from({ length: 130 }, (_, i) => i)])
    expect([...b]).toEqual([-1, -1, -1, -1, -1, ...Array.from({ length: 130 }, (_, i) => (i % 3 === 1 ? Number.NaN : i))])
  })
})
