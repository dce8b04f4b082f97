// The canonical views canon.payments, canon.users and canon.fx_rates over the mapped datasets,
// as DOMAIN.md §4 defines them. Later analyses read only these views. CREATE VIEW cannot take
// parameters, so every value here is a literal() and every column a catalog-checked ident.
// Layer: electron/engine.
import type { ProjectMapping, RoleMapping, RoleName } from '../../../common/domain/mapping'
import { ROLE_FIELDS } from '../../../common/domain/mapping'
import type { Database } from '../db/database'
import { join, knownIdent, literal, raw, sql, type Sql } from '../db/sql'
import { EngineError } from '../engineError'
import { datasetColumns, datasetTable, relationKind } from '../datasets/catalog'
import { ensureZoneDays, localTimeExpression, ZONE_DAYS } from './zoneDays'

interface Source {
  mapping: RoleMapping
  columns: { name: string; type: string }[]
  /** Mapped text columns whose values are already canonical (no upper(trim()) needed per row). */
  canonical: ReadonlySet<string>
}

/** The categorical fields of each role (upper-cased and trimmed in the views). */
const CATEGORICAL: Record<RoleName, readonly string[]> = {
  payments: ['country', 'currency', 'rail', 'kind', 'status', 'entry_method'],
  users: ['country'],
  fx_rates: ['currency'],
}

/** How many non-canonical distinct values a column's note keeps; more means "normalise it". */
const MAX_NOTED_VALUES = 100
const NOTE_KEY = 'cashback-lab/non-canonical-values/v1'

/**
 * The distinct values of an imported table's text column that differ from upper(trim(value)), or
 * null when there are more than MAX_NOTED_VALUES. Found once per table and kept as the column's
 * COMMENT (re-importing replaces the table, and with it the note), so opening a project does not
 * scan its categorical columns again.
 */
async function nonCanonicalValues(db: Database, dataset: string, column: string, known: readonly string[]): Promise<string[] | null> {
  const [noted] = await db.rows(sql`SELECT comment FROM duckdb_columns() WHERE schema_name = 'datasets' AND table_name = ${dataset} AND column_name = ${column}`)
  try {
    const note = JSON.parse(String(noted?.comment ?? '')) as { key?: unknown; values?: unknown }
    if (note.key === NOTE_KEY && (note.values === null || (Array.isArray(note.values) && note.values.every((v) => typeof v === 'string')))) return note.values as string[] | null
  } catch {
    // No note yet (or not ours): look at the values.
  }
  const col = knownIdent(column, known)
  const rows = await db.rows(sql`SELECT DISTINCT ${col} AS v FROM ${datasetTable(dataset)} WHERE ${col} <> upper(trim(${col})) LIMIT ${MAX_NOTED_VALUES + 1}`)
  const values = rows.length > MAX_NOTED_VALUES ? null : rows.map((r) => String(r.v))
  const text = JSON.stringify({ key: NOTE_KEY, values })
  // COMMENT cannot take a parameter: literal() (JSON.stringify has escaped any control character).
  await db.run(sql`COMMENT ON COLUMN ${datasetTable(dataset)}.${col} IS ${literal(text)}`)
  return values
}

/**
 * The mapped VARCHAR columns of an imported table whose every distinct value (other than those a
 * value translation replaces) already equals upper(trim(value)). Upper-casing and trimming each
 * row costs about as much as reading it (≈ 35 ms per million rows per column, every time a view
 * is read), so the view reads those columns as they are: the same values, without the work. A
 * table does not change after import (re-importing replaces it and rebuilds the views); a linked
 * file can change under us, so its columns are always normalised.
 */
async function canonicalColumns(db: Database, role: RoleName, mapping: RoleMapping, columns: { name: string; type: string }[]): Promise<Set<string>> {
  if ((await relationKind(db, mapping.dataset)) !== 'table') return new Set()
  const names = [...new Set(CATEGORICAL[role].flatMap((field) => {
    const name = mapping.columns[field]
    return name !== undefined && mapping.constants[field] === undefined && columns.find((c) => c.name === name)?.type === 'VARCHAR' ? [name] : []
  }))]
  const known = columns.map((c) => c.name)
  const canonical = new Set<string>()
  for (const name of names) {
    const keys = new Set(CATEGORICAL[role].filter((f) => mapping.columns[f] === name).flatMap((f) => Object.keys(mapping.values[f] ?? {})))
    const values = await nonCanonicalValues(db, mapping.dataset, name, known)
    if (values !== null && values.every((v) => keys.has(v))) canonical.add(name)
  }
  return canonical
}

