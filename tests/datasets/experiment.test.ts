// The randomized experiment and the rollout in generated data: balanced arms, observed metrics that
// equal the manifest, true effects recovered by a difference in means, tokens, failures, rollout encoding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARMS } from '../../datasets/generator/experiment'
import { generateSample, LOCAL_DAY, num, type Row, type Sample } from './sampleData'

let sample: Sample
/** Per country × arm: users, new users and the outcome metrics, recomputed from the Parquet files. */
let observed: Row[] = []
const COUNTRIES = ['IN', 'BR'] as const

beforeAll(async () => {
  sample = await generateSample({ users: 40_000, seed: 7, payers: 0.5 }, 'experiment')
  observed = await sample.rows(`
    WITH s AS (SELECT user_id, ${LOCAL_DAY} AS d FROM payments WHERE status = 'SUCCESS'),
    per AS (SELECT u.user_id, u.country, u.arm, count(s.d) FILTER (WHERE s.d < 28) AS pre,
                   count(s.d) FILTER (WHERE s.d >= 28 AND s.d < 42) AS w14, count(s.d) FILTER (WHERE s.d >= 28 AND s.d < 56) AS w28,
                   count(s.d) FILTER (WHERE s.d >= 56) AS post
            FROM users u LEFT JOIN s USING (user_id) WHERE u.study = 'rct' GROUP BY ALL)
    SELECT country, arm, count(*) AS users, count(*) FILTER (WHERE pre = 0) AS new_users,
           avg((w14 > 0)::INTEGER) AS active14, avg((w14 > 0)::INTEGER) FILTER (WHERE pre = 0) AS new_active14,
           avg(w28) AS payments28, avg((post > 0)::INTEGER) AS retained_post, avg(post) AS payments_post
    FROM per GROUP BY ALL`)
}, 60_000)

afterAll(() => sample?.close())

const cell = (country: string, arm: string) => observed.find((r) => r.country === country && r.arm === arm)

describe('randomization', () => {
  it.each(COUNTRIES)('%s: arms are balanced within the country (stratified, no SRM)', (country) => {
    const sizes = ARMS.map((arm) => num(cell(country, arm), 'users'))
    const expected = sizes.reduce((a, b) => a + b, 0) / sizes.length
    const chi2 = sizes.reduce((s, n) => s + (n - expected) ** 2 / expected, 0)
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
    expect(chi2).toBeLessThan(16.27) // χ²(3) at p = 0.001, the SRM alarm threshold
  })
})

describe('manifest', () => {
  it('reports exactly the arm means an analysis of the files finds', () => {
    for (const country of COUNTRIES) {
      for (const arm of ARMS) {
        const m = sample.manifest.rct[country].observedByArm[arm]
        const o = cell(country, arm)
        expect(m.users).toBe(num(o, 'users'))
        expect(m.newUsers).toBe(num(o, 'new_users'))
        expect(m.active14Pct).toBeCloseTo(100 * num(o, 'active14'), 2)
        expect(m.newActive14Pct).toBeCloseTo(100 * num(o, 'new_active14'), 2)
        expect(m.payments28).toBeCloseTo(num(o, 'payments28'), 3)
        expect(m.retainedPostPct).toBeCloseTo(100 * num(o, 'retained_post'), 2)
        expect(m.paymentsPost).toBeCloseTo(num(o, 'payments_post'), 3)
      }
    }
  })

  it('has true effects ordered by reward: flat arms in the +0.5 … +3 pp band of DOMAIN.md §3, pct10 weaker', () => {
    for (const country of COUNTRIES) {
      const t = sample.manifest.rct[country].trueEffects
      expect(t.flat_large.active14Pp).toBeGreaterThan(t.flat_small.active14Pp)
      expect(t.flat_small.active14Pp).toBeGreaterThan(t.pct10.active14Pp)
      for (const arm of ['flat_small', 'flat_large'] as const) {
        expect(t[arm].active14Pp).toBeGreaterThan(0.5)
        expect(t[arm].active14Pp).toBeLessThan(3)
      }
      expect(t.pct10.active14Pp).toBeGreaterThan(0.1)
      for (const arm of ['flat_small', 'flat_large', 'pct10'] as const) {
        expect(t[arm].payments28).toBeGreaterThan(0)
        expect(t[arm].paymentsPost).toBeGreaterThan(0) // persistence after the campaign
        expect(t[arm].paymentsPost).toBeLessThan(t[arm].payments28) // … smaller, decaying
      }
    }
  })
})

