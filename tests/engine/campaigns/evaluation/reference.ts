// A plain reference of the evaluation aggregates: loops over the rows of a rewards table, written
// from the DTO's doc comments without any of the engine's code (no SQL, no shared helpers).
import type {
  BreakdownRow,
  CountryCost,
  DailyCost,
  DailyPayout,
  RewardPerUser,
  TopUser,
  BudgetBurnPoint,
} from '../../../../common/domain/campaignResult'
import type { RewardRow } from './rewardsTable'

export interface ReferenceCampaign {
  breakageRate: number
  budget: { amount: number; currency: string } | null
}

export interface ReferenceEvaluation {
  countries: CountryCost[]
  accruedUsd: string | null
  usdNote: string | null
  daily: DailyCost[]
  payouts: DailyPayout[]
  burn: BudgetBurnPoint[] | null
  breakdowns: BreakdownRow[]
  rewardPerUser: RewardPerUser[]
  topUsers: TopUser[]
  rewardedPayments: number
  rewardedUsers: number
  budgetSpent: string | null
  exhaustedAt: string | null
}

const cents = (c: bigint): string => {
  const sign = c < 0n ? '-' : ''
  const a = c < 0n ? -c : c
  return `${sign}${a / 100n}.${String(a % 100n).padStart(2, '0')}`
}
const sum = (xs: readonly bigint[]): bigint => xs.reduce((a, b) => a + b, 0n)
/** a / b half-up for a ≥ 0, b > 0: the quotient, plus one when the remainder is at least half of b. */
const halfUp = (a: bigint, b: bigint): bigint => (2n * (a % b) >= b ? a / b + 1n : a / b)
const keepAfterBreakage = (c: bigint, rate: number): bigint => halfUp(c * BigInt(10_000 - Math.round(rate * 10_000)), 10_000n)
const usdCents = (r: RewardRow): bigint => BigInt(Math.round(r.rewardCents * (r.usdLocal ?? Number.NaN)))
const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const r of rows) {
    const k = key(r)
    out.set(k, [...(out.get(k) ?? []), r])
  }
  return new Map([...out.entries()].sort(([a], [b]) => byKey(a, b)))
}

const countryKey = (r: RewardRow): string => `${r.country}|${r.currency}`
const rewarded = (rows: readonly RewardRow[]): RewardRow[] => rows.filter((r) => r.rewardCents > 0)
const usdOf = (rows: readonly RewardRow[]): string | null =>
  rewarded(rows).some((r) => r.usdLocal === null) ? null : cents(sum(rewarded(rows).map(usdCents)))
const users = (rows: readonly RewardRow[]): number => new Set(rewarded(rows).map((r) => r.userId)).size

const DIMENSIONS = [
  ['country', (r: RewardRow) => r.country],
  ['rail', (r: RewardRow) => r.rail],
  ['kind', (r: RewardRow) => r.kind],
  ['region', (r: RewardRow) => r.region],
  ['arm', (r: RewardRow) => r.arm],
  ['entry_method', (r: RewardRow) => r.entryMethod],
] as const

/** k-th smallest with k = max(1, ⌈p·n/100⌉) (nearest rank). */
function nearestRank(sorted: readonly bigint[], p: number): bigint {
  const k = Math.max(1, Math.ceil((p * sorted.length) / 100))
  return sorted[k - 1] ?? 0n
}

