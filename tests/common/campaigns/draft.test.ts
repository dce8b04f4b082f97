// The designer's form state converts to the schema's input and back, and bad text reaches the
// schema so its message can be shown on the field.
import { describe, expect, it } from 'vitest'
import { campaignToDraft, draftToInput, emptyDraft, formIssues, parseNumber } from '../../../common/campaigns/draft'
import { PRESET_IDS, presetCampaign } from '../../../common/campaigns/presets'
import { campaignIssues, campaignSchema } from '../../../common/domain/campaign'

describe('campaign draft', () => {
  it.each(PRESET_IDS)('round-trips preset %s through the form', (id) => {
    const campaign = campaignSchema.parse(presetCampaign(id))
    expect(campaignSchema.parse(draftToInput(campaignToDraft(campaign)))).toEqual(campaign)
  })

  it('parses numbers and keeps text that is not one', () => {
    expect(parseNumber(' 1,234.5 ')).toBe(1234.5)
    expect(parseNumber('')).toBeUndefined()
    expect(parseNumber('abc')).toBe('abc')
  })

  it('lets the schema name the field of a bad value', () => {
    const draft = { ...emptyDraft('2024-09-02', '2024-09-29'), minAmount: 'abc', maxRewardedPaymentsPerUser: '1.5' }
    const issues = campaignIssues(draftToInput(draft))
    expect(issues['eligibility.minAmount']).toBe('The minimum amount must be a number.')
    expect(issues['eligibility.maxRewardedPaymentsPerUser']).toBe('The number of rewarded payments per user must be a whole number.')
  })

  it('asks for missing days and speaks of breakage in percent', () => {
    const draft = { ...emptyDraft('', '2024-09-01'), firstDay: '', breakagePercent: '150' }
    const issues = formIssues(draft, campaignIssues(draftToInput(draft)))
    expect(issues['window.start']).toBe('Choose the first day.')
    expect(issues.breakageRate).toBe('Breakage is a percent between 0 and 100, with at most 2 decimals.')
    expect(campaignSchema.parse(draftToInput({ ...emptyDraft('2024-09-02', '2024-09-29'), breakagePercent: '2.5' })).breakageRate).toBe(0.025)
  })

  it('asks a Brazil leg of an India campaign for its own terms in BRL', () => {
    const noOwnReward = { ownReward: false, reward: { type: 'flat' as const, amount: '', percent: '', tiers: [] }, minAmount: '', maxAmount: '', perPaymentCap: '', perUserCap: '' }
    const draft = { ...emptyDraft('2024-09-02', '2024-09-29'), countries: ['IN', 'BR'] as ('IN' | 'BR')[], countryTerms: { BR: noOwnReward } }
    const issues = campaignIssues(draftToInput(draft))
    expect(issues['countryTerms.BR.reward']).toMatch(/give Brazil’s own reward in BRL/)
    const fixed = { ...draft, countryTerms: { BR: { ...noOwnReward, ownReward: true, reward: { ...noOwnReward.reward, amount: '5' } } } }
    expect(campaignIssues(draftToInput(fixed))).toEqual({})
  })
})
