// A cashback campaign (DOMAIN.md §5): who is eligible, what they get, the caps, the budget and when
// it is paid. Money fields are numbers with at most 2 decimals in the payment's local currency
// (the budget has its own currency). Layer: common (zod; shared by engine, CLI and the UI).
import { z } from 'zod'

export const CAMPAIGN_COUNTRIES = ['IN', 'BR'] as const
export const CAMPAIGN_CURRENCIES = ['INR', 'BRL', 'USD'] as const
export const CAMPAIGN_RAILS = ['UPI', 'PIX', 'CARD', 'OTHER'] as const
export const CAMPAIGN_KINDS = ['P2P', 'P2M', 'BILL'] as const
export const CAMPAIGN_ENTRY_METHODS = ['CONTACT', 'QR', 'UPI_ID', 'COLLECT', 'PIX_KEY', 'OTHER'] as const
export const PAYER_TYPES = ['all', 'new', 'existing'] as const
export type CampaignCountry = (typeof CAMPAIGN_COUNTRIES)[number]
export type PayerType = (typeof PAYER_TYPES)[number]

/** The currency each campaign country pays in: money fields must be in it (see countryTerms). */
export const COUNTRY_CURRENCY: Record<CampaignCountry, 'INR' | 'BRL'> = { IN: 'INR', BR: 'BRL' }
const COUNTRY_NAME: Record<CampaignCountry, string> = { IN: 'India', BR: 'Brazil' }

/** Largest money value accepted: cents stay exact integers and fit DECIMAL(18,2). */
export const MAX_MONEY = 1e13

/** Whole hundredths: `x * 100` within rounding noise of an integer. */
function hasAtMostDecimals(x: number, decimals: number): boolean {
  const scaled = x * 10 ** decimals
  return Math.abs(scaled - Math.round(scaled)) < 1e-6
}

/** Exact integer cents of a validated money value. */
export function moneyToCents(x: number): bigint {
  return BigInt(Math.round(x * 100))
}

/** "12.30" for 1230n; "-0.05" for -5n. */
export function centsToString(cents: bigint): string {
  const sign = cents < 0n ? '-' : ''
  const abs = cents < 0n ? -cents : cents
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
}

function money(what: string) {
  return z
    .number({ error: `${what} must be a number.` })
    .refine(Number.isFinite, `${what} must be a finite number.`)
    .refine((x) => x >= 0, `${what} cannot be negative.`)
    .refine((x) => x <= MAX_MONEY, `${what} is too large (at most ${MAX_MONEY}).`)
    .refine((x) => hasAtMostDecimals(x, 2), `${what} can have at most 2 decimals.`)
}

/** An ISO-8601 timestamp with an offset or Z ("2022-04-01T00:00:00Z"); interpreted in UTC. */
const isoTimestamp = (what: string) =>
  z.iso.datetime({ offset: true, error: `${what} must be an ISO timestamp such as 2022-04-01T00:00:00Z.` })

export const campaignWindowSchema = z
  .object({ start: isoTimestamp('The window start'), end: isoTimestamp('The window end') })
  .refine((w) => Date.parse(w.end) > Date.parse(w.start), {
    message: 'The window must end after it starts (the end is excluded).',
    path: ['end'],
  })

/** A users column (canonical or extra) and the values that qualify, compared as text. */
export const segmentSchema = z.object({
  column: z
    .string({ error: 'A segment needs a users column.' })
    .min(1, 'A segment needs a users column.')
    .max(120, 'A column name is at most 120 characters.'),
  values: z.array(z.string().max(500)).min(1, 'A segment needs at least one value.'),
})

export const eligibilitySchema = z
  .object({
    /** Empty = any. */
    rails: z.array(z.enum(CAMPAIGN_RAILS, { error: 'Unknown rail (UPI, PIX, CARD, OTHER).' })).default([]),
    kinds: z.array(z.enum(CAMPAIGN_KINDS, { error: 'Unknown payment kind (P2P, P2M, BILL).' })).default([]),
    entryMethods: z.array(z.enum(CAMPAIGN_ENTRY_METHODS, { error: 'Unknown entry method.' })).default([]),
    /** Inclusive bounds on the payment amount (local currency). */
    minAmount: money('The minimum amount').optional(),
    maxAmount: money('The maximum amount').optional(),
    /** Only a user's first eligible payment to each counterparty (payments without one are excluded). */
    uniqueCounterparty: z.boolean().default(false),
    /** new = no successful payment before the window start; existing = at least one; all = anyone. */
    payerType: z.enum(PAYER_TYPES, { error: 'The payer type is new, existing or all.' }).default('all'),
    /** The payer's account (users.signup_ts) is at least this many whole days old at payment time. */
    minAccountAgeDays: z
      .number({ error: 'The minimum account age must be a number of days.' })
      .int('The minimum account age must be a whole number of days.')
      .min(0, 'The minimum account age cannot be negative.')
      .max(36_500, 'The minimum account age is at most 100 years.')
      .optional(),
    /** Experiment arms (users.arm) the campaign targets; empty = everyone. See the evaluation scope. */
    arms: z.array(z.string().trim().min(1, 'An arm name cannot be empty.').max(200)).default([]),
    /** Segments of users: each names a users column and the values it must take (all must hold). */
    segments: z.array(segmentSchema).default([]),
    maxRewardedPaymentsPerUser: z
      .number({ error: 'The number of rewarded payments per user must be a number.' })
      .int('The number of rewarded payments per user must be a whole number.')
      .min(1, 'At least one payment per user must be rewardable.')
      .optional(),
  })
  .refine((e) => e.minAmount === undefined || e.maxAmount === undefined || e.minAmount <= e.maxAmount, {
    message: 'The maximum amount must not be below the minimum amount.',
    path: ['maxAmount'],
  })

