// The read_csv(...) call for resolved options: values bound, column names through literal()
// (DuckDB cannot bind the columns struct), types from a closed map. Layer: electron/engine.
import type { ColumnType, CsvOptions } from '../../../common/domain/dataset'
import { join, literal, raw, sql, type Sql } from '../db/sql'

/** How a planned column is read by DuckDB; strict conversions DuckDB cannot do are done after. */
export type ReadType = 'VARCHAR' | 'DOUBLE' | 'TIMESTAMP'

const READ_TYPE_SQL: Record<ReadType, Sql> = {
  VARCHAR: raw('VARCHAR'),
  DOUBLE: raw('DOUBLE'),
  TIMESTAMP: raw('TIMESTAMP'),
}

/**
 * DuckDB's reader coerces quietly where we must not: BIGINT takes "1.5" as 2, DECIMAL rounds
 * "0.30000000000000004" to 0.30 and "10.0000001" to 10.00, BOOLEAN takes "yes", `thousands`
 * accepts misplaced separators ("10.5" → 105), DATE drops the time of "2024-03-31 10:00", a
 * dateformat of %Y reads "31/03/24" as the year 24, TIMESTAMP drops a UTC offset and TIMESTAMPTZ
 * assumes one. So every typed column is read as text and converted strictly in SQL (csvStage),
 * with a reason for every value refused; only DOUBLE without digit groups is parsed by DuckDB,
 * which reads a number or refuses it, and TIMESTAMP with an explicit `timestampformat` that a
 * sample showed the column has (csvTimestamps.ts), which parses that exact layout or refuses.
 */
export function readTypeOf(type: ColumnType, thousands: string): ReadType {
  return type === 'DOUBLE' && thousands === '' ? 'DOUBLE' : 'VARCHAR'
}

export interface ReadCsvInput {
  path: string
  csv: CsvOptions
  /** DuckDB's encoding name for the file as it is on disk (Windows-1252 is transcoded first). */
  encoding: 'utf-8' | 'utf-16' | 'latin-1'
  /** Compressed with gzip (told by its signature, not its name: DuckDB goes by the name). */
  gzip: boolean
  columns: ReadonlyArray<{ name: string; readType: ReadType }>
  rejects: { table: string; scan: string } | null
  /** DuckDB's timestampformat for columns read as TIMESTAMP (required when there are any). */
  timestampFormat?: string
}

export function readCsvSql(input: ReadCsvInput): Sql {
  const { csv } = input
  // The columns struct cannot be a parameter: names go through literal(), types are constants.
  const columns = join(input.columns.map((c) => sql`${literal(c.name)}: ${literal(READ_TYPE_SQL[c.readType].text)}`))
  const nullstr = join(['', ...csv.nullStrings].map((s) => literal(s)))
  const options: Sql[] = [
    sql`auto_detect = false`,
    sql`delim = ${csv.delimiter}`,
    sql`quote = ${csv.quote}`,
    sql`escape = ${csv.escape}`,
    sql`header = ${csv.header}`,
    sql`skip = ${csv.skipRows}`,
    sql`encoding = ${input.encoding}`,
    sql`compression = ${input.gzip ? 'gzip' : 'none'}`,
    sql`decimal_separator = ${csv.decimalSeparator}`,
    sql`columns = {${columns}}`,
    sql`nullstr = [${nullstr}]`,
    sql`strict_mode = true`,
    sql`max_line_size = ${8 * 2 ** 20}`,
  ]
  if (input.timestampFormat !== undefined) options.push(sql`timestampformat = ${input.timestampFormat}`)
  if (input.rejects !== null) {
    options.push(sql`store_rejects = true`, sql`rejects_table = ${input.rejects.table}`, sql`rejects_scan = ${input.rejects.scan}`, sql`rejects_limit = 0`)
  }
  return sql`read_csv(${input.path}, ${join(options)})`
}
