// Timestamp columns that DuckDB's CSV reader may parse itself (csvStage.ts). Reading a timestamp
// as text and converting it in SQL costs about a third of a plain load (10M rows: 15 s against
// 12 s), while DuckDB's reader with an explicit `timestampformat` parses it for free and is
// strict: a value with a UTC offset, a "Z", fractional seconds, another layout or an impossible
// date or hour is refused (a CAST reject), never coerced. So when a sample of the file shows one
// exact layout for a TIMESTAMP column, the load reads that column natively; if the reader then
// refuses any value of it, the caller loads the file again the strict text way, which accepts
// every ISO form and names the reason for each refusal. Layer: electron/engine.
import type { DuckDBConnection } from '@duckdb/node-api'
import type { ColumnPlan, CsvOptions } from '../../../common/domain/dataset'
import type { Database } from '../db/database'
import { ident, join, literal, sql, type Sql } from '../db/sql'

export interface NativeTimestamps {
  /** DuckDB's `timestampformat` (one per read_csv call). */
  format: string
  /** The TIMESTAMP columns whose sampled values all have that layout. */
  columns: ReadonlySet<string>
}

/** Rows of the file looked at to choose the layout (DuckDB stops reading after them). */
const SAMPLE_ROWS = 20_000

const DATE = '\\d{4}-\\d{2}-\\d{2}'
/** The ISO layouts read natively; fractional seconds and offsets stay on the text path. */
const ISO_LAYOUTS: ReadonlyArray<{ format: string; pattern: string }> = [
  { format: '%Y-%m-%d %H:%M:%S', pattern: `${DATE} \\d{2}:\\d{2}:\\d{2}` },
  { format: '%Y-%m-%dT%H:%M:%S', pattern: `${DATE}T\\d{2}:\\d{2}:\\d{2}` },
  { format: '%Y-%m-%d %H:%M', pattern: `${DATE} \\d{2}:\\d{2}` },
  { format: '%Y-%m-%dT%H:%M', pattern: `${DATE}T\\d{2}:\\d{2}` },
]

/**
 * The layout and columns to read natively, or null (no TIMESTAMP column, mixed layouts in the
 * sample, a layout with am/pm, or a sample DuckDB cannot read). `sampleRead` is the text read of
 * the file (every column VARCHAR) without a rejects table.
 */
export async function nativeTimestamps(db: Database, connection: DuckDBConnection, columns: readonly ColumnPlan[], csv: CsvOptions, sampleRead: Sql, layoutPattern: (format: string) => string): Promise<NativeTimestamps | null> {
  const timestamps = columns.filter((c) => c.type === 'TIMESTAMP').map((c) => c.name)
  if (timestamps.length === 0) return null
  const layouts = csv.timestampFormat === null ? ISO_LAYOUTS : csv.timestampFormat.includes('%p') ? [] : [{ format: csv.timestampFormat, pattern: layoutPattern(csv.timestampFormat) }]
  if (layouts.length === 0) return null
  const checks = timestamps.flatMap((name, c) =>
    layouts.map((layout, l) => sql`bool_and(${ident(name)} IS NULL OR regexp_full_match(${ident(name)}, ${literal(layout.pattern)})) AND count(${ident(name)}) > 0 AS ${ident(`fits_${c}_${l}`)}`),
  )
  let row: Record<string, unknown> | undefined
  try {
    ;[row] = await db.rows(sql`SELECT ${join(checks)} FROM (SELECT * FROM ${sampleRead} LIMIT ${SAMPLE_ROWS})`, connection)
  } catch {
    return null // the strict load reports what is wrong with the file
  }
  if (row === undefined) return null
  const fits = (c: number, l: number): boolean => row?.[`fits_${c}_${l}`] === true
  const layout = layouts.findIndex((_, l) => timestamps.some((__, c) => fits(c, l)))
  if (layout < 0) return null
  return { format: layouts[layout]!.format, columns: new Set(timestamps.filter((_, c) => fits(c, layout))) }
}

/** How many values of the native columns DuckDB's reader refused (they send the load to the text path). */
export async function nativeRefusals(db: Database, connection: DuckDBConnection, rejectsTable: Sql, native: NativeTimestamps): Promise<number> {
  const [row] = await db.rows(sql`SELECT count(*)::BIGINT AS n FROM ${rejectsTable} WHERE error_type = 'CAST' AND column_name IN (${join([...native.columns].map((c) => sql`${c}`))})`, connection)
  return Number(row?.n ?? 0)
}
