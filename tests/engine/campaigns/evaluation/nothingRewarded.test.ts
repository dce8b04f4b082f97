// The sentence shown when no payment is rewarded (pure function, hand-written expectations).
import { describe, expect, it } from 'vitest'
import type { FunnelStep } from '../../../../common/domain/campaignResult'
import { nothingRewarded } from '../../../../electron/engine/campaigns/evaluation/nothingRewarded'
import { campaign } from './fixtures'

const step = (rule: FunnelStep['rule'], label: string, remaining: number, removed: number): FunnelStep => ({ rule, label, remaining, removed })
const window = step('successfulInWindow', 'Successful, inside the window', 5_000, 0)

describe('nothingRewarded', () => {
  it('is null when something is rewarded', () => {
    expect(nothingRewarded([step('accountAge', 'Account at least 30 days old', 0, 10)], 10, 1, campaign())).toBeNull()
  })

  it('names the first rule that leaves no payment', () => {
    const funnel = [window, step('rails', 'Rails: UPI', 1_234_567, 3_765_433), step('accountAge', 'Account at least 30 days old', 0, 1_234_567),
      step('firstN', 'First 3 payments per user', 0, 0)]
    expect(nothingRewarded(funnel, 0, 0, campaign())).toBe('No payment is rewarded: the rule ‘Account at least 30 days old’ removed the last 1,234,567 payments.')
    expect(nothingRewarded([window, step('kinds', 'Kinds: P2M', 0, 1)], 0, 0, campaign())).toBe('No payment is rewarded: the rule ‘Kinds: P2M’ removed the last payment.')
  })

  it('says when the budget, the caps or clawback took the last payments', () => {
    const budget = campaign({ budget: { amount: 1_000, currency: 'USD' } })
    expect(nothingRewarded([window, step('budget', 'Budget', 0, 12)], 12, 0, budget)).toBe('No payment is rewarded: the budget of 1000.00 USD was exhausted before the last 12 payments.')
    expect(nothingRewarded([window, step('rewardAfterCaps', 'Reward after caps', 0, 3)], 3, 0, campaign())).toBe('No payment is rewarded: the reward after the caps is 0 for the last 3 payments.')
    expect(nothingRewarded([window, step('clawback', 'Clawback of reversals', 0, 1)], 1, 0, campaign())).toBe('No payment is rewarded: the last payment was reversed and clawed back.')
  })

  it('without a funnel, says what the candidates show', () => {
    expect(nothingRewarded([], 0, 0, campaign())).toBe('No payment is rewarded: no payment passes the eligibility rules.')
    expect(nothingRewarded([step('successfulInWindow', 'Successful, inside the window', 0, 0)], 0, 0, campaign())).toBe('No payment is rewarded: there are no payments to evaluate.')
  })
})
