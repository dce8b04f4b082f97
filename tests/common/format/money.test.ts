// Money in each market's convention: Indian grouping with lakh/crore, Brazilian R$ with comma
// decimals, US dollars, and unknown currencies.
import { describe, expect, it } from 'vitest'
import { formatBrl, formatBrlShort, formatInr, formatInrShort, formatMoney, formatMoneyShort, formatUsd, isCurrencyCode } from '../../../common/format/money'

describe('full amounts', () => {
  it('writes rupees with Indian grouping', () => {
    expect(formatInr(1234567.89)).toBe('₹12,34,567.89')
    expect(formatInr(100000)).toBe('₹1,00,000.00')
    expect(formatInr(999)).toBe('₹999.00')
    expect(formatInr(-1500.5)).toBe('-₹1,500.50')
    expect(formatInr(12.345, 0)).toBe('₹12')
  })

  it('writes reais with dot groups and comma decimals', () => {
    expect(formatBrl(1234.56)).toBe('R$ 1.234,56')
    expect(formatBrl(1234567.8)).toBe('R$ 1.234.567,80')
    expect(formatBrl(0.5)).toBe('R$ 0,50')
    expect(formatBrl(-2)).toBe('-R$ 2,00')
  })

  it('writes dollars and unknown currencies', () => {
    expect(formatUsd(1234.5)).toBe('$1,234.50')
    expect(formatMoney(1234567.891, 'INR')).toBe('₹12,34,567.89')
    expect(formatMoney(1234.56, 'BRL')).toBe('R$ 1.234,56')
    expect(formatMoney(1234.56, 'EUR')).toBe('1,234.56 EUR')
    expect(formatMoney(Number.NaN, 'INR')).toBe('—')
    expect(isCurrencyCode('BRL')).toBe(true)
    expect(isCurrencyCode('EUR')).toBe(false)
  })
})

describe('short forms', () => {
  it('uses lakh and crore for rupees', () => {
    expect(formatInrShort(950)).toBe('₹950')
    expect(formatInrShort(98765)).toBe('₹98,765')
    expect(formatInrShort(100000)).toBe('₹1 L')
    expect(formatInrShort(1234567)).toBe('₹12.3 L')
    expect(formatInrShort(4_20_00_000)).toBe('₹4.2 Cr')
    expect(formatInrShort(1_23_45_00_00_000)).toBe('₹12,345 Cr')
    expect(formatInrShort(-250000)).toBe('-₹2.5 L')
  })

  it('uses mil, mi and bi for reais', () => {
    expect(formatBrlShort(950)).toBe('R$ 950')
    expect(formatBrlShort(12_345)).toBe('R$ 12,3 mil')
    expect(formatBrlShort(4_500_000)).toBe('R$ 4,5 mi')
    expect(formatBrlShort(1_000_000_000)).toBe('R$ 1 bi')
  })

  it('dispatches by currency', () => {
    expect(formatMoneyShort(1234567, 'INR')).toBe('₹12.3 L')
    expect(formatMoneyShort(1234567, 'BRL')).toBe('R$ 1,23 mi')
    expect(formatMoneyShort(1234567, 'USD')).toBe('$1.23M')
    expect(formatMoneyShort(500, 'USD')).toBe('$500')
    expect(formatMoneyShort(2500, 'EUR')).toBe('2.5k EUR')
  })
})
