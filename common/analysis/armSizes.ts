// Arm sizes overall and per country, with the sample-ratio-mismatch check (χ², warn at p < 0.001,
// Fabijan et al. KDD 2019) against the planned shares. Pure. Layer: common.
import type { SrmDto } from '../domain/analysis'
import type { UpliftStats } from '../domain/uplift'
import { srmTest } from '../stats'

export interface ArmSizes {
  country: string | null
  arms: { arm: string; users: number; share: number; expectedShare: number }[]
  srm: SrmDto
}

/** The metric whose n counts every experiment user (adopted, payments, …); null if there is none. */
export function populationMetric(stats: UpliftStats): string | null {
  return stats.metrics.find((m) => m.population === 'all')?.id ?? null
}

function sizes(country: string | null, users: readonly { arm: string; users: number }[], expectedShares: Readonly<Record<string, number>> | undefined): ArmSizes {
  const weights = users.map((u) => expectedShares?.[u.arm] ?? 1)
  const weightSum = weights.reduce((s, w) => s + w, 0)
  const total = users.reduce((s, u) => s + u.users, 0)
  const arms = users.map((u, i) => ({ arm: u.arm, users: u.users, share: total > 0 ? u.users / total : 0, expectedShare: weights[i]! / weightSum }))
  const out = srmTest(users.map((u) => u.users), weights)
  const srm: SrmDto = out.ok
    ? { chiSquare: out.chiSquare, df: out.df, pValue: out.pValue, warn: out.warn, reason: null }
    : { chiSquare: null, df: null, pValue: null, warn: false, reason: out.reason }
  return { country, arms, srm }
}

/** Overall (from stats.arms) first, then per country when the country dimension was computed. */
export function armSizes(stats: UpliftStats, expectedShares?: Readonly<Record<string, number>>): ArmSizes[] {
  const out = [sizes(null, stats.arms, expectedShares)]
  const metric = populationMetric(stats)
  if (metric === null || !stats.dimensions.includes('country')) return out
  const countries = [...new Set(stats.cells.filter((c) => c.dimension === 'country' && c.metric === metric).map((c) => c.segment))]
  for (const country of countries) {
    const users = stats.arms.map(({ arm }) => ({ arm, users: stats.cells.find((c) => c.metric === metric && c.dimension === 'country' && c.segment === country && c.arm === arm)?.n ?? 0 }))
    out.push(sizes(country, users, expectedShares))
  }
  return out
}
