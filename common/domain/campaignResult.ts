// What evaluating a campaign returns (JSON-safe): per-payment rewards and totals. Money is a
// decimal string with 2 decimals ("11.00"); timestamps are ISO strings in UTC.
// Layer: common (plain types shared by engine, CLI and UI).
import { z } from 'zod'

/** One candidate payment (eligible and within the first N of its user), in (ts, payment_id) order. */
export interface PaymentReward {
  paymentId: string
  userId: string
  /** ISO, UTC, milliseconds ("2022-04-01T10:00:00.000Z"). */
  ts: string
  country: string
  currency: string
  amount: string
  /** Step 3 before the per-payment cap: flat, percent × amount (rounded) or the tier's value. */
  rawReward: string
  /** After the per-payment and per-user caps and the budget, before clawback (local currency). */
  accruedBeforeClawback: string
  /** This payment's share of the budget, in the budget currency (null without a budget). */
  budgetSpent: string | null
  clawedBack: boolean
  /** Final reward in local currency (0 when clawed back). */
  reward: string
  payoutTs: string
}

export interface CountryRewardTotals {
  country: string
  currency: string
  candidatePayments: number
  rewardedPayments: number
  rewardedUsers: number
  /** Accrued liability: Σ reward (after clawback). */
  accrued: string
  clawedBack: string
  /** Cash expected to be paid: accrued × (1 − breakage), rounded half-up to cents. */
  paidCash: string
}

export interface RewardTotals {
  byCountry: CountryRewardTotals[]
  rewardedPayments: number
  rewardedUsers: number
  budget: {
    currency: string
    amount: string
    /** Σ of the payments' budget shares (clawed-back rewards included: the budget was consumed). */
    spent: string
    /** ts of the first payment at which the running sum reached the budget; null = not exhausted. */
    exhaustedAt: string | null
  } | null
}

export interface RewardsResult {
  payments: PaymentReward[]
  totals: RewardTotals
}

/** zod schema of RewardTotals, for the EngineApi response (evaluateCampaign). */
export const rewardTotalsSchema = z.object({
  byCountry: z.array(
    z.object({
      country: z.string(), currency: z.string(), candidatePayments: z.number().int(), rewardedPayments: z.number().int(),
      rewardedUsers: z.number().int(), accrued: z.string(), clawedBack: z.string(), paidCash: z.string(),
    }),
  ),
  rewardedPayments: z.number().int(),
  rewardedUsers: z.number().int(),
  budget: z.object({ currency: z.string(), amount: z.string(), spent: z.string(), exhaustedAt: z.string().nullable() }).nullable(),
}) satisfies z.ZodType<RewardTotals>

// ---------------------------------------------------------------------------------------------
// The full evaluation the app, the CLI and reports show (issue 4 §3). Money: decimal strings with
// 2 decimals in the named currency; dates: ISO "YYYY-MM-DD" local dates of the payment's country.

/** treatment = the campaign as defined (its target arms); all = everyone, as a full rollout. */
export const EVALUATION_SCOPES = ['treatment', 'all'] as const
export type EvaluationScope = (typeof EVALUATION_SCOPES)[number]

/** Per-country totals in local currency, the budget currency and USD (at each payment date's FX). */
export interface CountryCost {
  country: string
  currency: string
  candidatePayments: number
  rewardedPayments: number
  rewardedUsers: number
  accrued: string
  clawedBack: string
  paidCash: string
  /** accrued / rewarded payments, half-up to cents; null when nothing was rewarded. */
  averageReward: string | null
  /** Σ budget shares of this country's payments, in the budget currency; null without a budget. */
  budgetSpent: string | null
  /** Σ reward × USD per unit at the payment date; null when an FX rate is missing (see usdNote). */
  accruedUsd: string | null
}

export interface DailyCost {
  country: string
  currency: string
  /** Local date of the payment (accrual) in the country's time zone. */
  date: string
  rewardedPayments: number
  accrued: string
  /** In the budget currency; null without a budget. */
  budgetSpent: string | null
}

export interface DailyPayout {
  country: string
  currency: string
  /** Local date of payout_ts in the country's time zone. */
  date: string
  payments: number
  /** Σ reward paid out that day (after clawback), before breakage. */
  amount: string
  /** amount × (1 − breakage), half-up per day. */
  expectedCash: string
}

/** Budget use by local date of the payment, all countries together, in the budget currency. */
export interface BudgetBurnPoint {
  date: string
  spent: string
  cumulative: string
}

export const BREAKDOWN_DIMENSIONS = ['country', 'rail', 'kind', 'region', 'arm', 'entry_method'] as const
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number]

export interface BreakdownRow {
  dimension: BreakdownDimension
  /** The value; null = not known (column not mapped or empty). */
  value: string | null
  country: string
  currency: string
  rewardedPayments: number
  rewardedUsers: number
  accrued: string
  accruedUsd: string | null
}

