// Mapping to the payments model: suggestions from English and Portuguese names and values,
// canonical views (UTC from each country's local time), and validation counts with examples.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProjectMapping } from '../../../common/domain/mapping'
import { createEngine, type Engine } from '../../../electron/engine/engine'
import { sql } from '../../../electron/engine/db/sql'
import { tempDir } from '../../helpers/tempDir'

const dir = tempDir('mapping')
let engine: Engine

async function load(name: string, content: string, overrides: Record<string, unknown> = {}): Promise<void> {
  const path = join(dir, `${name}.csv`)
  writeFileSync(path, content)
  const file = engine.registerFile(path)
  const staged = await engine.stageImport({ fileId: file.fileId, datasetName: name, overrides })
  if (!staged.ok) throw new Error(staged.error.message)
  const committed = await engine.commitImport({ importId: staged.value.importId, acceptRejects: true })
  if (!committed.ok) throw new Error(committed.error.message)
}

beforeAll(async () => {
  engine = await createEngine({ projectDir: join(dir, 'project'), host: 'test', threads: 1 })
  // Portuguese headers, Brazilian conventions; one India row; dirty rows on purpose.
  await load(
    'pagamentos',
    [
      'id_transacao;cliente_id;valor;data_hora;pais;tipo;situacao;"we""ird"',
      'T1;C1;10,50;2024-03-05 10:00:00;India;Peer-to-peer;aprovado;x',
      'T2;C2;0,00;2024-03-05 10:00:00;Brasil;Merchant payments;aprovado;x',
      'T3;C3;-5,00;2024-03-06 23:30:00;Brasil;Peer-to-peer;estornado;x',
      'T3;C9;7,00;2030-01-01 00:00:00;Narnia;P2P;falha;x',
      '',
    ].join('\n'),
    { columnTypes: { valor: 'DECIMAL(18,2)' } },
  )
  await load('clientes', 'cliente_id,grupo,estado\nC1,control,MH\nC2,control,SP\nC2,flat_2,SP\nC3,flat_2,RJ\n')
})
afterAll(() => engine.close())

describe('suggestMapping', () => {
  it('reads Portuguese column names and translates the values present', async () => {
    const result = await engine.suggestMapping({ dataset: 'pagamentos', role: 'payments' })
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value.mapping.columns).toMatchObject({ payment_id: 'id_transacao', user_id: 'cliente_id', amount: 'valor', ts: 'data_hora', country: 'pais', kind: 'tipo', status: 'situacao' })
    expect(result.value.mapping.values).toEqual({
      country: { India: 'IN', Brasil: 'BR' },
      kind: { 'Peer-to-peer': 'P2P', 'Merchant payments': 'P2M' },
      status: { aprovado: 'SUCCESS', estornado: 'REVERSED', falha: 'FAILED' },
    })
    expect(result.value.distinctValues.country).toContainEqual({ value: 'Narnia', count: 1 })
  })

  it('maps users with their arm', async () => {
    const result = await engine.suggestMapping({ dataset: 'clientes', role: 'users' })
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value.mapping.columns).toMatchObject({ user_id: 'cliente_id', arm: 'grupo', region: 'estado' })
  })

  it('names a dataset that does not exist', async () => {
    const result = await engine.suggestMapping({ dataset: 'nope', role: 'payments' })
    expect(!result.ok && result.error).toMatchObject({ code: 'NOT_FOUND', message: 'There is no dataset named "nope".' })
  })
})

