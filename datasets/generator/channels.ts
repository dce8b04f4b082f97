// How payments are made: rail, entry method and merchant category mixes per country × kind.
// Layer: datasets (build-time generator). Weights are generator choices, documented in the README.
import type { Country, Kind } from './countries'

export type Weighted = ReadonlyArray<readonly [string, number]>

/** Rail by country × kind (the India beta was UPI-only; Brazil also takes cards, boletos). */
export const RAIL: Record<Country, Record<Kind, Weighted>> = {
  IN: { P2P: [['UPI', 1]], P2M: [['UPI', 0.97], ['CARD', 0.03]], BILL: [['UPI', 0.93], ['OTHER', 0.07]] },
  BR: { P2P: [['PIX', 0.92], ['CARD', 0.08]], P2M: [['PIX', 0.7], ['CARD', 0.3]], BILL: [['PIX', 0.85], ['OTHER', 0.15]] },
}

/** Entry method by country × kind for the instant rails (UPI/PIX); CARD → CARD, OTHER → BILLER. */
export const ENTRY: Record<Country, Record<Kind, Weighted>> = {
  IN: {
    P2P: [['CONTACT', 0.72], ['UPI_ID', 0.15], ['QR', 0.08], ['COLLECT', 0.05]],
    P2M: [['QR', 0.85], ['UPI_ID', 0.08], ['COLLECT', 0.07]],
    BILL: [['BILLER', 0.8], ['UPI_ID', 0.1], ['COLLECT', 0.1]],
  },
  BR: {
    P2P: [['PIX_KEY', 0.65], ['CONTACT', 0.27], ['QR', 0.08]],
    P2M: [['QR', 0.75], ['PIX_KEY', 0.25]],
    BILL: [['QR', 0.6], ['BILLER', 0.4]],
  },
}

/** Category of a merchant (fixed per merchant id). */
export const MERCHANT_CATEGORY: Weighted = [
  ['GROCERY', 0.3], ['FOOD', 0.2], ['RETAIL', 0.14], ['FUEL', 0.08], ['PHARMACY', 0.07],
  ['TRANSPORT', 0.07], ['ECOMMERCE', 0.08], ['ENTERTAINMENT', 0.03], ['SERVICES', 0.03],
]

/** Category of a biller (fixed per biller id). */
export const BILL_CATEGORY: Record<Country, Weighted> = {
  IN: [['MOBILE_RECHARGE', 0.55], ['ELECTRICITY', 0.18], ['DTH', 0.1], ['BROADBAND', 0.05], ['GAS', 0.05], ['INSURANCE', 0.04], ['WATER', 0.03]],
  BR: [['TELECOM', 0.3], ['ELECTRICITY', 0.25], ['WATER', 0.1], ['INTERNET', 0.12], ['INSURANCE', 0.08], ['EDUCATION', 0.08], ['TAXES', 0.07]],
}

/** Counterparty pools: merchants per region and billers per country, drawn with Zipf-like popularity. */
export const POOL = { merchantsPerRegion: 20_000, billersPerCountry: 800, maxContacts: 60 } as const
