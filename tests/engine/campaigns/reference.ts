// A plain loop implementing DOMAIN.md §5 exactly as electron/engine/campaigns/rewardsSql.ts
// documents it (incl. payer type, account age, arms + scope, segments, per-country terms) — tests only. Integer cents (bigint) for money; FX conversion in doubles, in the
// same operation order as the SQL, rounded half-up.
import { centsToString, moneyToCents, termsFor, type Campaign, type CampaignCountry, type CampaignReward } from '../../../common/domain/campaign'
import type { CountryRewardTotals, EvaluationScope, PaymentReward, RewardsResult } from '../../../common/domain/campaignResult'

export interface RefPayment {
  paymentId: string
  userId: string
  /** Milliseconds since the epoch, UTC. */
  ts: number
  amountCents: bigint
  currency: string
  country: string
  rail: string
  kind: string
  status: string
  counterpartyId: string | null
  entryMethod: string
  region?: string | null
}

/** One users row (user ids unique); tier and state are extra columns usable as segments. */
export interface RefUser {
  userId: string
  /** Milliseconds since the epoch, UTC; null = unknown. */
  signupTs: number | null
  arm: string | null
  tier?: string | null
  state?: string | null
}

export interface RefOptions {
  users?: readonly RefUser[]
  scope?: EvaluationScope
}

/** key `${YYYY-MM-DD}|${currency}` → US dollars per unit. */
export type RefFx = ReadonlyMap<string, number>

export class RefFxMissing extends Error {
  constructor(
    readonly date: string,
    readonly currency: string,
  ) {
    super(`no FX for ${currency} on ${date}`)
  }
}

const iso = (ms: number): string => new Date(ms).toISOString()
const minBig = (a: bigint, b: bigint): bigint => (a < b ? a : b)
const byTsThenId = (a: RefPayment, b: RefPayment): number =>
  a.ts !== b.ts ? a.ts - b.ts : a.paymentId < b.paymentId ? -1 : a.paymentId > b.paymentId ? 1 : 0

function rawCents(r: CampaignReward, amount: bigint): bigint {
  if (r.type === 'flat') return moneyToCents(r.amount)
  if (r.type === 'percent') {
    if (amount <= 0n) return 0n
    const millionths = BigInt(Math.round(r.percent * 10_000))
    return (amount * millionths + 500_000n) / 1_000_000n
  }
  let value = 0n
  for (const t of r.tiers) if (amount >= moneyToCents(t.minAmount)) value = moneyToCents(t.reward)
  return value
}

function usd(fx: RefFx, date: string, currency: string): number | undefined {
  return currency === 'USD' ? 1 : fx.get(`${date}|${currency}`)
}

const DAY_MS = 86_400_000

/** Step 1 without unique counterparty: the payment rules, payer type and users rules. */
export function referenceEligible(c: Campaign, payments: readonly RefPayment[], options: RefOptions = {}): RefPayment[] {
  const start = Date.parse(c.window.start)
  const end = Date.parse(c.window.end)
  const e = c.eligibility
  const users = new Map((options.users ?? []).map((u) => [u.userId, u]))
  const arms = options.scope === 'all' ? [] : e.arms
  const priorPayers = new Set(payments.filter((p) => (p.status === 'SUCCESS' || p.status === 'REVERSED') && p.ts < start).map((p) => p.userId))
  return [...payments].sort(byTsThenId).filter((p) => {
    if (p.status !== 'SUCCESS' && p.status !== 'REVERSED') return false
    if (p.ts < start || p.ts >= end) return false
    if (!(c.countries as readonly string[]).includes(p.country)) return false
    if (e.rails.length > 0 && !(e.rails as readonly string[]).includes(p.rail)) return false
    if (e.kinds.length > 0 && !(e.kinds as readonly string[]).includes(p.kind)) return false
    if (e.entryMethods.length > 0 && !(e.entryMethods as readonly string[]).includes(p.entryMethod)) return false
    const terms = termsFor(c, p.country as CampaignCountry)
    if (terms.minAmount !== undefined && p.amountCents < moneyToCents(terms.minAmount)) return false
    if (terms.maxAmount !== undefined && p.amountCents > moneyToCents(terms.maxAmount)) return false
    if (e.payerType === 'new' && priorPayers.has(p.userId)) return false
    if (e.payerType === 'existing' && !priorPayers.has(p.userId)) return false
    const user = users.get(p.userId)
    if (e.minAccountAgeDays !== undefined && (user?.signupTs == null || p.ts - user.signupTs < e.minAccountAgeDays * DAY_MS)) return false
    if (arms.length > 0 && (user?.arm == null || !arms.includes(user.arm))) return false
    for (const segment of e.segments) {
      const value = user === undefined ? null : (user as unknown as Record<string, string | null | undefined>)[segment.column]
      if (value == null || !segment.values.includes(value)) return false
    }
    return true
  })
}

