// Breakdown sums: the rewarded payments aggregated once by (country, currency, rail, kind, region,
// arm, entry_method) — a few thousand combinations — then rolled up per dimension with GROUPING
// SETS over that small result. Layer: electron/engine.
//
// Empty text counts as unknown: every dimension value goes through NULLIF(value, '') so "" and
// NULL are one group (value null in the DTO). Distinct users cannot be rolled up from sums; they
// come from the per-user aggregate (breakdownUsers.ts).
import type { BreakdownDimension } from '../../../../common/domain/campaignResult'
import type { JsonCell, Queryable } from '../../db/database'
import { sql, type Sql } from '../../db/sql'
import { centsOf, countOf } from './rewardCells'

/** The breakdown dimensions that are columns of the rewards table besides country. */
export const COLUMN_DIMENSIONS = ['rail', 'kind', 'region', 'arm', 'entry_method'] as const satisfies readonly BreakdownDimension[]
export type ColumnDimension = (typeof COLUMN_DIMENSIONS)[number]

export interface BreakdownSum {
  dimension: BreakdownDimension
  value: string | null
  country: string
  currency: string
  rewarded: number
  accrued: bigint
  usd: bigint
  usdMissing: number
}

// GROUPING(rail, kind, region, arm, entry_method): a set bit = rolled up; 0b11111 = per country.
const GROUPING_SET_DIMENSION: ReadonlyMap<number, BreakdownDimension> = new Map<number, BreakdownDimension>([
  [0b11111, 'country'],
  [0b01111, 'rail'],
  [0b10111, 'kind'],
  [0b11011, 'region'],
  [0b11101, 'arm'],
  [0b11110, 'entry_method'],
])

export function breakdownSumsSql(table: Sql): Sql {
  return sql`WITH cb_combo AS (
  SELECT country, currency, NULLIF(rail, '') AS rail, NULLIF(kind, '') AS kind, NULLIF(region, '') AS region,
    NULLIF(arm, '') AS arm, NULLIF(entry_method, '') AS entry_method,
    count(*) AS rewarded,
    sum(reward_cents) AS accrued,
    sum(CAST(round(reward_cents * usd_local) AS BIGINT)) AS usd,
    count(*) - count(usd_local) AS usd_missing
  FROM ${table} WHERE reward_cents > 0
  GROUP BY ALL)
SELECT GROUPING(rail, kind, region, arm, entry_method) AS grouping_set,
  country, currency, rail, kind, region, arm, entry_method,
  CAST(sum(rewarded) AS VARCHAR) AS rewarded,
  CAST(sum(accrued) AS VARCHAR) AS accrued,
  CAST(sum(usd) AS VARCHAR) AS usd,
  CAST(sum(usd_missing) AS VARCHAR) AS usd_missing
FROM cb_combo
GROUP BY GROUPING SETS ((country, currency), (country, currency, rail), (country, currency, kind), (country, currency, region),
  (country, currency, arm), (country, currency, entry_method))`
}

function text(cell: JsonCell | undefined): string | null {
  return cell === null || cell === undefined ? null : String(cell)
}

/** Sums per (dimension, value, country) over rewarded payments; the 'country' rows are per-country totals. */
export async function breakdownSums(db: Queryable, table: Sql): Promise<BreakdownSum[]> {
  const rows = await db.rows(breakdownSumsSql(table))
  return rows.flatMap((row): BreakdownSum[] => {
    const dimension = GROUPING_SET_DIMENSION.get(Number(row.grouping_set))
    if (dimension === undefined) return []
    const country = String(row.country)
    return [
      {
        dimension,
        value: dimension === 'country' ? country : text(row[dimension]),
        country,
        currency: String(row.currency),
        rewarded: countOf(row.rewarded),
        accrued: centsOf(row.accrued),
        usd: centsOf(row.usd),
        usdMissing: countOf(row.usd_missing),
      },
    ]
  })
}
