// Regions: Indian states/UTs and Brazilian UFs (ISO 3166-2 codes) with population weights.
// Layer: datasets (build-time generator). India: PhonePe Pulse registered users 2024-Q4; Brazil: IBGE 2022.
import type { Country } from './countries'

/** [code, weight] — India weights in millions of PhonePe registered users, Brazil in millions of residents. */
const INDIA: ReadonlyArray<readonly [string, number]> = [
  ['IN-MH', 71.81], ['IN-UP', 70.47], ['IN-KA', 45.92], ['IN-RJ', 36.83], ['IN-WB', 34.75], ['IN-TN', 33.97],
  ['IN-BR', 33.35], ['IN-MP', 32.88], ['IN-TS', 31.73], ['IN-AP', 29.98], ['IN-GJ', 29.86], ['IN-HR', 19.05],
  ['IN-DL', 18.9], ['IN-OD', 18.61], ['IN-KL', 13.69], ['IN-JH', 12.21], ['IN-PB', 11.31], ['IN-CG', 10.65],
  ['IN-AS', 10.48], ['IN-UK', 5.58], ['IN-JK', 4.29], ['IN-HP', 3.04], ['IN-GA', 1.14], ['IN-TR', 0.95],
  ['IN-CH', 0.72], ['IN-AR', 0.71], ['IN-PY', 0.65], ['IN-DH', 0.64], ['IN-MN', 0.62], ['IN-ML', 0.57],
  ['IN-NL', 0.46], ['IN-SK', 0.32], ['IN-MZ', 0.23], ['IN-LA', 0.19], ['IN-AN', 0.18], ['IN-LD', 0.012],
]

const BRAZIL: ReadonlyArray<readonly [string, number]> = [
  ['BR-SP', 44.41], ['BR-MG', 20.54], ['BR-RJ', 16.05], ['BR-BA', 14.14], ['BR-PR', 11.44], ['BR-RS', 10.88],
  ['BR-PE', 9.06], ['BR-CE', 8.79], ['BR-PA', 8.12], ['BR-SC', 7.61], ['BR-GO', 7.06], ['BR-MA', 6.78],
  ['BR-PB', 3.97], ['BR-AM', 3.94], ['BR-ES', 3.83], ['BR-MT', 3.66], ['BR-RN', 3.3], ['BR-PI', 3.27],
  ['BR-AL', 3.13], ['BR-DF', 2.82], ['BR-MS', 2.76], ['BR-SE', 2.21], ['BR-RO', 1.58], ['BR-TO', 1.51],
  ['BR-AC', 0.83], ['BR-AP', 0.73], ['BR-RR', 0.64],
]

export const REGIONS: Record<Country, ReadonlyArray<readonly [string, number]>> = { IN: INDIA, BR: BRAZIL }

/** The regions that get the rollout first (difference-in-differences treated units). */
export const ROLLOUT_FIRST: Record<Country, string> = { IN: 'IN-KA', BR: 'BR-MG' }

/**
 * Fixed payment-intensity factor of a region's payers in [0.8, 1.2): regions differ in level (for
 * region fixed effects) while adoption and time patterns are common, so trends are parallel.
 */
export function regionFactor(code: string): number {
  let h = 0
  for (const ch of code) h = (h * 31 + ch.charCodeAt(0)) % 1009
  return 0.8 + (h % 40) / 100
}

/** Segment columns of users: age band and platform, with shares and adoption factors. */
export const AGE_BANDS: Record<Country, ReadonlyArray<readonly [string, number, number]>> = {
  IN: [['18-24', 0.28, 1.3], ['25-34', 0.34, 1.2], ['35-44', 0.2, 0.9], ['45-54', 0.11, 0.7], ['55+', 0.07, 0.5]],
  BR: [['18-24', 0.2, 1.3], ['25-34', 0.3, 1.2], ['35-44', 0.22, 0.9], ['45-54', 0.15, 0.7], ['55+', 0.13, 0.5]],
}
export const PLATFORMS: Record<Country, ReadonlyArray<readonly [string, number, number]>> = {
  IN: [['android', 0.95, 1.0], ['ios', 0.05, 1.2]],
  BR: [['android', 0.82, 1.0], ['ios', 0.18, 1.2]],
}
