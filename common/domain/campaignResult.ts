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
