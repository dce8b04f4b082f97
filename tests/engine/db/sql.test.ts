// The sql`` builder: parameters stay out of the text, identifiers are quoted, and hostile input
// round-trips through a real DuckDB database unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../../electron/engine/db/database'
import { ident, join, knownIdent, literal, raw, sql } from '../../../electron/engine/db/sql'
import { EngineError } from '../../../electron/engine/engineError'
import { tempDir } from '../../helpers/tempDir'

const HOSTILE = [
  'plain',
  'we"ird',
  "it's",
  'a;b',
  'x -- comment',
  '/* c */',
  'line\nbreak',
  'tab\there',
  'back\\slash',
  '? and $1',
  'São Paulo ₹ 🇮🇳 日本',
  '"; DROP TABLE t; --',
  "'); DROP TABLE t; --",
  'x'.repeat(10_240),
]

describe('sql builder (text and params)', () => {
  it('turns values into positional parameters and keeps them out of the text', () => {
    const country = "IN'; DROP TABLE payments; --"
    const q = sql`SELECT * FROM payments WHERE country = ${country} AND amount > ${100} LIMIT ${5}`
    expect(q.text).toBe('SELECT * FROM payments WHERE country = ? AND amount > ? LIMIT ?')
    expect(q.params).toEqual([country, 100, 5])
  })

  it('splices fragments and merges their parameters in order', () => {
    const where = join([sql`a = ${1}`, sql`b = ${'two'}`], ' AND ')
    const q = sql`SELECT ${ident('x')} FROM ${ident('t')} WHERE ${where} AND c = ${3}`
    expect(q.text).toBe('SELECT "x" FROM "t" WHERE a = ? AND b = ? AND c = ?')
    expect(q.params).toEqual([1, 'two', 3])
  })

  it('quotes identifiers by doubling every inner double quote', () => {
    expect(ident('we"ird').text).toBe('"we""ird"')
    expect(ident('""').text).toBe('""""""')
    expect(ident('a"b"c').text).toBe('"a""b""c"')
  })

  it('rejects identifiers DuckDB cannot hold', () => {
    expect(() => ident('')).toThrow(EngineError)
    expect(() => ident('a\0b')).toThrow(/NUL/)
    expect(() => ident('x'.repeat(70_000))).toThrow(/limit/)
  })

  it('accepts only identifiers the catalog knows when asked to', () => {
    expect(knownIdent('amount', ['user_id', 'amount']).text).toBe('"amount"')
    expect(() => knownIdent('amout', ['user_id', 'amount'])).toThrow(/no column named "amout"/)
  })

  it('builds string literals by doubling single quotes only', () => {
    expect(literal("it's").text).toBe("'it''s'")
    expect(literal('a"b\\c\nd').text).toBe("'a\"b\\c\nd'")
    expect(() => literal('a\0')).toThrow(/NUL/)
  })

  it('raw() passes compile-time constants through', () => {
    expect(raw('DESC').text).toBe('DESC')
  })
})

describe('sql builder against DuckDB', () => {
  let db: Database
  beforeAll(async () => {
    db = await openDatabase(tempDir('sql'), { threads: 1, memoryLimit: '512MB' })
  })
  afterAll(() => db.close())

  it.each(HOSTILE.map((s) => [s.length > 40 ? `${s.slice(0, 12)}…(${s.length})` : JSON.stringify(s), s]))(
    'round-trips %s as a bound value, an identifier and a literal',
    async (_label, text) => {
      const [bound] = await db.rows(sql`SELECT ${text} AS v, length(${text}) AS n`)
      expect(bound?.v).toBe(text)
      const table = ident(`t_${text}`)
      const column = ident(text)
      await db.run(sql`CREATE OR REPLACE TABLE ${table} (${column} VARCHAR)`)
      await db.run(sql`INSERT INTO ${table} VALUES (${text})`)
      const [stored] = await db.rows(sql`SELECT ${column} AS v FROM ${table}`)
      expect(stored?.v).toBe(text)
      const [described] = await db.rows(sql`SELECT column_name FROM (DESCRIBE ${table})`)
      expect(described?.column_name).toBe(text)
      // CREATE VIEW cannot take parameters: the one place literal() is for.
      const view = ident(`v_${text}`)
      await db.run(sql`CREATE OR REPLACE VIEW ${view} AS SELECT ${literal(text)} AS v`)
      const [viewed] = await db.rows(sql`SELECT v FROM ${view}`)
      expect(viewed?.v).toBe(text)
      await db.run(sql`DROP VIEW ${view}`)
      await db.run(sql`DROP TABLE ${table}`)
    },
  )

  it('leaves the database intact after an injection attempt through a value', async () => {
    await db.run(sql`CREATE TABLE victims (id INTEGER)`)
    await db.run(sql`INSERT INTO victims VALUES (1)`)
    const attack = "1; DROP TABLE victims; --"
    const rows = await db.rows(sql`SELECT count(*)::INTEGER AS n FROM victims WHERE CAST(id AS VARCHAR) = ${attack}`)
    expect(rows[0]?.n).toBe(0)
    const [still] = await db.rows(sql`SELECT count(*)::INTEGER AS n FROM victims`)
    expect(still?.n).toBe(1)
  })

  it('binds file paths in table functions', async () => {
    const dir = tempDir("it's a \"dir\"")
    const path = `${dir}/out.csv`
    await db.run(sql`COPY (SELECT 1 AS a, 'x' AS b) TO ${path} (HEADER)`)
    const rows = await db.rows(sql`SELECT * FROM read_csv(${path})`)
    expect(rows).toEqual([{ a: '1', b: 'x' }])
  })
})