describe('saveMapping, canonical views and validation', () => {
  let mapping: ProjectMapping
  beforeAll(async () => {
    const payments = await engine.suggestMapping({ dataset: 'pagamentos', role: 'payments' })
    const users = await engine.suggestMapping({ dataset: 'clientes', role: 'users' })
    if (!payments.ok || !users.ok) throw new Error('suggestions failed')
    mapping = {
      roles: { payments: payments.value.mapping, users: users.value.mapping },
      countries: { IN: { currency: 'INR', timeZone: 'Asia/Kolkata' }, BR: { currency: 'BRL', timeZone: 'America/Sao_Paulo' } },
    }
  })

  it('stores timestamps in UTC from each country’s wall clock and keeps the local date', async () => {
    const report = await engine.saveMapping({ mapping })
    if (!report.ok) throw new Error(report.error.message)
    const rows = await engine.internals.database.rows(sql`
      SELECT payment_id, CAST(ts AS VARCHAR) AS ts, CAST(local_date AS VARCHAR) AS local_date, currency, country, kind, status
      FROM canon.payments ORDER BY payment_id, ts`)
    // IST is UTC+05:30; BRT is UTC−03:00 (Brazil has had no daylight saving time since 2019).
    expect(rows).toEqual([
      { payment_id: 'T1', ts: '2024-03-05 04:30:00', local_date: '2024-03-05', currency: 'INR', country: 'IN', kind: 'P2P', status: 'SUCCESS' },
      { payment_id: 'T2', ts: '2024-03-05 13:00:00', local_date: '2024-03-05', currency: 'BRL', country: 'BR', kind: 'P2M', status: 'SUCCESS' },
      { payment_id: 'T3', ts: '2024-03-07 02:30:00', local_date: '2024-03-06', currency: 'BRL', country: 'BR', kind: 'P2P', status: 'REVERSED' },
      { payment_id: 'T3', ts: '2030-01-01 00:00:00', local_date: '2030-01-01', currency: null, country: 'NARNIA', kind: 'P2P', status: 'FAILED' },
    ])
  })

  it('counts every problem, with examples', async () => {
    const report = await engine.validateData({})
    if (!report.ok) throw new Error(report.error.message)
    const counts = Object.fromEntries(report.value.checks.map((c) => [c.id, [c.severity, c.count]]))
    expect(counts).toMatchObject({
      unknown_country: ['error', 1],
      non_positive_amount: ['warning', 2],
      duplicate_payment_id: ['error', 1],
      ts_out_of_range: ['warning', 1],
      payment_user_missing: ['warning', 1],
      user_several_arms: ['error', 1],
      missing_required: ['ok', 0],
    })
    expect(report.value.rows).toEqual({ payments: 4, users: 4 })
    expect(report.value.checks.find((c) => c.id === 'user_several_arms')?.examples).toEqual([{ user_id: 'C2', arms: 'control, flat_2' }])
    expect(report.value.checks.find((c) => c.id === 'payment_user_missing')?.examples).toEqual([{ payment_id: 'T3', user_id: 'C9' }])
  })

  it('refuses a mapping without a required field, and one whose amount is text', async () => {
    const noUser = structuredClone(mapping)
    delete noUser.roles.payments!.columns.user_id
    const missing = await engine.saveMapping({ mapping: noUser })
    expect(!missing.ok && missing.error.message).toContain('needs "user_id"')
    const textAmount = structuredClone(mapping)
    textAmount.roles.payments!.columns.amount = 'tipo'
    const text = await engine.saveMapping({ mapping: textAmount })
    expect(!text.ok && text.error.message).toContain('"tipo" holds VARCHAR values, not numbers')
    // The previous, good mapping is still in force.
    const current = await engine.getMapping({})
    expect(current.ok && current.value?.roles.payments?.columns.amount).toBe('valor')
  })

  it('refuses a column that is not in the dataset, whatever its name', async () => {
    const hostile = structuredClone(mapping)
    hostile.roles.payments!.columns.region = 'x"; DROP TABLE datasets.pagamentos; --'
    const result = await engine.saveMapping({ mapping: hostile })
    expect(!result.ok && result.error.code).toBe('NOT_FOUND')
    const quoted = structuredClone(mapping)
    quoted.roles.payments!.columns.region = 'we"ird'
    expect((await engine.saveMapping({ mapping: quoted })).ok).toBe(true)
  })
})
