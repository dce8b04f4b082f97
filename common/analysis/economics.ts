// Incrementality economics per treatment arm × country (DOMAIN.md §6; docs/economics.md):
// incremental adopters, payments and TPV = lift × n_T with the lift's interval; cost per
// incremental adopter/payment = C / (Δ·n_T) with a delta-method interval ("not bounded" when the
// uplift interval includes 0); deadweight; persistence; net value and payback. Pure. Layer: common.
import type { AnalysisInputs, AnalysisOptions, CostPer, EconomicsRow, MetricRow, Money, RewardSums } from '../domain/analysis'

interface Incremental {
  estimate: number
  lower: number
  upper: number
  standardError: number
}

interface Context {
  arm: string
  country: string | null
  dimension: 'country' | 'overall'
  rows: readonly MetricRow[]
  inputs: AnalysisInputs
  options: AnalysisOptions
}

function rowOf(ctx: Context, metric: string): MetricRow | undefined {
  return ctx.rows.find((r) => r.metric === metric && r.dimension === ctx.dimension && r.segment === (ctx.dimension === 'overall' ? null : ctx.country) && r.arm === ctx.arm)
}

/** Lift × n_T with the lift's interval (the same test the table shows: CUPED when it is on). */
export function incremental(row: MetricRow | undefined): Incremental | null {
  if (row?.absolute == null) return null
  const { estimate, standardError, ci } = row.absolute
  if (ci.lower === null || ci.upper === null) return null
  const n = row.treatment.n
  return { estimate: estimate * n, lower: ci.lower * n, upper: ci.upper * n, standardError: standardError * n }
}

function rewardsOf(ctx: Context): RewardSums[] {
  return (ctx.inputs.rewards ?? []).filter((r) => r.arm === ctx.arm && (ctx.country === null || r.country === ctx.country))
}

/** Cashback paid to the treatment arm: the scenario's rewards, else the cashback metric's Σy. */
function cashbackOf(ctx: Context, localPerUsd: number | null): Money | null {
  if (ctx.inputs.rewards !== null) {
    const rewards = rewardsOf(ctx)
    const local = rewards.reduce((s, r) => s + r.cashbackLocal, 0)
    const usd = rewards.every((r) => r.cashbackUsd !== null) ? rewards.reduce((s, r) => s + (r.cashbackUsd ?? 0), 0) : null
    return { local, usd: usd ?? toUsd(local, localPerUsd) }
  }
  const row = rowOf(ctx, 'cashback')
  if (row?.treatment.mean == null) return null
  const local = row.treatment.mean * row.treatment.n
  return { local, usd: toUsd(local, localPerUsd) }
}

function toUsd(local: number | null, localPerUsd: number | null): number | null {
  return local === null || localPerUsd === null || !(localPerUsd > 0) ? null : local / localPerUsd
}

/** Scale a local amount to USD the way the cashback was converted (its own daily rates when known). */
function money(local: number, usdPerLocal: number | null): Money {
  return { local, usd: usdPerLocal === null ? null : local * usdPerLocal }
}

/**
 * C / inc with C known (the cashback actually paid) and inc = Δ·n_T estimated: the delta method
 * gives se(R) = R·se(inc)/inc, and the interval uses the lift test's own critical value.
 */
export function costPer(cost: Money | null, inc: Incremental | null, what: string): CostPer {
  const none = (reason: string, estimate: Money | null = null): CostPer => ({ estimate, lower: null, upper: null, bounded: false, reason })
  if (cost === null || cost.local === null) return none('Choose a saved scenario: its rewards are the cashback paid.')
  if (cost.local === 0) return none('None: the scenario paid this arm no cashback.')
  if (inc === null) return none(`Incremental ${what} were not measured (add the metric to the analysis).`)
  const usdPerLocal = cost.usd === null || cost.local === 0 ? null : cost.usd / cost.local
  if (!(inc.estimate > 0)) return none(`No incremental ${what} were measured (estimate ${formatCount(inc.estimate)}): the cost per incremental ${what.replace(/s$/, '')} is not defined.`)
  const ratio = cost.local / inc.estimate
  if (inc.lower <= 0) return none(`Not bounded: the uplift interval includes 0 (${formatCount(inc.lower)} to ${formatCount(inc.upper)} incremental ${what}).`, money(ratio, usdPerLocal))
  const z = (inc.upper - inc.estimate) / inc.standardError
  const se = (ratio * inc.standardError) / inc.estimate
  return { estimate: money(ratio, usdPerLocal), lower: money(ratio - z * se, usdPerLocal), upper: money(ratio + z * se, usdPerLocal), bounded: true, reason: null }
}

function formatCount(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3)
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x))

