// Test helpers: UpliftStats built from explicit per-user rows (so every sum is known), a seeded
// PRNG, and AnalysisInputs around them.
import type { AnalysisInputs } from '../../../common/domain/analysis'
import type { UpliftCell, UpliftMetricInfo, UpliftStats } from '../../../common/domain/uplift'

export interface UserRow {
  arm: string
  country: string
  /** metric id → [y, x]; a user without a metric is not in its n (e.g. activated for existing users). */
  values: Record<string, [number, number]>
}

export const METRIC_INFO: Record<string, UpliftMetricInfo> = {
  adopted: { id: 'adopted', label: 'Adopted', type: 'binary', population: 'all', covariate: 'preWindow', unit: 'users' },
  payments: { id: 'payments', label: 'Payments', type: 'numeric', population: 'all', covariate: 'preWindow', unit: 'count' },
  tpv: { id: 'tpv', label: 'TPV', type: 'numeric', population: 'all', covariate: 'preWindow', unit: 'localCurrency' },
  retained: { id: 'retained', label: 'Retained', type: 'binary', population: 'all', covariate: 'preWindow', unit: 'users' },
  activated: { id: 'activated', label: 'Activated', type: 'binary', population: 'new', covariate: null, unit: 'users' },
}

function cell(metric: string, dimension: string, segment: string | null, arm: string, rows: readonly UserRow[]): UpliftCell {
  const c: UpliftCell = { metric, dimension, segment, arm, n: 0, sumY: 0, sumY2: 0, sumX: 0, sumX2: 0, sumXY: 0 }
  for (const r of rows) {
    const v = r.values[metric]
    if (v === undefined) continue
    const [y, x] = v
    c.n += 1
    c.sumY += y
    c.sumY2 += y * y
    c.sumX += x
    c.sumX2 += x * x
    c.sumXY += x * y
  }
  return c
}

/** Stats with overall and country cells for every arm in `arms` (arms without rows get n = 0). */
export function statsOf(rows: readonly UserRow[], metrics: readonly string[], arms?: readonly string[]): UpliftStats {
  const armNames = arms ?? [...new Set(rows.map((r) => r.arm))].sort()
  const countries = [...new Set(rows.map((r) => r.country))].sort()
  const cells: UpliftCell[] = []
  for (const m of metrics) {
    for (const arm of armNames) cells.push(cell(m, 'overall', null, arm, rows.filter((r) => r.arm === arm)))
    for (const country of countries) for (const arm of armNames) cells.push(cell(m, 'country', country, arm, rows.filter((r) => r.arm === arm && r.country === country)))
  }
  return {
    armColumn: 'arm',
    arms: armNames.map((arm) => ({ arm, users: rows.filter((r) => r.arm === arm).length })),
    metrics: metrics.map((m) => METRIC_INFO[m]!),
    dimensions: ['overall', 'country'],
    cells,
    excluded: { multiArmUsers: 0, multiArmExamples: [], duplicateRows: 0, nullUserIds: 0 },
    tpvCaps: null,
    notes: [],
    diagnostics: { perUserCached: false, perUserMs: 0, statsMs: 0, localDates: 'offset' },
  }
}

export function inputsOf(stats: UpliftStats, extra: Partial<AnalysisInputs> = {}): AnalysisInputs {
  const countries = [...new Set(stats.cells.filter((c) => c.dimension === 'country').map((c) => c.segment!))]
  return {
    stats,
    countries: countries.map((country) => ({ country, currency: country === 'IN' ? 'INR' : 'BRL', localPerUsd: country === 'IN' ? 84 : 5.5 })),
    rewards: null,
    campaign: null,
    curves: null,
    notes: [],
    ...extra,
  }
}

/** Mulberry32: a small seeded PRNG, so simulated data and bootstraps are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
