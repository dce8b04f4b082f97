// A cashback campaign (DOMAIN.md §5): who is eligible, what they get, the caps, the budget and when
// it is paid. Money fields are numbers with at most 2 decimals in the payment's local currency
// (the budget has its own currency). Layer: common (zod; shared by engine, CLI and the UI).
import { z } from 'zod'

export const CAMPAIGN_COUNTRIES = ['IN', 'BR'] as const
export const CAMPAIGN_CURRENCIES = ['INR', 'BRL', 'USD'] as const
export const CAMPAIGN_RAILS = ['UPI', 'PIX', 'CARD', 'OTHER'] as const
export const CAMPAIGN_KINDS = ['P2P', 'P2M', 'BILL'] as const
export const CAMPAIGN_ENTRY_METHODS = ['CONTACT', 'QR', 'UPI_ID', 'COLLECT', 'PIX_KEY', 'OTHER'] as const

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

export const campaignSchema = z.object({
  name: z.string({ error: 'The campaign needs a name.' }).trim().min(1, 'The campaign needs a name.'),
  countries: z
    .array(z.enum(CAMPAIGN_COUNTRIES, { error: 'Unknown country (IN or BR).' }))
    .min(1, 'Choose at least one country.'),
  window: campaignWindowSchema,
  eligibility: eligibilitySchema.default({ rails: [], kinds: [], entryMethods: [], uniqueCounterparty: false }),
  reward: rewardSchema,
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
})

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
