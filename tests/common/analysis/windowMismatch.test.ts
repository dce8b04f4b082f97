// The campaign-window vs analysis-window warning (common/analysis/windowMismatch.ts). Local days
// worked by hand: IST is UTC+05:30 all year, so 2024-08-31T18:30Z is 2024-09-01 00:00 IST; Brazil
// has had no DST since 2019, so the same instant is 2024-08-31 15:30 BRT (UTC−03:00).
import { describe, expect, it } from 'vitest'
import { localDaysOf, windowMismatchNote } from '../../../common/analysis'

const ZONES = { IN: 'Asia/Kolkata', BR: 'America/Sao_Paulo' }
const september = { start: '2024-09-01', end: '2024-10-01' }

describe('localDaysOf', () => {
  it('maps an IST-midnight window to its local days, end excluded', () => {
    expect(localDaysOf('2024-08-31T18:30:00Z', '2024-09-30T18:30:00Z', 'Asia/Kolkata')).toEqual(september)
  })
  it('counts a day the window only touches (the same instants in São Paulo start on Aug 31)', () => {
    expect(localDaysOf('2024-08-31T18:30:00Z', '2024-09-30T18:30:00Z', 'America/Sao_Paulo')).toEqual({ start: '2024-08-31', end: '2024-10-01' })
  })
  it('ends on the day of the last instant before the end', () => {
    expect(localDaysOf('2024-09-01T03:00:00Z', '2024-10-01T03:00:00Z', 'America/Sao_Paulo')).toEqual(september)
    expect(localDaysOf('2024-09-01T03:00:00Z', '2024-10-01T03:00:01Z', 'America/Sao_Paulo')).toEqual({ start: '2024-09-01', end: '2024-10-02' })
  })
  it('is null for an unparseable instant', () => {
    expect(localDaysOf('not a date', '2024-10-01T03:00:00Z', 'Asia/Kolkata')).toBeNull()
  })
})

describe('windowMismatchNote', () => {
  const campaign = { name: '₹35 × 3', window: { start: '2024-08-31T18:30:00Z', end: '2024-09-30T18:30:00Z' }, countries: ['IN'] }

  it('says nothing when the campaign covers exactly the analysis days', () => {
    expect(windowMismatchNote(campaign, september, ZONES)).toBeNull()
  })

  it('warns, naming the campaign days, when the analysis window is longer', () => {
    const note = windowMismatchNote(campaign, { start: '2024-09-01', end: '2024-10-15' }, ZONES)
    expect(note?.code).toBe('WINDOW_MISMATCH')
    expect(note?.severity).toBe('warning')
    expect(note?.message).toContain('analysis window (2024-09-01 to 2024-10-14)')
    expect(note?.message).toContain('IN 2024-09-01 to 2024-09-30')
  })

  it('names only the countries whose local days differ', () => {
    const both = { ...campaign, countries: ['IN', 'BR'] }
    const note = windowMismatchNote(both, september, ZONES)
    expect(note?.message).toContain('BR 2024-08-31 to 2024-09-30')
    expect(note?.message).not.toContain('IN 2024')
  })

  it('skips a country without a known zone rather than guessing one', () => {
    expect(windowMismatchNote({ ...campaign, countries: ['MX'] }, september, ZONES)).toBeNull()
  })
})
