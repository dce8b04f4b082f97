// Step 5 of DOMAIN.md §5, the budget, without a window over every candidate. Layer: electron/engine.
//
// With claims c ≥ 0 in (ts, payment_id) order and G their running sum, spent = min(B, G) −
// min(B, G − c). Every row before the first one with G ≥ B (the crossing row) has G < B, so
// spent = c; every row after it has G − c ≥ B, so spent = 0; only the crossing row needs G itself.
// So: sum the claims per time block (ts truncated to `blockSeconds`; equal timestamps always share
// a block) in a parallel hash GROUP BY, find the first block whose cumulative sum reaches B from
// the block sums, run the exact running sum inside that block only, and give every row its share
// from its position relative to the crossing row. The result is the running sum's, row for row;
// `budget_reached` = G ≥ B = at or after the crossing row.
import { raw, sql, type Sql } from '../db/sql'

/** Seconds of ts per budget block: few blocks, and a small exact window in the crossing one. */
export const BUDGET_BLOCK_SECONDS = 3600

/** The row (ts, payment_id) comes before the crossing row x. */
const beforeCrossing = raw('(ts < cb_cross.x_ts OR (ts = cb_cross.x_ts AND payment_id < cb_cross.x_pid))')

/**
 * cb_blocks, cb_cblk, cb_cross and cb_spent(…cb_claim's columns, budget_spent_cents, budget_reached)
 * over cb_claim(…, ts, payment_id, budget_cents). `budgetCents` is the budget B in cents of its currency.
 */
export function budgetClampCtes(budgetCents: Sql, blockSeconds: number = BUDGET_BLOCK_SECONDS): Sql {
  if (!Number.isInteger(blockSeconds) || blockSeconds < 1) throw new Error(`Invalid budget block length ${blockSeconds}`)
  const block = sql`epoch_us(ts) // CAST(${blockSeconds * 1_000_000} AS BIGINT)`
  return sql`cb_blocks AS (SELECT ${block} AS blk, sum(budget_cents) AS blk_sum FROM cb_claim GROUP BY ALL),
cb_cblk AS (
  SELECT blk, before FROM (
    SELECT blk, blk_sum, COALESCE(sum(blk_sum) OVER (ORDER BY blk ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before FROM cb_blocks)
  WHERE before + blk_sum >= ${budgetCents} ORDER BY blk LIMIT 1),
cb_cross AS (
  SELECT ts AS x_ts, payment_id AS x_pid, CAST(LEAST(${budgetCents}, g) - LEAST(${budgetCents}, g - budget_cents) AS BIGINT) AS x_spent FROM (
    SELECT ts, payment_id, budget_cents, cb_cblk.before + sum(budget_cents) OVER (ORDER BY ts, payment_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS g
    FROM cb_claim JOIN cb_cblk ON ${block} = cb_cblk.blk)
  WHERE g >= ${budgetCents} ORDER BY ts, payment_id LIMIT 1),
cb_spent AS (
  SELECT cb_claim.*,
    CAST(CASE WHEN cb_cross.x_ts IS NULL OR ${beforeCrossing} THEN budget_cents
              WHEN ts = cb_cross.x_ts AND payment_id = cb_cross.x_pid THEN cb_cross.x_spent ELSE 0 END AS BIGINT) AS budget_spent_cents,
    cb_cross.x_ts IS NOT NULL AND NOT ${beforeCrossing} AS budget_reached
  FROM cb_claim LEFT JOIN cb_cross ON TRUE)`
}

/** The no-budget form of cb_spent. */
export const NO_BUDGET_SPENT = raw('cb_spent AS (SELECT *, CAST(NULL AS BIGINT) AS budget_spent_cents, FALSE AS budget_reached FROM cb_claim)')