export const tierSchema = z.object({
  /** The tier applies from this amount (inclusive) up to the next tier's. */
  minAmount: money('A tier’s starting amount'),
  reward: money('A tier’s reward'),
})

export const rewardSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('flat'), amount: money('The flat reward') }),
  z.object({
    type: z.literal('percent'),
    percent: z
      .number({ error: 'The percent must be a number.' })
      .gt(0, 'The percent must be above 0.')
      .max(100, 'A percent reward cannot exceed 100 %.')
      .refine((x) => hasAtMostDecimals(x, 4), 'The percent can have at most 4 decimals.'),
  }),
  z.object({
    type: z.literal('tiers'),
    tiers: z
      .array(tierSchema)
      .min(1, 'Give at least one tier.')
      .refine((ts) => ts.every((t, i) => i === 0 || t.minAmount > (ts[i - 1]?.minAmount ?? -1)), 'Tiers must be in increasing order of their starting amount, without repeats.'),
  }),
])

export const budgetSchema = z.object({
  amount: money('The budget').refine((x) => x > 0, 'The budget must be above 0.'),
  currency: z.enum(CAMPAIGN_CURRENCIES, { error: 'Unknown currency (INR, BRL or USD).' }),
})

/** Money terms of one country, in that country's currency; unset fields fall back to the campaign's. */
export const countryTermsSchema = z
  .object({
    reward: rewardSchema.optional(),
    minAmount: money('The minimum amount').optional(),
    maxAmount: money('The maximum amount').optional(),
    perPaymentCap: money('The per-payment cap').optional(),
    perUserCap: money('The per-user cap').optional(),
  })
  .strict()

export const campaignSchema = z.object({
  name: z.string({ error: 'The campaign needs a name.' }).trim().min(1, 'The campaign needs a name.'),
  countries: z
    .array(z.enum(CAMPAIGN_COUNTRIES, { error: 'Unknown country (IN or BR).' }))
    .min(1, 'Choose at least one country.'),
  window: campaignWindowSchema,
  eligibility: eligibilitySchema.default({ rails: [], kinds: [], entryMethods: [], uniqueCounterparty: false, payerType: 'all', arms: [], segments: [] }),
  /**
   * Currency of the reward, the caps and the amount bounds; default: the first country's. A country
   * that pays in another currency needs its own money terms in countryTerms.
   */
  currency: z.enum(['INR', 'BRL'], { error: 'The campaign currency is INR or BRL.' }).optional(),
  reward: rewardSchema,
  countryTerms: z.partialRecord(z.enum(CAMPAIGN_COUNTRIES, { error: 'Unknown country (IN or BR).' }), countryTermsSchema).default({}),
  /** In the payment's local currency. */
  perPaymentCap: money('The per-payment cap').optional(),
  /** In the payment's local currency. */
  perUserCap: money('The per-user cap').optional(),
  budget: budgetSchema.optional(),
  payoutDelayHours: z
    .number({ error: 'The payout delay must be a number of hours.' })
    .int('The payout delay must be a whole number of hours.')
    .min(0, 'The payout delay cannot be negative.')
    .max(24 * 366, 'The payout delay is at most a year.')
    .default(48),
  /** Reversed payments get nothing (see electron/engine/campaigns/rewardsSql.ts for the reading). */
  clawbackReversals: z.boolean().default(false),
  /** Share of rewards never credited: reduces paid cash, not the accrued liability. */
  breakageRate: z
    .number({ error: 'The breakage rate must be a number.' })
    .min(0, 'The breakage rate cannot be negative.')
    .max(1, 'The breakage rate is a share between 0 and 1.')
    .refine((x) => hasAtMostDecimals(x, 4), 'The breakage rate can have at most 4 decimals.')
    .default(0),
}).superRefine((c, ctx) => {
  for (const issue of currencyIssues(c)) ctx.addIssue({ code: 'custom', ...issue })
})

