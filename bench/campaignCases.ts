// The two campaigns of the issue 4 benchmarks and the parameter changes timed as re-evaluations.
// The hand-written baseline (campaignBaseline.ts) reads the same values from these objects.
import { campaignSchema, type Campaign, type CampaignInput } from '../common/domain/campaign'

/**
 * The WhatsApp rule "sender's account ≥ 30 days old" (DOMAIN.md §2), off by default.
 * TODO(issue 4): switch on (or pass --account-age) once the engine applies
 * `eligibility.minAccountAgeDays` (common/domain/campaign.ts). If the engine ignores the field,
 * the baseline (which applies it) and the engine disagree and the bench fails at its check. The
 * baseline reads it as "signup_ts ≤ ts − N days" at each payment; users without a signup_ts are
 * excluded — check that the engine means the same.
 */
export const ACCOUNT_AGE_RULE_DEFAULT = false
const MIN_ACCOUNT_AGE_DAYS = 30

/** September 2024 in India (IST midnight = 18:30Z the day before). */
const SEPTEMBER_IST = { start: '2024-08-31T18:30:00Z', end: '2024-09-30T18:30:00Z' }

export interface BenchCampaign {
  id: 'whatsapp' | 'percent'
  title: string
  input: CampaignInput
  /** Parsed (defaults filled in), as the engine sees it. */
  campaign: Campaign
  /** The account-age rule the baseline applies (null = off). */
  minAccountAgeDays: number | null
}

function withAccountAge(input: CampaignInput, accountAge: boolean): CampaignInput {
  return accountAge ? { ...input, eligibility: { ...input.eligibility, minAccountAgeDays: MIN_ACCOUNT_AGE_DAYS } } : input
}

function make(id: BenchCampaign['id'], title: string, input: CampaignInput, accountAge: boolean): BenchCampaign {
  const full = withAccountAge(input, accountAge)
  return { id, title, input: full, campaign: campaignSchema.parse(full), minAccountAgeDays: accountAge ? MIN_ACCOUNT_AGE_DAYS : null }
}

/** (a) WhatsApp India, Apr 2022 style: ₹11 × up to 3 payments, each to a different contact, UPI P2P by contact. */
export function whatsappCampaign(accountAge: boolean, reward = 11, payoutDelayHours = 48): BenchCampaign {
  return make('whatsapp', 'WhatsApp-style ₹11 × 3', {
    name: 'WhatsApp-style ₹11 × 3, unique contacts',
    countries: ['IN'],
    window: SEPTEMBER_IST,
    eligibility: { rails: ['UPI'], kinds: ['P2P'], entryMethods: ['CONTACT'], uniqueCounterparty: true, maxRewardedPaymentsPerUser: 3 },
    reward: { type: 'flat', amount: reward },
    payoutDelayHours,
    clawbackReversals: true,
  }, accountAge)
}

export interface PercentParams {
  percent: number
  /** India, in INR. */
  perPaymentCap: number
  perUserCap: number
  /** Brazil's own caps, in BRL (countryTerms.BR); the same numbers as India's here (BHIM ₹50, PicPay R$50). */
  perPaymentCapBrl: number
  perUserCapBrl: number
  budgetInr: number
  payoutDelayHours: number
}

export const PERCENT_DEFAULTS: Omit<PercentParams, 'budgetInr'> = { percent: 10, perPaymentCap: 50, perUserCap: 200, perPaymentCapBrl: 50, perUserCapBrl: 200, payoutDelayHours: 48 }

/**
 * (b) BHIM-merchant (10 % capped ₹50) / PicPay (capped R$50) style: 10 % of merchant payments in
 * India and Brazil, each country with its own caps per payment and per user in its own currency,
 * and a budget in INR sized to run out mid-window.
 */
export function percentCampaign(accountAge: boolean, p: PercentParams): BenchCampaign {
  return make('percent', '10 % capped, binding INR budget', {
    name: '10 % on merchant payments, capped, INR budget',
    countries: ['IN', 'BR'],
    window: { start: '2024-09-01T00:00:00Z', end: '2024-10-01T00:00:00Z' },
    eligibility: { kinds: ['P2M'], minAmount: 1 },
    reward: { type: 'percent', percent: p.percent },
    countryTerms: { BR: { minAmount: 1, perPaymentCap: p.perPaymentCapBrl, perUserCap: p.perUserCapBrl } },
    perPaymentCap: p.perPaymentCap,
    perUserCap: p.perUserCap,
    budget: { amount: p.budgetInr, currency: 'INR' },
    payoutDelayHours: p.payoutDelayHours,
    clawbackReversals: true,
  }, accountAge)
}

export interface ParameterChange {
  /** What the change touches, as the issue lists it. */
  parameter: 'amount' | 'percent' | 'caps' | 'budget' | 'payout delay'
  base: BenchCampaign
  /** The campaign after the change; `run` differs per run so no two timed evaluations are equal. */
  changed: (run: number) => BenchCampaign
}

/** One change per reward parameter the issue names, each on the campaign that has it. */
export function parameterChanges(accountAge: boolean, budgetInr: number): ParameterChange[] {
  const percent = { ...PERCENT_DEFAULTS, budgetInr }
  const base = percentCampaign(accountAge, percent)
  return [
    { parameter: 'amount', base: whatsappCampaign(accountAge), changed: (run) => whatsappCampaign(accountAge, 12 + run) },
    { parameter: 'payout delay', base: whatsappCampaign(accountAge), changed: (run) => whatsappCampaign(accountAge, 11, 72 + run) },
    { parameter: 'percent', base, changed: (run) => percentCampaign(accountAge, { ...percent, percent: 12 + run / 10 }) },
    { parameter: 'caps', base, changed: (run) => percentCampaign(accountAge, { ...percent, perPaymentCap: 40 - run, perUserCap: 150 + run, perPaymentCapBrl: 40 - run, perUserCapBrl: 150 + run }) },
    { parameter: 'budget', base, changed: (run) => percentCampaign(accountAge, { ...percent, budgetInr: Math.round(budgetInr * (0.8 + run / 100)) }) },
  ]
}
