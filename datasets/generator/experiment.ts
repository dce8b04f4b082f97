// The randomized cashback experiment and the state rollout: arms, schedules and their true mechanisms.
// Layer: datasets (build-time generator). Realised true effects are computed per dataset (truthSql.ts).
import { DAY } from './calendar'
import type { Country, Kind } from './countries'

export type Program = 'none' | 'flat_small' | 'flat_large' | 'pct10'
export const ARMS = ['control', 'flat_small', 'flat_large', 'pct10'] as const
export type Arm = (typeof ARMS)[number]

/** Behavioural response to a program, per country. */
export interface Response {
  /** Never-paid users' first-payment hazard is multiplied by (1 + hazardBoost) while on. */
  hazardBoost: Record<Country, number>
  /** Payers' rate of `target` payments is multiplied by (1 + rateBoost) while on. */
  rateBoost: number
  target: Kind
  /** Share of users who game a flat reward with 3 minimum-value payments to new contacts. */
  gamerShare: number
}

export const RESPONSE: Record<Exclude<Program, 'none'>, Response> = {
  flat_small: { hazardBoost: { IN: 1.2, BR: 1.0 }, rateBoost: 0.2, target: 'P2P', gamerShare: 0.08 },
  flat_large: { hazardBoost: { IN: 2.8, BR: 2.4 }, rateBoost: 0.4, target: 'P2P', gamerShare: 0.15 },
  pct10: { hazardBoost: { IN: 0.4, BR: 0.5 }, rateBoost: 0.12, target: 'P2M', gamerShare: 0 },
}

/** After a program ends its effect persists at PERSISTENCE × exp(−days / PERSISTENCE_DAYS). */
export const PERSISTENCE = 0.3
export const PERSISTENCE_DAYS = 10
/** Cashback-acquired adopters pay at this fraction of normal until they would have adopted anyway. */
export const INCREMENTAL_ADOPTER_ACTIVITY = 0.5

/** A treatment schedule: which program, on which days. Ids are stable (they key the SQL tables). */
export interface Schedule {
  id: number
  program: Program
  start: number
  end: number
}

export const SCHEDULES: readonly Schedule[] = [
  { id: 0, program: 'none', start: DAY.end, end: DAY.end },
  { id: 1, program: 'flat_small', start: DAY.campaignStart, end: DAY.campaignEnd },
  { id: 2, program: 'flat_large', start: DAY.campaignStart, end: DAY.campaignEnd },
  { id: 3, program: 'pct10', start: DAY.campaignStart, end: DAY.campaignEnd },
  /** Rollout in the first region (IN-KA, BR-MG): flat_small from the campaign start onwards. */
  { id: 4, program: 'flat_small', start: DAY.campaignStart, end: DAY.end },
  /** Rollout everywhere else: the national launch. */
  { id: 5, program: 'flat_small', start: DAY.rolloutNationalStart, end: DAY.end },
]

/** Campaign rules of each arm, in DOMAIN.md §5 terms, so the cost model can be run on the sample. */
export const ARM_RULES: Record<Exclude<Arm, 'control'>, Record<Country, string>> = {
  flat_small: {
    IN: '₹11 flat × up to 3 payments; P2P on UPI, entry CONTACT, each to a different counterparty; no minimum; account ≥ 30 days',
    BR: 'R$2 flat × up to 3 payments; P2P on PIX, entry CONTACT or PIX_KEY, each to a different counterparty; no minimum',
  },
  flat_large: {
    IN: '₹35 flat × up to 3 payments (= ₹105); P2P on UPI, entry CONTACT, different counterparties; minimum ₹1',
    BR: 'R$6 flat × up to 3 payments (= R$18); P2P on PIX, entry CONTACT or PIX_KEY, different counterparties',
  },
  pct10: {
    IN: '10 % of a P2M payment on UPI, capped ₹50 per payment, up to 3 payments, ₹100 per user',
    BR: '10 % of a P2M payment on PIX, capped R$10 per payment, up to 3 payments, R$20 per user',
  },
}