function bins(totals: readonly bigint[]): RewardPerUser['bins'] {
  const distinct = [...new Set(totals)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  if (distinct.length <= 20) return distinct.map((v) => ({ from: cents(v), to: cents(v), users: totals.filter((t) => t === v).length }))
  const min = distinct[0] ?? 0n
  const max = distinct[distinct.length - 1] ?? 0n
  const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b
  const edges = Array.from({ length: 21 }, (_, i) => (i === 20 ? max : min + ceilDiv(BigInt(i) * (max - min), 20n)))
  return Array.from({ length: 20 }, (_, i) => {
    const from = edges[i] ?? 0n
    const to = edges[i + 1] ?? 0n
    const inBin = totals.filter((t) => t >= from && (i === 19 ? t <= to : t < to)).length
    return { from: cents(from), to: cents(to), users: inBin }
  })
}

export function referenceEvaluation(rows: readonly RewardRow[], campaign: ReferenceCampaign): ReferenceEvaluation {
  const hasBudget = campaign.budget !== null
  const budgetOf = (rs: readonly RewardRow[]): string | null => (hasBudget ? cents(sum(rs.map((r) => BigInt(r.budgetSpentCents ?? 0)))) : null)

  const countries = [...groupBy(rows, countryKey).values()].map((rs): CountryCost => {
    const first = rs[0] as RewardRow
    const accrued = sum(rs.map((r) => BigInt(r.rewardCents)))
    const n = rewarded(rs).length
    return {
      country: first.country,
      currency: first.currency,
      candidatePayments: rs.length,
      rewardedPayments: n,
      rewardedUsers: users(rs),
      accrued: cents(accrued),
      clawedBack: cents(sum(rs.filter((r) => r.clawedBack).map((r) => BigInt(r.accruedCents)))),
      paidCash: cents(keepAfterBreakage(accrued, campaign.breakageRate)),
      averageReward: n === 0 ? null : cents(halfUp(accrued, BigInt(n))),
      budgetSpent: budgetOf(rs),
      accruedUsd: usdOf(rs),
    }
  })

  const daily = [...groupBy(rows, (r) => `${countryKey(r)}|${r.localDate}`).values()].map((rs): DailyCost => {
    const first = rs[0] as RewardRow
    return {
      country: first.country,
      currency: first.currency,
      date: first.localDate,
      rewardedPayments: rewarded(rs).length,
      accrued: cents(sum(rs.map((r) => BigInt(r.rewardCents)))),
      budgetSpent: budgetOf(rs),
    }
  })

  const payouts = [...groupBy(rewarded(rows), (r) => `${countryKey(r)}|${r.payoutLocalDate}`).values()].map((rs): DailyPayout => {
    const first = rs[0] as RewardRow
    const amount = sum(rs.map((r) => BigInt(r.rewardCents)))
    return {
      country: first.country,
      currency: first.currency,
      date: first.payoutLocalDate,
      payments: rs.length,
      amount: cents(amount),
      expectedCash: cents(keepAfterBreakage(amount, campaign.breakageRate)),
    }
  })

  let running = 0n
  const burn = hasBudget
    ? [...groupBy(rows, (r) => r.localDate).entries()].map(([date, rs]): BudgetBurnPoint => {
        const spent = sum(rs.map((r) => BigInt(r.budgetSpentCents ?? 0)))
        running += spent
        return { date, spent: cents(spent), cumulative: cents(running) }
      })
    : null

  const breakdowns: BreakdownRow[] = []
  for (const [dimension, value] of DIMENSIONS) {
    for (const rs of groupBy(rewarded(rows), countryKey).values()) {
      const first = rs[0] as RewardRow
      const byValue = new Map<string | null, RewardRow[]>()
      for (const r of rs) {
        const v = value(r) === '' ? null : value(r)
        byValue.set(v, [...(byValue.get(v) ?? []), r])
      }
      const group = [...byValue.entries()].map(([v, vs]): BreakdownRow => ({
        dimension,
        value: v,
        country: first.country,
        currency: first.currency,
        rewardedPayments: vs.length,
        rewardedUsers: users(vs),
        accrued: cents(sum(vs.map((r) => BigInt(r.rewardCents)))),
        accruedUsd: usdOf(vs),
      }))
      group.sort((a, b) => {
        const diff = BigInt(b.accrued.replace('.', '')) - BigInt(a.accrued.replace('.', ''))
        if (diff !== 0n) return diff > 0n ? 1 : -1
        if (a.value === null) return 1
        if (b.value === null) return -1
        return byKey(a.value, b.value)
      })
      breakdowns.push(...group)
    }
  }

  const rewardPerUser: RewardPerUser[] = []
  const topUsers: TopUser[] = []
  for (const rs of groupBy(rewarded(rows), countryKey).values()) {
    const first = rs[0] as RewardRow
    const perUser = new Map<string, { total: bigint; payments: number }>()
    for (const r of rs) {
      const u = perUser.get(r.userId) ?? { total: 0n, payments: 0 }
      perUser.set(r.userId, { total: u.total + BigInt(r.rewardCents), payments: u.payments + 1 })
    }
    const totals = [...perUser.values()].map((u) => u.total).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    rewardPerUser.push({
      country: first.country,
      currency: first.currency,
      users: totals.length,
      mean: cents(halfUp(sum(totals), BigInt(totals.length))),
      p50: cents(nearestRank(totals, 50)),
      p90: cents(nearestRank(totals, 90)),
      p99: cents(nearestRank(totals, 99)),
      max: cents(totals[totals.length - 1] ?? 0n),
      bins: bins(totals),
    })
    const ranked = [...perUser.entries()].sort(([ua, a], [ub, b]) => (a.total !== b.total ? (b.total > a.total ? 1 : -1) : byKey(ua, ub)))
    for (const [userId, u] of ranked.slice(0, 10)) {
      topUsers.push({ country: first.country, currency: first.currency, userId, rewardedPayments: u.payments, reward: cents(u.total) })
    }
  }

  const missing = rewarded(rows).filter((r) => r.usdLocal === null)
  const firstMissing = [...groupBy(missing, (r) => `${r.ts.slice(0, 10)}|${r.currency}`).entries()][0]
  let usdNote: string | null = null
  if (firstMissing !== undefined) {
    const [key, ms] = firstMissing
    const [date, currency] = key.split('|')
    usdNote = `No FX rate for ${currency} on ${date} (${ms.length} ${ms.length === 1 ? 'payment' : 'payments'})`
    usdNote += ms.length === missing.length ? '.' : `; ${missing.length} rewarded payments lack an FX rate in all.`
  }

  const reached = rows.filter((r) => r.budgetReached).map((r) => r.ts).sort(byKey)[0]
  return {
    countries,
    accruedUsd: usdOf(rows),
    usdNote,
    daily,
    payouts,
    burn,
    breakdowns,
    rewardPerUser,
    topUsers,
    rewardedPayments: rewarded(rows).length,
    rewardedUsers: users(rows),
    budgetSpent: budgetOf(rows),
    exhaustedAt: reached === undefined ? null : new Date(`${reached.replace(' ', 'T')}Z`).toISOString(),
  }
}
