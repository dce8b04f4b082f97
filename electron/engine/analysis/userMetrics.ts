// Per-user metrics of an experiment analysis, one row per experiment user, for the "userMetrics"
// table export (issue 6: Parquet/CSV for further analysis). Reuses the uplift module's pieces —
// the experiment users, the cached per-user payments table (the same cache key as
// computeSufficientStats, so an analysis already run is not scanned again), the per-user relation
// `u` of pass 2 and each metric's y/x SQL — so the exported values are the ones the statistics
// sum. Columns: docs/reports.md. Layer: electron/engine.
import type { AnalysisRequest } from '../../../common/domain/analysis'
import type { UpliftMetric } from '../../../common/domain/uplift'
import type { Queryable } from '../db/database'
import { ident, join, raw, sql, type Sql } from '../db/sql'
import { EngineError } from '../engineError'
import { experimentUsers, relationColumns } from '../uplift/experimentUsers'
import { localDateExpression } from '../uplift/localDates'
import { builtinMetric } from '../uplift/metricSql'
import { perUserSelect } from '../uplift/perUserPayments'
import { cappedTpv, perUserRelation, tpvCaps } from '../uplift/statsSql'
import { cacheKey, cachedTable } from '../uplift/upliftCache'

export interface UserMetricsRelations {
  users: Sql | null
  payments: Sql | null
  /** A campaign's rewards as the cashback metric reads them (user_id, cents); null: no campaign. */
  cashback: Sql | null
  timeZones: Readonly<Record<string, string>>
  /** Country → currency, from the mapping. */
  currencies: Readonly<Record<string, string>>
  dataVersion: string
}

/** The fixed columns of the export, in order, with their DuckDB types (docs/reports.md). */
export const USER_METRIC_COLUMNS = [
  ['user_id', 'VARCHAR'],
  ['arm', 'VARCHAR'],
  ['country', 'VARCHAR'],
  ['currency', 'VARCHAR'],
  ['payer_type', 'VARCHAR'],
  ['adopted', 'BOOLEAN'],
  ['activated', 'BOOLEAN'],
  ['payments', 'BIGINT'],
  ['tpv', 'DOUBLE'],
  ['tpv_winsorized', 'DOUBLE'],
  ['active_days', 'BIGINT'],
  ['retained', 'BOOLEAN'],
  ['pre_paid', 'BOOLEAN'],
  ['pre_payments', 'BIGINT'],
  ['pre_tpv', 'DOUBLE'],
  ['pre_tpv_winsorized', 'DOUBLE'],
  ['pre_active_days', 'BIGINT'],
  ['cashback', 'DOUBLE'],
] as const

/** Segments read from payments (kind, payerType) are not users columns; country is a fixed column. */
const NOT_USER_COLUMNS = new Set(['kind', 'payerType', 'country'])

/** The table the export is materialised into: a temporary table of the task's own connection. */
const TABLE = raw('temp.main.user_metrics_export')

type Output = 'BOOLEAN' | 'BIGINT' | 'DOUBLE'
const CAST_TO: Record<Output, Sql> = { BOOLEAN: raw('BOOLEAN'), BIGINT: raw('BIGINT'), DOUBLE: raw('DOUBLE') }

/** `value` cast to the column's type, or a typed NULL when the analysis does not define it. */
function column(name: string, type: Output, value: Sql | null): Sql {
  return value === null ? sql`CAST(NULL AS ${CAST_TO[type]}) AS ${ident(name)}` : sql`CAST(${value} AS ${CAST_TO[type]}) AS ${ident(name)}`
}

/**
 * Materialise the per-user metrics of `request`'s analysis window into a temporary table of `db`'s
 * connection and return it. Values are bound here, so the caller's COPY of the table needs none
 * (COPY binds only its target).
 */
