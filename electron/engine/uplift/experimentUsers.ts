// Who is in the experiment: users with a non-null arm, one row each. Checks the arm column, finds
// users listed with several arms (excluded, reported) or listed twice with the same arm (merged),
// and reads segment and outcome columns as text / DOUBLE. Layer: electron/engine.
import { MAX_ARMS, MAX_SEGMENT_VALUES, type OutcomeColumn } from '../../../common/domain/uplift'
import type { Queryable } from '../db/database'
import { ident, join, knownIdent, raw, sql, type Sql } from '../db/sql'
import { EngineError } from '../engineError'
import { cacheKey, cachedValue } from './upliftCache'

/** A users column used as a segment: `s<i>` in the experiment relation. */
export interface UserSegment {
  dimension: string
  alias: string
}

/** An outcome column: `o<i>` (value) and `c<i>` (covariate, when given) in the experiment relation. */
export interface UserOutcome {
  column: OutcomeColumn
  alias: string
  covariateAlias: string | null
}

export interface ExperimentUsers {
  /** SELECT of user_id, arm, country_key, s<i>…, o<i>…, c<i>…: one row per experiment user. */
  relation: Sql
  /** Arms found among assigned users, plus the expected ones; user counts come with the statistics. */
  armNames: string[]
  multiArmUsers: number
  multiArmExamples: string[]
  duplicateRows: number
  nullUserIds: number
  unassignedUsers: number
  /** Distinct countries among assigned users (money pooled over several mixes currencies). */
  countries: number
  /** Distinct non-null values of each users segment (by alias) among assigned users. */
  segmentValues: Record<string, number>
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL)/

/** Column name → DuckDB type of a relation. */
export async function relationColumns(db: Queryable, relation: Sql): Promise<Map<string, string>> {
  const rows = await db.rows(sql`DESCRIBE SELECT * FROM ${relation}`)
  return new Map(rows.map((r) => [String(r.column_name), String(r.column_type)]))
}

/** The arm column, checked: it must exist, hold values, and not be something else (an id). */
export function armColumn(name: string, columns: ReadonlyMap<string, string>): Sql {
  if (!columns.has(name)) {
    throw new EngineError('NOT_FOUND', `The users table has no column "${name}" to read arms from. Map the experiment's assignment column as "arm" (Data → Mapping), or choose one of: ${[...columns.keys()].join(', ')}.`, {
      details: { armColumn: name },
    })
  }
  return knownIdent(name, columns.keys())
}

/** An outcome column as DOUBLE; refuses types that cannot be one. */
function outcomeValue(column: string, type: 'binary' | 'numeric', columns: ReadonlyMap<string, string>): Sql {
  const col = knownIdent(column, columns.keys(), 'users column')
  const dtype = columns.get(column) ?? ''
  if (dtype === 'BOOLEAN') return sql`CAST(${col} AS DOUBLE)`
  if (NUMERIC.test(dtype)) return sql`CAST(${col} AS DOUBLE)`
  if (dtype === 'VARCHAR' && type === 'binary') {
    // Yes/no spellings analysts' exports use; anything else is reported by checkOutcomes.
    return sql`CASE lower(trim(${col})) WHEN '1' THEN 1.0 WHEN 'true' THEN 1.0 WHEN 'yes' THEN 1.0 WHEN 'y' THEN 1.0 WHEN 't' THEN 1.0
      WHEN '0' THEN 0.0 WHEN 'false' THEN 0.0 WHEN 'no' THEN 0.0 WHEN 'n' THEN 0.0 WHEN 'f' THEN 0.0 END`
  }
  if (dtype === 'VARCHAR') return sql`TRY_CAST(trim(${col}) AS DOUBLE)`
  throw new EngineError('INVALID_REQUEST', `"${column}" holds ${dtype} values, which cannot be an outcome: choose a number, true/false or yes/no column.`, { details: { column, type: dtype } })
}

/** Every non-empty value must read as an outcome (binary: 0 or 1); otherwise say which ones do not. */
async function checkOutcome(db: Queryable, users: Sql, column: string, value: Sql, type: 'binary' | 'numeric', role: string): Promise<void> {
  const col = ident(column)
  const bad = type === 'binary' ? sql`(${value} IS NULL OR ${value} NOT IN (0, 1))` : sql`(${value} IS NULL OR NOT isfinite(${value}))`
  const [row] = await db.rows(sql`
    SELECT count(*) AS n, (SELECT list(v) FROM (SELECT DISTINCT CAST(${col} AS VARCHAR) AS v FROM ${users} WHERE ${col} IS NOT NULL AND trim(CAST(${col} AS VARCHAR)) <> '' AND ${bad} ORDER BY v LIMIT 5)) AS examples
    FROM ${users} WHERE ${col} IS NOT NULL AND trim(CAST(${col} AS VARCHAR)) <> '' AND ${bad}`)
  const n = Number(row?.n ?? 0)
  if (n === 0) return
  const examples = Array.isArray(row?.examples) ? row.examples.map(String) : []
  const wanted = type === 'binary' ? '0/1, true/false or yes/no' : 'numbers'
  throw new EngineError('INVALID_REQUEST', `${n} values of the ${role} column "${column}" are not ${wanted} (e.g. ${examples.map((e) => `"${e}"`).join(', ')}). Fix them in the file, or choose another column.`, {
    details: { column, count: n, examples },
  })
}

