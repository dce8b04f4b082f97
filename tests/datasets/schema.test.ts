// The generated files follow the canonical model of DOMAIN.md §4: column names, types and domains.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSample, num, type Sample } from './sampleData'

let sample: Sample

beforeAll(async () => {
  sample = await generateSample({ users: 3_000 }, 'schema')
}, 60_000)

afterAll(() => sample?.close())

async function types(table: string): Promise<Record<string, string>> {
  const rows = await sample.rows(`DESCRIBE ${table}`)
  return Object.fromEntries(rows.map((r) => [String(r.column_name), String(r.column_type)]))
}

describe('canonical schema', () => {
  it('payments: ids VARCHAR, ts TIMESTAMP (UTC), amount DECIMAL(18,2), codes VARCHAR', async () => {
    expect(await types('payments')).toEqual({
      payment_id: 'VARCHAR', user_id: 'VARCHAR', ts: 'TIMESTAMP', amount: 'DECIMAL(18,2)', currency: 'VARCHAR',
      country: 'VARCHAR', rail: 'VARCHAR', kind: 'VARCHAR', status: 'VARCHAR', counterparty_id: 'VARCHAR',
      region: 'VARCHAR', entry_method: 'VARCHAR', merchant_category: 'VARCHAR',
    })
  })

  it('users and fx_rates have the documented columns and types', async () => {
    expect(await types('users')).toEqual({
      user_id: 'VARCHAR', country: 'VARCHAR', region: 'VARCHAR', signup_ts: 'TIMESTAMP', arm: 'VARCHAR',
      assigned_ts: 'TIMESTAMP', study: 'VARCHAR', rollout_start: 'DATE', age_band: 'VARCHAR', platform: 'VARCHAR',
    })
    expect(await types('fx_rates')).toEqual({ date: 'DATE', currency: 'VARCHAR', usd_per_unit: 'DOUBLE' })
  })

  it('uses only the canonical codes, consistently per country', async () => {
    const [row] = await sample.rows(`
      SELECT count(*) FILTER (WHERE country NOT IN ('IN', 'BR')) AS bad_country,
             count(*) FILTER (WHERE currency <> CASE country WHEN 'IN' THEN 'INR' ELSE 'BRL' END) AS bad_currency,
             count(*) FILTER (WHERE rail NOT IN (CASE country WHEN 'IN' THEN 'UPI' ELSE 'PIX' END, 'CARD', 'OTHER')) AS bad_rail,
             count(*) FILTER (WHERE kind NOT IN ('P2P', 'P2M', 'BILL')) AS bad_kind,
             count(*) FILTER (WHERE status NOT IN ('SUCCESS', 'FAILED', 'REVERSED')) AS bad_status,
             count(*) FILTER (WHERE entry_method NOT IN ('CONTACT', 'QR', 'UPI_ID', 'COLLECT', 'PIX_KEY', 'BILLER', 'CARD')) AS bad_entry,
             count(*) FILTER (WHERE NOT starts_with(region, country || '-')) AS bad_region,
             count(*) FILTER (WHERE (merchant_category IS NULL) <> (kind = 'P2P')) AS bad_category,
             count(*) FILTER (WHERE counterparty_id IS NULL OR payment_id IS NULL OR user_id IS NULL OR amount <= 0) AS missing,
             count(*) - count(DISTINCT payment_id) AS duplicate_ids,
             count(*) FILTER (WHERE user_id NOT IN (SELECT user_id FROM users)) AS orphans,
             count(*) FILTER (WHERE ts < TIMESTAMP '2024-08-04 18:30:00' OR ts >= TIMESTAMP '2024-10-28 03:00:00') AS out_of_range
      FROM payments`)
    for (const [key, value] of Object.entries(row ?? {})) expect(Number(value), key).toBe(0)
  })

  it('has one arm per RCT user, none for rollout users, and assignment at campaign start (local midnight)', async () => {
    const [row] = await sample.rows(`
      SELECT count(*) FILTER (WHERE study = 'rct' AND (arm NOT IN ('control', 'flat_small', 'flat_large', 'pct10') OR rollout_start IS NOT NULL)) AS bad_rct,
             count(*) FILTER (WHERE study = 'rollout' AND (arm IS NOT NULL OR assigned_ts IS NOT NULL OR rollout_start IS NULL)) AS bad_rollout,
             count(*) FILTER (WHERE study = 'rct' AND assigned_ts <> CASE country WHEN 'IN' THEN TIMESTAMP '2024-09-01 18:30:00'
                                                                                 ELSE TIMESTAMP '2024-09-02 03:00:00' END) AS bad_assigned,
             count(*) FILTER (WHERE signup_ts >= TIMESTAMP '2024-08-05 00:00:00') AS late_signup,
             count(*) - count(DISTINCT user_id) AS duplicate_ids
      FROM users`)
    for (const [key, value] of Object.entries(row ?? {})) expect(Number(value), key).toBe(0)
  })

  it('follows the §3 FX paths (₹83.2 → ₹85.6, R$4.85 → R$6.18 per US$)', async () => {
    const rows = await sample.rows(`SELECT currency, strftime(date, '%Y-%m-%d') AS day, 1 / usd_per_unit AS local_per_usd FROM fx_rates
                                    WHERE date IN (DATE '2024-01-01', DATE '2024-12-31', DATE '2025-01-31')`)
    const rate = (currency: string, day: string) => num(rows.find((r) => r.currency === currency && r.day === day), 'local_per_usd')
    expect(rate('INR', '2024-01-01')).toBeCloseTo(83.2, 1)
    expect(rate('INR', '2025-01-31')).toBeCloseTo(85.6, 1)
    expect(rate('BRL', '2024-01-01')).toBeCloseTo(4.85, 2)
    expect(rate('BRL', '2024-12-31')).toBeCloseTo(6.18, 2)
    expect(sample.manifest.rows.fx_rates).toBe(2 * 397)
  })
})