type MoneyTermName = 'reward' | 'minAmount' | 'maxAmount' | 'perPaymentCap' | 'perUserCap'
const MONEY_TERM_LABEL: Record<MoneyTermName, string> = {
  reward: 'reward',
  minAmount: 'minimum amount',
  maxAmount: 'maximum amount',
  perPaymentCap: 'per-payment cap',
  perUserCap: 'per-user cap',
}

interface CurrencyShape {
  countries: CampaignCountry[]
  currency?: 'INR' | 'BRL' | undefined
  reward: { type: string }
  eligibility: { minAmount?: number | undefined; maxAmount?: number | undefined }
  perPaymentCap?: number | undefined
  perUserCap?: number | undefined
  countryTerms: Partial<Record<CampaignCountry, Partial<Record<MoneyTermName, unknown>>>>
}

/** Money terms set at the campaign level (a percent reward is currency-free). */
function baseMoneyTerms(c: CurrencyShape): MoneyTermName[] {
  const set: MoneyTermName[] = []
  if (c.reward.type !== 'percent') set.push('reward')
  if (c.eligibility.minAmount !== undefined) set.push('minAmount')
  if (c.eligibility.maxAmount !== undefined) set.push('maxAmount')
  if (c.perPaymentCap !== undefined) set.push('perPaymentCap')
  if (c.perUserCap !== undefined) set.push('perUserCap')
  return set
}

/** A cap, bound or reward in a currency a country does not pay in, and terms for absent countries. */
function currencyIssues(c: CurrencyShape): { path: (string | number)[]; message: string }[] {
  const first = c.countries[0]
  if (first === undefined) return []
  const base = c.currency ?? COUNTRY_CURRENCY[first]
  const issues: { path: (string | number)[]; message: string }[] = []
  if (!c.countries.some((country) => COUNTRY_CURRENCY[country] === base)) {
    issues.push({ path: ['currency'], message: `No country of this campaign pays in ${base}: ${c.countries.map((k) => `${COUNTRY_NAME[k]} pays in ${COUNTRY_CURRENCY[k]}`).join(', ')}.` })
  }
  for (const country of Object.keys(c.countryTerms) as CampaignCountry[]) {
    if (!c.countries.includes(country)) issues.push({ path: ['countryTerms', country], message: `${COUNTRY_NAME[country]} is not one of the campaign’s countries.` })
  }
  for (const country of c.countries) {
    if (COUNTRY_CURRENCY[country] === base) continue
    const own = c.countryTerms[country] ?? {}
    for (const term of baseMoneyTerms(c)) {
      if (own[term] !== undefined) continue
      issues.push({
        path: ['countryTerms', country, term],
        message: `The ${MONEY_TERM_LABEL[term]} is in ${base}, which ${COUNTRY_NAME[country]} does not use: give ${COUNTRY_NAME[country]}’s own ${MONEY_TERM_LABEL[term]} in ${COUNTRY_CURRENCY[country]}.`,
      })
    }
  }
  return issues
}

export type CampaignInput = z.input<typeof campaignSchema>
export type Campaign = z.output<typeof campaignSchema>
export type CampaignReward = Campaign['reward']

/** Field-level messages: dotted path → message, for forms and the CLI. */
export function campaignIssues(input: unknown): Record<string, string> {
  const parsed = campaignSchema.safeParse(input)
  if (parsed.success) return {}
  const out: Record<string, string> = {}
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join('.') || '(campaign)'
    out[key] ??= issue.message
  }
  return out
}

/** The money terms that apply to one country's payments, in its own currency. */
export interface CountryTerms {
  country: CampaignCountry
  currency: 'INR' | 'BRL'
  reward: CampaignReward
  minAmount: number | undefined
  maxAmount: number | undefined
  perPaymentCap: number | undefined
  perUserCap: number | undefined
}

/** Campaign-level terms, overridden field by field by countryTerms[country]. */
export function termsFor(campaign: Campaign, country: CampaignCountry): CountryTerms {
  const own = campaign.countryTerms[country] ?? {}
  return {
    country,
    currency: COUNTRY_CURRENCY[country],
    reward: own.reward ?? campaign.reward,
    minAmount: own.minAmount ?? campaign.eligibility.minAmount,
    maxAmount: own.maxAmount ?? campaign.eligibility.maxAmount,
    perPaymentCap: own.perPaymentCap ?? campaign.perPaymentCap,
    perUserCap: own.perUserCap ?? campaign.perUserCap,
  }
}

/** A scenario: a campaign saved in the project (recipe.campaigns), known by an engine-issued id. */
export const savedCampaignSchema = z.object({
  id: z.string().uuid(),
  campaign: campaignSchema,
  updatedAt: z.string(),
})
export type SavedCampaign = z.output<typeof savedCampaignSchema>
