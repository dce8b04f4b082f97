// Payment amounts: lognormal per country × kind, clipped at the rail limits, with realistic rounding.
// Layer: datasets (build-time generator). See datasets/README.md, "Calibration", for the reconciliation.
import type { Country, Kind } from './countries'

export interface AmountShape {
  /** Median in local currency (DOMAIN.md §3 where given). */
  median: number
  /** σ of ln(amount). India σ are fitted so the clipped mean meets PhonePe Pulse 2024. */
  sigma: number
  /** Share rounded to a "nice" step (10/50/100 …), then share rounded to a whole unit. */
  nice: number
  whole: number
}

/** UPI's per-payment limit (₹1 lakh) and the Pix cap we chose (R$20,000: a typical bank limit). */
export const RAIL_CAP: Record<Country, number> = { IN: 100_000, BR: 20_000 }
/** Smallest payable amount: UPI ₹1, Pix R$0.01. */
export const RAIL_MIN: Record<Country, number> = { IN: 1, BR: 0.01 }

export const AMOUNT: Record<Country, Record<Kind, AmountShape>> = {
  IN: {
    P2P: { median: 350, sigma: 2.17, nice: 0.45, whole: 0.55 },
    P2M: { median: 125, sigma: 1.62, nice: 0.1, whole: 0.55 },
    BILL: { median: 300, sigma: 1.45, nice: 0.2, whole: 0.3 },
  },
  BR: {
    P2P: { median: 60, sigma: 1.75, nice: 0.25, whole: 0.3 },
    P2M: { median: 45, sigma: 1.85, nice: 0.05, whole: 0.15 },
    BILL: { median: 120, sigma: 1.2, nice: 0, whole: 0.05 },
  },
}

/** Minimum-value ("token") payments that game flat cashback without a minimum amount. */
export const TOKEN_AMOUNTS: Record<Country, ReadonlyArray<readonly [number, number]>> = {
  IN: [[1, 0.8], [2, 0.1], [5, 0.1]],
  BR: [[0.01, 0.6], [0.1, 0.2], [1, 0.2]],
}
/** Token payments a gaming user makes: the campaign's maximum rewarded payments. */
export const TOKENS_PER_GAMER = 3
