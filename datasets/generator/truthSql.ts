// True effects by simulation with common random numbers: every RCT user is simulated under all
// four arms, every rollout user with and without their wave; effects are means of the per-user
// differences over the whole population (the finite-population ATE). Layer: datasets.
import { DAY } from './calendar'
import { TOKENS_PER_GAMER } from './amounts'
import { activitySelect } from './activitySql'
import { BY_SCHEDULE } from './calendarFactors'
import { chunked, list } from './sqlText'

const D = DAY

/** Per (user, schedule) outcome sums; tokens (3 per gaming user, on the first paying day in the window) added. */
export function truthStatements(users: number): string[] {
  return [
    ...chunked('tagg', users, (range) => `
     SELECT idx, schedule,
            coalesce(sum(succ) FILTER (WHERE d < ${D.campaignStart}), 0) AS pre,
            coalesce(sum(succ) FILTER (WHERE d >= ${D.campaignStart} AND d < ${D.adopt14End}), 0) AS w14,
            coalesce(sum(succ) FILTER (WHERE d >= ${D.campaignStart} AND d < ${D.campaignEnd}), 0) AS w28,
            coalesce(sum(succ) FILTER (WHERE d >= ${D.campaignEnd}), 0) AS post,
            coalesce(sum(succ) FILTER (WHERE d >= ${D.campaignStart} AND d < ${D.rolloutNationalStart}), 0) AS w42,
            coalesce(sum(succ) FILTER (WHERE d >= ${D.rolloutNationalStart}), 0) AS late,
            min(d) FILTER (WHERE succ > 0 AND in_window) AS tok_day
     FROM (SELECT idx, schedule, d, in_window, n_adopt + n_org + n_extra AS succ FROM (${activitySelect(false, range)}))
     GROUP BY ALL`),
    `CREATE OR REPLACE TABLE tm AS
     SELECT t.idx, t.schedule, t.pre, t.w14 + tk * coalesce(tok_day < ${D.adopt14End}, false)::INTEGER AS w14,
            t.w28 + tk * coalesce(tok_day < ${D.campaignEnd}, false)::INTEGER AS w28, t.post + tk * coalesce(tok_day >= ${D.campaignEnd}, false)::INTEGER AS post,
            t.w42 + tk * coalesce(tok_day < ${D.rolloutNationalStart}, false)::INTEGER AS w42, t.late + tk * coalesce(tok_day >= ${D.rolloutNationalStart}, false)::INTEGER AS late,
            tk * coalesce(tok_day < ${D.campaignEnd}, false)::INTEGER AS tok28
     FROM (SELECT t.*, CASE WHEN t.tok_day IS NOT NULL AND u.gamer_u < ${list(BY_SCHEDULE.gamerShare)}[t.schedule + 1]
                            THEN ${TOKENS_PER_GAMER} ELSE 0 END AS tk
           FROM tagg t JOIN u USING (idx)) t`,
    `CREATE OR REPLACE TABLE rct_y AS
     SELECT u.idx, u.country, u.schedule AS own, s.schedule, coalesce(m0.pre, 0) = 0 AS is_new,
            (coalesce(m.w14, 0) > 0)::INTEGER AS active14, coalesce(m.w28, 0) AS payments28,
            (coalesce(m.post, 0) > 0)::INTEGER AS retained_post, coalesce(m.post, 0) AS payments_post,
            coalesce(m.tok28, 0) AS tokens28
     FROM u CROSS JOIN (SELECT unnest([0, 1, 2, 3]) AS schedule) s
     LEFT JOIN tm m ON m.idx = u.idx AND m.schedule = s.schedule
     LEFT JOIN tm m0 ON m0.idx = u.idx AND m0.schedule = 0
     WHERE u.study = 'rct'`,
  ]
}

const METRICS = `avg(active14) AS active14, avg(active14) FILTER (WHERE is_new) AS new_active14,
  avg(payments28) AS payments28, avg(retained_post) AS retained_post, avg(payments_post) AS payments_post,
  avg(tokens28) AS tokens28, count(*) AS users, count(*) FILTER (WHERE is_new) AS new_users`

/** Potential-outcome means per country × schedule over all RCT users of the country. */
export const POTENTIAL_MEANS = `SELECT country, schedule, ${METRICS} FROM rct_y GROUP BY ALL ORDER BY ALL`

/** Observed means per country × assigned arm (what a difference-in-means analysis sees). */
export const OBSERVED_MEANS = `SELECT country, schedule, ${METRICS} FROM rct_y WHERE schedule = own GROUP BY ALL ORDER BY ALL`

/** Rollout: per country and wave, the mean per-user effect on payments and on being active. */
export const ROLLOUT_EFFECTS = `
  SELECT u.country, u.schedule AS wave, count(*) AS users,
         avg(CASE WHEN u.schedule = 4 THEN coalesce(m.w42, 0) - coalesce(m0.w42, 0) ELSE coalesce(m.late, 0) - coalesce(m0.late, 0) END) AS payments,
         avg(CASE WHEN u.schedule = 4 THEN (coalesce(m.w42, 0) > 0)::INTEGER - (coalesce(m0.w42, 0) > 0)::INTEGER
                  ELSE (coalesce(m.late, 0) > 0)::INTEGER - (coalesce(m0.late, 0) > 0)::INTEGER END) AS active,
         avg(CASE WHEN u.schedule = 4 THEN coalesce(m0.w42, 0) ELSE coalesce(m0.late, 0) END) AS payments_untreated
  FROM u LEFT JOIN tm m ON m.idx = u.idx AND m.schedule = u.schedule
  LEFT JOIN tm m0 ON m0.idx = u.idx AND m0.schedule = 0
  WHERE u.study = 'rollout' GROUP BY ALL ORDER BY ALL`
