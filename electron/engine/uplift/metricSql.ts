// Per-user y (the outcome) and x (its CUPED covariate) of each metric, as SQL over the per-user
// columns of perUserPayments.ts (plus is_new, cashback and the winsorized TPV). A NULL y leaves
// the user out of that metric's n; x is NULL exactly when y is. docs/uplift-metrics.md has the
// definitions in words. Layer: electron/engine.
import type { UpliftMetric, UpliftMetricInfo } from '../../../common/domain/uplift'
import { outcomeMetricId } from '../../../common/domain/uplift'
import { ident, join, raw, sql, type Sql } from '../db/sql'
import type { UserOutcome } from './experimentUsers'

export interface MetricSql {
  info: UpliftMetricInfo
  y: Sql
  x: Sql
  /** Whether the metric has rows in the kind segment (a property of payments). */
  byKind: boolean
  /** y (x) is always 0 or 1 (or NULL): Σy² = Σy (Σx² = Σx), so SQL skips those sums. */
  yBinary: boolean
  xBinary: boolean
}

const LABELS: Record<UpliftMetric, string> = {
  adopted: 'Adopted (≥ 1 successful payment)',
  activated: 'First-time activation (never paid before the window)',
  payments: 'Successful payments',
  tpv: 'TPV (value of successful payments)',
  activeDays: 'Active days',
  retained: 'Retained (paid in the post-window)',
  cashback: 'Cashback received',
}

/** `tpvY` / `tpvX`: the (possibly winsorized) window and pre-window TPV columns. */
export function builtinMetric(metric: UpliftMetric, hasPre: boolean, tpvY: Sql, tpvX: Sql): MetricSql {
  const covariate = hasPre ? ('preWindow' as const) : null
  const info = (type: 'binary' | 'numeric', unit: UpliftMetricInfo['unit'], population: 'all' | 'new' = 'all', cov: 'preWindow' | null = covariate): UpliftMetricInfo => ({
    id: metric,
    label: LABELS[metric],
    type,
    population,
    covariate: cov,
    unit,
  })
  switch (metric) {
    case 'adopted':
      return { info: info('binary', 'users'), y: raw('CAST(w_n > 0 AS DOUBLE)'), x: raw('CAST(p_n > 0 AS DOUBLE)'), byKind: true, yBinary: true, xBinary: true }
    case 'activated':
      // Population: users with no successful payment before the window; their pre-window value is 0.
      return { info: info('binary', 'users', 'new', null), y: raw('CASE WHEN is_new THEN CAST(w_n > 0 AS DOUBLE) END'), x: raw('CASE WHEN is_new THEN 0.0 END'), byKind: true, yBinary: true, xBinary: true }
    case 'payments':
      return { info: info('numeric', 'count'), y: raw('CAST(w_n AS DOUBLE)'), x: raw('CAST(p_n AS DOUBLE)'), byKind: true, yBinary: false, xBinary: false }
    case 'tpv':
      return { info: info('numeric', 'localCurrency'), y: tpvY, x: tpvX, byKind: true, yBinary: false, xBinary: false }
    case 'activeDays':
      return { info: info('numeric', 'days'), y: raw('CAST(w_days AS DOUBLE)'), x: raw('CAST(p_days AS DOUBLE)'), byKind: true, yBinary: false, xBinary: false }
    case 'retained':
      // x: paid in the pre-window (the same "paid in a window" outcome, one period earlier).
      return { info: info('binary', 'users'), y: raw('CAST(post_n > 0 AS DOUBLE)'), x: raw('CAST(p_n > 0 AS DOUBLE)'), byKind: true, yBinary: true, xBinary: true }
    case 'cashback':
      return { info: info('numeric', 'localCurrency', 'all', null), y: raw('cashback'), x: raw('0.0'), byKind: false, yBinary: false, xBinary: true }
    default: {
      const never: never = metric
      throw new Error(`unknown metric ${String(never)}`)
    }
  }
}

/** A users column as an outcome: users with a NULL value are left out; a NULL covariate counts as 0. */
export function outcomeMetric(o: UserOutcome): MetricSql {
  const y = ident(o.alias)
  const x = o.covariateAlias === null ? sql`CASE WHEN ${y} IS NOT NULL THEN 0.0 END` : sql`CASE WHEN ${y} IS NOT NULL THEN coalesce(${ident(o.covariateAlias)}, 0.0) END`
  return {
    info: { id: outcomeMetricId(o.column.column), label: o.column.column, type: o.column.type, population: 'nonNull', covariate: o.covariateAlias === null ? null : 'column', unit: 'value' },
    y,
    x,
    byKind: false,
    yBinary: o.column.type === 'binary',
    xBinary: o.covariateAlias === null,
  }
}

/** n, Σy, Σy², Σx, Σx², Σxy of metric `i`, as columns m<i>_n … m<i>_sxy (Σy², Σx² skipped when binary). */
export function sufficientAggregates(i: number, m: MetricSql): Sql {
  const a = (suffix: string): Sql => ident(`m${i}_${suffix}`)
  const y = ident(`y${i}`)
  const x = ident(`x${i}`)
  return join([
    sql`count(${y}) AS ${a('n')}`,
    sql`coalesce(sum(${y}), 0) AS ${a('sy')}`,
    ...(m.yBinary ? [] : [sql`coalesce(sum(${y} * ${y}), 0) AS ${a('syy')}`]),
    sql`coalesce(sum(${x}), 0) AS ${a('sx')}`,
    ...(m.xBinary ? [] : [sql`coalesce(sum(${x} * ${x}), 0) AS ${a('sxx')}`]),
    sql`coalesce(sum(${x} * ${y}), 0) AS ${a('sxy')}`,
  ])
}
