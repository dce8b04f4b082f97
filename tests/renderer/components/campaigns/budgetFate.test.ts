// The budget's fate as the cost headline and the quick estimate both word it.
import { describe, expect, it } from 'vitest'
import { budgetFate } from '../../../../renderer/components/campaigns/resultFormat'

describe('budgetFate', () => {
  it('says not exhausted, with the share spent', () => {
    expect(budgetFate({ amount: '2000000.00', spent: '1250000.00', exhaustedAt: null }, ['IN'])).toEqual({ share: '62.5%', state: 'Not exhausted', exhausted: false })
  })

  it('gives the exhaustion instant on each country’s clock (IST = UTC+5:30, BRT = UTC−3)', () => {
    const fate = budgetFate({ amount: '50000.00', spent: '50000.00', exhaustedAt: '2024-09-03T09:02:00.000Z' }, ['IN', 'BR'])
    expect(fate.exhausted).toBe(true)
    expect(fate.share).toBe('100.0%')
    expect(fate.state).toMatch(/^Exhausted 3 Sep 2024, 14:32 IST · 3 Sep 2024, 06:02 BRT$/)
  })

  it('has no share for a zero budget', () => {
    expect(budgetFate({ amount: '0.00', spent: '0.00', exhaustedAt: null }, ['BR']).share).toBeNull()
  })
})
