// Decide each column's type, and the file-wide number and date conventions, from the evidence
// in ColumnStats. Pure: the same stats and overrides always give the same plan. Layer: engine.
import type { ColumnType, DateOrder, Question } from '../../../common/domain/dataset'
import { looksLikeId, looksLikeMoney } from './columnNames'
import { PATTERNS, type ColumnStats, type PatternName } from './columnStats'

/** Share of non-empty values that must fit a type for the column to get it; the rest are rejected. */
export const TYPE_THRESHOLD = 0.99

export interface TypeOverrides {
  decimalSeparator?: '.' | ',' | undefined
  thousands?: '' | '.' | ',' | ' ' | undefined
  dateOrder?: DateOrder | undefined
  columnTypes?: Record<string, ColumnType> | undefined
}

export interface ColumnDecision {
  name: string
  type: ColumnType
  detectedType: ColumnType
  reason: string
  /** Values that fit the chosen type (RE2); null for text. Used to show mismatching examples. */
  pattern: string | null
  mismatches: number
}

export interface TypePlan {
  decimalSeparator: '.' | ','
  thousands: '' | '.' | ',' | ' '
  dateFormat: string | null
  timestampFormat: string | null
  columns: ColumnDecision[]
  questions: Question[]
  notes: string[]
  evidence: { setting: string; value: string; evidence: string }[]
}

interface Candidate {
  type: ColumnType
  matches: number
  pattern: string
  dateFormat?: string
  timestampFormat?: string
  label: string
}

const any = (...names: PatternName[]): string => names.map((n) => `(${PATTERNS[n]})`).join('|')

export function planTypes(stats: readonly ColumnStats[], delimiter: string, overrides: TypeOverrides = {}): TypePlan {
  const notes: string[] = []
  const evidence: TypePlan['evidence'] = []
  const numeric = stats.filter((s) => !looksLikeId(s.name))
  const commaEvidence = sum(numeric, 'decCommaStrict')
  const dotEvidence = sum(numeric, 'decDotStrict')
  let decimalSeparator: '.' | ','
  if (overrides.decimalSeparator !== undefined) decimalSeparator = overrides.decimalSeparator
  else if (commaEvidence > dotEvidence) decimalSeparator = ','
  else if (dotEvidence > 0) decimalSeparator = '.'
  else decimalSeparator = delimiter === ';' && sum(numeric, 'intGroupedDot') > 0 ? ',' : '.'
  evidence.push({
    setting: 'decimal separator',
    value: decimalSeparator,
    evidence: overrides.decimalSeparator !== undefined ? 'chosen by you' : `${commaEvidence} values like 10,5 vs ${dotEvidence} like 10.5`,
  })
  // Digit groups show in whole numbers (1.234) and in decimals (1.234,56) alike.
  const grouped = decimalSeparator === ',' ? sum(numeric, 'intGroupedDot') + sum(numeric, 'decGroupedComma') : sum(numeric, 'intGroupedComma') + sum(numeric, 'decGroupedDot')
  const thousands = overrides.thousands ?? (grouped > 0 ? (decimalSeparator === ',' ? '.' : ',') : '')
  evidence.push({ setting: 'thousands separator', value: thousands === '' ? 'none' : thousands, evidence: overrides.thousands !== undefined ? 'chosen by you' : `${grouped} values with digit groups` })

  const order = resolveDateOrder(stats, overrides.dateOrder)
  const questions: Question[] = order.question === null ? [] : [order.question]
  if (order.evidence !== null) evidence.push({ setting: 'date order', value: order.order ?? 'ask', evidence: order.evidence })

  const decisions = stats.map((s) => decide(s, decimalSeparator, thousands, order.order ?? 'DMY', overrides.columnTypes?.[s.name]))
  // DuckDB takes one date format and one timestamp format per file: the most common wins.
  const dateFormat = resolveShared(decisions, 'dateFormat', notes)
  const timestampFormat = resolveShared(decisions, 'timestampFormat', notes)
  if (order.question !== null) {
    for (const d of decisions) if (order.question.columns.includes(d.decision.name)) d.decision.reason += ' (date order still to be chosen)'
  }

  const columns = decisions.map(({ decision }) => decision)
  return { decimalSeparator, thousands, dateFormat, timestampFormat, columns, questions, notes, evidence }
}

interface Decided {
  decision: ColumnDecision
  dateFormat: string | null
  timestampFormat: string | null
  /** Every type the values were measured against (for a type the user forces). */
  candidates: Candidate[]
}

