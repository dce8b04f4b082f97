// Uplift sufficient statistics (issue 5, DOMAIN §6): per metric × segment × arm, n, Σy, Σy², Σx,
// Σx², Σxy with x the pre-window value (CUPED). Pass 1 (one payments scan, cached) and pass 2
// (GROUPING SETS over users) are in perUserPayments.ts and statsSql.ts; this file checks the
// request, runs them and writes the notes. Layer: electron/engine.
import {
  OVERALL,
  upliftSpecSchema,
  type UpliftCell,
  type UpliftNote,
  type UpliftSpec,
  type UpliftSpecInput,
  type UpliftStats,
} from '../../../common/domain/uplift'
import type { JsonRow, Queryable } from '../db/database'
import type { Sql } from '../db/sql'
import { EngineError } from '../engineError'
import { cacheKey, cachedTable } from './upliftCache'
import { experimentUsers, relationColumns, type ExperimentUsers } from './experimentUsers'
import { localDateExpression } from './localDates'
import { builtinMetric, outcomeMetric, type MetricSql } from './metricSql'
import { perUserSelect } from './perUserPayments'
import { cappedTpv, kindStatsQuery, rollUp, statsQuery, tpvCaps, type Caps, type Dimension } from './statsSql'
import { upliftNotes } from './upliftNotes'

/** Where the data comes from: canonical views (or any relation of the same shape). */
export interface UpliftRelations {
  /** canon.users-shaped: user_id, the arm column, country, region, extra columns. */
  users: Sql | null
  /** canon.payments-shaped: user_id, ts (UTC), local_date, amount, country, kind, status. */
  payments: Sql | null
  /** A campaign's rewards: user_id, cents (per payment or per user); enables the cashback metric. */
  cashback: Sql | null
  /** The mapping's country → time zone (the same zones canon.payments uses for local dates). */
  timeZones: Readonly<Record<string, string>>
  /** Changes whenever the data or the mapping changes (see scenarios/evaluationContext.ts). */
  dataVersion: string
}

/** Most groups of the arm × every-dimension aggregate; above it GROUPING SETS are used instead. */
const MAX_FINE_GROUPS = 50_000

/** Groups of GROUP BY arm, dim₁, dim₂, …: the product of the dimensions' value counts (+1 for missing). */
function fineGrainSize(ex: ExperimentUsers, dimensions: readonly Dimension[], arms: number): number {
  return dimensions.reduce((size, d) => size * ((d.column === 'pt' ? 2 : (ex.segmentValues[d.column] ?? MAX_FINE_GROUPS)) + 1), arms)
}

/** Segments read from payments rather than from the users table. */
const PAYMENT_SEGMENTS = new Set(['kind', 'payerType'])

function parseSpec(input: UpliftSpecInput): UpliftSpec {
  const parsed = upliftSpecSchema.safeParse(input)
  if (parsed.success) return parsed.data
  const messages = parsed.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
  throw new EngineError('INVALID_REQUEST', messages.join(' '), { details: { issues: messages } })
}

/** Refuse requests the data cannot answer, with what to do instead. */
function checkRequirements(spec: UpliftSpec, relations: UpliftRelations): void {
  const paymentMetrics = spec.metrics.filter((m) => m !== 'cashback')
  const paymentSegments = spec.segments.filter((s) => PAYMENT_SEGMENTS.has(s))
  const needs = [...paymentMetrics, ...paymentSegments.map((s) => `the ${s} segment`)]
  if (relations.users === null) {
    throw new EngineError('CONFLICT', 'Map a users dataset first (Data → Mapping): the experiment\'s arms are a users column.', { details: { missingRole: 'users' } })
  }
  if (needs.length > 0 && relations.payments === null) {
    throw new EngineError('CONFLICT', `${needs.join(', ')} need mapped payments. Map a payments dataset, or analyse users columns only (metrics: [] with outcome columns).`, { details: { missingRole: 'payments' } })
  }
  if (needs.length > 0 && spec.window === undefined) {
    throw new EngineError('INVALID_REQUEST', `Choose the analysis window (local dates, end excluded): ${needs.join(', ')} are measured in it.`, { details: { field: 'window' } })
  }
  if (spec.metrics.includes('retained') && spec.postWindow === undefined) {
    throw new EngineError('INVALID_REQUEST', 'Retention is "paid in the post-window": choose a post-window, or drop the retained metric.', { details: { field: 'postWindow' } })
  }
  if (spec.metrics.includes('cashback') && relations.cashback === null) {
    throw new EngineError('CONFLICT', 'Cashback received needs a campaign\'s rewards: evaluate a campaign first, or drop the cashback metric.', { details: { metric: 'cashback' } })
  }
  if (spec.metrics.length === 0 && spec.outcomeColumns.length === 0) {
    throw new EngineError('INVALID_REQUEST', 'Choose at least one metric or outcome column.', { details: { field: 'metrics' } })
  }
}

function num(cell: JsonRow[string] | undefined): number {
  return cell === null || cell === undefined ? 0 : Number(cell)
}

