// The campaign designer's form state: every field as the analyst typed it (numbers as text, the
// window as local days), and the two-way conversion to the campaign schema's input. Text that is
// not a number is passed through as text, so the schema's own message ("… must be a number")
// reaches the field. Layer: common (pure).
import type {
  CAMPAIGN_ENTRY_METHODS,
  CAMPAIGN_KINDS,
  CAMPAIGN_RAILS} from '../domain/campaign';
import {
  COUNTRY_CURRENCY,
  type Campaign,
  type CampaignCountry,
  type CampaignInput,
  type PayerType
} from '../domain/campaign'
import { COUNTRY_TIME_ZONE, windowFromLocal, windowToLocal } from './localWindow'

export type Rail = (typeof CAMPAIGN_RAILS)[number]
export type Kind = (typeof CAMPAIGN_KINDS)[number]
export type EntryMethod = (typeof CAMPAIGN_ENTRY_METHODS)[number]
export type RewardType = 'flat' | 'percent' | 'tiers'
export type BudgetCurrency = 'INR' | 'BRL' | 'USD'

export interface TierDraft {
  minAmount: string
  reward: string
}

export interface RewardDraft {
  type: RewardType
  amount: string
  percent: string
  tiers: TierDraft[]
}

/** A country's own money terms (in its currency); empty text = use the campaign's. */
export interface TermsDraft {
  ownReward: boolean
  reward: RewardDraft
  minAmount: string
  maxAmount: string
  perPaymentCap: string
  perUserCap: string
}

export interface SegmentDraft {
  column: string
  values: string[]
}

export interface CampaignDraft {
  name: string
  countries: CampaignCountry[]
  /** Local days in the first country's time zone; the last day is included. */
  firstDay: string
  lastDay: string
  rails: Rail[]
  kinds: Kind[]
  entryMethods: EntryMethod[]
  minAmount: string
  maxAmount: string
  payerType: PayerType
  minAccountAgeDays: string
  uniqueCounterparty: boolean
  maxRewardedPaymentsPerUser: string
  arms: string[]
  segments: SegmentDraft[]
  reward: RewardDraft
  perPaymentCap: string
  perUserCap: string
  /** Terms of countries that do not pay in the campaign currency. */
  countryTerms: Partial<Record<CampaignCountry, TermsDraft>>
  budgetOn: boolean
  budgetAmount: string
  budgetCurrency: BudgetCurrency
  payoutDelayHours: string
  clawbackReversals: boolean
  /** Percent of rewards never credited (the schema wants a share: 2 → 0.02). */
  breakagePercent: string
}

export const emptyReward = (): RewardDraft => ({ type: 'flat', amount: '10', percent: '5', tiers: [{ minAmount: '1', reward: '5' }, { minAmount: '100', reward: '25' }] })

export const emptyTerms = (): TermsDraft => ({ ownReward: true, reward: emptyReward(), minAmount: '', maxAmount: '', perPaymentCap: '', perUserCap: '' })

export function emptyDraft(firstDay = '', lastDay = ''): CampaignDraft {
  return {
    name: 'New campaign',
    countries: ['IN'],
    firstDay,
    lastDay,
    rails: [],
    kinds: [],
    entryMethods: [],
    minAmount: '',
    maxAmount: '',
    payerType: 'all',
    minAccountAgeDays: '',
    uniqueCounterparty: false,
    maxRewardedPaymentsPerUser: '',
    arms: [],
    segments: [],
    reward: emptyReward(),
    perPaymentCap: '',
    perUserCap: '',
    countryTerms: {},
    budgetOn: false,
    budgetAmount: '',
    budgetCurrency: 'INR',
    payoutDelayHours: '48',
    clawbackReversals: false,
    breakagePercent: '0',
  }
}

/** "1,234.5" / " 12 " → number; "" → undefined; anything else stays text for the schema to refuse. */
export function parseNumber(text: string): number | string | undefined {
  const trimmed = text.trim().replaceAll(',', '')
  if (trimmed === '') return undefined
  return /^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(trimmed) ? Number(trimmed) : text
}

