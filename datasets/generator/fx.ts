// Daily fx_rates (usd_per_unit) along the DOMAIN.md §3 paths: log-linear between anchors plus a
// seeded Brownian bridge, weekends carrying Friday's rate. Layer: datasets (build-time generator).
import { FX_RANGE, addDays } from './calendar'

/** Local currency per US$ at anchor dates (§3: ₹83.2 Jan 2024 → ₹85.6 Jan 2025; R$4.85 → R$6.18 Dec 2024). */
export const FX_ANCHORS: Record<string, ReadonlyArray<readonly [string, number]>> = {
  INR: [['2024-01-01', 83.2], ['2025-01-31', 85.6]],
  BRL: [['2024-01-01', 4.85], ['2024-12-31', 6.18], ['2025-01-31', 5.92]],
}
/** Daily volatility of ln(rate): the rupee is managed, the real floats. */
const DAILY_VOL: Record<string, number> = { INR: 0.0012, BRL: 0.007 }

export interface FxRow {
  date: string
  currency: string
  usdPerUnit: number
}

/** splitmix32: a tiny seeded PRNG (fx is a few hundred rows, so TS is simpler than SQL here). */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x9e3779b9) >>> 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296 + 1 / 8589934592
  }
}

function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000)
}

export function fxRows(seed: number): FxRow[] {
  const rows: FxRow[] = []
  for (const [index, [currency, anchors]] of Object.entries(FX_ANCHORS).entries()) {
    const rand = prng(seed * 31 + index + 1)
    const gauss = () => Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand())
    const logRate = new Map<string, number>()
    for (let a = 0; a + 1 < anchors.length; a++) {
      const [d0, r0] = anchors[a] ?? ['', 0]
      const [d1, r1] = anchors[a + 1] ?? ['', 0]
      const n = dayCount(d0, d1)
      const walk = [0]
      for (let i = 1; i <= n; i++) walk.push((walk[i - 1] ?? 0) + gauss() * (DAILY_VOL[currency] ?? 0))
      const end = walk[n] ?? 0
      for (let i = 0; i <= n; i++) {
        const t = i / n
        logRate.set(addDays(d0, i), Math.log(r0) * (1 - t) + Math.log(r1) * t + (walk[i] ?? 0) - t * end)
      }
    }
    let last = 0
    for (let i = 0; i <= dayCount(FX_RANGE.start, FX_RANGE.end); i++) {
      const date = addDays(FX_RANGE.start, i)
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay()
      // Markets are closed at weekends: Saturday and Sunday repeat Friday's rate.
      if (weekday !== 0 && weekday !== 6 || last === 0) last = Math.exp(logRate.get(date) ?? 0)
      rows.push({ date, currency, usdPerUnit: Number((1 / last).toPrecision(8)) })
    }
  }
  return rows
}
