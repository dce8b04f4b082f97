// The sql`` builder: values become bound parameters, identifiers are quoted, fragments compose.
// Layer: electron/engine. This is the only module that builds SQL text from pieces.
import { EngineError } from '../engineError'

/** Values DuckDB binds as parameters. */
export type SqlValue = string | number | boolean | bigint | null

/** A piece of SQL text with its parameters, in the order of their `?` placeholders. */
export class Sql {
  readonly text: string
  readonly params: readonly SqlValue[]

  constructor(text: string, params: readonly SqlValue[]) {
    this.text = text
    this.params = params
  }
}

/**
 * Tagged template: `${value}` becomes a `?` parameter, `${sqlFragment}` is spliced in with its
 * parameters. Placeholders are positional, so composed fragments keep their order.
 */
export function sql(strings: TemplateStringsArray, ...values: ReadonlyArray<SqlValue | Sql>): Sql {
  let text = strings[0] ?? ''
  const params: SqlValue[] = []
  values.forEach((value, i) => {
    if (value instanceof Sql) {
      text += value.text
      params.push(...value.params)
    } else {
      text += '?'
      params.push(value)
    }
    text += strings[i + 1] ?? ''
  })
  return new Sql(text, params)
}

// DuckDB itself takes longer names; past this a "name" is a mistake (a whole row pasted as a header).
const MAX_IDENTIFIER_LENGTH = 65_536

/** A quoted identifier: double quotes, every inner `"` doubled. Rejects names DuckDB cannot hold. */
export function ident(name: string): Sql {
  if (name.length === 0) throw new EngineError('INVALID_REQUEST', 'An identifier (table or column name) cannot be empty.')
  if (name.length > MAX_IDENTIFIER_LENGTH) {
    throw new EngineError('INVALID_REQUEST', `An identifier is ${name.length} characters long; the limit is ${MAX_IDENTIFIER_LENGTH}.`)
  }
  if (name.includes('\0')) throw new EngineError('INVALID_REQUEST', 'An identifier cannot contain a NUL character.')
  return new Sql(`"${name.replaceAll('"', '""')}"`, [])
}

/**
 * An identifier that must be one of the names the catalog knows (e.g. a dataset's columns).
 * Quoting alone makes a name safe; this also makes a typo an error instead of a DuckDB surprise.
 */
export function knownIdent(name: string, known: Iterable<string>, what = 'column'): Sql {
  for (const candidate of known) {
    if (candidate === name) return ident(name)
  }
  throw new EngineError('NOT_FOUND', `There is no ${what} named "${name}".`, { details: { [what]: name } })
}

/**
 * A SQL string literal, for the few statements DuckDB cannot prepare (CREATE VIEW, SET, PRAGMA).
 * Standard SQL quoting: single quotes doubled; nothing else is special in DuckDB string literals.
 * Every call site must say why a parameter cannot be used there.
 */
export function literal(value: string): Sql {
  if (value.includes('\0')) throw new EngineError('INVALID_REQUEST', 'A text value cannot contain a NUL character.')
  return new Sql(`'${value.replaceAll("'", "''")}'`, [])
}

/** SQL text known at compile time (keywords, operators). A `string` variable is a type error. */
export function raw<T extends string>(text: string extends T ? never : T): Sql {
  return new Sql(text, [])
}

/** Join fragments with a separator known at compile time. */
export function join(parts: readonly Sql[], separator: ', ' | ' AND ' | ' OR ' | '\n' | ' ' = ', '): Sql {
  return new Sql(
    parts.map((p) => p.text).join(separator),
    parts.flatMap((p) => p.params),
  )
}
