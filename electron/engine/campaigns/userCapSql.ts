// Step 4 of DOMAIN.md §5, the per-user cap, without sorting every candidate. Layer: electron/engine.
//
// Per user AND country, reward = min(cap, S) − min(cap, S − r) with S the running sum of the
// payment-capped rewards r in (ts, payment_id) order. While S ≤ cap this is just r, so a (user, country) whose
// TOTAL is within the cap keeps every r: a parallel hash GROUP BY finds the ones over it, and only
// their rows get the ordered running sum (a window over that subset).
import { join, raw, sql, type Sql } from '../db/sql'

/**
 * cb_user(…cb_pay's columns, local_cents) from cb_pay(…, <keys>, ts, payment_id, pay_cents):
 * pay_cents is the payment-capped reward and local_cents the user-capped one, in integer cents.
 * `keys` are the columns naming one (user, country) group: `user_country` in a candidate table,
 * `user_id, country` where the candidates were never numbered (a NULL user_id is a group of its
 * own, as in the table). `capCents` is the BIGINT cap expression over `country` (NULL = no cap in
 * that country), or null when no country has one.
 */
export function userCapCtes(capCents: Sql | null, keys: readonly Sql[]): Sql {
  if (capCents === null) return raw('cb_user AS (SELECT *, pay_cents AS local_cents FROM cb_pay)')
  const over = keys.map((k, i) => sql`${k} AS ${raw(`o_k${i}`)}`)
  const matches = join(keys.map((k, i) => sql`${raw(`cb_over.o_k${i}`)} IS NOT DISTINCT FROM cb_pay.${k}`), ' AND ')
  return sql`cb_over AS (SELECT ${join(over)} FROM cb_pay GROUP BY ALL HAVING sum(pay_cents) > any_value(${capCents})),
cb_user AS (
  SELECT *, pay_cents AS local_cents FROM cb_pay ANTI JOIN cb_over ON ${matches}
  UNION ALL
  SELECT * EXCLUDE (s), CAST(LEAST(${capCents}, s) - LEAST(${capCents}, s - pay_cents) AS BIGINT) AS local_cents FROM (
    SELECT cb_pay.*, sum(pay_cents) OVER (PARTITION BY ${join(keys)} ORDER BY ts, payment_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS s
    FROM cb_pay SEMI JOIN cb_over ON ${matches}))`
}
