// How profile statistics read for each column type: numbers grouped, dates reformatted, text
// as is. Layer: renderer (pure).
import { formatLocalDateTime } from '../../../common/format/dates'
import { formatNumberText } from '../../../common/format/numbers'

export type ValueKind = 'number' | 'time' | 'text' | 'boolean'

export function kindOfType(type: string): ValueKind {
  const t = type.toUpperCase()
  if (/^(DECIMAL|NUMERIC|BIGINT|INTEGER|INT|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|DOUBLE|FLOAT|REAL)/.test(t)) return 'number'
  if (/^(DATE|TIMESTAMP|TIME)/.test(t)) return 'time'
  if (t === 'BOOLEAN') return 'boolean'
  return 'text'
}

export function formatStat(value: string | null, kind: ValueKind): string {
  if (value === null) return '—'
  if (kind === 'number') return formatNumberText(value)
  if (kind === 'time') return formatLocalDateTime(value)
  return value
}

/** The quantile keys in display order, with their labels. */
export const QUANTILES: readonly { key: string; label: string }[] = [
  { key: 'p1', label: 'p1' },
  { key: 'p25', label: 'p25' },
  { key: 'p50', label: 'median' },
  { key: 'p75', label: 'p75' },
  { key: 'p99', label: 'p99' },
]