/** The currency of the campaign-level money terms: the first country's. */
export function baseCurrency(draft: Pick<CampaignDraft, 'countries'>): 'INR' | 'BRL' {
  return COUNTRY_CURRENCY[draft.countries[0] ?? 'IN']
}

/** Countries whose currency differs from the campaign's: they need their own money terms. */
export function foreignCountries(draft: Pick<CampaignDraft, 'countries'>): CampaignCountry[] {
  const base = baseCurrency(draft)
  return draft.countries.filter((c) => COUNTRY_CURRENCY[c] !== base)
}

/** The zone the window's local days are read in: the first country's. */
export function windowTimeZone(draft: Pick<CampaignDraft, 'countries'>, zones: Partial<Record<string, string>> = {}): string {
  const first = draft.countries[0] ?? 'IN'
  return zones[first] ?? COUNTRY_TIME_ZONE[first]
}

function rewardInput(reward: RewardDraft): unknown {
  if (reward.type === 'flat') return { type: 'flat', amount: parseNumber(reward.amount) }
  if (reward.type === 'percent') return { type: 'percent', percent: parseNumber(reward.percent) }
  return { type: 'tiers', tiers: reward.tiers.map((t) => ({ minAmount: parseNumber(t.minAmount), reward: parseNumber(t.reward) })) }
}

/** Keys with undefined values are dropped, so optional fields stay absent. */
function compact<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as Partial<T>
}

function breakageInput(text: string): number | string {
  const value = parseNumber(text)
  if (value === undefined) return 0
  // Float noise only (2.35 / 100): extra decimals still reach the schema, which refuses them.
  return typeof value === 'number' ? Number((value / 100).toFixed(10)) : value
}

/** What the form says, as the schema's input (possibly invalid: campaignIssues tells where). */
export function draftToInput(draft: CampaignDraft, zones: Partial<Record<string, string>> = {}): CampaignInput {
  const window = windowFromLocal({ firstDay: draft.firstDay, lastDay: draft.lastDay }, windowTimeZone(draft, zones))
  const countryTerms: Record<string, unknown> = {}
  for (const country of foreignCountries(draft)) {
    const terms = draft.countryTerms[country] ?? emptyTerms()
    countryTerms[country] = compact({
      reward: terms.ownReward ? rewardInput(terms.reward) : undefined,
      minAmount: parseNumber(terms.minAmount),
      maxAmount: parseNumber(terms.maxAmount),
      perPaymentCap: parseNumber(terms.perPaymentCap),
      perUserCap: parseNumber(terms.perUserCap),
    })
  }
  const input = {
    name: draft.name,
    countries: [...draft.countries],
    window: { start: window.start ?? draft.firstDay, end: window.end ?? draft.lastDay },
    eligibility: compact({
      rails: [...draft.rails],
      kinds: [...draft.kinds],
      entryMethods: [...draft.entryMethods],
      minAmount: parseNumber(draft.minAmount),
      maxAmount: parseNumber(draft.maxAmount),
      uniqueCounterparty: draft.uniqueCounterparty,
      payerType: draft.payerType,
      minAccountAgeDays: parseNumber(draft.minAccountAgeDays),
      arms: [...draft.arms],
      segments: draft.segments.map((s) => ({ column: s.column, values: [...s.values] })),
      maxRewardedPaymentsPerUser: parseNumber(draft.maxRewardedPaymentsPerUser),
    }),
    reward: rewardInput(draft.reward),
    countryTerms,
    perPaymentCap: parseNumber(draft.perPaymentCap),
    perUserCap: parseNumber(draft.perUserCap),
    budget: draft.budgetOn ? { amount: parseNumber(draft.budgetAmount), currency: draft.budgetCurrency } : undefined,
    payoutDelayHours: parseNumber(draft.payoutDelayHours) ?? 48,
    clawbackReversals: draft.clawbackReversals,
    breakageRate: breakageInput(draft.breakagePercent),
  }
  // Deliberately loose: text in number fields must reach the schema to get its message.
  return compact(input) as unknown as CampaignInput
}

