// Payment rows: expand user-day counts into attempts with kind, time, amount, rail, entry method,
// counterparty, category and status, plus FAILED attempts that precede retried payments. Layer: datasets.
import { AMOUNT, RAIL_CAP, RAIL_MIN, TOKEN_AMOUNTS, TOKENS_PER_GAMER } from './amounts'
import { BY_SCHEDULE } from './calendarFactors'
import { CALENDAR } from './calendar'
import { BILL_CATEGORY, MERCHANT_CATEGORY, POOL } from './channels'
import { COUNTRIES, FIRST_PAYMENT_RETRY_FAILURE, type Kind, KINDS, PROFILE } from './countries'
import { activitySelect } from './activitySql'
import { BUCKETS } from './lookupTables'
import { chunked, list, lookup, num } from './sqlText'
import { perCountry } from './usersSql'

/** Codes: kind ki = index in KINDS; source si: 0 adoption, 1 organic, 2 program extra, 3 token, 4 reversed, 5 abandoned. */
const ck = 'ci * 3 + ki'
const byKind = (f: (c: (typeof COUNTRIES)[number], k: Kind) => number) => `${list(COUNTRIES.flatMap((c) => KINDS.map((k) => f(c, k))))}[${ck} + 1]`
const rowHash = (j: string) => `hash(xor(base, (100000 + d * 1024 + ${j})::UBIGINT))`
/** Rounding steps for "nice" amounts below 100, below 1,000 and above. */
const STEPS = { IN: [10, 50, 100], BR: [5, 10, 50] } as const

/**
 * P2P: one of the payer's own contacts (Zipf-like reuse of a contact book); program extras go to
 * new contacts, tokens to three distinct new ones. P2M: a merchant of the payer's region; BILL: a
 * national biller; both with log-uniform (Zipf-like) popularity.
 */
const COUNTERPARTY = `CASE ki
  WHEN 0 THEN 'C' || (10000000 + hash(xor(base, (50000 + CASE si WHEN 3 THEN 1000 + tok_i
       WHEN 2 THEN contacts + 1 + floor(draw(rh, 9) * 500) ELSE floor(exp(draw(rh, 9) * ln(contacts + 1))) END)::UBIGINT)) % 90000000)::VARCHAR
  WHEN 1 THEN 'M' || replace(region, '-', '') || (100000 + floor(exp(draw(rh, 9) * ln(${POOL.merchantsPerRegion + 1})))::BIGINT)::VARCHAR
  ELSE 'B' || country_code || (10000 + floor(exp(draw(rh, 9) * ln(${POOL.billersPerCountry + 1})))::BIGINT)::VARCHAR END`

const kindCut = (lo: string, hi: string) => `CASE WHEN u1 < ${lo} THEN 0 WHEN u1 < ${hi} THEN 1 ELSE 2 END`

