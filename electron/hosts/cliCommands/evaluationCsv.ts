// The tables of a campaign evaluation as CSV (for `evaluate --csv --table T`). Money stays the
// exact decimal text the engine computed. Layer: electron/hosts.
import type { CampaignEvaluation } from '../../../common/domain/campaignResult'
import { toCsv, type CsvCell } from '../../../common/format/csv'

export const EVALUATION_TABLES = ['countries', 'daily', 'payouts', 'breakdowns', 'users', 'top', 'funnel'] as const
export type EvaluationTable = (typeof EVALUATION_TABLES)[number]

export function isEvaluationTable(name: unknown): name is EvaluationTable {
  return typeof name === 'string' && (EVALUATION_TABLES as readonly string[]).includes(name)
}

/** Money text as a CSV number cell (spreadsheets then sum it), or empty for null. */
const num = (money: string | null): CsvCell => (money === null ? null : Number(money))

export function evaluationCsv(e: CampaignEvaluation, table: EvaluationTable): string {
  switch (table) {
    case 'countries':
      return toCsv(
        ['country', 'currency', 'candidate_payments', 'rewarded_payments', 'rewarded_users', 'accrued', 'clawed_back', 'paid_cash', 'average_reward', 'budget_spent', 'accrued_usd'],
        e.countries.map((c) => [c.country, c.currency, c.candidatePayments, c.rewardedPayments, c.rewardedUsers, num(c.accrued), num(c.clawedBack), num(c.paidCash), num(c.averageReward), num(c.budgetSpent), num(c.accruedUsd)]),
      )
    case 'daily':
      return toCsv(['date', 'country', 'currency', 'rewarded_payments', 'accrued', 'budget_spent'], e.daily.map((d) => [d.date, d.country, d.currency, d.rewardedPayments, num(d.accrued), num(d.budgetSpent)]))
    case 'payouts':
      return toCsv(['date', 'country', 'currency', 'payments', 'amount', 'expected_cash'], e.payouts.map((p) => [p.date, p.country, p.currency, p.payments, num(p.amount), num(p.expectedCash)]))
    case 'breakdowns':
      return toCsv(
        ['dimension', 'value', 'country', 'currency', 'rewarded_payments', 'rewarded_users', 'accrued', 'accrued_usd'],
        e.breakdowns.map((b) => [b.dimension, b.value, b.country, b.currency, b.rewardedPayments, b.rewardedUsers, num(b.accrued), num(b.accruedUsd)]),
      )
    case 'users':
      return toCsv(
        ['country', 'currency', 'from', 'to', 'users'],
        e.rewardPerUser.flatMap((r) => r.bins.map((b) => [r.country, r.currency, num(b.from), num(b.to), b.users] as CsvCell[])),
      )
    case 'top':
      return toCsv(['country', 'currency', 'user_id', 'rewarded_payments', 'reward'], e.topUsers.map((u) => [u.country, u.currency, u.userId, u.rewardedPayments, num(u.reward)]))
    case 'funnel':
      return toCsv(['rule', 'label', 'remaining', 'removed'], e.funnel.map((f) => [f.rule, f.label, f.remaining, f.removed]))
    default: {
      const unknown: never = table
      throw new Error(`Unknown table ${String(unknown)}`)
    }
  }
}
