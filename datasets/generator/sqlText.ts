// Small builders of SQL text from generator constants: literals, lists, bucketed lookups, VALUES, chunks.
// Layer: datasets (build-time generator). Only trusted constants reach these; no user input.

/** A SQL string literal. */
export function str(value: string): string {
  return `'${value.replaceAll("'", "''")}'`
}

/** A SQL numeric literal (finite numbers only); fractions are DOUBLE, not DECIMAL, so products keep their scale. */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`)
  return Number.isInteger(value) ? String(value) : `${value}::DOUBLE`
}

/** A SQL literal for a string, number, boolean or NULL. */
export function lit(value: string | number | boolean | null): string {
  if (value === null) return 'NULL'
  if (typeof value === 'string') return str(value)
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  return num(value)
}

/** `(VALUES (…), (…)) AS name(columns)` from rows of literals. */
export function values(name: string, columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>): string {
  const body = rows.map((row) => `(${row.map(lit).join(', ')})`).join(',\n  ')
  return `(VALUES\n  ${body}) AS ${name}(${columns.join(', ')})`
}

/** A SQL list literal of numbers or strings. */
export function list(items: ReadonlyArray<string | number>): string {
  const body = `[${items.map((v) => (typeof v === 'number' ? String(v) : str(v))).join(', ')}]`
  // Fractions would make a DECIMAL list (slow, and products can overflow the scale): use DOUBLE.
  return items.some((v) => typeof v === 'number' && !Number.isInteger(v)) ? `(${body}::DOUBLE[])` : body
}

/**
 * Buckets per value for a lookup table of `size` entries: largest remainder, at least one bucket
 * for every positive weight (so tiny regions still occur).
 */
export function bucketCounts(weights: readonly number[], size: number): number[] {
  const total = weights.reduce((a, b) => a + b, 0)
  if (weights.filter((w) => w > 0).length > size) throw new Error('bucketCounts: more categories than buckets')
  const exact = weights.map((w) => (w / total) * size)
  const counts = exact.map((x, i) => ((weights[i] ?? 0) > 0 ? Math.max(1, Math.floor(x)) : 0))
  // Most under-allocated first: they gain the spare buckets; the most over-allocated give some back.
  const order = exact.map((x, i) => [x - (counts[i] ?? 0), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, i]) => i)
  let missing = size - counts.reduce((a, b) => a + b, 0)
  for (let k = 0; missing > 0; k = (k + 1) % order.length, missing--) {
    const i = order[k] ?? 0
    counts[i] = (counts[i] ?? 0) + 1
  }
  for (let k = order.length - 1; missing < 0; k = (k + order.length - 1) % order.length) {
    const i = order[k] ?? 0
    if ((counts[i] ?? 0) > 1) { counts[i] = (counts[i] ?? 0) - 1; missing++ }
  }
  return counts
}

/** `rows[r][c]` of a constant 2-D table as one flat list (nested list indexing copies rows in DuckDB). */
export function cell(rows: ReadonlyArray<ReadonlyArray<string | number>>, r: string, c: string): string {
  const width = rows[0]?.length ?? 0
  if (rows.some((row) => row.length !== width)) throw new Error('cell() needs rows of equal length')
  return `${list(rows.flat())}[(${r}) * ${width} + (${c}) + 1]`
}

/**
 * Categorical draw as a constant-list lookup (much faster than a CASE chain in DuckDB): table
 * `selector` (0-based), bucket floor(u · size). DuckDB copies the list per vector, so keep it short. `outputs` (aligned with each table's items)
 * replaces the emitted value, e.g. a region's factor instead of its code.
 */
export function lookup<T extends string | number>(
  u: string, tables: ReadonlyArray<ReadonlyArray<readonly [T, number]>>, selector: string, size = 1000,
  outputs?: ReadonlyArray<ReadonlyArray<string | number>>,
): string {
  const rows = tables.map((items, t) => {
    const counts = bucketCounts(items.map(([, w]) => w), size)
    return items.flatMap(([value], i) => Array<string | number>(counts[i] ?? 0).fill(outputs?.[t]?.[i] ?? value))
  })
  return cell(rows, selector, `floor(${u} * ${size})::INTEGER`)
}

/** Users per chunk: big runs are processed in idx ranges to bound hash tables and memory. */
export const CHUNK_USERS = 200_000

/** `CREATE OR REPLACE TABLE t AS` the first chunk, `INSERT INTO t` the others. */
export function chunked(table: string, users: number, select: (range: readonly [number, number]) => string): string[] {
  const statements: string[] = []
  for (let lo = 0; lo < Math.max(users, 1); lo += CHUNK_USERS) {
    const body = select([lo, Math.min(users, lo + CHUNK_USERS)])
    statements.push(lo === 0 ? `CREATE OR REPLACE TABLE ${table} AS ${body}` : `INSERT INTO ${table} ${body}`)
  }
  return statements
}
