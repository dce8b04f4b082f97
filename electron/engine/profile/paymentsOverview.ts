// The mapped payments at a glance: rows, users, local time range, counts and value by country,
// rail, kind and status, and daily volume in each country's time zone. Layer: electron/engine.
import type { PaymentsOverview } from '../../../common/domain/profile'
import type { Queryable } from '../db/database'
import { raw, sql } from '../db/sql'

type Breakdown = PaymentsOverview['byCountry']

async function breakdown(q: Queryable, key: 'country' | 'rail' | 'kind' | 'status'): Promise<Breakdown> {
  const rows = await q.rows(sql`
    SELECT ${raw(key)} AS key, count(*)::BIGINT AS payments, coalesce(sum(amount), 0)::DOUBLE AS amount
    FROM canon.payments GROUP BY ALL ORDER BY payments DESC`)
  return rows.map((r) => ({ key: r.key === null ? null : String(r.key), payments: Number(r.payments), amount: Number(r.amount) }))
}

export async function paymentsOverview(q: Queryable): Promise<PaymentsOverview> {
  const [totals] = await q.rows(sql`
    SELECT count(*)::BIGINT AS n, count(DISTINCT user_id)::BIGINT AS users,
           CAST(min(local_ts) AS VARCHAR) AS first_local, CAST(max(local_ts) AS VARCHAR) AS last_local
    FROM canon.payments`)
  // Value of successful payments only; counts include every attempt so failures stay visible.
  const daily = await q.rows(sql`
    SELECT CAST(local_date AS VARCHAR) AS date, country, count(*)::BIGINT AS payments,
           coalesce(sum(amount) FILTER (WHERE status = 'SUCCESS'), 0)::DOUBLE AS amount
    FROM canon.payments WHERE local_date IS NOT NULL GROUP BY ALL ORDER BY date, country`)
  return {
    rows: Number(totals?.n ?? 0),
    users: Number(totals?.users ?? 0),
    firstLocal: totals?.first_local === null || totals?.first_local === undefined ? null : String(totals.first_local),
    lastLocal: totals?.last_local === null || totals?.last_local === undefined ? null : String(totals.last_local),
    byCountry: await breakdown(q, 'country'),
    byRail: await breakdown(q, 'rail'),
    byKind: await breakdown(q, 'kind'),
    byStatus: await breakdown(q, 'status'),
    daily: daily.map((d) => ({ date: String(d.date), country: d.country === null ? null : String(d.country), payments: Number(d.payments), amount: Number(d.amount) })),
  }
}