function decide(s: ColumnStats, decimal: '.' | ',', thousands: string, order: DateOrder, forced: ColumnType | undefined): Decided {
  const detected = detect(s, decimal, thousands, order)
  if (forced === undefined || forced === detected.decision.type) return detected
  const reason = `${forced} chosen by you (detected ${detected.decision.type}: ${detected.decision.reason})`
  // The user's type is checked like a detected one: its pattern, its mismatches (shown before import).
  const fit = detected.candidates.filter((c) => c.type === forced).sort((a, b) => b.matches - a.matches)[0]
  if (fit === undefined) return { decision: { ...plain(s.name, forced, reason), detectedType: detected.decision.type }, dateFormat: null, timestampFormat: null, candidates: [] }
  const nonNull = s.nonNull - s.nullToken
  return {
    decision: { name: s.name, type: forced, detectedType: detected.decision.type, reason, pattern: fit.pattern, mismatches: Math.max(0, nonNull - fit.matches) },
    dateFormat: fit.dateFormat ?? null,
    timestampFormat: fit.timestampFormat ?? null,
    candidates: [],
  }
}

function detect(s: ColumnStats, decimal: '.' | ',', thousands: string, order: DateOrder): Decided {
  const nonNull = s.nonNull - s.nullToken
  let candidates: Candidate[] = []
  const text = (reason: string): Decided => ({ decision: plain(s.name, 'VARCHAR', reason), dateFormat: null, timestampFormat: null, candidates })
  if (s.nonNull === 0) return text('empty in the examined rows')
  if (looksLikeId(s.name)) return text('its name says it is an identifier: kept as text so leading zeros and long numbers survive')
  if (s.leadingZero > 0) return text(`${s.leadingZero} values have leading zeros (codes, not quantities): kept as text`)

  candidates = [{ type: 'BOOLEAN', matches: s.bool, pattern: PATTERNS.bool, label: 'true/false values' }]
  const grouped: PatternName = decimal === ',' ? 'intGroupedDot' : 'intGroupedComma'
  const ints = s.int + (thousands !== '' ? s[grouped] : 0)
  const intPattern = thousands !== '' ? any('int', grouped) : PATTERNS.int
  const money = looksLikeMoney(s.name)
  candidates.push({ type: money ? 'DECIMAL(18,2)' : 'BIGINT', matches: ints, pattern: intPattern, label: 'whole numbers' })
  const decs = decimal === ',' ? s.decComma : s.decDot
  const cents = decimal === ',' ? s.decCommaCents : s.decDotCents
  // Money is DECIMAL(18,2). A few values with more than 2 decimals are rejected (never rounded);
  // when many have them (rates, unit prices), the column is a DOUBLE and says why.
  const overCents = decs - cents
  if (money && overCents <= (1 - TYPE_THRESHOLD) * nonNull) {
    candidates.push({
      type: 'DECIMAL(18,2)', matches: ints + cents, pattern: any(decimal === ',' ? 'decCommaCents' : 'decDotCents', 'int', grouped),
      label: `amounts with at most 2 '${decimal}' decimals`,
    })
  } else {
    candidates.push({ type: 'DOUBLE', matches: ints + decs, pattern: any(decimal === ',' ? 'decComma' : 'decDot', 'int', grouped), label: `numbers with '${decimal}' decimals` })
  }
  const dmy = order === 'MDY' ? ['%m', '%d'] : ['%d', '%m']
  const dayMonth = (sep: string) => `${dmy[0]}${sep}${dmy[1]}${sep}%Y`
  const example = (sep: string) => (order === 'MDY' ? `03${sep}31${sep}2024` : `31${sep}03${sep}2024`)
  candidates.push(
    { type: 'DATE', matches: s.isoDate, pattern: PATTERNS.isoDate, dateFormat: '%Y-%m-%d', label: 'ISO dates (2024-03-31)' },
    { type: 'DATE', matches: s.slashDate, pattern: PATTERNS.slashDate, dateFormat: dayMonth('/'), label: `dates like ${example('/')}` },
    { type: 'DATE', matches: s.dashDate, pattern: PATTERNS.dashDate, dateFormat: dayMonth('-'), label: `dates like ${example('-')}` },
    { type: 'DATE', matches: s.dotDate, pattern: PATTERNS.dotDate, dateFormat: dayMonth('.'), label: `dates like ${example('.')}` },
    { type: 'TIMESTAMP', matches: s.isoTimestamp + s.isoDate, pattern: any('isoTimestamp', 'isoDate'), timestampFormat: 'ISO', label: 'ISO timestamps' },
    { type: 'TIMESTAMPTZ', matches: s.isoTimestampTz, pattern: PATTERNS.isoTimestampTz, timestampFormat: 'ISO', label: 'ISO timestamps with a UTC offset' },
    { type: 'TIMESTAMP', matches: s.slashMinutes, pattern: PATTERNS.slashMinutes, timestampFormat: `${dayMonth('/')} %H:%M`, label: `date-times like ${example('/')} 9:05` },
    { type: 'TIMESTAMP', matches: s.slashSeconds, pattern: PATTERNS.slashSeconds, timestampFormat: `${dayMonth('/')} %H:%M:%S`, label: `date-times like ${example('/')} 9:05:10` },
    { type: 'TIMESTAMP', matches: s.slashMinutesAmPm, pattern: PATTERNS.slashMinutesAmPm, timestampFormat: `${dayMonth('/')} %I:%M %p`, label: `date-times like ${example('/')} 9:05 PM` },
    { type: 'TIMESTAMP', matches: s.slashSecondsAmPm, pattern: PATTERNS.slashSecondsAmPm, timestampFormat: `${dayMonth('/')} %I:%M:%S %p`, label: `date-times like ${example('/')} 9:05:10 PM` },
  )
  // The first candidate that fits (list order = most specific first) wins.
  const fit = candidates.find((c) => c.matches > 0 && c.matches >= TYPE_THRESHOLD * nonNull)
  if (fit === undefined) {
    const best = candidates.reduce((a, b) => (b.matches > a.matches ? b : a))
    const share = best.matches / Math.max(nonNull, 1)
    return text(share >= 0.5 ? `${pct(share)} of values are ${best.label}, the rest are not: kept as text (choose ${best.type} to load those and reject the others)` : 'free text')
  }
  const mismatches = nonNull - fit.matches
  const extra = money && fit.type === 'DOUBLE' ? `; ${overCents} have more than 2 decimals (up to ${s.maxScale}), so not rounded to money DECIMAL(18,2)` : money && fit.type === 'DECIMAL(18,2)' ? ' (a money column)' : ''
  const reason = mismatches === 0 ? `all ${nonNull} values are ${fit.label}${extra}` : `${nonNull - mismatches} of ${nonNull} values are ${fit.label}${extra}; ${mismatches} are not and their rows will be rejected`
  return {
    decision: { name: s.name, type: fit.type, detectedType: fit.type, reason, pattern: fit.pattern, mismatches },
    dateFormat: fit.dateFormat ?? null,
    timestampFormat: fit.timestampFormat ?? null,
    candidates,
  }
}

