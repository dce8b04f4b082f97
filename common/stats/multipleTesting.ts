// Adjusted p-values for a family of m tests (segments, metrics). Layer: common (pure).
//
// Holm (1979), step-down, controls the family-wise error rate: with p₍₁₎ ≤ … ≤ p₍ₘ₎,
//   p̃₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1) p₍ⱼ₎).
// Benjamini & Hochberg (1995), step-up, controls the false discovery rate:
//   p̃₍ᵢ₎ = min(1, min_{j ≥ i} m p₍ⱼ₎ / j).
// Both are returned in the input order (as statsmodels.stats.multitest.multipletests does).
import { fail, succeed, type Outcome } from './outcome'

export interface AdjustedPValues {
  adjusted: number[]
}

function check(pValues: readonly number[]): Outcome<{ order: number[] }> {
  if (!pValues.every((p) => Number.isFinite(p) && p >= 0 && p <= 1)) return fail('invalid-input', 'Every p-value must be a number between 0 and 1.')
  const order = pValues.map((_, i) => i).sort((a, b) => (pValues[a] ?? 0) - (pValues[b] ?? 0) || a - b)
  return succeed({ order })
}

/** Holm–Bonferroni adjusted p-values (FWER). */
export function holmAdjust(pValues: readonly number[]): Outcome<AdjustedPValues> {
  const checked = check(pValues)
  if (!checked.ok) return checked
  const m = pValues.length
  const adjusted = new Array<number>(m).fill(0)
  let running = 0
  checked.order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * (pValues[index] ?? 0)))
    adjusted[index] = running
  })
  return succeed({ adjusted })
}

/** Benjamini–Hochberg adjusted p-values (FDR, "q-values" in the loose sense). */
export function benjaminiHochbergAdjust(pValues: readonly number[]): Outcome<AdjustedPValues> {
  const checked = check(pValues)
  if (!checked.ok) return checked
  const m = pValues.length
  const adjusted = new Array<number>(m).fill(0)
  let running = 1
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = checked.order[rank] ?? 0
    running = Math.min(running, (m * (pValues[index] ?? 0)) / (rank + 1))
    adjusted[index] = running
  }
  return succeed({ adjusted })
}