const text = (value: number | undefined): string => (value === undefined ? '' : String(value))

function rewardDraft(reward: Campaign['reward']): RewardDraft {
  const draft = emptyReward()
  draft.type = reward.type
  if (reward.type === 'flat') draft.amount = text(reward.amount)
  if (reward.type === 'percent') draft.percent = text(reward.percent)
  if (reward.type === 'tiers') draft.tiers = reward.tiers.map((t) => ({ minAmount: text(t.minAmount), reward: text(t.reward) }))
  return draft
}

/** A saved or preset campaign in the form (the window shown in the first country's local days). */
export function campaignToDraft(campaign: Campaign, zones: Partial<Record<string, string>> = {}): CampaignDraft {
  const e = campaign.eligibility
  const local = windowToLocal(campaign.window, windowTimeZone(campaign, zones))
  const countryTerms: Partial<Record<CampaignCountry, TermsDraft>> = {}
  for (const [country, terms] of Object.entries(campaign.countryTerms) as [CampaignCountry, NonNullable<Campaign['countryTerms'][CampaignCountry]>][]) {
    countryTerms[country] = {
      ownReward: terms.reward !== undefined,
      reward: terms.reward === undefined ? emptyReward() : rewardDraft(terms.reward),
      minAmount: text(terms.minAmount),
      maxAmount: text(terms.maxAmount),
      perPaymentCap: text(terms.perPaymentCap),
      perUserCap: text(terms.perUserCap),
    }
  }
  return {
    name: campaign.name,
    countries: [...campaign.countries],
    firstDay: local.firstDay,
    lastDay: local.lastDay,
    rails: [...e.rails],
    kinds: [...e.kinds],
    entryMethods: [...e.entryMethods],
    minAmount: text(e.minAmount),
    maxAmount: text(e.maxAmount),
    payerType: e.payerType,
    minAccountAgeDays: text(e.minAccountAgeDays),
    uniqueCounterparty: e.uniqueCounterparty,
    maxRewardedPaymentsPerUser: text(e.maxRewardedPaymentsPerUser),
    arms: [...e.arms],
    segments: e.segments.map((s) => ({ column: s.column, values: [...s.values] })),
    reward: rewardDraft(campaign.reward),
    perPaymentCap: text(campaign.perPaymentCap),
    perUserCap: text(campaign.perUserCap),
    countryTerms,
    budgetOn: campaign.budget !== undefined,
    budgetAmount: text(campaign.budget?.amount),
    budgetCurrency: campaign.budget?.currency ?? COUNTRY_CURRENCY[campaign.countries[0] ?? 'IN'],
    payoutDelayHours: String(campaign.payoutDelayHours),
    clawbackReversals: campaign.clawbackReversals,
    breakagePercent: String(Math.round(campaign.breakageRate * 1_000_000) / 10_000),
  }
}

/**
 * Messages the schema would phrase for its own format rather than for this form: empty dates,
 * and breakage (a percent here, a share in the schema). Keys are the schema's dotted paths.
 */
export function formIssues(draft: CampaignDraft, schemaIssues: Record<string, string>): Record<string, string> {
  const issues = { ...schemaIssues }
  if (draft.firstDay.trim() === '') issues['window.start'] = 'Choose the first day.'
  if (draft.lastDay.trim() === '') issues['window.end'] = 'Choose the last day.'
  else if (issues['window.end'] !== undefined && draft.firstDay !== '' && draft.lastDay < draft.firstDay) issues['window.end'] = 'The last day cannot be before the first day.'
  if (issues.breakageRate !== undefined) issues.breakageRate = 'Breakage is a percent between 0 and 100, with at most 2 decimals.'
  return issues
}