function cellOf(row: JsonRow, i: number, m: MetricSql, dimension: string, segment: string | null, n: number): UpliftCell {
  const v = (s: string): number => num(row[`m${i}_${s}`])
  const sumY = v('sy')
  const sumX = v('sx')
  // Binary values: Σy² = Σy (SQL skips those sums).
  return { metric: m.info.id, dimension, segment, arm: String(row.arm), n, sumY, sumY2: m.yBinary ? sumY : v('syy'), sumX, sumX2: m.xBinary ? sumX : v('sxx'), sumXY: v('sxy') }
}

function text(cell: JsonRow[string] | undefined): string | null {
  return cell === null || cell === undefined ? null : String(cell)
}

/** Every arm in every (metric, dimension, segment) group: absent arms get n = 0 (or their n for kind cells). */
function fillArms(cells: UpliftCell[], arms: readonly string[], nOf: (cell: Omit<UpliftCell, 'n'>) => number): UpliftCell[] {
  const groups = new Map<string, UpliftCell[]>()
  for (const c of cells) {
    const key = JSON.stringify([c.metric, c.dimension, c.segment])
    groups.set(key, [...(groups.get(key) ?? []), c])
  }
  const out: UpliftCell[] = []
  for (const group of groups.values()) {
    const first = group[0]!
    for (const arm of arms) {
      const found = group.find((c) => c.arm === arm)
      if (found !== undefined) out.push(found)
      else {
        const empty = { metric: first.metric, dimension: first.dimension, segment: first.segment, arm, sumY: 0, sumY2: 0, sumX: 0, sumX2: 0, sumXY: 0 }
        out.push({ ...empty, n: nOf(empty) })
      }
    }
  }
  return out
}

/**
 * Sufficient statistics of every requested metric per arm, overall and per segment. Payments are
 * scanned at most once per (data version, windows, kind segment) — later calls reuse the cached
 * per-user table — so choosing another control arm or toggling CUPED, which only re-reads these
 * numbers, never touches payments.
 */
