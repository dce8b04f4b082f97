// Pure helpers of an import session: default names, name checks, merging overrides, blockers.
import { describe, expect, it } from 'vitest'
import { datasetNameFromFile, datasetNameProblem, importBlockers, isBusy, mergeOverrides, newSession } from '../../../renderer/stores/importSession'
import { inspection } from '../support/dataFixtures'

describe('dataset names', () => {
  it('derives a readable default from the file name like the engine does', () => {
    expect(datasetNameFromFile('UPI payments 2024.csv.gz')).toBe('upi_payments_2024')
    expect(datasetNameFromFile('Pagamentos São Paulo.XLSX')).toBe('pagamentos_sao_paulo')
    expect(datasetNameFromFile('.csv')).toBe('dataset')
  })

  it('explains why a name would be refused', () => {
    expect(datasetNameProblem('payments')).toBeNull()
    expect(datasetNameProblem('  ')).toBe('Give the dataset a name.')
    expect(datasetNameProblem('x'.repeat(121))).toBe('Use at most 120 characters.')
    expect(datasetNameProblem('__meta')).toMatch(/reserved/)
    expect(datasetNameProblem('a"b')).toMatch(/double quotes/)
  })
})

describe('mergeOverrides', () => {
  it('adds, replaces and removes settings and column types', () => {
    let overrides = mergeOverrides({}, { delimiter: ';', dateOrder: 'DMY' })
    expect(overrides).toEqual({ delimiter: ';', dateOrder: 'DMY' })
    overrides = mergeOverrides(overrides, { delimiter: undefined }, { column: 'valor', type: 'DECIMAL(18,2)' })
    expect(overrides).toEqual({ dateOrder: 'DMY', columnTypes: { valor: 'DECIMAL(18,2)' } })
    overrides = mergeOverrides(overrides, {}, { column: 'id', type: 'VARCHAR' })
    expect(overrides.columnTypes).toEqual({ valor: 'DECIMAL(18,2)', id: 'VARCHAR' })
    overrides = mergeOverrides(mergeOverrides(overrides, {}, { column: 'valor', type: null }), {}, { column: 'id', type: null })
    expect(overrides).toEqual({ dateOrder: 'DMY' })
  })
})

describe('blockers and busy states', () => {
  it('blocks the import until the question is answered and the name is valid', () => {
    const session = newSession('k', 'pix.csv', 10, 'review')
    expect(importBlockers(session)).toEqual(['The file has not been inspected yet.'])
    session.inspection = inspection()
    expect(importBlockers(session)).toEqual(['Answer the date-order question above.'])
    session.inspection = inspection(true)
    session.datasetName = ''
    expect(importBlockers(session)).toEqual(['Give the dataset a name.'])
    session.datasetName = 'pix'
    expect(importBlockers(session)).toEqual([])
  })

  it('is busy while the engine works', () => {
    const session = newSession('k', 'pix.csv', 10, 'review')
    expect(isBusy(session)).toBe(false)
    session.reinspecting = true
    expect(isBusy(session)).toBe(true)
    for (const stage of ['uploading', 'inspecting', 'importing', 'committing'] as const) expect(isBusy({ ...session, reinspecting: false, stage })).toBe(true)
  })
})