describe('true effects are present in the data', () => {
  it.each(COUNTRIES)('%s: treated − control 14-day adoption of new users is within 4 SE of the true effect', (country) => {
    const control = cell(country, 'control')
    for (const arm of ['flat_small', 'flat_large', 'pct10'] as const) {
      const treated = cell(country, arm)
      const p1 = num(treated, 'new_active14')
      const p0 = num(control, 'new_active14')
      const se = Math.sqrt((p1 * (1 - p1)) / num(treated, 'new_users') + (p0 * (1 - p0)) / num(control, 'new_users'))
      const truth = sample.manifest.rct[country].trueEffects[arm].newActive14Pp / 100
      expect(Math.abs(p1 - p0 - truth), arm).toBeLessThan(4 * se)
      if (arm === 'flat_large') expect((p1 - p0) / se).toBeGreaterThan(3)
    }
  })

  it('has token payments (≥ 3 minimum-value P2P payments in the campaign) in flat arms only', async () => {
    const rows = await sample.rows(`
      WITH t AS (SELECT user_id, count(*) AS n FROM payments
                 WHERE kind = 'P2P' AND status = 'SUCCESS' AND amount <= CASE country WHEN 'IN' THEN 5 ELSE 1 END
                   AND ${LOCAL_DAY} BETWEEN 28 AND 55 GROUP BY ALL)
      SELECT arm, avg((coalesce(n, 0) >= 3)::INTEGER) AS gamers FROM users LEFT JOIN t USING (user_id) WHERE study = 'rct' GROUP BY ALL`)
    const gamers = (arm: string) => num(rows.find((r) => r.arm === arm), 'gamers')
    expect(gamers('flat_small')).toBeGreaterThan(0.01)
    expect(gamers('flat_large')).toBeGreaterThan(gamers('flat_small'))
    expect(gamers('control')).toBeLessThan(0.002)
    expect(gamers('pct10')).toBeLessThan(0.002)
  })
})

describe('failures, reversals and the rollout', () => {
  it('has some FAILED (mostly retried) and REVERSED payments', async () => {
    const [row] = await sample.rows(`
      SELECT avg((status = 'FAILED')::INTEGER) AS failed, avg((status = 'REVERSED')::INTEGER) AS reversed,
             (SELECT avg((EXISTS (SELECT 1 FROM payments s WHERE s.user_id = f.user_id AND s.status = 'SUCCESS'
                 AND s.counterparty_id = f.counterparty_id AND s.amount = f.amount AND s.ts BETWEEN f.ts AND f.ts + INTERVAL 10 MINUTE))::INTEGER)
              FROM payments f WHERE f.status = 'FAILED') AS retried
      FROM payments`)
    expect(num(row, 'failed')).toBeGreaterThan(0.02)
    expect(num(row, 'failed')).toBeLessThan(0.06)
    expect(num(row, 'reversed')).toBeGreaterThan(0.001)
    expect(num(row, 'reversed')).toBeLessThan(0.005)
    expect(num(row, 'retried')).toBeGreaterThan(0.6)
  })

  it('encodes the rollout: first regions from the campaign start, the rest later; the manifest ATT adds up', async () => {
    const rows = await sample.rows(`
      WITH s AS (SELECT user_id, ${LOCAL_DAY} AS d FROM payments WHERE status = 'SUCCESS')
      SELECT u.country, u.region IN ('IN-KA', 'BR-MG') AS first, min(rollout_start)::VARCHAR AS first_start, max(rollout_start)::VARCHAR AS last_start,
             count(DISTINCT u.user_id) AS users, count(s.d) FILTER (WHERE s.d >= 28 AND s.d < 70) / count(DISTINCT u.user_id) AS payments42
      FROM users u LEFT JOIN s USING (user_id) WHERE u.study = 'rollout' GROUP BY ALL`)
    for (const country of COUNTRIES) {
      const first = rows.find((r) => r.country === country && r.first === true)
      const rest = rows.find((r) => r.country === country && r.first === false)
      const m = sample.manifest.rollout[country]
      expect([first?.first_start, first?.last_start]).toEqual(['2024-09-02', '2024-09-02'])
      expect([rest?.first_start, rest?.last_start]).toEqual(['2024-10-14', '2024-10-14'])
      expect(m.firstRegionUsers).toBe(num(first, 'users'))
      expect(m.attFirstRegion42d.paymentsPerUser).toBeGreaterThan(0)
      // observed = untreated potential outcome + effect, for the same users
      expect(m.attFirstRegion42d.untreatedPaymentsPerUser + m.attFirstRegion42d.paymentsPerUser).toBeCloseTo(num(first, 'payments42'), 3)
    }
  })
})
