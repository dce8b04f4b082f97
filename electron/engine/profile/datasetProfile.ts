// Column profiles of a dataset: type, nulls, distinct, min/max, quantiles, top values and a
// histogram (log-scaled for amounts that span orders of magnitude). Layer: electron/engine.
import type { ColumnProfile, DatasetProfile } from '../../../common/domain/profile'
import type { Queryable } from '../db/database'
import { knownIdent, sql } from '../db/sql'
import { datasetColumns, datasetTable } from '../datasets/catalog'
import type { Database } from '../db/database'
import { EngineError } from '../engineError'

const TOP_VALUES = 10
const BINS = 24
const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/
const ORDERED = /^(DATE|TIMESTAMP|TIME)/

export async function profileDataset(db: Database, q: Queryable, dataset: string): Promise<DatasetProfile> {
  const columns = await datasetColumns(db, dataset)
  if (columns.length === 0) throw new EngineError('NOT_FOUND', `There is no dataset named "${dataset}".`, { details: { dataset } })
  const table = datasetTable(dataset)
  const names = columns.map((c) => c.name)
  const [count] = await q.rows(sql`SELECT count(*)::BIGINT AS n FROM ${table}`)
  const rows = Number(count?.n ?? 0)
  const profiles: ColumnProfile[] = []
  for (const column of columns) {
    const col = knownIdent(column.name, names)
    const numeric = NUMERIC.test(column.type)
    const ordered = numeric || ORDERED.test(column.type)
    const [basic] = await q.rows(sql`
      SELECT count(*) FILTER (WHERE ${col} IS NULL)::BIGINT AS nulls,
             approx_count_distinct(${col})::BIGINT AS distinct_values,
             CAST(min(${col}) AS VARCHAR) AS min_value, CAST(max(${col}) AS VARCHAR) AS max_value
      FROM ${table}`)
    const quantiles: Record<string, string | null> = {}
    if (ordered && rows > 0) {
      const [qs] = await q.rows(sql`
        SELECT CAST(quantile_disc(${col}, 0.01) AS VARCHAR) AS p1, CAST(quantile_disc(${col}, 0.25) AS VARCHAR) AS p25,
               CAST(quantile_disc(${col}, 0.5) AS VARCHAR) AS p50, CAST(quantile_disc(${col}, 0.75) AS VARCHAR) AS p75,
               CAST(quantile_disc(${col}, 0.99) AS VARCHAR) AS p99
        FROM ${table}`)
      for (const key of ['p1', 'p25', 'p50', 'p75', 'p99']) quantiles[key] = qs?.[key] === null || qs?.[key] === undefined ? null : String(qs[key])
    }
    const top = await q.rows(sql`
      SELECT CAST(${col} AS VARCHAR) AS value, count(*)::BIGINT AS n FROM ${table}
      GROUP BY ALL ORDER BY n DESC, value NULLS LAST LIMIT ${TOP_VALUES}`)
    profiles.push({
      name: column.name,
      type: column.type,
      nulls: Number(basic?.nulls ?? 0),
      distinct: Number(basic?.distinct_values ?? 0),
      min: basic?.min_value === null || basic?.min_value === undefined ? null : String(basic.min_value),
      max: basic?.max_value === null || basic?.max_value === undefined ? null : String(basic.max_value),
      quantiles,
      topValues: top.map((t) => ({ value: t.value === null ? null : String(t.value), count: Number(t.n) })),
      histogram: numeric ? await histogram(q, table, col) : null,
    })
  }
  return { dataset, rows, columns: profiles }
}

/** Equal-width bins, or equal-width in log10 when all values are positive and span > 2 decades. */
async function histogram(q: Queryable, table: ReturnType<typeof datasetTable>, col: ReturnType<typeof knownIdent>): Promise<ColumnProfile['histogram']> {
  const [range] = await q.rows(sql`SELECT min(CAST(${col} AS DOUBLE)) AS lo, max(CAST(${col} AS DOUBLE)) AS hi FROM ${table} WHERE ${col} IS NOT NULL`)
  const lo = Number(range?.lo)
  const hi = Number(range?.hi)
  if (range?.lo === null || range?.lo === undefined || !Number.isFinite(lo) || !Number.isFinite(hi)) return null
  const logScale = lo > 0 && hi / lo > 100
  const [a, b] = logScale ? [Math.log10(lo), Math.log10(hi)] : [lo, hi]
  const width = b > a ? (b - a) / BINS : 1
  const value = logScale ? sql`log10(CAST(${col} AS DOUBLE))` : sql`CAST(${col} AS DOUBLE)`
  const rows = await q.rows(sql`
    SELECT least(CAST(floor((${value} - ${a}) / ${width}) AS INTEGER), ${BINS - 1}) AS bin, count(*)::BIGINT AS n
    FROM ${table} WHERE ${col} IS NOT NULL GROUP BY ALL ORDER BY bin`)
  const counts = new Map(rows.map((r) => [Number(r.bin), Number(r.n)]))
  const bins = Array.from({ length: b > a ? BINS : 1 }, (_, i) => {
    const from = a + i * width
    const to = a + (i + 1) * width
    return { from: logScale ? 10 ** from : from, to: logScale ? 10 ** to : to, count: counts.get(i) ?? 0 }
  })
  return { logScale, bins }
}
