// One page of a dataset's rows as text, for the virtualised preview table. Sorting by a column
// of the dataset (checked against the catalog). Layer: electron/engine.
import type { RowPage } from '../../../common/domain/profile'
import type { Database } from '../db/database'
import { join, knownIdent, raw, sql } from '../db/sql'
import { datasetColumns, datasetTable } from '../datasets/catalog'
import { EngineError } from '../engineError'

export async function rowPage(db: Database, dataset: string, offset: number, limit: number, orderBy: string | null, descending: boolean): Promise<RowPage> {
  const columns = await datasetColumns(db, dataset)
  if (columns.length === 0) throw new EngineError('NOT_FOUND', `There is no dataset named "${dataset}".`, { details: { dataset } })
  const names = columns.map((c) => c.name)
  const table = datasetTable(dataset)
  const order = orderBy === null ? raw('') : sql`ORDER BY ${knownIdent(orderBy, names)} ${descending ? raw('DESC') : raw('ASC')} NULLS LAST`
  const select = join(columns.map((c, i) => sql`CAST(${knownIdent(c.name, names)} AS VARCHAR) AS ${raw(`c${i}` as `c${number}`)}`))
  const [count] = await db.rows(sql`SELECT count(*)::BIGINT AS n FROM ${table}`)
  const rows = await db.rows(sql`SELECT ${select} FROM ${table} ${order} LIMIT ${limit} OFFSET ${offset}`)
  return {
    columns,
    rows: rows.map((r) => columns.map((_, i) => (r[`c${i}`] === null || r[`c${i}`] === undefined ? null : String(r[`c${i}`])))),
    total: Number(count?.n ?? 0),
    offset,
  }
}
