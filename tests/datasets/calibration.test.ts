// The generated sample against real references: PhonePe Pulse 2024 (P2P vs merchant share of
// count, average tickets), DOMAIN.md §3 medians, rail limits, seasonality; and the canonical schema.
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSample, LOCAL_DAY, num, type Row, type Sample } from './sampleData'

const PULSE = fileURLToPath(new URL('../../datasets/reference/phonepe_pulse_aggregated_transaction.csv', import.meta.url))

/** Tolerances (also stated in datasets/README.md, "Calibration"). */
const SHARE_PP = 2.5 // percentage points of count share
const MEAN_REL = 0.1 // relative error of an average ticket
const MEDIAN_REL = 0.05 // relative error of a median

let sample: Sample
let pulse: Row
const byKind = new Map<string, Row>()

beforeAll(async () => {
  sample = await generateSample({ users: 20_000 }, 'calibration')
  // Reference figures straight from the bundled PhonePe file: national rows of 2024.
  const [reference] = await sample.rows(`
    WITH t AS (SELECT transaction_type AS type, sum(transaction_count) AS n, sum(transaction_amount_inr) AS v
               FROM read_csv('${PULSE}', header = true) WHERE state = 'india' AND year = 2024 GROUP BY ALL)
    SELECT sum(n) FILTER (WHERE type = 'Merchant payments') / sum(n) AS merchant_share,
           sum(n) FILTER (WHERE type = 'Peer-to-peer payments') / sum(n) AS p2p_share,
           sum(v) FILTER (WHERE type = 'Peer-to-peer payments') / sum(n) FILTER (WHERE type = 'Peer-to-peer payments') AS p2p_ticket,
           sum(v) FILTER (WHERE type = 'Merchant payments') / sum(n) FILTER (WHERE type = 'Merchant payments') AS merchant_ticket
    FROM t`)
  pulse = reference ?? {}
  const kinds = await sample.rows(`
    SELECT country, kind, count(*) AS n, count(*) / sum(count(*)) OVER (PARTITION BY country) AS share,
           avg(amount)::DOUBLE AS mean, median(amount)::DOUBLE AS median, min(amount)::DOUBLE AS min, max(amount)::DOUBLE AS max
    FROM payments WHERE status = 'SUCCESS' GROUP BY country, kind`)
  for (const row of kinds) byKind.set(`${String(row.country)} ${String(row.kind)}`, row)
}, 60_000)

afterAll(() => sample?.close())

describe('reference figures from the PhonePe Pulse file', () => {
  it('match the figures quoted in SOURCES.md (merchant 60.8 %, P2P 33.4 %, ₹2,914, ₹463)', () => {
    expect(num(pulse, 'merchant_share')).toBeCloseTo(0.608, 3)
    expect(num(pulse, 'p2p_share')).toBeCloseTo(0.334, 3)
    expect(num(pulse, 'p2p_ticket')).toBeCloseTo(2914, -1)
    expect(num(pulse, 'merchant_ticket')).toBeCloseTo(463, 0)
  })
})

describe('India against PhonePe Pulse 2024', () => {
  it(`has P2P and merchant shares of successful payments within ±${SHARE_PP} pp`, () => {
    expect(Math.abs(100 * (num(byKind.get('IN P2P'), 'share') - num(pulse, 'p2p_share')))).toBeLessThan(SHARE_PP)
    expect(Math.abs(100 * (num(byKind.get('IN P2M'), 'share') - num(pulse, 'merchant_share')))).toBeLessThan(SHARE_PP)
  })

  it(`has average P2P and P2M tickets within ±${100 * MEAN_REL} %`, () => {
    expect(Math.abs(num(byKind.get('IN P2P'), 'mean') / num(pulse, 'p2p_ticket') - 1)).toBeLessThan(MEAN_REL)
    expect(Math.abs(num(byKind.get('IN P2M'), 'mean') / num(pulse, 'merchant_ticket') - 1)).toBeLessThan(MEAN_REL)
  })
})

describe('amount shapes of DOMAIN.md §3', () => {
  it.each([['IN P2M', 125], ['IN P2P', 350], ['BR P2P', 60]])(`%s median is within ±${100 * MEDIAN_REL} %% of %d`, (key, median) => {
    expect(Math.abs(num(byKind.get(key), 'median') / median - 1)).toBeLessThan(MEDIAN_REL)
  })

  it('clips at the rail limits (UPI ₹1 lakh, Pix cap R$20,000) and never goes below ₹1 / R$0.01', () => {
    for (const [key, row] of byKind) {
      const [country] = key.split(' ')
      expect(num(row, 'max')).toBeLessThanOrEqual(country === 'IN' ? 100_000 : 20_000)
      expect(num(row, 'min')).toBeGreaterThanOrEqual(country === 'IN' ? 1 : 0.01)
    }
  })

  it('has Brazil P2P ≈ 48 % of count with a ticket near R$270 (BCB)', () => {
    expect(Math.abs(100 * num(byKind.get('BR P2P'), 'share') - 48)).toBeLessThan(SHARE_PP)
    expect(Math.abs(num(byKind.get('BR P2P'), 'mean') / 270 - 1)).toBeLessThan(0.12)
  })
})

describe('activity and seasonality', () => {
  it('has monthly first-payment rates of never-paid control users in the §3 ranges (IN 1–3 %, BR 0.5–2 %)', async () => {
    const rows = await sample.rows(`
      WITH s AS (SELECT user_id, ${LOCAL_DAY} AS d FROM payments WHERE status = 'SUCCESS'),
      per AS (SELECT u.country, u.user_id, count(s.d) FILTER (WHERE s.d < 28) AS pre, count(s.d) FILTER (WHERE s.d >= 28 AND s.d < 56) AS camp
              FROM users u LEFT JOIN s USING (user_id) WHERE u.arm = 'control' GROUP BY ALL)
      SELECT country, avg((camp > 0)::INTEGER) AS rate FROM per WHERE pre = 0 GROUP BY ALL`)
    const rate = (c: string) => num(rows.find((r) => r.country === c), 'rate')
    expect(rate('IN')).toBeGreaterThan(0.01)
    expect(rate('IN')).toBeLessThan(0.035) // includes lapsed payers returning, see README
    expect(rate('BR')).toBeGreaterThan(0.005)
    expect(rate('BR')).toBeLessThan(0.025)
  })

  it('pays more P2P and bills on month-start days and more at merchants on Fridays and Saturdays', async () => {
    const [row] = await sample.rows(`
      WITH d AS (SELECT ${LOCAL_DAY} AS d, kind FROM payments WHERE status = 'SUCCESS' AND country = 'IN'),
      days AS (SELECT d, DATE '2024-08-05' + d::INTEGER AS day, count(*) FILTER (WHERE kind <> 'P2M') AS p2p_bill,
                      count(*) FILTER (WHERE kind = 'P2M') AS p2m FROM d WHERE d BETWEEN 0 AND 27 OR d >= 56 GROUP BY ALL)
      SELECT avg(p2p_bill) FILTER (WHERE dayofmonth(day) <= 5) / avg(p2p_bill) FILTER (WHERE dayofmonth(day) > 5) AS month_start,
             avg(p2m) FILTER (WHERE isodow(day) IN (5, 6)) / avg(p2m) FILTER (WHERE isodow(day) IN (2, 3, 4)) AS weekend
      FROM days`)
    expect(num(row, 'month_start')).toBeGreaterThan(1.1)
    expect(num(row, 'weekend')).toBeGreaterThan(1.03)
  })
})