export function referenceRewards(c: Campaign, payments: readonly RefPayment[], fx: RefFx, options: RefOptions = {}): RewardsResult {
  const e = c.eligibility
  const sorted = referenceEligible(c, payments, options)

  // 1. eligibility (+ unique counterparty), 2. first N per user
  const seenCounterparty = new Set<string>()
  const perUserCount = new Map<string, number>()
  const candidates: RefPayment[] = []
  for (const p of sorted) {
    if (e.uniqueCounterparty) {
      if (p.counterpartyId === null) continue
      const key = JSON.stringify([p.userId, p.counterpartyId])
      if (seenCounterparty.has(key)) continue
      seenCounterparty.add(key)
    }
    const n = (perUserCount.get(p.userId) ?? 0) + 1
    perUserCount.set(p.userId, n)
    if (e.maxRewardedPaymentsPerUser !== undefined && n > e.maxRewardedPaymentsPerUser) continue
    candidates.push(p)
  }

  // 3–4. raw, per-payment cap, per-user cap
  const userSum = new Map<string, bigint>()
  const budgetCents = c.budget === undefined ? null : moneyToCents(c.budget.amount)
  let global = 0n
  let exhaustedAt: string | null = null
  let spentTotal = 0n
  const out: (PaymentReward & { accruedCents: bigint; rewardCents: bigint })[] = []
  for (const p of candidates) {
    const terms = termsFor(c, p.country as CampaignCountry)
    const raw = rawCents(terms.reward, p.amountCents)
    const paymentCapped = terms.perPaymentCap === undefined ? raw : minBig(raw, moneyToCents(terms.perPaymentCap))
    let userCapped = paymentCapped
    if (terms.perUserCap !== undefined) {
      // per user AND country: each country's cap is in its own currency
      const cap = moneyToCents(terms.perUserCap)
      const key = JSON.stringify([p.userId, p.country])
      const s = (userSum.get(key) ?? 0n) + paymentCapped
      userSum.set(key, s)
      userCapped = minBig(cap, s) - minBig(cap, s - paymentCapped)
    }
    // 5. budget
    let accrued = userCapped
    let spent: bigint | null = null
    if (c.budget !== undefined && budgetCents !== null) {
      const bc = c.budget.currency
      let claim = userCapped
      let usdLocal = 1
      let usdBudget = 1
      if (p.currency !== bc) {
        const date = iso(p.ts).slice(0, 10)
        const l = usd(fx, date, p.currency)
        if (l === undefined) throw new RefFxMissing(date, p.currency)
        const b = usd(fx, date, bc)
        if (b === undefined) throw new RefFxMissing(date, bc)
        usdLocal = l
        usdBudget = b
        claim = BigInt(Math.round((Number(userCapped) * usdLocal) / usdBudget))
      }
      global += claim
      spent = minBig(budgetCents, global) - minBig(budgetCents, global - claim)
      if (exhaustedAt === null && global >= budgetCents) exhaustedAt = iso(p.ts)
      if (spent === claim) accrued = userCapped
      else if (spent === 0n) accrued = 0n
      else if (p.currency === bc) accrued = spent
      else accrued = minBig(userCapped, BigInt(Math.round((Number(spent) * usdBudget) / usdLocal)))
      spentTotal += spent
    }
    // 6. clawback, payout
    const clawedBack = c.clawbackReversals && p.status === 'REVERSED'
    const reward = clawedBack ? 0n : accrued
    out.push({
      paymentId: p.paymentId,
      userId: p.userId,
      ts: iso(p.ts),
      country: p.country,
      currency: p.currency,
      amount: centsToString(p.amountCents),
      rawReward: centsToString(raw),
      accruedBeforeClawback: centsToString(accrued),
      budgetSpent: spent === null ? null : centsToString(spent),
      clawedBack,
      reward: centsToString(reward),
      payoutTs: iso(p.ts + c.payoutDelayHours * 3_600_000),
      accruedCents: accrued,
      rewardCents: reward,
    })
  }

  // totals
  const groups = new Map<string, typeof out>()
  for (const r of out) {
    const key = `${r.country}\u0000${r.currency}`
    groups.set(key, [...(groups.get(key) ?? []), r])
  }
  const keep = BigInt(10_000 - Math.round(c.breakageRate * 10_000))
  const byCountry: CountryRewardTotals[] = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, rs]) => {
      const accrued = rs.reduce((s, r) => s + r.rewardCents, 0n)
      const rewarded = rs.filter((r) => r.rewardCents > 0n)
      return {
        country: rs[0]?.country ?? '',
        currency: rs[0]?.currency ?? '',
        candidatePayments: rs.length,
        rewardedPayments: rewarded.length,
        rewardedUsers: new Set(rewarded.map((r) => r.userId)).size,
        accrued: centsToString(accrued),
        clawedBack: centsToString(rs.filter((r) => r.clawedBack).reduce((s, r) => s + r.accruedCents, 0n)),
        paidCash: centsToString((accrued * keep + 5_000n) / 10_000n),
      }
    })
  const rewarded = out.filter((r) => r.rewardCents > 0n)
  return {
    payments: out.map(({ accruedCents: _a, rewardCents: _r, ...rest }) => rest),
    totals: {
      byCountry,
      rewardedPayments: rewarded.length,
      rewardedUsers: new Set(rewarded.map((r) => r.userId)).size,
      budget:
        c.budget === undefined || budgetCents === null
          ? null
          : { currency: c.budget.currency, amount: centsToString(budgetCents), spent: centsToString(spentTotal), exhaustedAt },
    },
  }
}
