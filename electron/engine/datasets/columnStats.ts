// Per-column evidence for type detection, computed by DuckDB over text values (a sample table
// read with all_varchar). One aggregate query for all columns. Layer: electron/engine.
import type { Queryable } from '../db/database'
import { ident, join, literal, sql, type Sql } from '../db/sql'
import { looksLikeId } from './columnNames'

/** The patterns counted per column; names are the keys of ColumnStats. RE2 syntax (no backreferences). */
export const PATTERNS = {
  int: '[-+]?\\d+',
  leadingZero: '[-+]?0\\d+',
  intGroupedComma: '[-+]?\\d{1,3}(,\\d{3})+',
  intGroupedDot: '[-+]?\\d{1,3}(\\.\\d{3})+',
  decDot: '[-+]?(\\d{1,3}(,\\d{3})+|\\d*)\\.\\d+',
  decComma: '[-+]?(\\d{1,3}(\\.\\d{3})+|\\d*),\\d+',
  /** Decimals that cannot be thousands groups: 10.5, 1,234.56, 0.1234 */
  decDotStrict: '[-+]?(\\d{1,3}(,\\d{3})+|\\d*)\\.(\\d{1,2}|\\d{4,})|[-+]?\\d{1,3}(,\\d{3})+\\.\\d+',
  decCommaStrict: '[-+]?(\\d{1,3}(\\.\\d{3})+|\\d*),(\\d{1,2}|\\d{4,})|[-+]?\\d{1,3}(\\.\\d{3})+,\\d+',
  /** Decimals with digit groups: 1,234.56 and 1.234,56 (evidence for the thousands separator). */
  decGroupedDot: '[-+]?\\d{1,3}(,\\d{3})+\\.\\d+',
  decGroupedComma: '[-+]?\\d{1,3}(\\.\\d{3})+,\\d+',
  /** Decimals that are whole cents (trailing zeros aside): money that DECIMAL(18,2) holds exactly. */
  decDotCents: '[-+]?(\\d{1,3}(,\\d{3})+|\\d*)\\.\\d{1,2}0*',
  decCommaCents: '[-+]?(\\d{1,3}(\\.\\d{3})+|\\d*),\\d{1,2}0*',
  bool: '(?i)(true|false|t|f)',
  isoDate: '\\d{4}-\\d{2}-\\d{2}',
  isoTimestamp: '\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?',
  isoTimestampTz: '\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}(:?\\d{2})?)',
  slashDate: '\\d{1,2}/\\d{1,2}/\\d{4}',
  dashDate: '\\d{1,2}-\\d{1,2}-\\d{4}',
  dotDate: '\\d{1,2}\\.\\d{1,2}\\.\\d{4}',
  slashMinutes: '\\d{1,2}/\\d{1,2}/\\d{4} \\d{1,2}:\\d{2}',
  slashSeconds: '\\d{1,2}/\\d{1,2}/\\d{4} \\d{1,2}:\\d{2}:\\d{2}',
  slashMinutesAmPm: '\\d{1,2}/\\d{1,2}/\\d{4} \\d{1,2}:\\d{2} ?(?i:am|pm)',
  slashSecondsAmPm: '\\d{1,2}/\\d{1,2}/\\d{4} \\d{1,2}:\\d{2}:\\d{2} ?(?i:am|pm)',
  nullToken: '(?i)(na|n/a|null|none|nan|-|#n/a)',
} as const

export type PatternName = keyof typeof PATTERNS

export type ColumnStats = Record<PatternName, number> & {
  name: string
  nonNull: number
  /** Digits after the decimal separator, at most (either separator). */
  maxScale: number
  /** Largest first and second number of d/m/y-like dates: > 12 tells day from month. */
  maxFirstPart: number
  maxSecondPart: number
}

function aggregatesFor(column: string, index: number): Sql {
  const v = sql`trim(${ident(column)})`
  const parts: Sql[] = [sql`count(${v}) FILTER (WHERE ${v} <> '') AS ${ident(`c${index}_nonNull`)}`]
  // An identifier stays text whatever its values look like (columnTypes.ts decides by name first):
  // its pattern counts would cost a regex per value and pattern for nothing.
  if (looksLikeId(column)) return join(parts)
  for (const [name, pattern] of Object.entries(PATTERNS)) {
    // Patterns are compile-time constants; literal() keeps them out of the parameter list so the
    // query stays one prepared shape per column count.
    parts.push(sql`count(*) FILTER (WHERE regexp_full_match(${v}, ${literal(pattern)})) AS ${ident(`c${index}_${name}`)}`)
  }
  parts.push(sql`coalesce(max(length(regexp_extract(${v}, '^[-+]?[\\d.,]*[.,](\\d+)$', 1))), 0) AS ${ident(`c${index}_maxScale`)}`)
  parts.push(sql`coalesce(max(TRY_CAST(regexp_extract(${v}, '^(\\d{1,2})[/.-]\\d{1,2}[/.-]\\d{4}', 1) AS INTEGER)), 0) AS ${ident(`c${index}_maxFirstPart`)}`)
  parts.push(sql`coalesce(max(TRY_CAST(regexp_extract(${v}, '^\\d{1,2}[/.-](\\d{1,2})[/.-]\\d{4}', 1) AS INTEGER)), 0) AS ${ident(`c${index}_maxSecondPart`)}`)
  return join(parts)
}

export async function columnStats(db: Queryable, table: Sql, columns: readonly string[]): Promise<ColumnStats[]> {
  if (columns.length === 0) return []
  const [row] = await db.rows(sql`SELECT ${join(columns.map((c, i) => aggregatesFor(c, i)))} FROM ${table}`)
  if (row === undefined) return []
  return columns.map((name, i) => {
    const read = (key: string): number => Number(row[`c${i}_${key}`] ?? 0)
    const stats = { name, nonNull: read('nonNull'), maxScale: read('maxScale'), maxFirstPart: read('maxFirstPart'), maxSecondPart: read('maxSecondPart') } as ColumnStats
    for (const key of Object.keys(PATTERNS) as PatternName[]) stats[key] = read(key)
    return stats
  })
}

/** Up to `limit` distinct non-empty values of a column that do not match `pattern`. */
export async function mismatchExamples(db: Queryable, table: Sql, column: string, pattern: string, limit = 3): Promise<string[]> {
  const v = sql`trim(${ident(column)})`
  const rows = await db.rows(sql`
    SELECT DISTINCT ${v} AS v FROM ${table}
    WHERE ${v} <> '' AND NOT regexp_full_match(${v}, ${pattern})
    LIMIT ${limit}`)
  return rows.map((r) => String(r.v))
}
