// Suggest how a dataset maps onto a role: columns by name (English/Portuguese) and type, value
// translations for categorical fields from the values actually present. Layer: electron/engine.
import { CANONICAL_VALUES, ROLE_FIELDS, type MappingSuggestion, type RoleMapping, type RoleName } from '../../../common/domain/mapping'
import type { Database } from '../db/database'
import { knownIdent, sql } from '../db/sql'
import { EngineError } from '../engineError'
import { datasetColumns, datasetTable } from '../datasets/catalog'
import { canonicalValue, FIELD_NAME_PATTERNS, normaliseName } from './vocabulary'

const TYPE_FITS: Record<string, (type: string) => boolean> = {
  ts: (t) => /TIMESTAMP|DATE|VARCHAR/.test(t),
  signup_ts: (t) => /TIMESTAMP|DATE|VARCHAR/.test(t),
  assigned_ts: (t) => /TIMESTAMP|DATE|VARCHAR/.test(t),
  date: (t) => /DATE|TIMESTAMP|VARCHAR/.test(t),
  amount: (t) => /DECIMAL|DOUBLE|FLOAT|INT|NUMERIC|REAL/.test(t),
  usd_per_unit: (t) => /DECIMAL|DOUBLE|FLOAT|NUMERIC|REAL/.test(t),
}

const DISTINCT_LIMIT = 50

export async function suggestMapping(db: Database, dataset: string, role: RoleName): Promise<MappingSuggestion> {
  const columns = await datasetColumns(db, dataset)
  if (columns.length === 0) throw new EngineError('NOT_FOUND', `There is no dataset named "${dataset}".`, { details: { dataset } })
  const fields = Object.keys(ROLE_FIELDS[role])
  const taken = new Set<string>()
  const mapping: RoleMapping = { dataset, columns: {}, constants: {}, values: {}, timestamps: 'local' }
  const reasons: Record<string, string> = {}

  // Strongest name matches first, so "amount" wins over a later "amount_usd".
  const candidates: Array<{ field: string; column: string; score: number; why: string; strong: boolean }> = []
  for (const field of fields) {
    const patterns = FIELD_NAME_PATTERNS[field] ?? []
    for (const column of columns) {
      const name = normaliseName(column.name)
      const index = patterns.findIndex((p) => p.test(name))
      if (index < 0) continue
      if (TYPE_FITS[field] !== undefined && !TYPE_FITS[field](column.type)) continue
      candidates.push({ field, column: column.name, score: 100 - index * 10 - (name === field ? -5 : 0), why: `the name "${column.name}" reads as ${field}`, strong: index === 0 })
    }
  }
  candidates.sort((a, b) => b.score - a.score)
  const categoricalFields = new Set(fields.filter((f) => (ROLE_FIELDS[role] as Record<string, { categorical: boolean }>)[f]!.categorical))
  for (const c of candidates) {
    if (mapping.columns[c.field] !== undefined || taken.has(c.column)) continue
    // A loose name match ("device_type" for kind) must be confirmed by the values.
    if (!c.strong && categoricalFields.has(c.field) && (await codeShare(db, dataset, c.field, c.column, columns.map((x) => x.name))) < 0.5) continue
    mapping.columns[c.field] = c.column
    taken.add(c.column)
    reasons[c.field] = c.why
  }

  const distinctValues: MappingSuggestion['distinctValues'] = {}
  const categorical = fields.filter((f) => (ROLE_FIELDS[role] as Record<string, { categorical: boolean }>)[f]!.categorical)
  for (const field of categorical) {
    // A categorical field with no name match: a text column whose values are its codes.
    if (mapping.columns[field] === undefined) {
      for (const column of columns.filter((c) => !taken.has(c.name) && c.type === 'VARCHAR')) {
        if ((await codeShare(db, dataset, field, column.name, columns.map((c) => c.name))) >= 0.8) {
          mapping.columns[field] = column.name
          taken.add(column.name)
          reasons[field] = `the values of "${column.name}" are ${field} codes`
          break
        }
      }
    }
    const column = mapping.columns[field]
    if (column === undefined) continue
    const values = await topValues(db, dataset, column, columns.map((c) => c.name))
    distinctValues[field] = values
    const translations: Record<string, string> = {}
    for (const { value } of values) {
      if (value === null) continue
      const canonical = canonicalValue(field, value)
      if (canonical !== null && canonical !== value) translations[value] = canonical
    }
    if (Object.keys(translations).length > 0) mapping.values[field] = translations
  }

  // A file from one country often has no country column: infer it from its currency or rails.
  if (role === 'payments' && mapping.columns.country === undefined) {
    const inferred = inferCountry(distinctValues)
    if (inferred !== null) {
      mapping.constants.country = inferred.country
      reasons.country = inferred.why
    }
  }
  if (role === 'payments' && mapping.columns.currency === undefined && mapping.constants.country === undefined) {
    reasons.currency = `no currency column: each country's currency (${CANONICAL_VALUES.currency?.join('/')}) is used`
  }
  return { role, dataset, mapping, reasons, distinctValues }
}

/** Share of a column's rows (top values) whose value is a known code of the field. */
async function codeShare(db: Database, dataset: string, field: string, column: string, known: string[]): Promise<number> {
  const values = await topValues(db, dataset, column, known)
  if (values.length > 20) return 0
  const total = values.reduce((n, v) => n + v.count, 0)
  const coded = values.filter((v) => v.value !== null && canonicalValue(field, v.value) !== null).reduce((n, v) => n + v.count, 0)
  return total === 0 ? 0 : coded / total
}

const COUNTRY_OF: Record<string, Record<string, string>> = { currency: { INR: 'IN', BRL: 'BR' }, rail: { UPI: 'IN', PIX: 'BR' } }

function inferCountry(distinct: MappingSuggestion['distinctValues']): { country: string; why: string } | null {
  for (const field of ['currency', 'rail'] as const) {
    const countries = new Set<string>()
    for (const v of distinct[field] ?? []) {
      if (v.value === null) continue
      const code = canonicalValue(field, v.value) ?? v.value.toUpperCase()
      const country = COUNTRY_OF[field]![code]
      if (country !== undefined) countries.add(country)
    }
    if (countries.size === 1) {
      const country = [...countries][0]!
      return { country, why: `the ${field} values (${field === 'rail' ? (country === 'IN' ? 'UPI' : 'Pix') : country === 'IN' ? 'INR' : 'BRL'}) belong to one country only: ${country}` }
    }
  }
  return null
}

async function topValues(db: Database, dataset: string, column: string, known: string[]): Promise<Array<{ value: string | null; count: number }>> {
  const col = knownIdent(column, known)
  const rows = await db.rows(sql`
    SELECT CAST(${col} AS VARCHAR) AS value, count(*)::BIGINT AS n FROM ${datasetTable(dataset)}
    GROUP BY ALL ORDER BY n DESC, value LIMIT ${DISTINCT_LIMIT}`)
  return rows.map((r) => ({ value: r.value === null ? null : String(r.value), count: Number(r.n) }))
}