/** 1 − incremental payments / rewarded payments: rewarded payments beyond the incremental ones would have happened anyway. */
function deadweight(ctx: Context, payments: Incremental | null, reasons: string[]): EconomicsRow['deadweightShare'] {
  if (ctx.inputs.rewards === null) return null
  const rewarded = rewardsOf(ctx).reduce((s, r) => s + r.rewardedPayments, 0)
  if (payments === null) {
    reasons.push('Deadweight needs the payments metric.')
    return null
  }
  if (rewarded === 0) {
    reasons.push('Deadweight: no payment of this arm earned cashback.')
    return null
  }
  return { estimate: 1 - clamp01(payments.estimate / rewarded), lower: 1 - clamp01(payments.upper / rewarded), upper: 1 - clamp01(payments.lower / rewarded) }
}

function persistence(row: MetricRow | undefined): EconomicsRow['persistence'] {
  const a = row?.absolute
  if (a == null || a.ci.lower === null || a.ci.upper === null) return null
  return { retentionUpliftPp: 100 * a.estimate, lowerPp: 100 * a.ci.lower, upperPp: 100 * a.ci.upper, pValue: a.pValue }
}

export function economicsRow(ctx: Context): EconomicsRow {
  const reasons: string[] = []
  const info = ctx.inputs.countries.find((c) => c.country === ctx.country)
  const localPerUsd = ctx.country === null ? null : (info?.localPerUsd ?? null)
  const adoptedRow = rowOf(ctx, 'adopted')
  const adopters = incremental(adoptedRow)
  const payments = incremental(rowOf(ctx, 'payments'))
  const tpv = incremental(rowOf(ctx, 'tpv'))
  const population = adoptedRow ?? rowOf(ctx, 'payments') ?? ctx.rows.find((r) => r.dimension === ctx.dimension && r.arm === ctx.arm && r.segment === (ctx.dimension === 'overall' ? null : ctx.country))
  const treatedUsers = population?.treatment.n ?? 0
  const controlUsers = population?.control.n ?? 0
  const cashback = cashbackOf(ctx, localPerUsd)
  if (cashback === null) reasons.push('No cashback: choose a saved scenario (its rewards are the cashback paid) to get costs.')
  const usdPerLocal = cashback !== null && cashback.usd !== null && cashback.local !== null && cashback.local > 0 ? cashback.usd / cashback.local : localPerUsd === null ? null : 1 / localPerUsd
  const fixedPerUser = ctx.country === null ? 0 : (ctx.options.economics.fixedCostPerTreatedUser[ctx.country] ?? 0)
  const fixedLocal = fixedPerUser * treatedUsers
  const value = ctx.country === null ? undefined : ctx.options.economics.valuePerAdopter[ctx.country]
  const totalCost = (cashback?.local ?? 0) + fixedLocal
  let netValue: EconomicsRow['netValue'] = null
  let paybackRatio: number | null = null
  if (value === undefined) reasons.push(`Enter a value per incremental adopter${ctx.country === null ? '' : ` for ${ctx.country}`} to get the net value and payback.`)
  else if (adopters === null) reasons.push('Net value needs the adopted metric.')
  else if (cashback === null) reasons.push('Net value needs the cashback paid (choose a saved scenario).')
  else {
    const net = (inc: number) => money(value * inc - totalCost, usdPerLocal)
    netValue = { estimate: net(adopters.estimate), lower: net(adopters.lower), upper: net(adopters.upper) }
    if (totalCost > 0) paybackRatio = (value * adopters.estimate) / totalCost
    else reasons.push('Payback: the campaign cost nothing.')
  }
  const breakEven = adopters !== null && adopters.lower > 0 && cashback !== null ? money(totalCost / adopters.estimate, usdPerLocal) : null
  const retained = rowOf(ctx, 'retained')
  if (retained === undefined) reasons.push('Persistence needs the retained metric (a post-window).')
  return {
    arm: ctx.arm,
    country: ctx.country,
    currency: info?.currency ?? null,
    localPerUsd,
    treatedUsers,
    controlUsers,
    incrementalAdopters: adopters,
    incrementalPayments: payments,
    incrementalTpv: tpv,
    cashbackPaid: cashback,
    fixedCost: money(fixedLocal, usdPerLocal),
    costPerIncrementalAdopter: costPer(cashback, adopters, 'adopters'),
    costPerIncrementalPayment: costPer(cashback, payments, 'payments'),
    deadweightShare: deadweight(ctx, payments, reasons),
    persistence: persistence(retained),
    netValue,
    paybackRatio,
    breakEvenValuePerAdopter: breakEven,
    reasons,
  }
}

/** One row per treatment arm × country (or one per arm, country null, without a country dimension). */
export function economicsRows(rows: readonly MetricRow[], treatmentArms: readonly string[], countries: readonly (string | null)[], inputs: AnalysisInputs, options: AnalysisOptions): EconomicsRow[] {
  const byCountry = countries.length > 0
  const out: EconomicsRow[] = []
  for (const arm of treatmentArms) {
    for (const country of byCountry ? countries : [null]) {
      out.push(economicsRow({ arm, country, dimension: byCountry ? 'country' : 'overall', rows, inputs, options }))
    }
  }
  return out
}