export async function computeSufficientStats(db: Queryable, input: UpliftSpecInput, relations: UpliftRelations): Promise<UpliftStats> {
  const spec = parseSpec(input)
  checkRequirements(spec, relations)
  const users = relations.users!
  const started = performance.now()
  const columns = await relationColumns(db, users)
  const userSegmentNames = spec.segments.filter((s) => !PAYMENT_SEGMENTS.has(s))
  const ex = await experimentUsers(db, { users, columns, armColumn: spec.armColumn, expectedArms: spec.expectedArms, segmentColumns: userSegmentNames, outcomes: spec.outcomeColumns, dataVersion: relations.dataVersion })
  // Pass 1: the per-user payments table (cached).
  const needPayments = spec.metrics.some((m) => m !== 'cashback') || spec.segments.some((s) => PAYMENT_SEGMENTS.has(s))
  const byKind = spec.segments.includes('kind')
  let perUser: Sql | null = null
  let perUserCached = false
  let localDates: UpliftStats['diagnostics']['localDates'] = 'none'
  let changingZones: string[] = []
  const pass1 = performance.now()
  if (needPayments && relations.payments !== null && spec.window !== undefined) {
    const windows = { window: spec.window, preWindow: spec.preWindow, postWindow: spec.postWindow, byKind }
    const bounds = [spec.window, spec.preWindow, spec.postWindow].filter((w) => w !== undefined)
    const range = { start: bounds.map((w) => w.start).sort()[0]!, end: bounds.map((w) => w.end).sort().at(-1)! }
    const local = await localDateExpression(db, relations.timeZones, range)
    localDates = local.mode
    changingZones = local.changingZones
    const select = perUserSelect(relations.payments, local.expression, windows)
    const key = cacheKey({ dataVersion: relations.dataVersion, text: select.text, params: select.params.map(String) })
    const cached = await cachedTable(db, key, relations.dataVersion, () => select)
    perUser = cached.table
    perUserCached = !cached.built
  }
  const perUserMs = performance.now() - pass1

  // Pass 2: sufficient statistics.
  const inputs = { experiment: ex.relation, perUser, cashback: spec.metrics.includes('cashback') ? relations.cashback : null }
  const winsorize = spec.tpvWinsorizePercentile !== undefined && spec.metrics.includes('tpv') && perUser !== null
  const caps = winsorize ? await tpvCaps(db, { ...inputs, perUser: perUser! }, spec.tpvWinsorizePercentile!, false) : null
  const kindCaps = winsorize && byKind ? await tpvCaps(db, { ...inputs, perUser: perUser! }, spec.tpvWinsorizePercentile!, true) : null
  const metricsFor = (c: { window: Caps; preWindow: Caps } | null, kind: boolean): MetricSql[] => [
    ...spec.metrics.map((m) => builtinMetric(m, spec.preWindow !== undefined, cappedTpv('w_tpv', c?.window ?? null, kind), cappedTpv('p_tpv', c?.preWindow ?? null, kind))),
    ...ex.outcomes.map(outcomeMetric),
  ]
  const metrics = metricsFor(caps, false)
  const dimensions: Dimension[] = [
    ...ex.segments.map((s) => ({ dimension: s.dimension, column: s.alias })),
    ...(spec.segments.includes('payerType') ? [{ dimension: 'payerType', column: 'pt' }] : []),
  ]
  const ordered = spec.segments.filter((s) => s !== 'kind').map((s) => dimensions.find((d) => d.dimension === s)!)
  const grain = fineGrainSize(ex, ordered, ex.armNames.length) <= MAX_FINE_GROUPS ? 'fine' : 'sets'
  const raw = await db.rows(statsQuery(inputs, metrics, ordered, grain))
  const rows = grain === 'fine' ? rollUp(raw, ordered) : raw
  const armNames = ex.armNames
  const overallN = new Map<string, { all: number; new: number }>()
  let cells: UpliftCell[] = []
  for (const row of rows) {
    const grouped = ordered.find((d) => num(row[`g_${d.column}`]) === 0)
    const dimension = grouped?.dimension ?? OVERALL
    const segment = grouped === undefined ? null : text(row[grouped.column])
    if (grouped === undefined) overallN.set(String(row.arm), { all: num(row.n_all), new: num(row.n_new) })
    metrics.forEach((m, i) => cells.push(cellOf(row, i, m, dimension, segment, num(row[`m${i}_n`]))))
  }
  cells = fillArms(cells, armNames, () => 0)
  const arms = armNames.map((arm) => ({ arm, users: overallN.get(arm)?.all ?? 0 }))
  checkArms(arms, ex, spec.armColumn)

  if (byKind && perUser !== null) {
    const kindMetrics = metricsFor(kindCaps, true).filter((m) => m.byKind)
    if (kindMetrics.length > 0) {
      const nOf = (metric: string, arm: string): number => {
        const population = kindMetrics.find((m) => m.info.id === metric)?.info.population
        const n = overallN.get(arm) ?? { all: 0, new: 0 }
        return population === 'new' ? n.new : n.all
      }
      const kindRows = await db.rows(kindStatsQuery({ ...inputs, perUser }, kindMetrics))
      const kindCells = kindRows.flatMap((row) => kindMetrics.map((m, i) => cellOf(row, i, m, 'kind', text(row.kind), nOf(m.info.id, String(row.arm)))))
      cells.push(...fillArms(kindCells, armNames, (c) => nOf(c.metric, c.arm)))
    }
  }
  const statsMs = performance.now() - started - perUserMs

  const dimensionNames = [OVERALL, ...spec.segments]
  cells.sort((a, b) => dimensionNames.indexOf(a.dimension) - dimensionNames.indexOf(b.dimension) || compareNullable(a.segment, b.segment) || metricOrder(metrics, a.metric) - metricOrder(metrics, b.metric) || a.arm.localeCompare(b.arm))
  const allCaps = caps === null ? null : [...caps.window.map((c, i) => ({ country: c.country, kind: null, window: c.cap, preWindow: caps.preWindow[i]?.cap ?? null })), ...(kindCaps?.window ?? []).map((c, i) => ({ country: c.country, kind: c.kind, window: c.cap, preWindow: kindCaps?.preWindow[i]?.cap ?? null }))]
  const notes: UpliftNote[] = upliftNotes({ spec, ex, arms, cells, metrics: metrics.map((m) => m.info), totals: rows, changingZones, hasPayments: perUser !== null })
  return {
    armColumn: spec.armColumn,
    arms,
    metrics: metrics.map((m) => m.info),
    dimensions: dimensionNames,
    cells,
    excluded: { multiArmUsers: ex.multiArmUsers, multiArmExamples: ex.multiArmExamples, duplicateRows: ex.duplicateRows, nullUserIds: ex.nullUserIds },
    tpvCaps: allCaps,
    notes,
    diagnostics: { perUserCached, perUserMs: Math.round(perUserMs), statsMs: Math.round(statsMs), localDates },
  }
}

/** At least two arms must have users left after the exclusions. */
function checkArms(arms: readonly { arm: string; users: number }[], ex: ExperimentUsers, armColumn: string): void {
  const withUsers = arms.filter((a) => a.users > 0)
  if (withUsers.length >= 2) return
  const only = withUsers[0]
  const excluded = ex.multiArmUsers > 0 ? ` after excluding ${ex.multiArmUsers} users listed with several arms` : ''
  throw new EngineError(
    'INVALID_REQUEST',
    only === undefined
      ? `No arm of "${armColumn}" has users left${excluded}: there is nothing to compare.`
      : `Only arm "${only.arm}" has users${excluded} (${only.users}): an experiment needs at least two arms to compare.`,
    { details: { arms } },
  )
}

function compareNullable(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  return a.localeCompare(b)
}

function metricOrder(metrics: readonly MetricSql[], id: string): number {
  return metrics.findIndex((m) => m.info.id === id)
}
