// analyzeRollout: a non-randomised rollout (some regions first) by difference-in-differences on
// the region × local-day panel — ATT, pre-trend test, placebo start, pre-period fit — as a
// JSON-safe RolloutResult. SQL builds the panel (rolloutPanel.ts); statistics are common/stats/did.
// Layer: electron/engine. Method and caveats: docs/rollouts.md.
import { rolloutSpecSchema, MAX_ROLLOUT_DAYS, type RolloutResult, type RolloutSpec, type RolloutSpecInput } from '../../../common/domain/rollout'
import { differenceInDifferences, placeboInTime, type DidEstimate, type PanelCell } from '../../../common/stats/did'
import { eventStudyPretrend } from '../../../common/stats/didPretrend'
import type { Queryable } from '../db/database'
import { sql, type Sql } from '../db/sql'
import { EngineError } from '../engineError'
import { localDateExpression, localDateValue } from '../uplift/localDates'
import { rolloutNotes } from './rolloutNotes'
import { populationSelect, rolloutPanel } from './rolloutPanel'

/** Where the data comes from: canonical views (or relations of the same shape). */
export interface RolloutRelations {
  /** canon.users-shaped: user_id, country, region, extra columns. */
  users: Sql | null
  /** canon.payments-shaped: user_id, ts (UTC), local_date, country, status. */
  payments: Sql | null
  usersColumns: readonly string[]
  /** The mapping's country → time zone (local days). */
  timeZones: Readonly<Record<string, string>>
}

function parseSpec(input: RolloutSpecInput): RolloutSpec {
  const parsed = rolloutSpecSchema.safeParse(input)
  if (parsed.success) return parsed.data
  const messages = parsed.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
  throw new EngineError('INVALID_REQUEST', messages.join(' '), { details: { issues: messages } })
}

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
const dayCount = (start: string, end: string): number => Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000)

/** Checks the country and regions against canon.users; returns the users per region of the population. */
async function checkRegions(db: Queryable, spec: RolloutSpec, users: Sql, usersColumns: readonly string[]): Promise<Map<string, number>> {
  const countries = await db.rows(sql`SELECT country, count(*) AS n, count(region) AS with_region FROM ${users} GROUP BY country ORDER BY country`)
  const mine = countries.find((c) => c.country === spec.country)
  if (mine === undefined) {
    const known = countries.map((c) => String(c.country)).join(', ')
    throw new EngineError('NOT_FOUND', `No users are in country "${spec.country}". Countries in the users table: ${known || 'none'}.`, { details: { country: spec.country } })
  }
  if (Number(mine.with_region) === 0) {
    throw new EngineError('INVALID_REQUEST', `The users of ${spec.country} have no region: map the users' region column (Data → Mapping) to compare regions.`, { details: { missing: 'users.region' } })
  }
  const allRegions = new Set((await db.rows(sql`SELECT DISTINCT region FROM ${users} WHERE country = ${spec.country} AND region IS NOT NULL`)).map((r) => String(r.region)))
  const unknown = [...spec.treatedRegions, ...spec.excludedRegions].filter((r) => !allRegions.has(r))
  if (unknown.length > 0) {
    throw new EngineError('NOT_FOUND', `Unknown region${unknown.length > 1 ? 's' : ''} ${unknown.map((r) => `"${r}"`).join(', ')} in ${spec.country}. Regions: ${[...allRegions].sort().join(', ')}.`, { details: { unknownRegions: unknown } })
  }
  const both = spec.treatedRegions.filter((r) => spec.excludedRegions.includes(r))
  if (both.length > 0) throw new EngineError('INVALID_REQUEST', `${both.join(', ')} cannot be both treated and excluded.`, { details: { regions: both } })
  const population = populationSelect({ users, usersColumns, country: spec.country, population: spec.population, excludedRegions: spec.excludedRegions })
  const rows = await db.rows(sql`SELECT region, count(*) AS users FROM (${population}) GROUP BY region`)
  return new Map(rows.map((r) => [String(r.region), Number(r.users)]))
}

