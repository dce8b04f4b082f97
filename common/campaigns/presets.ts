// Real campaigns from the press (DOMAIN.md §2) as ready-made designs: WhatsApp India (Apr and Jun
// 2022), BHIM's first-payment bonus, and two Brazil Pix variants. The window is given in local
// days (the loaded data's range, else the sample's campaign month). Layer: common (pure).
import type { CampaignCountry, CampaignInput } from '../domain/campaign'
import { COUNTRY_TIME_ZONE, SAMPLE_CAMPAIGN_DAYS, windowFromLocal, type LocalWindow } from './localWindow'

export const PRESET_IDS = ['whatsapp-apr-2022', 'whatsapp-jun-2022', 'bhim-first-payment', 'pix-flat', 'pix-percent-capped'] as const
export type PresetId = (typeof PRESET_IDS)[number]

export interface CampaignPreset {
  id: PresetId
  label: string
  /** One line on what the real campaign did and how it is modelled. */
  source: string
  country: CampaignCountry
  /** The campaign without its window (added by presetCampaign). */
  build(): Omit<CampaignInput, 'window'>
}

export const PRESETS: readonly CampaignPreset[] = [
  {
    id: 'whatsapp-apr-2022',
    label: 'WhatsApp India, Apr 2022 — ₹11 × 3',
    source: '₹11 on up to 3 payments, each to a different contact, no minimum; account ≥ 30 days; QR, collect, UPI-ID entry and business payments excluded (→ P2P by contact).',
    country: 'IN',
    build: () => ({
      name: 'WhatsApp India Apr 2022 (₹11 × 3)',
      countries: ['IN'],
      eligibility: {
        rails: ['UPI'],
        kinds: ['P2P'],
        entryMethods: ['CONTACT'],
        uniqueCounterparty: true,
        minAccountAgeDays: 30,
        maxRewardedPaymentsPerUser: 3,
      },
      reward: { type: 'flat', amount: 11 },
      perUserCap: 33,
      payoutDelayHours: 48,
    }),
  },
  {
    id: 'whatsapp-jun-2022',
    label: 'WhatsApp India, Jun 2022 — ₹35 × 3',
    source: '₹35 on up to 3 payments (₹105 in all), minimum ₹1, UPI person-to-person, credited 48 h later.',
    country: 'IN',
    build: () => ({
      name: 'WhatsApp India Jun 2022 (₹35 × 3)',
      countries: ['IN'],
      eligibility: { rails: ['UPI'], kinds: ['P2P'], minAmount: 1, maxRewardedPaymentsPerUser: 3 },
      reward: { type: 'flat', amount: 35 },
      perUserCap: 105,
      budget: { amount: 1_000_000, currency: 'INR' },
      payoutDelayHours: 48,
    }),
  },
  {
    id: 'bhim-first-payment',
    label: 'BHIM, 2018 — ₹51 on the first payment',
    source: '₹51 for a new user’s first UPI payment (no successful payment before the start), once per user.',
    country: 'IN',
    build: () => ({
      name: 'BHIM ₹51 first payment',
      countries: ['IN'],
      eligibility: { rails: ['UPI'], payerType: 'new', maxRewardedPaymentsPerUser: 1 },
      reward: { type: 'flat', amount: 51 },
      payoutDelayHours: 48,
    }),
  },
  {
    id: 'pix-flat',
    label: 'Brazil Pix — R$ 5 × 3',
    source: 'A WhatsApp-style flat reward for Brazil: R$ 5 on up to 3 Pix transfers to people, minimum R$ 1.',
    country: 'BR',
    build: () => ({
      name: 'Pix flat R$ 5 × 3',
      countries: ['BR'],
      eligibility: { rails: ['PIX'], kinds: ['P2P'], minAmount: 1, maxRewardedPaymentsPerUser: 3 },
      reward: { type: 'flat', amount: 5 },
      perUserCap: 15,
      payoutDelayHours: 48,
    }),
  },
  {
    id: 'pix-percent-capped',
    label: 'Brazil Pix — 5 % capped at R$ 50',
    source: 'PicPay-style: 5 % of each Pix payment back, at most R$ 50 per user over the campaign, credited within 48 h.',
    country: 'BR',
    build: () => ({
      name: 'Pix 5 % capped R$ 50',
      countries: ['BR'],
      eligibility: { rails: ['PIX'] },
      reward: { type: 'percent', percent: 5 },
      perUserCap: 50,
      payoutDelayHours: 48,
    }),
  },
]

export function presetById(id: PresetId): CampaignPreset {
  const preset = PRESETS.find((p) => p.id === id)
  if (preset === undefined) throw new Error(`Unknown preset ${id}`)
  return preset
}

/**
 * The preset as a campaign over `days` (local days of the preset's country; the sample's campaign
 * month when not given), in the country's time zone (`zones` overrides the default zones).
 */
export function presetCampaign(id: PresetId, days: LocalWindow = SAMPLE_CAMPAIGN_DAYS, zones: Partial<Record<string, string>> = {}): CampaignInput {
  const preset = presetById(id)
  const window = windowFromLocal(days, zones[preset.country] ?? COUNTRY_TIME_ZONE[preset.country])
  if (window.start === null || window.end === null) throw new Error(`Bad preset window ${days.firstDay} … ${days.lastDay}`)
  return { ...preset.build(), window: { start: window.start, end: window.end } }
}
