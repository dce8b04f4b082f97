// Validation of the mapped data: counts with examples for what would mislead an analysis —
// unknown codes, non-positive amounts, timestamps out of range, duplicate ids, payments of users
// missing from users, users in several arms. Layer: electron/engine.
import { CANONICAL_VALUES, type ProjectMapping, type RoleName, type ValidationCheck, type ValidationReport } from '../../../common/domain/mapping'
import type { Database } from '../db/database'
import { join, literal, raw, sql, type Sql } from '../db/sql'

interface CheckSpec {
  id: string
  role: RoleName
  severity: 'error' | 'warning'
  title: string
  /** Rows that fail, with the columns worth showing. */
  failing: Sql
}

const EXAMPLES = 5
/** UPI's per-payment limit for most payments (₹1 lakh). */
const UPI_LIMIT_INR = 100_000

function codes(field: string): Sql {
  return join((CANONICAL_VALUES[field] ?? []).map((v) => literal(v)))
}

function unknownCode(field: 'country' | 'currency' | 'rail' | 'kind' | 'status' | 'entry_method', severity: 'error' | 'warning'): CheckSpec {
  return {
    id: `unknown_${field}`,
    role: 'payments',
    severity,
    title: `${field} values that are not ${(CANONICAL_VALUES[field] ?? []).join('/')} (map them in the value table)`,
    failing: sql`SELECT payment_id, ${raw(field)} FROM canon.payments WHERE ${raw(field)} IS NOT NULL AND ${raw(field)} NOT IN (${codes(field)})`,
  }
}

function paymentChecks(hasUsers: boolean, hasArms: boolean): CheckSpec[] {
  const checks: CheckSpec[] = [
    { id: 'missing_required', role: 'payments', severity: 'error', title: 'payments without a user, time, amount or country', failing: sql`SELECT payment_id, user_id, CAST(ts AS VARCHAR) AS ts, CAST(amount AS VARCHAR) AS amount, country FROM canon.payments WHERE user_id IS NULL OR ts IS NULL OR amount IS NULL OR country IS NULL` },
    unknownCode('country', 'error'),
    unknownCode('currency', 'warning'),
    unknownCode('rail', 'warning'),
    unknownCode('kind', 'warning'),
    unknownCode('status', 'warning'),
    { id: 'non_positive_amount', role: 'payments', severity: 'warning', title: 'payments with an amount of zero or less', failing: sql`SELECT payment_id, CAST(amount AS VARCHAR) AS amount FROM canon.payments WHERE amount <= 0` },
    { id: 'sub_cent_amount', role: 'payments', severity: 'warning', title: 'amounts with fractions of a paisa/centavo (rounded to 2 decimals)', failing: sql`SELECT payment_id, CAST(amount_as_written AS VARCHAR) AS amount FROM canon.payments WHERE abs(amount_as_written - CAST(amount AS DOUBLE)) > 1e-9` },
    { id: 'above_upi_limit', role: 'payments', severity: 'warning', title: `UPI payments above the ₹${UPI_LIMIT_INR.toLocaleString('en-IN')} limit`, failing: sql`SELECT payment_id, CAST(amount AS VARCHAR) AS amount FROM canon.payments WHERE rail = 'UPI' AND currency = 'INR' AND amount > ${raw('100000')}` },
    { id: 'ts_out_of_range', role: 'payments', severity: 'warning', title: 'timestamps before 2010 or in the future', failing: sql`SELECT payment_id, CAST(written_ts AS VARCHAR) AS ts FROM canon.payments WHERE ts < TIMESTAMP '2010-01-01' OR ts > now()::TIMESTAMP + INTERVAL 1 DAY` },
    { id: 'currency_country_mismatch', role: 'payments', severity: 'warning', title: "payments whose currency is not their country's", failing: sql`SELECT payment_id, country, currency FROM canon.payments WHERE (country = 'IN' AND currency <> 'INR') OR (country = 'BR' AND currency <> 'BRL')` },
    { id: 'duplicate_payment_id', role: 'payments', severity: 'error', title: 'payment ids that appear more than once', failing: sql`SELECT payment_id, CAST(count(*) AS VARCHAR) AS times FROM canon.payments GROUP BY payment_id HAVING count(*) > 1` },
  ]
  if (hasUsers) {
    checks.push({ id: 'payment_user_missing', role: 'payments', severity: 'warning', title: 'payments whose user is not in the users dataset', failing: sql`SELECT p.payment_id, p.user_id FROM canon.payments p ANTI JOIN canon.users u ON p.user_id = u.user_id` })
  }
  if (hasArms) {
    checks.push({ id: 'user_several_arms', role: 'users', severity: 'error', title: 'users assigned to more than one arm', failing: sql`SELECT user_id, string_agg(DISTINCT arm, ', ' ORDER BY arm) AS arms FROM canon.users WHERE arm IS NOT NULL GROUP BY user_id HAVING count(DISTINCT arm) > 1` })
  }
  return checks
}

function userChecks(): CheckSpec[] {
  return [
    { id: 'user_missing_id', role: 'users', severity: 'error', title: 'users without an id', failing: sql`SELECT CAST(NULL AS VARCHAR) AS user_id FROM canon.users WHERE user_id IS NULL` },
    { id: 'user_unknown_country', role: 'users', severity: 'warning', title: 'users whose country is not IN/BR', failing: sql`SELECT user_id, country FROM canon.users WHERE country IS NOT NULL AND country NOT IN (${codes('country')})` },
  ]
}

function fxChecks(): CheckSpec[] {
  return [
    { id: 'fx_bad_rate', role: 'fx_rates', severity: 'error', title: 'exchange rates that are missing, zero or negative', failing: sql`SELECT CAST(date AS VARCHAR) AS date, currency, CAST(usd_per_unit AS VARCHAR) AS usd_per_unit FROM canon.fx_rates WHERE usd_per_unit IS NULL OR usd_per_unit <= 0 OR date IS NULL` },
    { id: 'fx_duplicate', role: 'fx_rates', severity: 'warning', title: 'more than one rate for a currency on a day', failing: sql`SELECT CAST(date AS VARCHAR) AS date, currency FROM canon.fx_rates GROUP BY ALL HAVING count(*) > 1` },
  ]
}

export async function validateMapping(db: Database, project: ProjectMapping): Promise<ValidationReport> {
  const specs: CheckSpec[] = []
  const rows: Record<string, number> = {}
  const roles = project.roles
  if (roles.payments !== undefined) specs.push(...paymentChecks(roles.users !== undefined, roles.users?.columns.arm !== undefined))
  if (roles.users !== undefined) specs.push(...userChecks())
  if (roles.fx_rates !== undefined) specs.push(...fxChecks())
  for (const role of ['payments', 'users', 'fx_rates'] as const) {
    if (roles[role] === undefined) continue
    const [row] = await db.rows(sql`SELECT count(*)::BIGINT AS n FROM canon.${raw(role)}`)
    rows[role] = Number(row?.n ?? 0)
  }
  const checks: ValidationCheck[] = []
  for (const spec of specs) {
    const [count] = await db.rows(sql`SELECT count(*)::BIGINT AS n FROM (${spec.failing})`)
    const n = Number(count?.n ?? 0)
    const examples = n === 0 ? [] : await db.rows(sql`SELECT * FROM (${spec.failing}) LIMIT ${EXAMPLES}`)
    checks.push({
      id: spec.id,
      role: spec.role,
      severity: n === 0 ? 'ok' : spec.severity,
      title: spec.title,
      count: n,
      examples: examples.map((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, v === null ? null : String(v)]))),
    })
  }
  return { checks, rows }
}
