// The read_csv(...) call for resolved options: values bound, column names through literal()
// (DuckDB cannot bind the columns struct), types from a closed map. Layer: electron/engine.
import type { ColumnType, CsvOptions } from '../../../common/domain/dataset'
import { join, literal, raw, sql, type Sql } from '../db/sql'

/** How a planned column is read by DuckDB; strict conversions DuckDB cannot do are done after. */
export type ReadType = 'VARCHAR' | 'BIGINT' | 'DOUBLE' | 'DECIMAL(18,6)' | 'DATE' | 'TIMESTAMP' | 'TIMESTAMPTZ' | 'BOOLEAN'

const READ_TYPE_SQL: Record<ReadType, Sql> = {
  VARCHAR: raw('VARCHAR'),
  BIGINT: raw('BIGINT'),
  DOUBLE: raw('DOUBLE'),
  'DECIMAL(18,6)': raw('DECIMAL(18,6)'),
  DATE: raw('DATE'),
  TIMESTAMP: raw('TIMESTAMP'),
  TIMESTAMPTZ: raw('TIMESTAMPTZ'),
  BOOLEAN: raw('BOOLEAN'),
}

/**
 * DuckDB's `thousands` option accepts misplaced separators ("10.5" → 105), so numbers with digit
 * groups are read as text and converted strictly in SQL. Money is read with 6 decimals so that a
 * value with more than 2 can be rejected instead of silently rounded.
 */
export function readTypeOf(type: ColumnType, thousands: string): ReadType {
  switch (type) {
    case 'BIGINT':
    case 'DOUBLE':
      return thousands === '' ? type : 'VARCHAR'
    case 'DECIMAL(18,2)':
      return thousands === '' ? 'DECIMAL(18,6)' : 'VARCHAR'
    case 'VARCHAR':
    case 'DATE':
    case 'TIMESTAMP':
    case 'TIMESTAMPTZ':
    case 'BOOLEAN':
      return type
    default: {
      const unreachable: never = type
      throw new Error(`unknown column type ${String(unreachable)}`)
    }
  }
}

export interface ReadCsvInput {
  path: string
  csv: CsvOptions
  /** DuckDB's encoding name for the file as it is on disk (Windows-1252 is transcoded first). */
  encoding: 'utf-8' | 'utf-16' | 'latin-1'
  columns: ReadonlyArray<{ name: string; readType: ReadType }>
  rejects: { table: string; scan: string } | null
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
    sql`decimal_separator = ${csv.decimalSeparator}`,
    sql`columns = {${columns}}`,
    sql`nullstr = [${nullstr}]`,
    sql`strict_mode = true`,
    sql`max_line_size = ${8 * 2 ** 20}`,
  ]
  if (csv.dateFormat !== null) options.push(sql`dateformat = ${csv.dateFormat}`)
  if (csv.timestampFormat !== null) options.push(sql`timestampformat = ${csv.timestampFormat}`)
  if (input.rejects !== null) {
    options.push(sql`store_rejects = true`, sql`rejects_table = ${input.rejects.table}`, sql`rejects_scan = ${input.rejects.scan}`, sql`rejects_limit = 0`)
  }
  return sql`read_csv(${input.path}, ${join(options)})`
}