export function paymentsStatements(users: number): string[] {
  const firstKind = lookup('u1', COUNTRIES.map((c) => KINDS.map((k, i) => [i, PROFILE[c].firstPaymentMix[k]] as const)), 'ci')
  const rounded = `CASE WHEN ur < ${byKind((c, k) => AMOUNT[c][k].nice)} THEN round(x / step) * step
                        WHEN ur < ${byKind((c, k) => AMOUNT[c][k].nice + AMOUNT[c][k].whole)} THEN round(x) ELSE round(x, 2) END`
  return [
    ...chunked('ud', users, (range) => `SELECT * FROM (${activitySelect(true, range)}) WHERE n_adopt + n_org + n_rev + n_fail + n_extra > 0`),
    // Gaming users make their token payments on their first paying day inside the program window.
    `CREATE OR REPLACE TABLE tok AS
     SELECT ud.idx, min(ud.d) AS d FROM ud JOIN u USING (idx)
     WHERE ud.in_window AND ud.n_adopt + ud.n_org + ud.n_extra > 0 AND u.gamer_u < ${list(BY_SCHEDULE.gamerShare)}[u.schedule + 1]
     GROUP BY ud.idx`,
    `CREATE OR REPLACE TABLE pay0 AS
     WITH e AS (
       SELECT x.*, unnest(range(n_adopt + n_org + n_extra + n_tok + n_rev + n_fail)) AS j
       FROM (SELECT ud.*, CASE WHEN t.idx IS NULL THEN 0 ELSE ${TOKENS_PER_GAMER} END AS n_tok
             FROM ud LEFT JOIN tok t ON t.idx = ud.idx AND t.d = ud.d) x),
     s AS (
       SELECT idx, base, ci, d, target_p2p, cut_p2p, cut_p2m, rcut_p2p, rcut_p2m, ${rowHash('j')} AS rh,
              CASE WHEN j < n_adopt THEN 0 WHEN j < n_adopt + n_org THEN 1 WHEN j < n_adopt + n_org + n_extra THEN 2
                   WHEN j < n_adopt + n_org + n_extra + n_tok THEN 3 WHEN j < n_adopt + n_org + n_extra + n_tok + n_rev THEN 4
                   ELSE 5 END AS si,
              j - (n_adopt + n_org + n_extra) AS tok_i
       FROM e),
     k AS (
       SELECT *, CASE si WHEN 0 THEN ${firstKind} WHEN 2 THEN 1 - target_p2p WHEN 3 THEN 0
                         WHEN 4 THEN ${kindCut('rcut_p2p', 'rcut_p2m')} ELSE ${kindCut('cut_p2p', 'cut_p2m')} END AS ki,
              CASE WHEN si = 3 THEN ${rowHash('0')} ELSE rh END AS th  -- tokens follow the day's first payment
       FROM (SELECT *, draw(rh, 1) AS u1 FROM s)),
     a AS (
       SELECT k.*, uu.user_id, uu.region, uu.contacts, ${list(COUNTRIES)}[k.ci + 1] AS country_code,
              CASE WHEN k.si IN (2, 3) THEN ${list(COUNTRIES.map((c) => (c === 'IN' ? 'UPI' : 'PIX')))}[k.ci + 1] ELSE ch.rail END AS rail,
              CASE WHEN k.si IN (2, 3) THEN CASE k.ki WHEN 0 THEN 'CONTACT' ELSE 'QR' END ELSE ch.entry_method END AS entry_method,
              h.hour * 3600 + floor(draw(th, 3) * 3600)::INTEGER AS sec
       FROM k JOIN (SELECT idx, user_id, region, contacts FROM u) uu USING (idx)
       JOIN chan ch ON ch.ck = k.ci * 3 + k.ki AND ch.b = floor(draw(k.rh, 7) * ${BUCKETS})::INTEGER
       JOIN hour_lut h ON h.ci = k.ci AND h.b = floor(draw(k.th, 2) * ${BUCKETS})::INTEGER),
     a2 AS (
       SELECT *, exp(${byKind((c, kk) => Math.log(AMOUNT[c][kk].median))} + ${byKind((c, kk) => AMOUNT[c][kk].sigma)} * gauss(rh, 4)) AS x,
              draw(rh, 6) AS ur
       FROM a),
     b AS (
       SELECT a2.*, ${COUNTERPARTY} AS counterparty_id,
              least(86399, sec + CASE WHEN si = 3 THEN (tok_i + 1) * (60 + floor(draw(rh, 3) * 240)) ELSE 0 END)::INTEGER AS sod,
              CASE WHEN x < 100 THEN ${perCountry((c) => STEPS[c][0])} WHEN x < 1000 THEN ${perCountry((c) => STEPS[c][1])}
                   ELSE ${perCountry((c) => STEPS[c][2])} END AS step
       FROM a2)
     SELECT idx, user_id,
            TIMESTAMP '${CALENDAR.preStart} 00:00:00' + to_days(d::INTEGER) - to_minutes(${perCountry((c) => PROFILE[c].utcOffsetMinutes)})
              + to_seconds(sod) AS ts,
            (CASE WHEN si = 3 THEN ${lookup('ur', COUNTRIES.map((c) => TOKEN_AMOUNTS[c]), 'ci')}
                  ELSE greatest(${perCountry((c) => RAIL_MIN[c])}, least(${perCountry((c) => RAIL_CAP[c])}, ${rounded})) END)::DECIMAL(18, 2) AS amount,
            ${perCountry((c) => PROFILE[c].currency)} AS currency, ${perCountry((c) => c)} AS country, rail,
            ${list(KINDS)}[ki + 1] AS kind,
            CASE si WHEN 4 THEN 'REVERSED' WHEN 5 THEN 'FAILED' ELSE 'SUCCESS' END AS status,
            counterparty_id, region, entry_method,
            CASE ki WHEN 1 THEN ${lookup('u01(hash(counterparty_id))', [MERCHANT_CATEGORY], '0')}
                    WHEN 2 THEN ${lookup('u01(hash(counterparty_id))', COUNTRIES.map((c) => BILL_CATEGORY[c]), 'ci')} END AS merchant_category,
            rh AS sk, si <> 5 AND draw(rh, 10) < CASE WHEN si = 0 THEN ${num(FIRST_PAYMENT_RETRY_FAILURE)}
                                                       ELSE ${perCountry((c) => PROFILE[c].retryFailure)} END AS retry,
            least(sod, 20 + floor(draw(rh, 11) * 580))::INTEGER AS retry_gap  -- stays on the same local day
     FROM b`,
    `DROP TABLE ud`,
    `DROP TABLE tok`,
    // A retried payment is preceded by a FAILED attempt with the same details, 20 s – 10 min earlier.
    // Ids follow (user, ts): a per-user row number plus the user's offset (a global window is single-threaded).
    `CREATE OR REPLACE TABLE payments AS
     SELECT o.off + row_number() OVER (PARTITION BY p.idx ORDER BY p.ts, p.sk) AS seq, p.* EXCLUDE (sk) FROM (
       SELECT * EXCLUDE (retry, retry_gap) FROM pay0
       UNION ALL BY NAME
       SELECT * EXCLUDE (retry, retry_gap, ts, status, sk), ts - to_seconds(retry_gap) AS ts, 'FAILED' AS status, xor(sk, 1::UBIGINT) AS sk
       FROM pay0 WHERE retry) p
     JOIN (SELECT idx, sum(n) OVER (ORDER BY idx ROWS UNBOUNDED PRECEDING) - n AS off
           FROM (SELECT idx, count(*) + count(*) FILTER (WHERE retry) AS n FROM pay0 GROUP BY idx)) o USING (idx)`,
    `DROP TABLE pay0`,
  ]
}
