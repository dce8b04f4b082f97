// Dates: local wall-clock strings are reformatted without time-zone conversion; instants take
// an explicit zone; durations read naturally.
import { describe, expect, it } from 'vitest'
import { formatDuration, formatInstant, formatLocalDateTime, formatLocalRange, formatShortDate } from '../../../common/format/dates'

describe('local dates and times', () => {
  it('reformats engine dates without shifting them', () => {
    expect(formatLocalDateTime('2024-04-03')).toBe('3 Apr 2024')
    expect(formatLocalDateTime('2024-04-03 09:15:00')).toBe('3 Apr 2024, 09:15')
    expect(formatLocalDateTime('2024-12-31T23:59:59.123')).toBe('31 Dec 2024, 23:59')
    expect(formatLocalDateTime('not a date')).toBe('not a date')
    expect(formatShortDate('2024-06-01')).toBe('1 Jun')
    expect(formatShortDate('x')).toBe('x')
  })

  it('writes ranges', () => {
    expect(formatLocalRange('2024-04-03 09:15:00', '2024-06-01 13:13:00')).toBe('3 Apr 2024, 09:15 – 1 Jun 2024, 13:13')
    expect(formatLocalRange(null, '2024-06-01')).toBe('—')
  })
})

describe('instants', () => {
  it('shows an ISO instant in the given time zone', () => {
    expect(formatInstant('2026-11-27T13:09:40.692Z', 'UTC')).toBe('27 Nov 2026, 13:09')
    expect(formatInstant('2026-11-27T13:09:40.692Z', 'Asia/Kolkata')).toBe('27 Nov 2026, 18:39')
    expect(formatInstant('2026-11-27T01:00:00Z', 'America/Sao_Paulo')).toBe('26 Nov 2026, 22:00')
    expect(formatInstant('yesterday')).toBe('yesterday')
  })
})

describe('durations', () => {
  it('reads naturally from milliseconds to minutes', () => {
    expect(formatDuration(12)).toBe('12 ms')
    expect(formatDuration(740)).toBe('740 ms')
    expect(formatDuration(1_540)).toBe('1.5 s')
    expect(formatDuration(12_400)).toBe('12 s')
    expect(formatDuration(59_700)).toBe('1 min 00 s')
    expect(formatDuration(65_000)).toBe('1 min 05 s')
    expect(formatDuration(-1)).toBe('—')
  })
})
