// describeCampaign: the DOMAIN §2 presets and a two-country campaign in plain words.
import { describe, expect, it } from 'vitest'
import { presetCampaign, type PresetId } from '../../../common/campaigns/presets'
import { campaignSchema } from '../../../common/domain/campaign'
import { budgetWords, describeCampaign, describeCampaignParts } from '../../../common/report/describeCampaign'

const preset = (id: PresetId) => campaignSchema.parse(presetCampaign(id))

describe('describeCampaign', () => {
  it('says each preset in plain words', () => {
    expect(describeCampaign(preset('whatsapp-jun-2022'))).toBe('₹35 per payment, up to 3 payments, minimum ₹1, credited 48 h later, budget ₹10 lakh')
    expect(describeCampaign(preset('whatsapp-apr-2022'))).toBe('₹11 per payment, up to 3 payments to different contacts, credited 48 h later, no budget limit')
    expect(describeCampaign(preset('bhim-first-payment'))).toBe('₹51 per payment, up to 1 payment, credited 48 h later, no budget limit')
    expect(describeCampaign(preset('pix-flat'))).toBe('R$ 5 per payment, up to 3 payments, minimum R$ 1, credited 48 h later, no budget limit')
    expect(describeCampaign(preset('pix-percent-capped'))).toBe('5% of each payment, up to R$ 50 per user, credited 48 h later, no budget limit')
  })

  it('the issue example: ₹35 × 3 to different contacts, minimum ₹1, budget ₹50 lakh', () => {
    const c = preset('whatsapp-jun-2022')
    const text = describeCampaign({ ...c, eligibility: { ...c.eligibility, uniqueCounterparty: true }, budget: { amount: 5_000_000, currency: 'INR' } })
    expect(text).toBe('₹35 per payment, up to 3 payments to different contacts, minimum ₹1, credited 48 h later, budget ₹50 lakh')
  })

  it('describes eligibility and the window in local time', () => {
    const parts = describeCampaignParts(preset('whatsapp-apr-2022'))
    expect(parts.eligibility).toBe('India; UPI person-to-person payments by contact; accounts at least 30 days old')
    expect(parts.window).toMatch(/^\d{1,2} \w{3} \d{4} – \d{1,2} \w{3} \d{4} \(local time\)$/)
    expect(describeCampaignParts(preset('bhim-first-payment')).eligibility).toContain('new payers only')
  })

  it('gives each country its own money terms side by side', () => {
    const c = campaignSchema.parse({
      ...presetCampaign('whatsapp-jun-2022'),
      countries: ['IN', 'BR'],
      eligibility: { rails: ['UPI', 'PIX'], minAmount: 1, maxRewardedPaymentsPerUser: 3 },
      countryTerms: { BR: { reward: { type: 'flat', amount: 2.5 }, minAmount: 1, perUserCap: 7.5 } },
      budget: { amount: 25_000_000, currency: 'INR' },
      clawbackReversals: true,
      breakageRate: 0.02,
    })
    expect(describeCampaign(c)).toBe(
      'India: ₹35 per payment, minimum ₹1; Brazil: R$ 2,50 per payment, minimum R$ 1; up to 3 payments, credited 48 h later, budget ₹2.5 crore, reversed payments clawed back, 2% breakage',
    )
  })

  it('says budgets per market', () => {
    expect(budgetWords(5_000_000, 'INR')).toBe('₹50 lakh')
    expect(budgetWords(120_000_000, 'INR')).toBe('₹12 crore')
    expect(budgetWords(1_200_000, 'BRL')).toBe('R$ 1,2 milhão')
    expect(budgetWords(50_000, 'USD')).toBe('$50,000')
  })
})
