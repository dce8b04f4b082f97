// Same seed → byte-identical files and manifest (regardless of threads); another seed → other data;
// --csv writes CSV copies with the same rows.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSample, num, type Sample } from './sampleData'

const FILES = ['payments.parquet', 'users.parquet', 'fx_rates.parquet']
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
/** The manifest with only the Parquet files listed (the first run also wrote CSV copies). */
function manifestOf(dir: string): unknown {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: Array<{ name: string }> }
  return { ...manifest, files: manifest.files.filter((f) => f.name.endsWith('.parquet')) }
}

let first: Sample
let again: Sample
let otherSeed: Sample

beforeAll(async () => {
  first = await generateSample({ users: 3_000, seed: 11, csv: true }, 'determinism-a')
  again = await generateSample({ users: 3_000, seed: 11, threads: 1 }, 'determinism-b')
  otherSeed = await generateSample({ users: 3_000, seed: 12 }, 'determinism-c')
}, 60_000)

afterAll(() => {
  for (const s of [first, again, otherSeed]) s?.close()
})

describe('determinism', () => {
  it('writes byte-identical Parquet files for the same seed, with 1 or all threads', () => {
    for (const file of FILES) expect(sha256(join(again.dir, file)), file).toBe(sha256(join(first.dir, file)))
  })

  it('writes the same manifest (seed, rows, true effects) for the same seed', () => {
    expect(manifestOf(again.dir)).toEqual(manifestOf(first.dir))
  })

  it('gives the same content hash and aggregates through a query', async () => {
    const query = `SELECT count(*) AS n, sum(amount)::VARCHAR AS total,
                          md5(string_agg(payment_id || user_id || ts::VARCHAR || amount::VARCHAR || status, ',' ORDER BY payment_id)) AS digest
                   FROM payments`
    expect(await again.rows(query)).toEqual(await first.rows(query))
  })

  it('draws different data for another seed', async () => {
    expect(sha256(join(otherSeed.dir, 'payments.parquet'))).not.toBe(sha256(join(first.dir, 'payments.parquet')))
    const [a] = await first.rows('SELECT sum(amount)::DOUBLE AS s FROM payments')
    const [b] = await otherSeed.rows('SELECT sum(amount)::DOUBLE AS s FROM payments')
    expect(num(a, 's')).not.toBe(num(b, 's'))
  })
})

describe('--csv', () => {
  it('writes CSV copies with the same rows as the Parquet files', async () => {
    for (const table of ['payments', 'users', 'fx_rates']) {
      const [row] = await first.rows(`SELECT (SELECT count(*) FROM read_csv('${join(first.dir, `${table}.csv`)}', header = true)) AS csv,
                                             (SELECT count(*) FROM ${table}) AS parquet`)
      expect(num(row, 'csv'), table).toBe(num(row, 'parquet'))
    }
    expect(first.manifest.files.map((f) => f.name)).toContain('payments.csv')
  })
})