export async function buildCanonicalViews(db: Database, project: ProjectMapping): Promise<void> {
  await db.run(sql`CREATE SCHEMA IF NOT EXISTS canon`)
  for (const role of ['payments', 'users', 'fx_rates'] as const) {
    const mapping = project.roles[role]
    const view = sql`canon.${raw(role)}`
    if (mapping === undefined) {
      await db.run(sql`DROP VIEW IF EXISTS ${view}`)
      continue
    }
    const columns = await datasetColumns(db, mapping.dataset)
    const source: Source = { mapping, columns, canonical: columns.length === 0 ? new Set() : await canonicalColumns(db, role, mapping, columns) }
    if (source.columns.length === 0) throw new EngineError('NOT_FOUND', `The ${role} mapping names the dataset "${mapping.dataset}", which does not exist.`)
    checkRequired(role, mapping)
    checkTypes(role, source)
    const body = role === 'payments' ? await paymentsSelect(db, source, project) : role === 'users' ? usersSelect(source) : fxSelect(source)
    const statement = sql`CREATE OR REPLACE VIEW ${view} AS ${body}`
    if (statement.params.length > 0) throw new EngineError('INTERNAL', 'A canonical view was built with a bound parameter; views cannot hold them.')
    await db.run(statement)
  }
}

function checkRequired(role: RoleName, mapping: RoleMapping): void {
  const fields = ROLE_FIELDS[role] as Record<string, { required: boolean }>
  const missing = Object.entries(fields)
    .filter(([field, spec]) => spec.required && mapping.columns[field] === undefined && mapping.constants[field] === undefined)
    .map(([field]) => field)
  if (missing.length > 0) {
    throw new EngineError('INVALID_REQUEST', `The ${role} mapping needs ${missing.map((m) => `"${m}"`).join(', ')}: choose a column (or, for country, a constant).`, { details: { role, missing } })
  }
}

const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|FLOAT|DOUBLE|DECIMAL|UTINYINT|USMALLINT|UINTEGER|UBIGINT)/

/** Money must already be a number: a text column would need guessing at its decimal separator. */
function checkTypes(role: RoleName, source: Source): void {
  const field = role === 'payments' ? 'amount' : role === 'fx_rates' ? 'usd_per_unit' : null
  const name = field === null ? undefined : source.mapping.columns[field]
  if (name === undefined) return
  const type = source.columns.find((c) => c.name === name)?.type ?? ''
  if (!NUMERIC_TYPE.test(type)) {
    throw new EngineError('INVALID_REQUEST', `"${name}" holds ${type} values, not numbers, so it cannot be the ${field}. Import "${source.mapping.dataset}" again with the column type of "${name}" set to DECIMAL(18,2) (rows that are not numbers are then listed as rejects).`, { details: { role, field, column: name, type } })
  }
}

function column(source: Source, field: string): Sql | null {
  const name = source.mapping.columns[field]
  return name === undefined ? null : knownIdent(name, source.columns.map((c) => c.name))
}

/** Text value of a categorical field: mapped column with value translations, or a constant. */
function categorical(source: Source, field: string, fallback: Sql = raw('CAST(NULL AS VARCHAR)')): Sql {
  const constant = source.mapping.constants[field]
  if (constant !== undefined) return literal(constant)
  const col = column(source, field)
  if (col === null) return fallback
  const text = sql`CAST(${col} AS VARCHAR)`
  const normalised = source.canonical.has(source.mapping.columns[field] ?? '') ? text : sql`upper(trim(${text}))`
  const translations = Object.entries(source.mapping.values[field] ?? {})
  const cases = translations.map(([from, to]) => sql`WHEN ${literal(from)} THEN ${literal(to)}`)
  return cases.length === 0 ? normalised : sql`CASE ${text} ${join(cases, ' ')} ELSE ${normalised} END`
}

function text(source: Source, field: string): Sql {
  const col = column(source, field)
  return col === null ? raw('CAST(NULL AS VARCHAR)') : sql`CAST(${col} AS VARCHAR)`
}

/** A timestamp column as a naive TIMESTAMP as written in the file. */
function naiveTimestamp(source: Source, field: string): Sql {
  const col = column(source, field)
  if (col === null) return raw('CAST(NULL AS TIMESTAMP)')
  const type = source.columns.find((c) => c.name === source.mapping.columns[field])?.type ?? ''
  if (type.includes('WITH TIME ZONE')) return sql`timezone('UTC', ${col})`
  if (type === 'DATE' || type.startsWith('TIMESTAMP')) return sql`CAST(${col} AS TIMESTAMP)`
  return sql`TRY_CAST(${col} AS TIMESTAMP)`
}

