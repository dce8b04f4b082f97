// Join tables for per-payment categorical draws: (country × kind, bucket) → rail and entry method,
// (country, bucket) → hour. One hash join per row beats long constant lists in DuckDB. Layer: datasets.
import { ENTRY, RAIL } from './channels'
import { COUNTRIES, KINDS } from './countries'
import { HOURS } from './seasonality'
import { bucketCounts, values } from './sqlText'

export const BUCKETS = 1000

/** Entry method given the rail: cards are CARD, other rails (wallets, boletos) BILLER. */
function entryMix(c: (typeof COUNTRIES)[number], k: (typeof KINDS)[number], rail: string): ReadonlyArray<readonly [string, number]> {
  if (rail === 'CARD') return [['CARD', 1]]
  if (rail === 'OTHER') return [['BILLER', 1]]
  return ENTRY[c][k]
}

function bucketed<T>(key: number, items: ReadonlyArray<readonly [T, number]>): Array<[number, number, T]> {
  const counts = bucketCounts(items.map(([, w]) => w), BUCKETS)
  return items.flatMap(([value], i) => Array.from({ length: counts[i] ?? 0 }, () => value)).map((value, b) => [key, b, value])
}

export function lookupTableStatements(): string[] {
  const channelRows = COUNTRIES.flatMap((c, ci) =>
    KINDS.flatMap((k, ki) => {
      const railTotal = RAIL[c][k].reduce((s, [, w]) => s + w, 0)
      const combos = RAIL[c][k].flatMap(([rail, wr]) => {
        const entries = entryMix(c, k, rail)
        const entryTotal = entries.reduce((s, [, w]) => s + w, 0)
        return entries.map(([entry, we]) => [`${rail}|${entry}`, (wr / railTotal) * (we / entryTotal)] as const)
      })
      return bucketed(ci * KINDS.length + ki, combos).map(([key, b, combo]) => [key, b, ...combo.split('|')])
    }),
  )
  const hourRows = COUNTRIES.flatMap((c, ci) => bucketed(ci, HOURS[c].map((w, h) => [h, w] as const)))
  return [
    `CREATE OR REPLACE TABLE chan AS SELECT ck::INTEGER AS ck, b::INTEGER AS b, rail, entry_method
     FROM ${values('c', ['ck', 'b', 'rail', 'entry_method'], channelRows)}`,
    `CREATE OR REPLACE TABLE hour_lut AS SELECT ci::INTEGER AS ci, b::INTEGER AS b, hour::INTEGER AS hour
     FROM ${values('h', ['ci', 'b', 'hour'], hourRows)}`,
  ]
}
