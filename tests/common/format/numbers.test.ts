// Plain number formatting: grouping styles, counts, percentages, sizes, rates, compact labels and
// numbers that arrive as text from the engine.
import { describe, expect, it } from 'vitest'
import {
  BR_STYLE,
  IN_STYLE,
  formatBytes,
  formatCompact,
  formatCount,
  formatFixed,
  formatNumberText,
  formatPercent,
  formatRate,
  groupDigits,
} from '../../../common/format/numbers'

describe('groupDigits', () => {
  it('groups by thousands or by the Indian 3-then-2 pattern', () => {
    expect(groupDigits('1', 'international', ',')).toBe('1')
    expect(groupDigits('123', 'international', ',')).toBe('123')
    expect(groupDigits('1234', 'international', ',')).toBe('1,234')
    expect(groupDigits('1234567', 'international', ',')).toBe('1,234,567')
    expect(groupDigits('1234', 'indian', ',')).toBe('1,234')
    expect(groupDigits('123456', 'indian', ',')).toBe('1,23,456')
    expect(groupDigits('1234567', 'indian', ',')).toBe('12,34,567')
    expect(groupDigits('123456789', 'indian', ',')).toBe('12,34,56,789')
    expect(groupDigits('1234567', 'international', '.')).toBe('1.234.567')
  })
})

describe('formatFixed', () => {
  it('rounds to the decimals and applies the style', () => {
    expect(formatFixed(1234567.891, 2)).toBe('1,234,567.89')
    expect(formatFixed(1234567.891, 2, IN_STYLE)).toBe('12,34,567.89')
    expect(formatFixed(1234.5, 2, BR_STYLE)).toBe('1.234,50')
    expect(formatFixed(-1234.5, 0)).toBe('-1,235')
    expect(formatFixed(-0.001, 2)).toBe('0.00') // no "-0.00"
    expect(formatFixed(Number.NaN, 2)).toBe('—')
    expect(formatFixed(Number.POSITIVE_INFINITY, 2)).toBe('—')
  })
})

describe('counts, percentages, sizes and rates', () => {
  it('formats counts as whole numbers with thousands separators', () => {
    expect(formatCount(0)).toBe('0')
    expect(formatCount(12)).toBe('12')
    expect(formatCount(1234567)).toBe('1,234,567')
    expect(formatCount(10_000_000.4)).toBe('10,000,000')
  })

  it('formats shares as percentages, keeping tiny shares visible', () => {
    expect(formatPercent(0.125)).toBe('12.5%')
    expect(formatPercent(1)).toBe('100.0%')
    expect(formatPercent(0)).toBe('0.0%')
    expect(formatPercent(0.00001)).toBe('<0.1%')
    expect(formatPercent(0.5, 0)).toBe('50%')
  })

  it('formats byte sizes in binary multiples', () => {
    expect(formatBytes(793)).toBe('793 B')
    expect(formatBytes(12_700)).toBe('12.4 KB')
    expect(formatBytes(1024 ** 3 * 1.25)).toBe('1.3 GB')
    expect(formatBytes(250 * 1024 ** 2)).toBe('250 MB')
    expect(formatBytes(-1)).toBe('—')
  })

  it('formats compact axis labels and rows per second', () => {
    expect(formatCompact(0)).toBe('0')
    expect(formatCompact(950)).toBe('950')
    expect(formatCompact(8.75)).toBe('8.8')
    expect(formatCompact(0.25)).toBe('0.25')
    expect(formatCompact(1200)).toBe('1.2k')
    expect(formatCompact(34_000)).toBe('34k')
    expect(formatCompact(1_250_000)).toBe('1.3M')
    expect(formatCompact(250_000_000)).toBe('250M')
    expect(formatCompact(3_400_000_000)).toBe('3.4B')
    expect(formatCompact(-1200)).toBe('-1.2k')
    expect(formatRate(24)).toBe('24 rows/s')
    expect(formatRate(54_321)).toBe('54,321 rows/s')
    expect(formatRate(1_234_567)).toBe('1.2M rows/s')
    expect(formatRate(null)).toBeNull()
  })
})

describe('formatNumberText', () => {
  it('groups numbers sent as text without float rounding', () => {
    expect(formatNumberText('1234.56')).toBe('1,234.56')
    expect(formatNumberText('12345678901234567890.10')).toBe('12,345,678,901,234,567,890.10')
    expect(formatNumberText('-1000')).toBe('-1,000')
    expect(formatNumberText('1234567.5', IN_STYLE)).toBe('12,34,567.5')
    expect(formatNumberText('1234.5', BR_STYLE)).toBe('1.234,5')
  })

  it('leaves anything else alone', () => {
    for (const text of ['abc', '1e-05', '2024-04-03', '', '1,234', 'NaN']) expect(formatNumberText(text)).toBe(text)
  })
})
