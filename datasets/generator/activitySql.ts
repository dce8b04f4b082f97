// User-day event counts: the adoption payment, organic payments, reversals, abandoned failures and
// the program's extra payments, as Poisson draws keyed by (user, day) so schedules share them. Layer: datasets.
import { DAY } from './calendar'
import { NEW_PAYER_ACTIVITY } from './countries'
import { INCREMENTAL_ADOPTER_ACTIVITY } from './experiment'
import { num } from './sqlText'

/**
 * SELECT of one row per simulated (user, schedule, day) with counts n_adopt, n_org, n_rev,
 * n_fail, n_extra and the cut points that split organic payments and reversals into kinds.
 * `ownScheduleOnly`: the dataset itself; otherwise every pair, from the campaign start on for the
 * treated schedules (their earlier days cannot differ from schedule 0). `users`: an idx range [lo, hi).
 */
export function activitySelect(ownScheduleOnly: boolean, users: readonly [number, number]): string {
  const own = `${ownScheduleOnly ? 'pp.schedule = u.schedule AND' : ''} pp.idx >= ${users[0]} AND pp.idx < ${users[1]} AND`
  const adoptFrom = `CASE WHEN u.existing THEN 0 ELSE pp.a_s END`
  const firstDay = ownScheduleOnly ? adoptFrom : `greatest(${adoptFrom}, CASE WHEN pp.schedule = 0 THEN 0 ELSE ${DAY.campaignStart} END)`
  return `
  WITH b AS (
    SELECT pp.idx, pp.schedule, u.base, u.ci, u.existing, u.lam, u.w_p2p, u.w_p2m, u.w_bill, pp.a_s, pp.a_0,
           unnest(range(${firstDay}, ${DAY.end}))::INTEGER AS d
    FROM pp JOIN u USING (idx) WHERE ${own} (u.existing OR pp.a_s IS NOT NULL)),
  k AS (
    SELECT b.idx, b.schedule, b.base, b.ci, b.d, (NOT b.existing AND b.d = b.a_s)::INTEGER AS n_adopt,
           CASE WHEN b.existing THEN b.lam
                WHEN b.d = b.a_s THEN 0
                -- cashback-acquired adopters pay less until the day they would have adopted anyway
                WHEN b.d < coalesce(b.a_0, ${DAY.end}) THEN b.lam * ${num(NEW_PAYER_ACTIVITY * INCREMENTAL_ADOPTER_ACTIVITY)}
                ELSE b.lam * ${num(NEW_PAYER_ACTIVITY)} END AS rate,
           b.w_p2p, b.w_p2m, b.w_bill, f.m_p2p, f.m_p2m, f.m_bill, f.rev_p2p, f.rev_p2m, f.rev_bill, f.abandon,
           f.boost, f.target_p2p, f.in_window
    FROM b JOIN dayf f ON f.schedule = b.schedule AND f.ci = b.ci AND f.d = b.d),
  l AS (
    SELECT idx, schedule, base, ci, d, n_adopt, target_p2p, in_window, rev_p2p, rev_p2m, rev_bill, abandon, boost,
           rate * m_p2p * w_p2p AS l_p2p, rate * m_p2m * w_p2m AS l_p2m, rate * m_bill * w_bill AS l_bill
    FROM k),
  m AS (
    SELECT idx, schedule, base, ci, d, n_adopt, target_p2p, in_window,
           l_p2p * (1 - rev_p2p) AS o_p2p, l_p2m * (1 - rev_p2m) AS o_p2m, l_bill * (1 - rev_bill) AS o_bill,
           l_p2p * rev_p2p AS rv_p2p, l_p2m * rev_p2m AS rv_p2m, l_bill * rev_bill AS rv_bill,
           abandon * (l_p2p + l_p2m + l_bill) AS l_fail,
           boost * CASE WHEN target_p2p = 1 THEN l_p2p ELSE l_p2m END AS l_extra
    FROM l),
  n AS (SELECT *, o_p2p + o_p2m + o_bill AS l_org, rv_p2p + rv_p2m + rv_bill AS l_rev FROM m)
  SELECT idx, schedule, base, ci, d, n_adopt, target_p2p, in_window,
         pois(l_org, draw(base, 1000 + d * 8)) AS n_org, pois(l_rev, draw(base, 1001 + d * 8)) AS n_rev,
         pois(l_fail, draw(base, 1002 + d * 8)) AS n_fail, pois(l_extra, draw(base, 1003 + d * 8)) AS n_extra,
         o_p2p / nullif(l_org, 0) AS cut_p2p, (o_p2p + o_p2m) / nullif(l_org, 0) AS cut_p2m,
         rv_p2p / nullif(l_rev, 0) AS rcut_p2p, (rv_p2p + rv_p2m) / nullif(l_rev, 0) AS rcut_p2m
  FROM n`
}
