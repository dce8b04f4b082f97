// Power, sample size, minimum detectable effect (MDE) and duration for a two-arm test with a
// two-sided level α, by the normal approximation (Chow, Shao & Wang, "Sample Size Calculations
// in Clinical Research", 2nd ed., §3.2 and §4.2; Fleiss, Levin & Paik, §4.2). Layer: common.
//
// With d the absolute lift, se₀ its standard error under H0 and se₁ under the alternative,
//   power = Φ((d − z se₀)/se₁) + Φ((−d − z se₀)/se₁),  z = Φ⁻¹(1 − α/2)
// (both rejection regions, as statsmodels' NormalIndPower / power_proportions_2indep).
// Means: se₀ = se₁ = σ √(1/n_C + 1/n_T). Proportions (baseline p_C, p_T = p_C + d):
//   se₀ = √(p̄(1−p̄)(1/n_C + 1/n_T)), p̄ = (n_C p_C + n_T p_T)/(n_C + n_T) (pooled test);
//   se₁ = √(p_C(1−p_C)/n_C + p_T(1−p_T)/n_T).
// n_T = ratio · n_C. Sample size and MDE solve power = target with Brent's method.
// Duration = ⌈(n_C + n_T) / units entering the test per day⌉.
import { normalCdf, normalQuantile } from './distributions/normal'
import { fail, succeed, type Failure, type Outcome } from './outcome'
import { brentRoot } from './solve'

export interface PlanOptions {
  /** Two-sided significance level, default 0.05. */
  alpha?: number
  /** Target power, default 0.8. */
  power?: number
  /** n_T / n_C, default 1. */
  ratio?: number
}

export interface SampleSizePlan {
  /** Real-valued solution for n_C. */
  exactControlSize: number
  controlSize: number
  treatmentSize: number
  totalSize: number
}

type SeAt = (controlSize: number, lift: number) => { se0: number; se1: number }

function powerOf(seAt: SeAt, controlSize: number, lift: number, alpha: number): number {
  const { se0, se1 } = seAt(controlSize, lift)
  const z = normalQuantile(1 - alpha / 2)
  const d = Math.abs(lift)
  return normalCdf((d - z * se0) / se1) + normalCdf((-d - z * se0) / se1)
}

function checkPlan(o: PlanOptions): Failure | undefined {
  const { alpha = 0.05, power = 0.8, ratio = 1 } = o
  if (!(alpha > 0 && alpha < 1)) return fail('invalid-input', `α must be between 0 and 1 (got ${alpha}).`)
  if (!(power > alpha && power < 1)) return fail('invalid-input', `Power must be between α and 1 (got ${power}).`)
  if (!(Number.isFinite(ratio) && ratio > 0)) return fail('invalid-input', `The allocation ratio n_T/n_C must be > 0 (got ${ratio}).`)
  return undefined
}

function meanSe(sd: number, ratio: number): SeAt {
  return (n) => {
    const se = sd * Math.sqrt(1 / n + 1 / (ratio * n))
    return { se0: se, se1: se }
  }
}

function proportionSe(baseline: number, ratio: number): SeAt {
  return (n, lift) => {
    const pt = baseline + lift
    const pooled = (baseline + ratio * pt) / (1 + ratio)
    return {
      se0: Math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / (ratio * n))),
      se1: Math.sqrt((baseline * (1 - baseline)) / n + (pt * (1 - pt)) / (ratio * n)),
    }
  }
}

function sampleSize(seAt: SeAt, lift: number, o: PlanOptions): SampleSizePlan {
  const { alpha = 0.05, power = 0.8, ratio = 1 } = o
  const f = (n: number): number => powerOf(seAt, n, lift, alpha) - power
  let hi = 1
  while (f(hi) < 0) hi *= 2
  const exact = brentRoot(f, hi / 2 > 1e-9 && f(hi / 2) < 0 ? hi / 2 : 1e-9, hi, 1e-14)
  const controlSize = Math.ceil(exact)
  const treatmentSize = Math.ceil(ratio * exact)
  return { exactControlSize: exact, controlSize, treatmentSize, totalSize: controlSize + treatmentSize }
}

function checkSd(sd: number): Failure | undefined {
  return Number.isFinite(sd) && sd > 0 ? undefined : fail('invalid-input', `The metric's standard deviation must be > 0 (got ${sd}).`)
}

function checkBaseline(p: number): Failure | undefined {
  return p > 0 && p < 1 ? undefined : fail('invalid-input', `The baseline rate must be strictly between 0 and 1 (got ${p}).`)
}

function checkSize(n: number): Failure | undefined {
  return Number.isFinite(n) && n >= 1 ? undefined : fail('too-few-observations', `The control size must be at least 1 (got ${n}).`)
}

