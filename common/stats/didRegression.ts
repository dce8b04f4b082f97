// Weighted least squares with unit and period fixed effects (two-way fixed effects) on a panel of
// cells, plus a few extra regressors (treatment, leads), with the cluster-robust (by unit) CR1
// covariance of the extra coefficients. Layer: common (pure). Formulas in docs/rollouts.md.
//
// Design: intercept, unit dummies (first unit dropped), period dummies (first period dropped),
// extras. β̂ = (XᵀWX)⁻¹XᵀWy, built from the sparse rows. CR1 (Cameron & Miller 2015, §VI.A;
// statsmodels cov_type='cluster'): V = c (XᵀWX)⁻¹ [Σ_g s_g s_gᵀ] (XᵀWX)⁻¹ with the cluster score
// s_g = Σ_{i∈g} w_i ê_i x_i and c = G/(G − 1) · (N − 1)/(N − K).
import { cholesky, choleskySolve } from './linearAlgebra'
import { fail, succeed, type Outcome } from './outcome'

/** One unit-period cell: the outcome (e.g. payments per user-day) and its weight (users). */
export interface PanelCell {
  unit: string
  period: string
  outcome: number
  weight: number
}

export interface TwfeFit {
  units: string[]
  periods: string[]
  /** Index into `units` / `periods` of each cell, in input order. */
  unitOf: number[]
  periodOf: number[]
  /** Coefficients of the extra regressors. */
  coefficients: number[]
  /** CR1 covariance of the extra coefficients (p × p). */
  clusterCovariance: number[][]
  residuals: number[]
  /** Fitted values minus the extras' contribution (the fixed-effects part: the counterfactual). */
  baseline: number[]
  observations: number
  parameters: number
  clusters: number
}

/** Sorted distinct values and each item's index among them. */
function indexOf(values: readonly string[]): { levels: string[]; index: number[] } {
  const levels = [...new Set(values)].sort()
  const position = new Map(levels.map((v, i) => [v, i]))
  return { levels, index: values.map((v) => position.get(v)!) }
}

/**
 * Fits y = α_unit + λ_period + Σ_j γ_j x_j by WLS. `extras(i)` gives the extra regressors of cell i.
 * Fails when the design is collinear (e.g. a regressor that the fixed effects already explain).
 */
export function fitTwfe(cells: readonly PanelCell[], extras: (i: number) => readonly number[], p: number): Outcome<TwfeFit> {
  const u = indexOf(cells.map((c) => c.unit))
  const t = indexOf(cells.map((c) => c.period))
  const nu = u.levels.length
  const nt = t.levels.length
  const k = nu + nt - 1 + p
  const firstExtra = nu + nt - 1
  const xtx: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  const xty = new Array<number>(k).fill(0)
  const rows: { cols: number[]; vals: number[] }[] = []
  cells.forEach((cell, i) => {
    const cols = [0]
    const vals = [1]
    if (u.index[i]! > 0) {
      cols.push(u.index[i]!)
      vals.push(1)
    }
    if (t.index[i]! > 0) {
      cols.push(nu + t.index[i]! - 1)
      vals.push(1)
    }
    const x = extras(i)
    for (let j = 0; j < p; j++) {
      if (x[j] !== 0) {
        cols.push(firstExtra + j)
        vals.push(x[j]!)
      }
    }
    rows.push({ cols, vals })
    const w = cell.weight
    for (let a = 0; a < cols.length; a++) {
      xty[cols[a]!]! += w * vals[a]! * cell.outcome
      for (let b = 0; b < cols.length; b++) xtx[cols[a]!]![cols[b]!]! += w * vals[a]! * vals[b]!
    }
  })
  const l = cholesky(xtx)
  if (l === null) return fail('not-applicable', 'The treatment cannot be separated from the unit and period effects (the design is collinear): check that treated and control units both have periods before and after the start.')
  const beta = choleskySolve(l, xty)
  const residuals: number[] = []
  const baseline: number[] = []
  const scores: number[][] = Array.from({ length: nu }, () => new Array<number>(k).fill(0))
  rows.forEach(({ cols, vals }, i) => {
    let fit = 0
    let base = 0
    for (let a = 0; a < cols.length; a++) {
      const term = beta[cols[a]!]! * vals[a]!
      fit += term
      if (cols[a]! < firstExtra) base += term
    }
    const e = cells[i]!.outcome - fit
    residuals.push(e)
    baseline.push(base)
    const s = scores[u.index[i]!]!
    for (let a = 0; a < cols.length; a++) s[cols[a]!]! += cells[i]!.weight * e * vals[a]!
  })
  // Rows of (XᵀWX)⁻¹ for the extras, then each cluster's influence on them.
  const bread = Array.from({ length: p }, (_, j) => {
    const e = new Array<number>(k).fill(0)
    e[firstExtra + j] = 1
    return choleskySolve(l, e)
  })
  const n = cells.length
  const g = nu
  const c = (g / (g - 1)) * ((n - 1) / (n - k))
  const cov: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0))
  for (const s of scores) {
    const a = bread.map((z) => z.reduce((acc, zi, idx) => acc + zi * s[idx]!, 0))
    for (let r = 0; r < p; r++) for (let q = 0; q < p; q++) cov[r]![q]! += c * a[r]! * a[q]!
  }
  return succeed({
    units: u.levels, periods: t.levels, unitOf: u.index, periodOf: t.index,
    coefficients: beta.slice(firstExtra), clusterCovariance: cov, residuals, baseline,
    observations: n, parameters: k, clusters: g,
  })
}