async function paymentsSelect(db: Database, source: Source, project: ProjectMapping): Promise<Sql> {
  const amount = column(source, 'amount')!
  const zones = Object.entries(project.countries)
  const type = source.columns.find((c) => c.name === source.mapping.columns.ts)?.type ?? ''
  // Naive timestamps are the country's wall clock (or UTC, if the mapping says so); stored UTC.
  // Per-row ICU only on a day when the zone's offset changes (zoneDays.ts); otherwise ± the offset.
  const icuToUtc = zones.length === 0 ? raw('written_ts') : sql`CASE mapped.country ${join(zones.map(([c, s]) => sql`WHEN ${literal(c)} THEN timezone('UTC', timezone(${literal(s.timeZone)}, written_ts))`), ' ')} ELSE written_ts END`
  const toUtc = sql`CASE WHEN zl.local_offset IS NOT NULL THEN written_ts - to_minutes(zl.local_offset) ELSE ${icuToUtc} END`
  const utcIsWritten = type.includes('WITH TIME ZONE') || source.mapping.timestamps === 'utc' || zones.length === 0
  const utc = utcIsWritten ? raw('written_ts') : toUtc
  await ensureZoneDays(db, zones.map(([c, s]) => [c, s.timeZone] as const))
  const local = await localTimeExpression(db, zones.map(([c, s]) => [c, s.timeZone] as const), raw('utc.ts'), raw('utc.country'))
  const currencyDefault = zones.length === 0 ? raw('NULL') : sql`CASE mapped.country ${join(zones.map(([c, s]) => sql`WHEN ${literal(c)} THEN ${literal(s.currency)}`), ' ')} END`
  const kind = await relationKind(db, source.mapping.dataset)
  const id = column(source, 'payment_id')
  const paymentId = id !== null ? sql`CAST(${id} AS VARCHAR)` : kind === 'table' ? raw('CAST(rowid + 1 AS VARCHAR)') : raw('CAST(row_number() OVER () AS VARCHAR)')
  const statusFallback = raw("'SUCCESS'")
  return sql`
    WITH mapped AS (
      SELECT ${paymentId} AS payment_id,
             ${text(source, 'user_id')} AS user_id,
             ${naiveTimestamp(source, 'ts')} AS written_ts,
             CAST(${amount} AS DECIMAL(18,2)) AS amount,
             CAST(${amount} AS DOUBLE) AS amount_as_written,
             ${categorical(source, 'country')} AS country,
             ${categorical(source, 'currency')} AS currency_as_written,
             ${categorical(source, 'rail')} AS rail,
             ${categorical(source, 'kind')} AS kind,
             ${categorical(source, 'status', statusFallback)} AS status,
             ${text(source, 'counterparty_id')} AS counterparty_id,
             ${text(source, 'region')} AS region,
             ${categorical(source, 'entry_method')} AS entry_method,
             ${text(source, 'merchant_category')} AS merchant_category
      FROM ${datasetTable(source.mapping.dataset)}
    ), utc AS (
      SELECT mapped.* EXCLUDE (currency_as_written), ${utc} AS ts, coalesce(currency_as_written, ${currencyDefault}) AS currency
      FROM mapped ${utcIsWritten ? raw('') : sql`LEFT JOIN ${ZONE_DAYS} AS zl ON zl.country = mapped.country AND zl.day = CAST(mapped.written_ts AS DATE)`}
    ), localized AS (
      SELECT utc.*, ${local} AS local_ts
      FROM utc
    )
    SELECT payment_id, user_id, ts, local_ts, CAST(local_ts AS DATE) AS local_date, amount, amount_as_written, currency,
           country, rail, kind, status, counterparty_id, region, entry_method, merchant_category, written_ts
    FROM localized`
}

function usersSelect(source: Source): Sql {
  const mapped = new Set(Object.values(source.mapping.columns))
  const canonical = new Set(Object.keys(ROLE_FIELDS.users))
  // Extra columns stay available as segments, unless their name clashes with a canonical field.
  const extras = source.columns.filter((c) => !mapped.has(c.name) && !canonical.has(c.name)).map((c) => knownIdent(c.name, source.columns.map((x) => x.name)))
  return sql`
    SELECT ${text(source, 'user_id')} AS user_id,
           ${categorical(source, 'country')} AS country,
           ${text(source, 'region')} AS region,
           ${naiveTimestamp(source, 'signup_ts')} AS signup_ts,
           ${text(source, 'arm')} AS arm,
           ${naiveTimestamp(source, 'assigned_ts')} AS assigned_ts${extras.length > 0 ? sql`, ${join(extras)}` : raw('')}
    FROM ${datasetTable(source.mapping.dataset)}`
}

function fxSelect(source: Source): Sql {
  const date = column(source, 'date')!
  return sql`
    SELECT TRY_CAST(${date} AS DATE) AS date, ${categorical(source, 'currency')} AS currency, TRY_CAST(${column(source, 'usd_per_unit')!} AS DOUBLE) AS usd_per_unit
    FROM ${datasetTable(source.mapping.dataset)}`
}