/** The country's first and last local payment day. */
async function dataRange(db: Queryable, spec: RolloutSpec, payments: Sql, timeZones: RolloutRelations['timeZones']) {
  const [row] = await db.rows(sql`SELECT CAST(min(ts) AS DATE) AS lo, CAST(max(ts) AS DATE) AS hi FROM ${payments} WHERE country = ${spec.country} AND status = 'SUCCESS'`)
  if (row === undefined || row.lo === null || row.hi === null) throw new EngineError('INVALID_REQUEST', `There are no successful payments in ${spec.country}.`, { details: { country: spec.country } })
  const probe = { start: addDays(String(row.lo), -1), end: addDays(String(row.hi), 2) }
  const zones = spec.country in timeZones ? { [spec.country]: timeZones[spec.country]! } : {}
  const localDate = await localDateExpression(db, zones, probe)
  const [days] = await db.rows(sql`SELECT CAST(min(d) AS VARCHAR) AS first, CAST(max(d) AS VARCHAR) AS last FROM (
    SELECT ${localDateValue(localDate)} AS d FROM ${payments} WHERE country = ${spec.country} AND status = 'SUCCESS')`)
  return { first: String(days!.first), last: String(days!.last), localDate }
}

function estimateDto(e: DidEstimate): RolloutResult['att'] {
  const inference = (i: DidEstimate['clusterRobust']) => ({ method: i.method, standardError: i.standardError, statistic: i.statistic, df: i.df, lower: i.ci.lower!, upper: i.ci.upper!, pValue: i.pValue })
  const cr = inference(e.clusterRobust)
  const sa = e.sizeAdjusted.ok ? inference(e.sizeAdjusted) : null
  const primary = e.primary === 'size-adjusted' && sa !== null ? sa : cr
  return {
    estimate: e.estimate, primary: primary.method, lower: primary.lower, upper: primary.upper, pValue: primary.pValue,
    clusterRobust: cr, sizeAdjusted: sa, sizeAdjustedUnavailable: e.sizeAdjusted.ok ? null : e.sizeAdjusted.reason,
  }
}

/**
 * Difference-in-differences of a regional rollout. Treated = `treatedRegions` from
 * `treatmentStart`; controls = every other region of the country with users in the population.
 * Throws EngineError for requests the data cannot answer (unknown country or region, no region
 * mapped, start outside the data, no control region).
 */
