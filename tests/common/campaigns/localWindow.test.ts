// Local campaign days ↔ the schema's UTC instants, in the countries' zones.
import { describe, expect, it } from 'vitest'
import { addDays, isLocalDate, localMidnightToUtc, utcOffsetLabel, utcToLocalDate, windowFromLocal, windowToLocal } from '../../../common/campaigns/localWindow'

describe('local campaign windows', () => {
  it('puts IST midnight at 18:30Z the day before and BRT midnight at 03:00Z', () => {
    expect(localMidnightToUtc('2024-09-02', 'Asia/Kolkata')).toBe('2024-09-01T18:30:00Z')
    expect(localMidnightToUtc('2024-09-02', 'America/Sao_Paulo')).toBe('2024-09-02T03:00:00Z')
    expect(localMidnightToUtc('2024-02-30', 'Asia/Kolkata')).toBeNull()
  })

  it('follows a zone across a DST change (New York, March 2024)', () => {
    expect(localMidnightToUtc('2024-03-09', 'America/New_York')).toBe('2024-03-09T05:00:00Z')
    expect(localMidnightToUtc('2024-03-11', 'America/New_York')).toBe('2024-03-11T04:00:00Z')
  })

  it('includes the last day: the end is midnight after it', () => {
    expect(windowFromLocal({ firstDay: '2024-09-02', lastDay: '2024-09-29' }, 'Asia/Kolkata')).toEqual({ start: '2024-09-01T18:30:00Z', end: '2024-09-29T18:30:00Z' })
    expect(windowToLocal({ start: '2024-09-01T18:30:00Z', end: '2024-09-29T18:30:00Z' }, 'Asia/Kolkata')).toEqual({ firstDay: '2024-09-02', lastDay: '2024-09-29' })
    expect(windowFromLocal({ firstDay: '', lastDay: 'x' }, 'Asia/Kolkata')).toEqual({ start: null, end: null })
  })

  it('reads dates, days and offsets', () => {
    expect(isLocalDate('2024-02-29')).toBe(true)
    expect(isLocalDate('2023-02-29')).toBe(false)
    expect(addDays('2024-09-30', 1)).toBe('2024-10-01')
    expect(utcToLocalDate('2024-09-01T18:30:00Z', 'Asia/Kolkata')).toBe('2024-09-02')
    expect(utcToLocalDate('2024-09-02T02:59:00Z', 'America/Sao_Paulo')).toBe('2024-09-01')
    expect(utcOffsetLabel('2024-09-02', 'Asia/Kolkata')).toBe('UTC+05:30')
    expect(utcOffsetLabel('2024-09-02', 'America/Sao_Paulo')).toBe('UTC−03:00')
  })
})