export interface UsersRequest {
  users: Sql
  columns: ReadonlyMap<string, string>
  armColumn: string
  expectedArms: readonly string[] | undefined
  /** Users columns used as segments (built-in payment segments excluded). */
  segmentColumns: readonly string[]
  outcomes: readonly OutcomeColumn[]
  /**
   * The data version (scenarios/evaluationContext.ts): when given, the users summary is computed
   * once per data version and columns chosen (upliftCache.ts), so a second analysis of the same
   * experiment does not scan users again.
   */
  dataVersion?: string
}

/** Segments, outcomes and covariates as aliased columns; every name checked against the users table. */
export function userColumns(request: UsersRequest): { segments: UserSegment[]; outcomes: UserOutcome[]; select: Sql } {
  const known = [...request.columns.keys()]
  const segments = request.segmentColumns.map((dimension, i) => ({ dimension, alias: `s${i}` }))
  const outcomes = request.outcomes.map((column, i) => ({ column, alias: `o${i}`, covariateAlias: column.covariate === undefined ? null : `c${i}` }))
  if (!request.columns.has('user_id')) throw new EngineError('NOT_FOUND', 'The users table has no user_id column: map the users dataset first (Data → Mapping).')
  const parts: Sql[] = [
    sql`CAST(${knownIdent('user_id', known)} AS VARCHAR) AS user_id`,
    sql`CAST(${armColumn(request.armColumn, request.columns)} AS VARCHAR) AS arm`,
    request.columns.has('country') ? sql`CAST(country AS VARCHAR) AS country_key` : raw('CAST(NULL AS VARCHAR) AS country_key'),
    ...segments.map((s) => sql`CAST(${knownIdent(s.dimension, known, 'users column')} AS VARCHAR) AS ${ident(s.alias)}`),
    ...outcomes.flatMap((o) => [
      sql`${outcomeValue(o.column.column, o.column.type, request.columns)} AS ${ident(o.alias)}`,
      ...(o.covariateAlias === null ? [] : [sql`${outcomeValue(o.column.covariate!, 'numeric', request.columns)} AS ${ident(o.covariateAlias)}`]),
    ]),
  ]
  return { segments, outcomes, select: sql`SELECT ${join(parts)} FROM ${request.users}` }
}

