// Categorical columns whose values are already canonical are read as they are by canon.payments
// (no per-row upper(trim())); columns with other spellings keep the normalisation; both give the
// same canonical values. Value translations still apply on top.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProjectMapping, RoleMapping } from '../../../common/domain/mapping'
import { sql } from '../../../electron/engine/db/sql'
import { createEngine, type Engine } from '../../../electron/engine/engine'
import { tempDir } from '../../helpers/tempDir'

const dir = tempDir('canonical-values')
let engine: Engine

async function load(name: string, rows: string[]): Promise<void> {
  const path = join(dir, `${name}.csv`)
  writeFileSync(path, ['payment_id,user_id,amount,ts,country,kind,status,rail', ...rows, ''].join('\n'))
  const file = engine.registerFile(path)
  const staged = await engine.stageImport({ fileId: file.fileId, datasetName: name, overrides: { columnTypes: { amount: 'DECIMAL(18,2)' } } })
  if (!staged.ok) throw new Error(staged.error.message)
  const committed = await engine.commitImport({ importId: staged.value.importId })
  if (!committed.ok) throw new Error(committed.error.message)
}

function mapping(dataset: string, values: RoleMapping['values'] = {}): ProjectMapping {
  const same = (...names: string[]): Record<string, string> => Object.fromEntries(names.map((n) => [n, n]))
  return {
    roles: { payments: { dataset, columns: same('payment_id', 'user_id', 'amount', 'ts', 'country', 'kind', 'status', 'rail'), constants: {}, values, timestamps: 'utc' } },
    countries: { IN: { currency: 'INR', timeZone: 'Asia/Kolkata' }, BR: { currency: 'BRL', timeZone: 'America/Sao_Paulo' } },
  }
}

async function viewSql(): Promise<string> {
  const [row] = await engine.internals.database.rows(sql`SELECT sql FROM duckdb_views() WHERE schema_name = 'canon' AND view_name = 'payments'`)
  return String(row?.sql)
}

async function canonicalRows(): Promise<unknown[]> {
  return engine.internals.database.rows(sql`SELECT payment_id, country, kind, status, rail FROM canon.payments ORDER BY payment_id`)
}

const EXPECTED = [
  { payment_id: 'P1', country: 'IN', kind: 'P2P', status: 'SUCCESS', rail: 'UPI' },
  { payment_id: 'P2', country: 'BR', kind: 'P2M', status: 'FAILED', rail: 'PIX' },
  { payment_id: 'P3', country: 'IN', kind: 'P2P', status: 'REVERSED', rail: 'CARD' },
]

beforeAll(async () => {
  engine = await createEngine({ projectDir: join(dir, 'project'), host: 'test', threads: 1 })
  await load('clean', ['P1,U1,10.00,2024-03-05 10:00:00,IN,P2P,SUCCESS,UPI', 'P2,U2,5.00,2024-03-05 11:00:00,BR,P2M,FAILED,PIX', 'P3,U1,7.00,2024-03-06 10:00:00,IN,P2P,REVERSED,CARD'])
  await load('messy', ['P1,U1,10.00,2024-03-05 10:00:00,in,p2p,SUCCESS,UPI', 'P2,U2,5.00,2024-03-05 11:00:00,Br,P2M,falhou,pix', 'P3,U1,7.00,2024-03-06 10:00:00,IN,P2P,REVERSED,card'])
})
afterAll(() => engine.close())

describe('canonical values in canon.payments', () => {
  it('reads already-canonical columns as they are', async () => {
    const saved = await engine.saveMapping({ mapping: mapping('clean') })
    if (!saved.ok) throw new Error(saved.error.message)
    expect(await viewSql()).not.toMatch(/upper/i)
    expect(await canonicalRows()).toEqual(EXPECTED)
  })

  it('normalises the columns that need it, and translates values on top', async () => {
    const saved = await engine.saveMapping({ mapping: mapping('messy', { status: { falhou: 'FAILED' } }) })
    if (!saved.ok) throw new Error(saved.error.message)
    const text = await viewSql()
    // country, kind and rail have other spellings; status only needs its translation.
    expect(text.match(/upper/gi)?.length).toBe(3)
    expect(text).toMatch(/'falhou'.*THEN \('FAILED'\) ELSE CAST\(status AS VARCHAR\) END AS status/i)
    expect(await canonicalRows()).toEqual(EXPECTED)
  })

  it('notes each column\'s non-canonical values once, and decides again from the note when the translations change', async () => {
    const notes = await engine.internals.database.rows(sql`SELECT column_name, comment FROM duckdb_columns() WHERE schema_name = 'datasets' AND table_name = 'messy' AND comment IS NOT NULL ORDER BY column_name`)
    expect(notes.map((n) => [n.column_name, (JSON.parse(String(n.comment)) as { values: string[] }).values.sort()])).toEqual([
      ['country', ['Br', 'in']],
      ['kind', ['p2p']],
      ['rail', ['card', 'pix']],
      ['status', ['falhou']],
    ])
    // Without the translation "falhou" is not canonical: status is normalised again (to FALHOU).
    const saved = await engine.saveMapping({ mapping: mapping('messy') })
    if (!saved.ok) throw new Error(saved.error.message)
    expect((await viewSql()).match(/upper/gi)?.length).toBe(4)
    expect((await canonicalRows())[1]).toMatchObject({ status: 'FALHOU' })
  })
})