export async function materializeUserMetrics(db: Queryable, request: AnalysisRequest, relations: UserMetricsRelations): Promise<Sql> {
  const spec = request.spec
  if (relations.users === null) throw new EngineError('CONFLICT', 'Map a users dataset first (Data → Mapping): the experiment\'s arms are a users column.', { details: { missingRole: 'users' } })
  if (relations.payments === null) throw new EngineError('CONFLICT', 'Per-user metrics are counted from payments: map a payments dataset first (Data → Mapping).', { details: { missingRole: 'payments' } })
  const window = spec.window
  if (window === undefined) throw new EngineError('INVALID_REQUEST', 'Per-user metrics are measured in the analysis window: give analysis.spec.window (local dates, end excluded).', { details: { field: 'window' } })

  const columns = await relationColumns(db, relations.users)
  const segmentColumns = spec.segments.filter((s) => !NOT_USER_COLUMNS.has(s))
  const ex = await experimentUsers(db, { users: relations.users, columns, armColumn: spec.armColumn, expectedArms: spec.expectedArms, segmentColumns, outcomes: [], dataVersion: relations.dataVersion })
  if (request.controlArm !== undefined && !ex.armNames.includes(request.controlArm)) {
    throw new EngineError('INVALID_REQUEST', `"${request.controlArm}" is not an arm of "${spec.armColumn}" (arms: ${ex.armNames.join(', ')}).`, { details: { field: 'controlArm' } })
  }

  // Pass 1 of the uplift engine: the cached per-user payments table, under the same key.
  const byKind = spec.segments.includes('kind')
  const bounds = [window, spec.preWindow, spec.postWindow].filter((w) => w !== undefined)
  const range = { start: bounds.map((w) => w.start).sort()[0]!, end: bounds.map((w) => w.end).sort().at(-1)! }
  const local = await localDateExpression(db, relations.timeZones, range)
  const select = perUserSelect(relations.payments, local.expression, { window, preWindow: spec.preWindow, postWindow: spec.postWindow, byKind })
  const key = cacheKey({ dataVersion: relations.dataVersion, text: select.text, params: select.params.map(String) })
  const perUser = (await cachedTable(db, key, relations.dataVersion, () => select)).table

  // Pass 2's per-user relation `u` and the metrics' own y/x expressions over it.
  const inputs = { experiment: ex.relation, perUser, cashback: relations.cashback }
  const caps = spec.tpvWinsorizePercentile === undefined ? null : await tpvCaps(db, { ...inputs, cashback: null }, spec.tpvWinsorizePercentile, false)
  const hasPre = spec.preWindow !== undefined
  const metric = (id: UpliftMetric, capped = false) =>
    builtinMetric(id, hasPre, cappedTpv('w_tpv', capped ? (caps?.window ?? null) : null, false), cappedTpv('p_tpv', capped ? (caps?.preWindow ?? null) : null, false))
  const pre = (value: Sql): Sql | null => (hasPre ? value : null)
  const currencies = Object.entries(relations.currencies).sort(([a], [b]) => a.localeCompare(b))
  const currency = currencies.length === 0 ? null : sql`CASE country_key ${join(currencies.map(([c, cur]) => sql`WHEN ${c} THEN ${cur}`), ' ')} END`
  const columnsOut = join([
    raw('user_id'),
    raw('arm'),
    raw('country_key AS country'),
    currency === null ? raw('CAST(NULL AS VARCHAR) AS currency') : sql`CAST(${currency} AS VARCHAR) AS currency`,
    raw("CASE WHEN is_new THEN 'new' ELSE 'existing' END AS payer_type"),
    column('adopted', 'BOOLEAN', metric('adopted').y),
    column('activated', 'BOOLEAN', metric('activated').y),
    column('payments', 'BIGINT', metric('payments').y),
    column('tpv', 'DOUBLE', metric('tpv').y),
    column('tpv_winsorized', 'DOUBLE', metric('tpv', true).y),
    column('active_days', 'BIGINT', metric('activeDays').y),
    column('retained', 'BOOLEAN', spec.postWindow === undefined ? null : metric('retained').y),
    column('pre_paid', 'BOOLEAN', pre(metric('adopted').x)),
    column('pre_payments', 'BIGINT', pre(metric('payments').x)),
    column('pre_tpv', 'DOUBLE', pre(metric('tpv').x)),
    column('pre_tpv_winsorized', 'DOUBLE', pre(metric('tpv', true).x)),
    column('pre_active_days', 'BIGINT', pre(metric('activeDays').x)),
    column('cashback', 'DOUBLE', relations.cashback === null ? null : metric('cashback').y),
    ...ex.segments.map((s) => sql`${ident(s.alias)} AS ${ident(`segment_${s.dimension}`)}`),
  ])
  await db.run(sql`CREATE OR REPLACE TEMP TABLE ${TABLE} AS SELECT ${columnsOut} FROM (${perUserRelation(inputs)}) u`)
  return TABLE
}

/** Drop the temporary table (it would go with the task's connection anyway). */
export async function dropUserMetrics(db: Queryable): Promise<void> {
  await db.run(sql`DROP TABLE IF EXISTS ${TABLE}`)
}