/** Power to detect an absolute lift `mde` in a mean with standard deviation `sd`. */
export function meanPower(p: { sd: number; mde: number; controlSize: number } & PlanOptions): Outcome<{ power: number }> {
  const bad = checkSd(p.sd) ?? checkSize(p.controlSize) ?? checkPlan(p)
  if (bad) return bad
  if (!Number.isFinite(p.mde)) return fail('invalid-input', 'The effect must be a finite number.')
  return succeed({ power: powerOf(meanSe(p.sd, p.ratio ?? 1), p.controlSize, p.mde, p.alpha ?? 0.05) })
}

/** Units per arm to detect an absolute lift `mde` (≠ 0) in a mean. */
export function meanSampleSize(p: { sd: number; mde: number } & PlanOptions): Outcome<SampleSizePlan> {
  const bad = checkSd(p.sd) ?? checkPlan(p)
  if (bad) return bad
  if (!(Number.isFinite(p.mde) && p.mde !== 0)) return fail('invalid-input', 'The effect to detect must be a non-zero number.')
  return succeed(sampleSize(meanSe(p.sd, p.ratio ?? 1), p.mde, p))
}

/** Smallest absolute lift in a mean detected with the given power at this size. */
export function meanMde(p: { sd: number; controlSize: number } & PlanOptions): Outcome<{ mde: number }> {
  const bad = checkSd(p.sd) ?? checkSize(p.controlSize) ?? checkPlan(p)
  if (bad) return bad
  const seAt = meanSe(p.sd, p.ratio ?? 1)
  const f = (d: number): number => powerOf(seAt, p.controlSize, d, p.alpha ?? 0.05) - (p.power ?? 0.8)
  let hi = seAt(p.controlSize, 0).se1
  while (f(hi) < 0) hi *= 2
  return succeed({ mde: brentRoot(f, 0, hi, 1e-14) })
}

/** Power to detect p_C → p_C + mde in a rate. */
export function proportionPower(p: { baseline: number; mde: number; controlSize: number } & PlanOptions): Outcome<{ power: number }> {
  const bad = checkBaseline(p.baseline) ?? checkSize(p.controlSize) ?? checkPlan(p)
  if (bad) return bad
  if (!(p.baseline + p.mde > 0 && p.baseline + p.mde < 1) || p.mde === 0) return fail('invalid-input', 'The treatment rate (baseline + mde) must differ from the baseline and lie strictly between 0 and 1.')
  return succeed({ power: powerOf(proportionSe(p.baseline, p.ratio ?? 1), p.controlSize, p.mde, p.alpha ?? 0.05) })
}

/** Units per arm to detect p_C → p_C + mde (absolute, in rate units; e.g. 0.005 = +0.5 pp). */
export function proportionSampleSize(p: { baseline: number; mde: number } & PlanOptions): Outcome<SampleSizePlan> {
  const bad = checkBaseline(p.baseline) ?? checkPlan(p)
  if (bad) return bad
  if (!(p.baseline + p.mde > 0 && p.baseline + p.mde < 1) || p.mde === 0) return fail('invalid-input', 'The treatment rate (baseline + mde) must differ from the baseline and lie strictly between 0 and 1.')
  return succeed(sampleSize(proportionSe(p.baseline, p.ratio ?? 1), p.mde, p))
}

/** Smallest upward absolute lift of a rate detected with the given power at this size. */
export function proportionMde(p: { baseline: number; controlSize: number } & PlanOptions): Outcome<{ mde: number }> {
  const bad = checkBaseline(p.baseline) ?? checkSize(p.controlSize) ?? checkPlan(p)
  if (bad) return bad
  const seAt = proportionSe(p.baseline, p.ratio ?? 1)
  const f = (d: number): number => powerOf(seAt, p.controlSize, d, p.alpha ?? 0.05) - (p.power ?? 0.8)
  const top = (1 - p.baseline) * (1 - 1e-12)
  if (f(top) < 0) return fail('not-applicable', 'Even a rate of 100% in treatment would not be detected with this power at this size.')
  return succeed({ mde: brentRoot(f, 1e-15, top, 1e-14) })
}

/** Days to enrol `totalSize` units when `dailyUnits` new units enter the test per day. */
export function durationDays(totalSize: number, dailyUnits: number): Outcome<{ days: number }> {
  if (!(Number.isFinite(totalSize) && totalSize >= 0)) return fail('invalid-input', `The sample size must be a number ≥ 0 (got ${totalSize}).`)
  if (!(Number.isFinite(dailyUnits) && dailyUnits > 0)) return fail('invalid-input', `Daily traffic must be > 0 units per day (got ${dailyUnits}).`)
  return succeed({ days: Math.ceil(totalSize / dailyUnits) })
}