export async function analyzeRollout(db: Queryable, input: RolloutSpecInput, relations: RolloutRelations): Promise<RolloutResult> {
  const started = performance.now()
  const spec = parseSpec(input)
  if (relations.users === null) throw new EngineError('CONFLICT', 'Map a users dataset first (Data → Mapping): regions and their users come from it.', { details: { missingRole: 'users' } })
  if (relations.payments === null) throw new EngineError('CONFLICT', 'Map a payments dataset first (Data → Mapping): the outcomes are counted from payments.', { details: { missingRole: 'payments' } })
  const regionUsers = await checkRegions(db, spec, relations.users, relations.usersColumns)
  const range = await dataRange(db, spec, relations.payments, relations.timeZones)
  const window = spec.window ?? { start: range.first, end: addDays(range.last, 1) }
  if (!(spec.treatmentStart > window.start && spec.treatmentStart < window.end && spec.treatmentStart > range.first && spec.treatmentStart <= range.last)) {
    throw new EngineError('INVALID_REQUEST', `The treatment start ${spec.treatmentStart} is outside the data: it must fall after the first day (${window.start > range.first ? window.start : range.first}) and before the end (${window.end < addDays(range.last, 1) ? window.end : addDays(range.last, 1)}, excluded) of the window with payments, so that there are days before and after it.`, { details: { field: 'treatmentStart', dataFirst: range.first, dataLast: range.last } })
  }
  if (dayCount(window.start, window.end) > MAX_ROLLOUT_DAYS) {
    throw new EngineError('INVALID_REQUEST', `The window spans ${dayCount(window.start, window.end)} days; the limit is ${MAX_ROLLOUT_DAYS}. Choose a shorter window.`, { details: { field: 'window' } })
  }
  const treated = spec.treatedRegions.filter((r) => (regionUsers.get(r) ?? 0) > 0)
  if (treated.length === 0) throw new EngineError('INVALID_REQUEST', `The treated region${spec.treatedRegions.length > 1 ? 's have' : ' has'} no users${spec.population ? ' in the chosen population' : ''}.`, { details: { treatedRegions: spec.treatedRegions } })
  const controls = [...regionUsers.keys()].filter((r) => !spec.treatedRegions.includes(r))
  if (controls.length === 0) throw new EngineError('INVALID_REQUEST', `Every region of ${spec.country} with users is treated: there is no control region to compare with.`, { details: { treatedRegions: spec.treatedRegions } })

  const panel = await rolloutPanel(db, {
    users: relations.users, payments: relations.payments, usersColumns: relations.usersColumns, country: spec.country,
    window, population: spec.population, excludedRegions: spec.excludedRegions, localDate: range.localDate,
  })
  const cells: PanelCell[] = panel.map((row) => ({
    unit: row.region, period: row.day, weight: row.users,
    outcome: (spec.outcome === 'paymentsPerUserDay' ? row.payments : row.active) / row.users,
  }))
  const didInput = { cells, treatedUnits: treated, treatmentStart: spec.treatmentStart, confidence: spec.confidence }
  const att = differenceInDifferences(didInput)
  if (!att.ok) throw new EngineError('INVALID_REQUEST', `Difference-in-differences cannot be computed: ${att.reason}`, { details: { code: att.code } })
  const pretrend = eventStudyPretrend({ ...didInput, binSize: spec.binSize })
  const placebo = placeboInTime({ ...didInput, ...(spec.placeboStart === undefined ? {} : { placeboStart: spec.placeboStart }) })

  const regions = [...regionUsers].sort(([a], [b]) => a.localeCompare(b)).map(([region, users]) => ({ region, users, treated: treated.includes(region) }))
  const sum = (t: boolean) => regions.filter((r) => r.treated === t).reduce((s, r) => s + r.users, 0)
  const result: RolloutResult = {
    country: spec.country, outcome: spec.outcome, treatmentStart: spec.treatmentStart, window, confidence: spec.confidence,
    panel: { regions, days: dayCount(window.start, window.end), preDays: att.prePeriods, postDays: att.postPeriods, treatedUsers: sum(true), controlUsers: sum(false), balanced: att.balanced },
    att: estimateDto(att),
    pretrend: pretrend.ok
      ? {
          binSize: pretrend.binSize, reference: pretrend.reference, leads: pretrend.leads, primary: pretrend.primary,
          pValue: pretrend.primary === 'size-adjusted' && pretrend.sizeAdjusted.ok ? pretrend.sizeAdjusted.pValue : pretrend.clusterRobust.pValue,
          clusterRobust: pretrend.clusterRobust, sizeAdjusted: pretrend.sizeAdjusted.ok ? withoutOk(pretrend.sizeAdjusted) : null,
        }
      : null,
    pretrendUnavailable: pretrend.ok ? null : pretrend.reason,
    placebo: placebo.ok ? { ...estimateDto(placebo), start: placebo.placeboStart } : null,
    placeboUnavailable: placebo.ok ? null : placebo.reason,
    series: att.series.map((p) => ({ date: p.period, post: p.post, treated: p.treated, control: p.control, counterfactual: p.counterfactual })),
    preFitRmse: att.preFitRmse,
    notes: [],
    elapsedMs: 0,
  }
  result.notes = rolloutNotes(result, spec, { emptyTreated: spec.treatedRegions.filter((r) => !treated.includes(r)), multiRegionUsers: await multiRegionUsers(db, relations.users, spec.country) })
  result.elapsedMs = Math.round(performance.now() - started)
  return result
}

function withoutOk<T extends { ok: true }>(value: T): Omit<T, 'ok'> {
  const { ok: _ok, ...rest } = value
  return rest
}

/** Users listed with more than one region in the country: left out of the panel. */
async function multiRegionUsers(db: Queryable, users: Sql, country: string): Promise<number> {
  const [row] = await db.rows(sql`SELECT count(*) AS n FROM (SELECT user_id FROM ${users} WHERE country = ${country} AND region IS NOT NULL GROUP BY user_id HAVING count(DISTINCT region) > 1)`)
  return Number(row?.n ?? 0)
}