function plain(name: string, type: ColumnType, reason: string): ColumnDecision {
  return { name, type, detectedType: type, reason, pattern: null, mismatches: 0 }
}

/** Keep the most common format; columns wanting another become text, with a note saying so. */
function resolveShared(decisions: Decided[], key: 'dateFormat' | 'timestampFormat', notes: string[]): string | null {
  const counts = new Map<string, number>()
  for (const d of decisions) if (d[key] !== null) counts.set(d[key]!, (counts.get(d[key]!) ?? 0) + 1)
  const winner = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null
  for (const d of decisions) {
    if (d[key] === null || d[key] === winner) continue
    notes.push(`Column "${d.decision.name}" uses another ${key === 'dateFormat' ? 'date' : 'timestamp'} format (${d[key]}) than the rest of the file (${winner}); it is loaded as text.`)
    d.decision = plain(d.decision.name, 'VARCHAR', `its ${key === 'dateFormat' ? 'date' : 'timestamp'} format differs from the file's other columns`)
    d[key] = null
  }
  return winner === 'ISO' ? null : winner
}

function resolveDateOrder(stats: readonly ColumnStats[], override: DateOrder | undefined): { order: DateOrder | null; question: Question | null; evidence: string | null } {
  const dated = stats.filter((s) => s.slashDate + s.dashDate + s.dotDate + s.slashMinutes + s.slashSeconds + s.slashMinutesAmPm + s.slashSecondsAmPm > 0 && !looksLikeId(s.name))
  if (dated.length === 0) return { order: override ?? null, question: null, evidence: null }
  if (override !== undefined) return { order: override, question: null, evidence: 'chosen by you' }
  const dayFirst = dated.filter((s) => s.maxFirstPart > 12)
  const monthFirst = dated.filter((s) => s.maxSecondPart > 12)
  if (dayFirst.length > 0 && monthFirst.length === 0) return { order: 'DMY', question: null, evidence: `"${dayFirst[0]!.name}" has days above 12 in the first place (up to ${dayFirst[0]!.maxFirstPart})` }
  if (monthFirst.length > 0 && dayFirst.length === 0) return { order: 'MDY', question: null, evidence: `"${monthFirst[0]!.name}" has days above 12 in the second place (up to ${monthFirst[0]!.maxSecondPart})` }
  const columns = dated.map((s) => s.name)
  return {
    order: null,
    evidence: dayFirst.length > 0 ? 'columns disagree: some put the day first, others the month' : 'no day above 12 in the examined rows: 03/04/2024 could be 3 April or 4 March',
    question: {
      id: 'dateOrder',
      message: `Are the dates in ${columns.map((c) => `"${c}"`).join(', ')} day/month/year or month/day/year? The examined values fit both.`,
      columns,
      examples: [],
      choices: [
        { value: 'DMY', label: 'Day first: 03/04/2024 is 3 April 2024 (India, Brazil)' },
        { value: 'MDY', label: 'Month first: 03/04/2024 is 4 March 2024 (US exports)' },
      ],
    },
  }
}

function sum(stats: readonly ColumnStats[], key: PatternName): number {
  return stats.reduce((total, s) => total + s[key], 0)
}

function pct(share: number): string {
  return `${(share * 100).toFixed(share > 0.99 ? 1 : 0)} %`
}
