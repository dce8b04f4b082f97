// Which (user, schedule) pairs are simulated, and the day each never-paid user first pays under
// each schedule. Common random numbers: a treatment can only bring adoption forward. Layer: datasets.

/**
 * `pairs`: every RCT user under all four arms (for the true effects) and every rollout user under
 * no program and under their wave. The user's own schedule is always among them.
 */
export function adoptionStatements(): string[] {
  return [
    `CREATE OR REPLACE TABLE pairs AS
     SELECT idx, s.schedule FROM u, (SELECT unnest([0, 1, 2, 3]) AS schedule) s WHERE study = 'rct'
     UNION ALL SELECT idx, 0 FROM u WHERE study = 'rollout'
     UNION ALL SELECT idx, schedule FROM u WHERE study = 'rollout'`,
    `CREATE OR REPLACE TABLE adopt AS
     WITH top AS (SELECT ci, schedule, max(hi) AS top FROM cumhaz GROUP BY ALL),
     cand AS (
       SELECT p.idx, p.schedule, u.ci, u.thr FROM pairs p JOIN u USING (idx)
       JOIN top t ON t.ci = u.ci AND t.schedule = p.schedule
       WHERE NOT u.existing AND u.thr < t.top)
     SELECT c.idx, c.schedule, h.d AS a_day FROM cand c
     JOIN cumhaz h ON h.ci = c.ci AND h.schedule = c.schedule AND c.thr >= h.lo AND c.thr < h.hi`,
    // a_s: adoption day under the pair's schedule; a_0: under no program (NULL = not within the data).
    `CREATE OR REPLACE TABLE pp AS
     SELECT p.idx, p.schedule, a.a_day AS a_s, a0.a_day AS a_0 FROM pairs p
     LEFT JOIN adopt a ON a.idx = p.idx AND a.schedule = p.schedule
     LEFT JOIN adopt a0 ON a0.idx = p.idx AND a0.schedule = 0
     ORDER BY p.idx, p.schedule`,
  ]
}
