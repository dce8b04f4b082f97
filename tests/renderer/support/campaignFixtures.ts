// A CampaignEvaluation shaped like the engine's answer for a WhatsApp-style ₹35 × 3 campaign in
// India plus a Brazil leg, with a budget that runs out — for chart builders and component tests.
import type { SavedCampaign } from '../../../common/domain/campaign'
import { campaignSchema } from '../../../common/domain/campaign'
import type { CampaignEvaluation } from '../../../common/domain/campaignResult'
import { presetCampaign } from '../../../common/campaigns/presets'

export function evaluation(overrides: Partial<CampaignEvaluation> = {}): CampaignEvaluation {
  return {
    campaignName: 'WhatsApp India Jun 2022 (₹35 × 3)',
    scope: 'treatment',
    totals: {
      byCountry: [],
      rewardedPayments: 1300,
      rewardedUsers: 520,
      budget: { currency: 'INR', amount: '50000.00', spent: '50000.00', exhaustedAt: '2024-09-03T09:02:00.000Z' },
    },
    countries: [
      { country: 'IN', currency: 'INR', candidatePayments: 1500, rewardedPayments: 1200, rewardedUsers: 480, accrued: '42000.00', clawedBack: '0.00', paidCash: '42000.00', averageReward: '35.00', budgetSpent: '42000.00', accruedUsd: '503.40' },
      { country: 'BR', currency: 'BRL', candidatePayments: 150, rewardedPayments: 100, rewardedUsers: 40, accrued: '500.00', clawedBack: '0.00', paidCash: '490.00', averageReward: '5.00', budgetSpent: '8000.00', accruedUsd: '96.10' },
    ],
    accruedUsd: '599.50',
    usdNote: null,
    daily: [
      { country: 'IN', currency: 'INR', date: '2024-09-02', rewardedPayments: 800, accrued: '28000.00', budgetSpent: '28000.00' },
      { country: 'IN', currency: 'INR', date: '2024-09-03', rewardedPayments: 400, accrued: '14000.00', budgetSpent: '14000.00' },
      { country: 'BR', currency: 'BRL', date: '2024-09-02', rewardedPayments: 100, accrued: '500.00', budgetSpent: '8000.00' },
    ],
    payouts: [
      { country: 'IN', currency: 'INR', date: '2024-09-04', payments: 800, amount: '28000.00', expectedCash: '28000.00' },
      { country: 'IN', currency: 'INR', date: '2024-09-05', payments: 400, amount: '14000.00', expectedCash: '14000.00' },
      { country: 'BR', currency: 'BRL', date: '2024-09-04', payments: 100, amount: '500.00', expectedCash: '490.00' },
    ],
    burn: [
      { date: '2024-09-02', spent: '36000.00', cumulative: '36000.00' },
      { date: '2024-09-03', spent: '14000.00', cumulative: '50000.00' },
    ],
    breakdowns: [
      { dimension: 'rail', value: 'UPI', country: 'IN', currency: 'INR', rewardedPayments: 1200, rewardedUsers: 480, accrued: '42000.00', accruedUsd: '503.40' },
      { dimension: 'rail', value: 'PIX', country: 'BR', currency: 'BRL', rewardedPayments: 100, rewardedUsers: 40, accrued: '500.00', accruedUsd: '96.10' },
      { dimension: 'region', value: 'IN-KA', country: 'IN', currency: 'INR', rewardedPayments: 200, rewardedUsers: 80, accrued: '7000.00', accruedUsd: '83.90' },
      { dimension: 'region', value: 'IN-MH', country: 'IN', currency: 'INR', rewardedPayments: 1000, rewardedUsers: 400, accrued: '35000.00', accruedUsd: '419.50' },
      { dimension: 'region', value: null, country: 'BR', currency: 'BRL', rewardedPayments: 100, rewardedUsers: 40, accrued: '500.00', accruedUsd: '96.10' },
    ],
    rewardPerUser: [
      { country: 'IN', currency: 'INR', users: 480, mean: '87.50', p50: '105.00', p90: '105.00', p99: '105.00', max: '105.00', bins: [{ from: '35.00', to: '35.00', users: 60 }, { from: '70.00', to: '70.00', users: 60 }, { from: '105.00', to: '105.00', users: 360 }] },
    ],
    topUsers: [{ country: 'IN', currency: 'INR', userId: 'U000123', rewardedPayments: 3, reward: '105.00' }],
    gaming: [
      { country: 'IN', currency: 'INR', minimum: '1.00', nearUpTo: '2.00', rewardedPayments: 1200, rewardedNearMinimum: 300, share: 0.25, controlArm: 'control', controlPayments: 2000, controlNearMinimum: 100, controlShare: 0.05, ratio: 5 },
    ],
    funnel: [
      { rule: 'successfulInWindow', label: 'Successful payments in the window', remaining: 10000, removed: 0 },
      { rule: 'rails', label: 'Rail is UPI', remaining: 6000, removed: 4000 },
      { rule: 'firstN', label: 'First 3 per user', remaining: 1500, removed: 4500 },
      { rule: 'budget', label: 'Within the budget', remaining: 1300, removed: 200 },
    ],
    nothingRewarded: null,
    ...overrides,
  }
}

export function savedCampaign(id: string, name: string, updatedAt = '2026-11-27T12:00:00.000Z'): SavedCampaign {
  return { id, campaign: campaignSchema.parse({ ...presetCampaign('whatsapp-jun-2022'), name }), updatedAt }
}
