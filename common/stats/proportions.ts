// Two-proportion z-test for a binary metric (adopted, retained): absolute lift p_T − p_C and
// relative lift p_T/p_C − 1. Layer: common (pure).
//
// Unpooled (Wald) by default, so the interval and the p-value agree:
//   se = √(p_T(1−p_T)/n_T + p_C(1−p_C)/n_C), z = (p_T − p_C)/se, CI = Δ ± z_{1−α/2} se.
// With `pooled: true` the p-value uses the pooled proportion p̄ = (x_T + x_C)/(n_T + n_C):
//   se₀ = √(p̄(1−p̄)(1/n_T + 1/n_C)) (the classical z-test, equal to Pearson's χ² without
//   continuity correction); the interval stays Wald. (Agresti, "Categorical Data Analysis",
//   3rd ed., §3.1.2; Fleiss, Levin & Paik, "Statistical Methods for Rates and Proportions", §2.)
// Relative lift: delta method with Var(p̂) = p(1−p)/n (see relativeLift.ts), normal reference.
import { checkCount } from './moments'
import { inferLift, pValueOf } from './inference'
import { checkTestOptions, fail, succeed, type LiftInference, type Outcome, type TestOptions } from './outcome'
import { relativeLift } from './relativeLift'

/** One arm of a binary metric: units and units with the event (Σy for a 0/1 metric). */
export interface ProportionSums {
  n: number
  successes: number
}

export interface ProportionTestOptions extends TestOptions {
  /** Use the pooled proportion for the p-value (classical z-test). Default false. */
  pooled?: boolean
}

export interface ProportionTestResult {
  control: { n: number; rate: number }
  treatment: { n: number; rate: number }
  absolute: LiftInference
  relative: Outcome<LiftInference>
}

function checkArm(arm: ProportionSums, label: string): Outcome<{ rate: number }> {
  const bad = checkCount(arm.n, 1, label)
  if (bad) return bad
  if (!Number.isFinite(arm.successes) || arm.successes < 0 || arm.successes > arm.n) {
    return fail('invalid-input', `The ${label} successes must be between 0 and n (got ${arm.successes} of ${arm.n}).`)
  }
  return succeed({ rate: arm.successes / arm.n })
}

export function twoProportionTest(control: ProportionSums, treatment: ProportionSums, options: ProportionTestOptions = {}): Outcome<ProportionTestResult> {
  const badOptions = checkTestOptions(options)
  if (badOptions) return badOptions
  const c = checkArm(control, 'control')
  if (!c.ok) return c
  const t = checkArm(treatment, 'treatment')
  if (!t.ok) return t
  const vc = (c.rate * (1 - c.rate)) / control.n
  const vt = (t.rate * (1 - t.rate)) / treatment.n
  if (!(vc + vt > 0)) return fail('zero-variance', 'Both arms have a rate of exactly 0 or 1, so the difference has no standard error.')
  const diff = t.rate - c.rate
  let absolute = inferLift(diff, Math.sqrt(vc + vt), Infinity, options)
  if (options.pooled) {
    const p = (control.successes + treatment.successes) / (control.n + treatment.n)
    const se0 = Math.sqrt(p * (1 - p) * (1 / control.n + 1 / treatment.n))
    const statistic = diff / se0
    absolute = { ...absolute, statistic, pValue: pValueOf(statistic, Infinity, options.alternative ?? 'two-sided') }
  }
  const relative = relativeLift({ control: c.rate, controlVariance: vc, treatment: t.rate, treatmentVariance: vt }, Infinity, options, 'rate')
  return succeed({ control: { n: control.n, rate: c.rate }, treatment: { n: treatment.n, rate: t.rate }, absolute, relative })
}
