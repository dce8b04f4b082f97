// Presets are real campaigns (DOMAIN §2) that the campaign schema accepts, over local-day windows.
import { describe, expect, it } from 'vitest'
import { PRESET_IDS, PRESETS, presetCampaign } from '../../../common/campaigns/presets'
import { campaignIssues, campaignSchema } from '../../../common/domain/campaign'

describe('campaign presets', () => {
  it.each(PRESET_IDS)('%s validates against campaignSchema', (id) => {
    const input = presetCampaign(id)
    expect(campaignIssues(input)).toEqual({})
    expect(campaignSchema.safeParse(input).success).toBe(true)
  })

  it('has a label and a source line for every preset', () => {
    expect(PRESETS.map((p) => p.id)).toEqual([...PRESET_IDS])
    for (const p of PRESETS) expect(p.label.length * p.source.length).toBeGreaterThan(0)
  })

  it('models WhatsApp Apr 2022: ₹11 × 3 to different contacts, account ≥ 30 days, P2P by contact on UPI', () => {
    const c = campaignSchema.parse(presetCampaign('whatsapp-apr-2022'))
    expect(c.countries).toEqual(['IN'])
    expect(c.reward).toEqual({ type: 'flat', amount: 11 })
    expect(c.eligibility).toMatchObject({ rails: ['UPI'], kinds: ['P2P'], entryMethods: ['CONTACT'], uniqueCounterparty: true, minAccountAgeDays: 30, maxRewardedPaymentsPerUser: 3 })
    expect(c.eligibility.minAmount).toBeUndefined()
    expect(c.payoutDelayHours).toBe(48)
  })

  it('models WhatsApp Jun 2022 (₹35 × 3, min ₹1) and BHIM (₹51 on a new payer’s first payment)', () => {
    const jun = campaignSchema.parse(presetCampaign('whatsapp-jun-2022'))
    expect(jun.reward).toEqual({ type: 'flat', amount: 35 })
    expect(jun.eligibility).toMatchObject({ minAmount: 1, maxRewardedPaymentsPerUser: 3 })
    expect(jun.perUserCap).toBe(105)
    const bhim = campaignSchema.parse(presetCampaign('bhim-first-payment'))
    expect(bhim.reward).toEqual({ type: 'flat', amount: 51 })
    expect(bhim.eligibility).toMatchObject({ payerType: 'new', maxRewardedPaymentsPerUser: 1 })
  })

  it('models the Brazil Pix flat and the 5 % capped at R$ 50 variant', () => {
    const flat = campaignSchema.parse(presetCampaign('pix-flat'))
    expect(flat.countries).toEqual(['BR'])
    expect(flat.eligibility.rails).toEqual(['PIX'])
    const pct = campaignSchema.parse(presetCampaign('pix-percent-capped'))
    expect(pct.reward).toEqual({ type: 'percent', percent: 5 })
    expect(pct.perUserCap).toBe(50)
  })

  it('defaults to the sample campaign month in local time: IST midnight is 18:30Z, BRT midnight 03:00Z', () => {
    expect(presetCampaign('whatsapp-jun-2022').window).toEqual({ start: '2024-09-01T18:30:00Z', end: '2024-09-29T18:30:00Z' })
    expect(presetCampaign('pix-flat').window).toEqual({ start: '2024-09-02T03:00:00Z', end: '2024-09-30T03:00:00Z' })
  })

  it('takes the loaded data’s days when given', () => {
    expect(presetCampaign('bhim-first-payment', { firstDay: '2024-08-05', lastDay: '2024-10-27' }).window).toEqual({ start: '2024-08-04T18:30:00Z', end: '2024-10-27T18:30:00Z' })
  })
})