export async function experimentUsers(db: Queryable, request: UsersRequest): Promise<ExperimentUsers & { segments: UserSegment[]; outcomes: UserOutcome[] }> {
  const { segments, outcomes, select } = userColumns(request)
  for (const o of outcomes) {
    await checkOutcome(db, request.users, o.column.column, outcomeValue(o.column.column, o.column.type, request.columns), o.column.type, 'outcome')
    if (o.column.covariate !== undefined) await checkOutcome(db, request.users, o.column.covariate, outcomeValue(o.column.covariate, 'numeric', request.columns), 'numeric', 'covariate')
  }
  const base = sql`(${select})`
  const assigned = raw('arm IS NOT NULL AND user_id IS NOT NULL')
  const dataVersion = request.dataVersion
  const remember = <T>(what: string, compute: () => Promise<T>): Promise<T> =>
    dataVersion === undefined ? compute() : cachedValue(db, cacheKey(['experiment users', what, select.text, select.params.map(String)]), dataVersion, compute)
  // One pass over users: arms, ids listed more than once, segment sizes.
  const [summary] = await remember('summary', () => db.rows(sql`
    SELECT count(*) FILTER (WHERE user_id IS NULL) AS null_ids,
           count(*) FILTER (WHERE user_id IS NOT NULL AND arm IS NULL) AS unassigned,
           count(*) FILTER (WHERE ${assigned}) AS assigned_rows,
           count(DISTINCT user_id) FILTER (WHERE ${assigned}) AS assigned_users,
           count(DISTINCT arm) FILTER (WHERE ${assigned}) AS arm_count,
           CASE WHEN count(DISTINCT arm) FILTER (WHERE ${assigned}) <= ${MAX_ARMS} THEN list(DISTINCT arm ORDER BY arm) FILTER (WHERE ${assigned}) END AS arms,
           count(DISTINCT country_key) FILTER (WHERE ${assigned}) AS countries
           ${join(segments.map((s) => sql`, count(DISTINCT ${ident(s.alias)}) FILTER (WHERE ${assigned}) AS ${ident(s.alias)}`), ' ')}
    FROM ${base}`))
  const armCount = Number(summary?.arm_count ?? 0)
  if (armCount === 0) {
    throw new EngineError('INVALID_REQUEST', `No user has a value in "${request.armColumn}", so there is no experiment to analyse. Is the assignment column mapped as "arm" (or chosen as the arm column)?`, {
      details: { armColumn: request.armColumn },
    })
  }
  if (armCount > MAX_ARMS) {
    throw new EngineError('INVALID_REQUEST', `"${request.armColumn}" has ${armCount} different values; an arm column holds a few arm names (control, treatment, …). Choose the assignment column.`, {
      details: { armColumn: request.armColumn, values: armCount },
    })
  }
  const armNames = (Array.isArray(summary?.arms) ? summary.arms : []).map(String)
  if (armNames.length === 1 && (request.expectedArms ?? []).every((a) => a === armNames[0])) {
    throw new EngineError('INVALID_REQUEST', `Every assigned user is in arm "${armNames[0]}": an experiment needs at least two arms to compare. Is "${request.armColumn}" the assignment column?`, {
      details: { armColumn: request.armColumn, arms: armNames },
    })
  }
  for (const s of segments) {
    const n = Number(summary?.[s.alias] ?? 0)
    if (n > MAX_SEGMENT_VALUES) {
      throw new EngineError('INVALID_REQUEST', `The segment "${s.dimension}" has ${n} different values among the experiment's users; a segment can have at most ${MAX_SEGMENT_VALUES}. Choose a grouping column (country, region, a band), not an id.`, {
        details: { segment: s.dimension, values: n },
      })
    }
  }
  const columns = join([raw('user_id'), raw('arm'), raw('country_key'), ...segments.map((s) => ident(s.alias)), ...outcomes.flatMap((o) => [ident(o.alias), ...(o.covariateAlias === null ? [] : [ident(o.covariateAlias)])])])
  const result = {
    relation: sql`SELECT ${columns} FROM ${base} WHERE ${assigned}`,
    armNames: [...new Set([...armNames, ...(request.expectedArms ?? [])])].sort(),
    multiArmUsers: 0,
    multiArmExamples: [] as string[],
    duplicateRows: 0,
    nullUserIds: Number(summary?.null_ids ?? 0),
    unassignedUsers: Number(summary?.unassigned ?? 0),
    countries: Number(summary?.countries ?? 0),
    segmentValues: Object.fromEntries(segments.map((s) => [s.alias, Number(summary?.[s.alias] ?? 0)])),
    segments,
    outcomes,
  }
  if (Number(summary?.assigned_rows ?? 0) === Number(summary?.assigned_users ?? 0)) return result

  // Some user ids are listed more than once: several different arms → excluded; one arm → merged.
  const [dups] = await remember('listed more than once', () => db.rows(sql`
    WITH g AS MATERIALIZED (SELECT user_id, count(*) AS r, min(arm) AS arm, max(arm) AS arm_max FROM ${base} WHERE ${assigned} GROUP BY user_id HAVING count(*) > 1)
    SELECT (SELECT count(*) FROM g WHERE arm <> arm_max) AS multi,
           (SELECT coalesce(sum(r - 1), 0) FROM g WHERE arm = arm_max) AS dup_rows,
           (SELECT list(user_id) FROM (SELECT user_id FROM g WHERE arm <> arm_max ORDER BY user_id LIMIT 5)) AS examples`))
  const keep = [...segments.map((s) => s.alias), ...outcomes.flatMap((o) => [o.alias, ...(o.covariateAlias === null ? [] : [o.covariateAlias])])]
  // A merged user's segment and outcome values: the smallest of their rows (deterministic).
  const firstOf = join([raw('user_id'), raw('min(arm) AS arm'), raw('min(country_key) AS country_key'), ...keep.map((a) => sql`min(${ident(a)}) AS ${ident(a)}`)])
  return {
    ...result,
    relation: sql`SELECT ${firstOf} FROM ${base} WHERE ${assigned} GROUP BY user_id HAVING min(arm) = max(arm)`,
    multiArmUsers: Number(dups?.multi ?? 0),
    multiArmExamples: Array.isArray(dups?.examples) ? dups.examples.map(String) : [],
    duplicateRows: Number(dups?.dup_rows ?? 0),
  }
}
