// Per-country behaviour of the generated population: shares, payer activity, adoption, failures.
// Layer: datasets (build-time generator). Figures and their sources are listed in datasets/README.md.

export type Country = 'IN' | 'BR'
export type Kind = 'P2P' | 'P2M' | 'BILL'
export const COUNTRIES: readonly Country[] = ['IN', 'BR']
export const KINDS: readonly Kind[] = ['P2P', 'P2M', 'BILL']

export interface CountryProfile {
  currency: string
  /** Minutes to add to UTC to get local time (IST +330, BRT −180). */
  utcOffsetMinutes: number
  /** Share of generated users. */
  userShare: number
  /** Share of users who already pay in the app before the data starts ("existing payers"). */
  existingShare: number
  /** Mean successful payments per existing payer and day (lognormal across users, σ below). */
  meanDailyPayments: number
  /** Monthly first-payment rate of never-paid users without cashback (§3: IN 1–3 %, BR 0.5–2 %). */
  monthlyAdoption: number
  /** Count mix of successful payments by kind (IN: PhonePe Pulse 2024; BR: BCB Oct 2024). */
  kindMix: Record<Kind, number>
  /** Kind of a never-paid user's first payment (first payments lean to P2P). */
  firstPaymentMix: Record<Kind, number>
  /** Share of payments that are reversed after success, by kind. */
  reversal: Record<Kind, number>
  /** Probability that a payment is preceded by a FAILED attempt (then retried). */
  retryFailure: number
  /** Failed attempts that are never retried, relative to the payment rate. */
  abandonedFailure: number
}

export const PROFILE: Record<Country, CountryProfile> = {
  IN: {
    currency: 'INR',
    utcOffsetMinutes: 330,
    userShare: 0.6,
    existingShare: 0.22,
    meanDailyPayments: 0.6,
    monthlyAdoption: 0.02,
    kindMix: { P2P: 0.3343, P2M: 0.6082, BILL: 0.0575 },
    firstPaymentMix: { P2P: 0.55, P2M: 0.4, BILL: 0.05 },
    reversal: { P2P: 0, P2M: 0.004, BILL: 0.006 },
    retryFailure: 0.035,
    abandonedFailure: 0.012,
  },
  BR: {
    currency: 'BRL',
    utcOffsetMinutes: -180,
    userShare: 0.4,
    existingShare: 0.18,
    meanDailyPayments: 0.55,
    monthlyAdoption: 0.012,
    kindMix: { P2P: 0.48, P2M: 0.45, BILL: 0.07 },
    firstPaymentMix: { P2P: 0.6, P2M: 0.35, BILL: 0.05 },
    reversal: { P2P: 0.001, P2M: 0.003, BILL: 0.002 },
    retryFailure: 0.02,
    abandonedFailure: 0.006,
  },
}

/** Heterogeneity across users (σ of mean-one lognormal factors). */
export const SPREAD = {
  /** Payment intensity of payers. */
  intensity: 0.9,
  /** Per-user tilt of each kind's rate (some users pay mostly friends, others shops). */
  kindTilt: 0.6,
  /** Adoption propensity of never-paid users, on top of age, platform and region. */
  propensity: 0.7,
} as const

/** Upper bound of a user's mean successful payments per day (keeps the tail plausible). */
export const MAX_DAILY_RATE = 4
/** New payers pay at this fraction of an existing payer's intensity. */
export const NEW_PAYER_ACTIVITY = 0.5
/** Probability that a never-paid user's first payment is preceded by a failed attempt. */
export const FIRST_PAYMENT_RETRY_FAILURE = 0.15
/** Share of the population that is the separate rollout study (the rest is the RCT). */
export const ROLLOUT_SHARE = 0.2
