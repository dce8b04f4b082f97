// Small pure helpers of the Data view: stage badges, grid layout and cursor moves, profile
// value formatting.
import { describe, expect, it } from 'vitest'
import { gridColumns, moveCursor } from '../../../../renderer/components/data/gridLayout'
import { stageBadge } from '../../../../renderer/components/data/importStageLabel'
import { formatStat, kindOfType } from '../../../../renderer/components/data/profileFormat'
import { newSession } from '../../../../renderer/stores/importSession'
import { REPORT, inspection } from '../../support/dataFixtures'

describe('stageBadge', () => {
  it('says where each file stands', () => {
    const s = newSession('k', 'a.csv', 10, 'uploading')
    s.upload = { loaded: 5, total: 10 }
    expect(stageBadge(s)).toEqual({ text: 'Uploading 50%', tone: 'accent' })
    expect(stageBadge({ ...s, stage: 'review', inspection: inspection() })).toEqual({ text: '1 question', tone: 'warning' })
    expect(stageBadge({ ...s, stage: 'review', inspection: inspection(true) }).text).toBe('Ready to import')
    expect(stageBadge({ ...s, stage: 'report', report: REPORT })).toEqual({ text: 'Rejects to review', tone: 'warning' })
    expect(stageBadge({ ...s, stage: 'report', report: { ...REPORT, rejectedRows: 0 } }).text).toBe('Ready to accept')
    expect(stageBadge({ ...s, stage: 'committed' }).tone).toBe('success')
    expect(stageBadge({ ...s, stage: 'failed' }).tone).toBe('danger')
  })
})

describe('grid layout', () => {
  it('sizes columns by type and name, capped', () => {
    expect(gridColumns([{ name: 'amount', type: 'DECIMAL(18,2)' }, { name: 'ts', type: 'TIMESTAMP' }, { name: 'x'.repeat(80), type: 'VARCHAR' }])).toEqual([
      { name: 'amount', type: 'DECIMAL(18,2)', width: 110, numeric: true },
      { name: 'ts', type: 'TIMESTAMP', width: 170, numeric: false },
      { name: 'x'.repeat(80), type: 'VARCHAR', width: 320, numeric: false },
    ])
  })

  it('moves the cursor within the grid', () => {
    const at = { row: 5, col: 1 }
    expect(moveCursor(at, 'ArrowUp', false, 10, 3, 4)).toEqual({ row: 4, col: 1 })
    expect(moveCursor(at, 'PageDown', false, 10, 3, 4)).toEqual({ row: 9, col: 1 })
    expect(moveCursor(at, 'PageDown', false, 7, 3, 4)).toEqual({ row: 6, col: 1 })
    expect(moveCursor(at, 'ArrowRight', false, 10, 3, 4)).toEqual({ row: 5, col: 2 })
    expect(moveCursor({ row: 0, col: 0 }, 'ArrowLeft', false, 10, 3, 4)).toEqual({ row: 0, col: 0 })
    expect(moveCursor(at, 'Home', true, 10, 3, 4)).toEqual({ row: 0, col: 0 })
    expect(moveCursor(at, 'End', false, 10, 3, 4)).toEqual({ row: 5, col: 2 })
    expect(moveCursor(at, 'Enter', false, 10, 3, 4)).toBeNull()
  })
})

describe('profile values', () => {
  it('formats numbers and times and leaves text alone', () => {
    expect(kindOfType('DECIMAL(18,2)')).toBe('number')
    expect(kindOfType('TIMESTAMP WITH TIME ZONE')).toBe('time')
    expect(kindOfType('BOOLEAN')).toBe('boolean')
    expect(kindOfType('VARCHAR')).toBe('text')
    expect(formatStat('1234567.5', 'number')).toBe('1,234,567.5')
    expect(formatStat('2024-04-03 09:15:00', 'time')).toBe('3 Apr 2024, 09:15')
    expect(formatStat('1234', 'text')).toBe('1234')
    expect(formatStat(null, 'number')).toBe('—')
  })
})
