// The campaign schema: defaults, and field-level human messages for bad input.
import { describe, expect, it } from 'vitest'
import { campaignIssues, campaignSchema, centsToString, moneyToCents, type CampaignInput } from '../../../common/domain/campaign'

const VALID: CampaignInput = {
  name: 'WhatsApp India Apr 2022',
  countries: ['IN'],
  window: { start: '2022-04-01T00:00:00Z', end: '2022-05-01T00:00:00+05:30' },
  eligibility: { kinds: ['P2P'], entryMethods: ['CONTACT'], uniqueCounterparty: true, maxRewardedPaymentsPerUser: 3, minAmount: 1 },
  reward: { type: 'flat', amount: 11 },
}

describe('campaign schema', () => {
  it('accepts a valid campaign and fills the defaults', () => {
    const c = campaignSchema.parse(VALID)
    expect(c.payoutDelayHours).toBe(48)
    expect(c.clawbackReversals).toBe(false)
    expect(c.breakageRate).toBe(0)
    expect(c.eligibility.rails).toEqual([])
    expect(campaignIssues(VALID)).toEqual({})
  })

  it.each<[string, CampaignInput, string, RegExp]>([
    ['window end before start', { ...VALID, window: { start: '2022-04-02T00:00:00Z', end: '2022-04-01T00:00:00Z' } }, 'window.end', /end after it starts/],
    ['window end equal to start', { ...VALID, window: { start: '2022-04-01T00:00:00Z', end: '2022-04-01T00:00:00Z' } }, 'window.end', /end after it starts/],
    ['a timestamp that is not ISO', { ...VALID, window: { start: 'April 1st', end: '2022-04-01T00:00:00Z' } }, 'window.start', /ISO timestamp/],
    ['percent over 100', { ...VALID, reward: { type: 'percent', percent: 150 } }, 'reward.percent', /cannot exceed 100/],
    ['a negative per-payment cap', { ...VALID, perPaymentCap: -5 }, 'perPaymentCap', /cannot be negative/],
    ['a negative per-user cap', { ...VALID, perUserCap: -1 }, 'perUserCap', /cannot be negative/],
    ['three decimals in money', { ...VALID, reward: { type: 'flat', amount: 1.005 } }, 'reward.amount', /at most 2 decimals/],
    ['an unknown currency', { ...VALID, budget: { amount: 1000, currency: 'EUR' as 'USD' } }, 'budget.currency', /Unknown currency/],
    ['a zero budget', { ...VALID, budget: { amount: 0, currency: 'INR' } }, 'budget.amount', /above 0/],
    ['min above max', { ...VALID, eligibility: { minAmount: 100, maxAmount: 10 } }, 'eligibility.maxAmount', /not be below the minimum/],
    ['tiers out of order', { ...VALID, reward: { type: 'tiers', tiers: [{ minAmount: 100, reward: 5 }, { minAmount: 10, reward: 1 }] } }, 'reward.tiers', /increasing order/],
    ['breakage above 1', { ...VALID, breakageRate: 1.5 }, 'breakageRate', /between 0 and 1/],
    ['no countries', { ...VALID, countries: [] }, 'countries', /at least one country/],
    ['an empty name', { ...VALID, name: '  ' }, 'name', /needs a name/],
    ['a fractional payout delay', { ...VALID, payoutDelayHours: 1.5 }, 'payoutDelayHours', /whole number of hours/],
    ['zero rewarded payments per user', { ...VALID, eligibility: { maxRewardedPaymentsPerUser: 0 } }, 'eligibility.maxRewardedPaymentsPerUser', /At least one/],
  ])('rejects %s with a field-level message', (_label, input, field, message) => {
    const issues = campaignIssues(input)
    expect(issues[field]).toMatch(message)
  })

  it('turns money into exact cents and back', () => {
    expect(moneyToCents(0.07)).toBe(7n)
    expect(moneyToCents(123456.78)).toBe(12345678n)
    expect(centsToString(5n)).toBe('0.05')
    expect(centsToString(-1234n)).toBe('-12.34')
  })
})