export interface RewardPerUser {
  country: string
  currency: string
  users: number
  mean: string
  p50: string
  p90: string
  p99: string
  max: string
  /** Histogram of per-user totals: one bin per distinct value when there are few, else equal widths. */
  bins: { from: string; to: string; users: number }[]
}

export interface TopUser {
  country: string
  currency: string
  userId: string
  rewardedPayments: number
  reward: string
}

/** Share of rewarded payments at or near the minimum amount, against the control arm's candidates. */
export interface GamingSignal {
  country: string
  currency: string
  /** The smallest rewardable amount (the minimum amount, else 0.01) and the band's upper end. */
  minimum: string
  nearUpTo: string
  rewardedPayments: number
  rewardedNearMinimum: number
  share: number | null
  /** The control arm's payments that pass the same rules (null: no control arm to compare with). */
  controlArm: string | null
  controlPayments: number | null
  controlNearMinimum: number | null
  controlShare: number | null
  /** share / controlShare; null when either is missing or the control share is 0. */
  ratio: number | null
}

export const FUNNEL_RULES = [
  'successfulInWindow', 'countries', 'rails', 'kinds', 'entryMethods', 'amountRange', 'payerType',
  'accountAge', 'arms', 'segments', 'uniqueCounterparty', 'firstN', 'rewardAfterCaps', 'budget', 'clawback',
] as const
export type FunnelRule = (typeof FUNNEL_RULES)[number]

/** Payments left after each rule, in the order §5 applies them (rules not in use are omitted). */
export interface FunnelStep {
  rule: FunnelRule
  label: string
  remaining: number
  removed: number
}

export interface CampaignEvaluation {
  campaignName: string
  scope: EvaluationScope
  totals: RewardTotals
  countries: CountryCost[]
  /** Σ over countries in USD; null when any FX rate is missing. */
  accruedUsd: string | null
  /** Why USD is missing, e.g. "No FX rate for BRL on 2024-09-03 (12 payments)"; null when complete. */
  usdNote: string | null
  daily: DailyCost[]
  payouts: DailyPayout[]
  burn: BudgetBurnPoint[] | null
  breakdowns: BreakdownRow[]
  rewardPerUser: RewardPerUser[]
  topUsers: TopUser[]
  gaming: GamingSignal[]
  funnel: FunnelStep[]
  /** When nothing is rewarded: the rule that removed the last payments, in words; else null. */
  nothingRewarded: string | null
}

const money = z.string()
const nullableMoney = z.string().nullable()
const count = z.number().int()

export const campaignEvaluationSchema = z.object({
  campaignName: z.string(),
  scope: z.enum(EVALUATION_SCOPES),
  totals: rewardTotalsSchema,
  countries: z.array(z.object({
    country: z.string(), currency: z.string(), candidatePayments: count, rewardedPayments: count, rewardedUsers: count,
    accrued: money, clawedBack: money, paidCash: money, averageReward: nullableMoney, budgetSpent: nullableMoney, accruedUsd: nullableMoney,
  })),
  accruedUsd: nullableMoney,
  usdNote: z.string().nullable(),
  daily: z.array(z.object({ country: z.string(), currency: z.string(), date: z.string(), rewardedPayments: count, accrued: money, budgetSpent: nullableMoney })),
  payouts: z.array(z.object({ country: z.string(), currency: z.string(), date: z.string(), payments: count, amount: money, expectedCash: money })),
  burn: z.array(z.object({ date: z.string(), spent: money, cumulative: money })).nullable(),
  breakdowns: z.array(z.object({
    dimension: z.enum(BREAKDOWN_DIMENSIONS), value: z.string().nullable(), country: z.string(), currency: z.string(),
    rewardedPayments: count, rewardedUsers: count, accrued: money, accruedUsd: nullableMoney,
  })),
  rewardPerUser: z.array(z.object({
    country: z.string(), currency: z.string(), users: count, mean: money, p50: money, p90: money, p99: money, max: money,
    bins: z.array(z.object({ from: money, to: money, users: count })),
  })),
  topUsers: z.array(z.object({ country: z.string(), currency: z.string(), userId: z.string(), rewardedPayments: count, reward: money })),
  gaming: z.array(z.object({
    country: z.string(), currency: z.string(), minimum: money, nearUpTo: money, rewardedPayments: count, rewardedNearMinimum: count,
    share: z.number().nullable(), controlArm: z.string().nullable(), controlPayments: count.nullable(), controlNearMinimum: count.nullable(),
    controlShare: z.number().nullable(), ratio: z.number().nullable(),
  })),
  funnel: z.array(z.object({ rule: z.enum(FUNNEL_RULES), label: z.string(), remaining: count, removed: count })),
  nothingRewarded: z.string().nullable(),
}) satisfies z.ZodType<CampaignEvaluation>
