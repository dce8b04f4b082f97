// The detection panel's rows: editable settings with their evidence, read-only facts, and
// the typed override each select produces.
import { describe, expect, it } from 'vitest'
import type { SourceInspection } from '../../../../common/domain/dataset'
import { overrideValue, settingRows } from '../../../../renderer/components/data/importSettings'
import { inspection } from '../../support/dataFixtures'

describe('settingRows', () => {
  it('lists CSV settings with the value in effect, choices and evidence, then read-only facts', () => {
    const rows = settingRows(inspection(), { header: false })
    expect(rows.map((r) => [r.key, r.label, r.value, r.overridden])).toEqual([
      ['delimiter', 'Delimiter', ';', false],
      ['encoding', 'Encoding', 'utf-8', false],
      ['header', 'Header row', 'false', true],
      ['decimalSeparator', 'Decimal separator', ',', false],
      ['thousands', 'Thousands separator', '.', false],
      ['dateOrder', 'Date order', '', false],
      [null, 'Timestamp format', '%d/%m/%Y %H:%M', false],
    ])
    expect(rows[0]?.evidence).toBe("';' gives 8 fields on every 13 sampled lines")
    expect(rows[4]?.evidence).toBe('default') // no evidence line for thousands in this inspection
    expect(rows[5]?.choices.map((c) => c.value)).toEqual(['DMY', 'MDY', 'YMD'])
    expect(rows.filter((r) => r.unset).map((r) => r.key)).toEqual(['dateOrder'])
  })

  it('shows "no thousands separator" as a choice, not as an unanswered setting', () => {
    const base = inspection(true)
    const plain: SourceInspection = { ...base, options: { ...base.options, csv: { ...base.options.csv!, thousands: '' } } }
    const thousands = settingRows(plain, {}).find((r) => r.key === 'thousands')
    expect(thousands).toMatchObject({ value: '', unset: false })
    expect(thousands?.choices[0]).toEqual({ value: '', label: 'None' })
  })

  it('keeps an unusual detected delimiter selectable and skips date order without dates', () => {
    const base = inspection(true)
    const odd: SourceInspection = { ...base, options: { ...base.options, csv: { ...base.options.csv!, delimiter: '~' } }, detected: base.detected.filter((d) => d.setting !== 'date order') }
    const rows = settingRows(odd, {})
    expect(rows.find((r) => r.key === 'delimiter')?.choices[0]).toEqual({ value: '~', label: '"~"' })
    expect(rows.some((r) => r.key === 'dateOrder')).toBe(false)
  })

  it('offers the sheet for XLSX and nothing editable for Parquet', () => {
    const base = inspection(true)
    const xlsx: SourceInspection = { ...base, options: { ...base.options, format: 'xlsx', sheet: 'Pix' }, sheets: ['Pix', 'UPI'], detected: [{ setting: 'sheet', value: 'Pix', evidence: 'the first sheet with data (of 2)' }] }
    expect(settingRows(xlsx, { sheet: 'UPI' }).map((r) => [r.key, r.value, r.overridden])).toEqual([
      ['sheet', 'UPI', true],
      ['header', 'true', false],
    ])
    const parquet: SourceInspection = { ...base, options: { ...base.options, format: 'parquet', csv: null }, detected: [{ setting: 'format', value: 'Parquet', evidence: 'PAR1' }] }
    expect(settingRows(parquet, {}).map((r) => [r.key, r.label])).toEqual([[null, 'Format']])
  })

  it('types the override of each select', () => {
    expect(overrideValue('header', 'false')).toBe(false)
    expect(overrideValue('header', 'true')).toBe(true)
    expect(overrideValue('delimiter', '\t')).toBe('\t')
  })
})
