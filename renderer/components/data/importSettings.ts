// The detection panel's rows: every setting the engine detected, with its evidence, and for the
// ones the analyst may override the choices and the current value. Layer: renderer (pure).
import type { ImportOverrides, SourceInspection } from '../../../common/domain/dataset'

export type OverrideKey = 'delimiter' | 'encoding' | 'header' | 'decimalSeparator' | 'thousands' | 'dateOrder' | 'sheet'

export interface SettingChoice {
  value: string
  label: string
}

export interface SettingRow {
  /** The override this row edits, or null for read-only facts (format, rows, timestamp format…). */
  key: OverrideKey | null
  label: string
  /** The value in effect (as the select's value for editable rows). */
  value: string
  choices: SettingChoice[]
  evidence: string
  overridden: boolean
  /** No value yet (an unanswered date order): the select shows a placeholder. */
  unset: boolean
}

/** detected[].setting → override key. */
const SETTING_KEYS: Record<string, OverrideKey> = {
  delimiter: 'delimiter',
  encoding: 'encoding',
  header: 'header',
  'decimal separator': 'decimalSeparator',
  'thousands separator': 'thousands',
  'date order': 'dateOrder',
  sheet: 'sheet',
}

const LABELS: Record<OverrideKey, string> = {
  delimiter: 'Delimiter',
  encoding: 'Encoding',
  header: 'Header row',
  decimalSeparator: 'Decimal separator',
  thousands: 'Thousands separator',
  dateOrder: 'Date order',
  sheet: 'Sheet',
}

const FIXED_CHOICES: Partial<Record<OverrideKey, SettingChoice[]>> = {
  delimiter: [
    { value: ',', label: ', comma' },
    { value: ';', label: '; semicolon' },
    { value: '\t', label: 'Tab' },
    { value: '|', label: '| pipe' },
  ],
  encoding: [
    { value: 'utf-8', label: 'UTF-8' },
    { value: 'utf-16', label: 'UTF-16' },
    { value: 'latin-1', label: 'Latin-1 (ISO-8859-1)' },
    { value: 'windows-1252', label: 'Windows-1252' },
  ],
  header: [
    { value: 'true', label: 'First row is the header' },
    { value: 'false', label: 'No header row' },
  ],
  decimalSeparator: [
    { value: '.', label: '. point (10.50)' },
    { value: ',', label: ', comma (10,50)' },
  ],
  thousands: [
    { value: '', label: 'None' },
    { value: ',', label: ', (1,234)' },
    { value: '.', label: '. (1.234)' },
    { value: ' ', label: 'space (1 234)' },
  ],
  dateOrder: [
    { value: 'DMY', label: 'Day/month/year' },
    { value: 'MDY', label: 'Month/day/year' },
    { value: 'YMD', label: 'Year-month-day' },
  ],
}

/** Which settings can be overridden for a format (XLSX goes through the CSV reader, but its cells are not delimited text). */
function editableKeys(inspection: SourceInspection): OverrideKey[] {
  switch (inspection.options.format) {
    case 'csv':
      return ['delimiter', 'encoding', 'header', 'decimalSeparator', 'thousands', 'dateOrder']
    case 'xlsx':
      return ['sheet', 'header', 'dateOrder']
    default:
      return []
  }
}

function currentValue(key: OverrideKey, inspection: SourceInspection, overrides: ImportOverrides, detectedValue: string | undefined): string {
  const csv = inspection.options.csv
  switch (key) {
    case 'delimiter':
      return overrides.delimiter ?? csv?.delimiter ?? ','
    case 'encoding':
      return overrides.encoding ?? csv?.encoding ?? 'utf-8'
    case 'header':
      return String(overrides.header ?? csv?.header ?? true)
    case 'decimalSeparator':
      return overrides.decimalSeparator ?? csv?.decimalSeparator ?? '.'
    case 'thousands':
      return overrides.thousands ?? csv?.thousands ?? ''
    case 'dateOrder':
      return overrides.dateOrder ?? (detectedValue === 'ask' ? '' : (detectedValue ?? ''))
    case 'sheet':
      return overrides.sheet ?? inspection.options.sheet ?? ''
  }
}

export function settingRows(inspection: SourceInspection, overrides: ImportOverrides): SettingRow[] {
  const editable = editableKeys(inspection)
  const byKey = new Map(inspection.detected.filter((d) => SETTING_KEYS[d.setting] !== undefined).map((d) => [SETTING_KEYS[d.setting]!, d]))
  const rows: SettingRow[] = []
  for (const key of editable) {
    const detected = byKey.get(key)
    // Date order only matters when the file has dates; the sheet only when there are sheets.
    if (key === 'dateOrder' && detected === undefined && overrides.dateOrder === undefined) continue
    const choices = key === 'sheet' ? inspection.sheets.map((s) => ({ value: s, label: s })) : (FIXED_CHOICES[key] ?? [])
    if (key === 'sheet' && choices.length === 0) continue
    const value = currentValue(key, inspection, overrides, detected?.value)
    const known = choices.some((c) => c.value === value)
    const unset = !known && value === ''
    rows.push({
      key,
      label: LABELS[key],
      value,
      // A detected value outside the usual list (e.g. a "~" delimiter) stays selectable.
      choices: known || unset ? choices : [{ value, label: JSON.stringify(value) }, ...choices],
      evidence: detected?.evidence ?? 'default',
      overridden: overrides[key] !== undefined,
      unset,
    })
  }
  for (const d of inspection.detected) {
    const key = SETTING_KEYS[d.setting]
    if (key !== undefined && editable.includes(key)) continue
    rows.push({ key: null, label: d.setting.charAt(0).toUpperCase() + d.setting.slice(1), value: d.value, choices: [], evidence: d.evidence, overridden: false, unset: false })
  }
  return rows
}

/** The typed override for a select's string value. */
export function overrideValue(key: OverrideKey, value: string): ImportOverrides[OverrideKey] {
  if (key === 'header') return value === 'true'
  return value as ImportOverrides[Exclude<OverrideKey, 'header'>]
}
