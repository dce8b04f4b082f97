// Steps 3–7 of DOMAIN.md §5 and the campaign totals from in-memory candidates (candidateColumns.ts,
// stored user by user): the same arithmetic as rewardsSql.ts / totalsSql.ts, answering the same
// rows, so re-evaluating after a reward term changes costs one sequential loop, not a query.
// fullPass computes every row's capped reward and budget claim and sums them per (hour block,
// group) as if the budget never ran out (passKernel.ts; on large sets in two halves, one on a
// worker thread: passWorker.ts); totalsUnderBudget then counts the blocks before the one where
// the budget is reached in full, walks that block alone in (ts, payment_id) order, and drops the
// rest. A change of the budget amount reuses the last full pass. Layer: electron/engine.
// No I/O but the worker thread's messages. The property tests hold it to the reference loop and to
// the SQL, split and unsplit.
//
// Exactness: cents are integers held in doubles (exact below 2^53; a percent product beyond that
// is done in bigint); the FX conversions are the SQL's DOUBLE expressions, evaluated in the same
// order, rounded half away from zero like DuckDB's round() (claims are never negative).
import { moneyToCents, termsFor, type Campaign } from '../../../../common/domain/campaign'
import type { JsonRow } from '../../db/database'
import { percentMillionths } from '../campaignValues'
import type { CandidateColumns } from './candidateColumns'
import { FIRST_IN_GROUP, FIRST_OVERALL, passKernel, warmUpKernel, type KernelTerms, type PassSums } from './passKernel'
import { gatherScratch, runOnWorker, type RemotePass } from './passWorker'

/** The first candidate (in (ts, payment_id) order) whose conversion to the budget currency has no rate. */
export interface MissingFx {
  date: string
  currency: string
}

/** totalsSql.ts's rows (per (country, currency) and the total row), or the missing rate. */
export type RewardPassResult = { rows: JsonRow[]; missingFx: null } | { rows: null; missingFx: MissingFx }

/** Each country's terms as plain arrays indexed by the candidates' country index (step 3 and the caps). */
function kernelTerms(campaign: Campaign, currencies: number, blocks: number, budgetIndex: number, usdBudgetByDay: Float64Array | null): KernelTerms {
  const n = campaign.countries.length
  const t: KernelTerms = {
    kind: new Int8Array(n), flatCents: new Float64Array(n), millionths: new Float64Array(n), tierMin: [], tierReward: [],
    paymentCap: new Float64Array(n), userCap: new Float64Array(n),
    hasBudget: campaign.budget !== undefined, budgetIndex, usdBudgetByDay, clawback: campaign.clawbackReversals,
    countries: n, currencies, blocks,
  }
  campaign.countries.forEach((country, i) => {
    const terms = termsFor(campaign, country)
    const reward = terms.reward
    t.kind[i] = reward.type === 'flat' ? 0 : reward.type === 'percent' ? 1 : 2
    if (reward.type === 'flat') t.flatCents[i] = Number(moneyToCents(reward.amount))
    if (reward.type === 'percent') t.millionths[i] = percentMillionths(reward.percent)
    // The SQL's CASE over tiers tests them from the last one back; the first that matches wins.
    const tiers = reward.type === 'tiers' ? [...reward.tiers].reverse() : []
    t.tierMin.push(Float64Array.from(tiers, (tier) => Number(moneyToCents(tier.minAmount))))
    t.tierReward.push(Float64Array.from(tiers, (tier) => Number(moneyToCents(tier.reward))))
    t.paymentCap[i] = terms.perPaymentCap === undefined ? Number.POSITIVE_INFINITY : Number(moneyToCents(terms.perPaymentCap))
    t.userCap[i] = terms.perUserCap === undefined ? Number.NaN : Number(moneyToCents(terms.perUserCap))
  })
  return t
}

/** As DuckDB's JSON rows write a TIMESTAMP ("YYYY-MM-DD HH:MM:SS.fff"), which isoUtc reads. */
const duckdbTs = (tsUs: number): string => new Date(Math.floor(tsUs / 1000)).toISOString().replace('T', ' ').replace('Z', '')
const isoDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10)

/** What the totals rows need, per group and overall. */
interface Totals {
  accrued: Float64Array
  clawed: Float64Array
  rewardedPayments: Float64Array
  rewardedUsers: Float64Array
  spent: Float64Array
  rewardedUsersOverall: number
  /** ts (epoch µs) of the payment where the budget was reached; NaN = never. */
  exhaustedAt: number
}

function emptyTotals(groups: number): Totals {
  return {
    accrued: new Float64Array(groups), clawed: new Float64Array(groups), rewardedPayments: new Float64Array(groups),
    rewardedUsers: new Float64Array(groups), spent: new Float64Array(groups), rewardedUsersOverall: 0, exhaustedAt: Number.NaN,
  }
}

/** Candidates below this many are one loop on the calling thread (a worker round trip costs ~1 ms). */
const SPLIT_PASS_ABOVE = 200_000

/**
 * The calling thread's share of a split pass: the worker's half ran ~30 % slower per row (91 ms
 * here against 118–134 ms there for 2M rows each), so it gets less than half.
 */
const LOCAL_SHARE = 0.56

/** The first row at or after `at` that starts a user (the rows of a uid are contiguous); `length` when none. */
function userStart(uid: Int32Array, at: number, length: number): number {
  let i = Math.max(1, at)
  while (i < length && uid[i] === uid[i - 1]) i++
  return Math.min(i, length)
}

function addInto(into: Float64Array, from: Float64Array): void {
  for (let k = 0; k < into.length; k++) into[k]! += from[k]!
}

/** The sums of two ranges, as one pass over both would leave them. */
function mergeSums(a: PassSums, b: PassSums): PassSums {
  for (const key of ['alwaysAccrued', 'alwaysClawed', 'alwaysRewardedPayments', 'alwaysRewardedUsers', 'reward', 'clawed', 'rewarded', 'claim', 'firstUsers', 'firstUsersOverall'] as const) addInto(a[key], b[key])
  a.alwaysRewardedUsersOverall += b.alwaysRewardedUsersOverall
  a.missingRank = a.missingRank < 0 ? b.missingRank : b.missingRank < 0 ? a.missingRank : Math.min(a.missingRank, b.missingRank)
  return a
}

/** Whether passKernel ran once over no rows in this thread (warmUpKernel). */
let warm = false

/** A full pass: its sums, and where the scratch columns of its second half are when a worker computed them. */
interface FullPass {
  sums: PassSums
  remote: RemotePass | null
}

/**
 * Steps 3–7 over every candidate as if the budget never ran out (passKernel.ts). Above
 * `splitAbove` candidates the rows are cut at a user boundary (LOCAL_SHARE of them before it),
 * and the second part runs on the worker thread (passWorker.ts) while this thread runs the first.
 */
async function fullPass(t: KernelTerms, c: CandidateColumns, splitAbove: number): Promise<FullPass> {
  if (!warm) {
    warmUpKernel(passKernel)
    warm = true
  }
  const mid = c.length > splitAbove ? userStart(c.uid, Math.floor(c.length * LOCAL_SHARE), c.length) : c.length
  if (mid <= 0 || mid >= c.length) return { sums: passKernel(t, c, 0, c.length), remote: null }
  const remote = runOnWorker(t, c, mid, c.length)
  const local = passKernel(t, c, 0, mid)
  const done = await remote
  if (done === null) return { sums: mergeSums(local, passKernel(t, c, mid, c.length)), remote: null }
  return { sums: mergeSums(local, done.sums), remote: done.remote }
}

/**
 * Step 5's search: the block where the running sum of claims (in (ts, payment_id) order) reaches
 * `budgetCents`, and the claims of the blocks before it; null when it is never reached.
 */
function crossingBlock(t: KernelTerms, c: CandidateColumns, p: PassSums, budgetCents: number): { block: number; before: number } | null {
  const groups = t.countries * t.currencies
  const blocks = Math.max(0, c.blockStart.length - 1)
  let before = 0
  for (let b = 0; b < blocks; b++) {
    let blockClaim = 0
    for (let group = 0; group < groups; group++) blockClaim += p.claim[b * groups + group]!
    if (before + blockClaim >= budgetCents) return { block: b, before }
    before += blockClaim
  }
  return null
}

/**
 * Makes the scratch columns of block b's rows current: rows the worker passed are fetched from it
 * (or, if it lost them, its range is computed again here; the pass is then local from now on).
 */
async function scratchOfBlock(t: KernelTerms, c: CandidateColumns, pass: FullPass, b: number): Promise<void> {
  const remote = pass.remote
  if (remote === null) return
  const rows = c.byRank.slice(c.blockStart[b]!, c.blockStart[b + 1]!).filter((i) => i >= remote.from && i < remote.to)
  if (rows.length === 0 || (await gatherScratch(c, remote, rows))) return
  passKernel(t, c, remote.from, remote.to)
  pass.remote = null
}

/** Adds block b's budget-dependent sums (as if the budget were never reached) to the totals. */
function addBlock(p: PassSums, groups: number, b: number, totals: Totals): void {
  for (let group = 0; group < groups; group++) {
    const cell = b * groups + group
    totals.accrued[group]! += p.reward[cell]!
    totals.clawed[group]! += p.clawed[cell]!
    totals.rewardedPayments[group]! += p.rewarded[cell]!
    totals.rewardedUsers[group]! += p.firstUsers[cell]!
    totals.spent[group]! += p.claim[cell]!
  }
  totals.rewardedUsersOverall += p.firstUsersOverall[b]!
}

/**
 * Step 5 with budget B (cents of its currency), then 6–7: the budget-free sums, plus every block
 * before the one where the running sum G of claims (in (ts, payment_id) order) reaches B in full;
 * that block is walked row by row in rank order (spent = claim before the crossing row, its share
 * min(B, G) − min(B, G − claim) at it, 0 after); later blocks give nothing. Without a budget
 * (B = NaN) every block counts in full.
 */
function totalsUnderBudget(t: KernelTerms, c: CandidateColumns, p: PassSums, crossing: { block: number; before: number } | null, budgetCents: number): Totals {
  const groups = t.countries * t.currencies
  const totals = emptyTotals(groups)
  totals.accrued.set(p.alwaysAccrued)
  totals.clawed.set(p.alwaysClawed)
  totals.rewardedPayments.set(p.alwaysRewardedPayments)
  totals.rewardedUsers.set(p.alwaysRewardedUsers)
  totals.rewardedUsersOverall = p.alwaysRewardedUsersOverall
  const end = crossing === null ? Math.max(0, c.blockStart.length - 1) : crossing.block
  for (let b = 0; b < end; b++) addBlock(p, groups, b, totals)
  if (crossing !== null) walkCrossingBlock(t, c, crossing.block, crossing.before, budgetCents, totals)
  return totals
}

/** The budget-dependent rows of the block where the budget is reached, in (ts, payment_id) order. */
function walkCrossingBlock(t: KernelTerms, c: CandidateColumns, b: number, before: number, budgetCents: number, totals: Totals): void {
  const currencies = c.currencies.length
  let g = before
  let crossed = false
  for (let r = c.blockStart[b]!; r < c.blockStart[b + 1]!; r++) {
    const i = c.byRank[r]!
    const claim = c.scratchClaim[i]!
    if (claim === 0) continue
    const local = c.scratchLocal[i]!
    let spent = 0
    if (!crossed) {
      g += claim
      spent = claim
      if (g >= budgetCents) {
        crossed = true
        spent = Math.min(budgetCents, g) - Math.min(budgetCents, g - claim)
        totals.exhaustedAt = c.tsUs[i]!
      }
    }
    const currency = c.currency[i]!
    let accrued: number
    if (spent === claim) accrued = local
    else if (spent === 0) accrued = 0
    else if (currency === t.budgetIndex) accrued = spent
    else {
      const d = c.day[i]!
      const usdB = t.usdBudgetByDay === null ? 1 : t.usdBudgetByDay[d]!
      accrued = Math.min(local, Math.round((spent * usdB) / c.usdLocal[currency]![d]!))
    }
    const clawed = t.clawback && c.reversed[i] === 1
    const reward = clawed ? 0 : accrued
    const group = c.country[i]! * currencies + currency
    totals.accrued[group]! += reward
    totals.spent[group]! += spent
    if (clawed) totals.clawed[group]! += accrued
    if (reward > 0) {
      totals.rewardedPayments[group]! += 1
      // A user's first budget-dependent rewarded row, still rewarded here: it counts the user.
      if ((c.scratchFirst[i]! & FIRST_IN_GROUP) !== 0) totals.rewardedUsers[group]! += 1
      if ((c.scratchFirst[i]! & FIRST_OVERALL) !== 0) totals.rewardedUsersOverall += 1
    }
  }
}

/** Candidates per (country, currency) group of a set: they do not depend on the terms. */
const groupCounts = new WeakMap<CandidateColumns, Float64Array>()

function candidatesPerGroup(c: CandidateColumns, countries: number): Float64Array {
  const currencies = c.currencies.length
  const known = groupCounts.get(c)
  if (known !== undefined && known.length === countries * currencies) return known
  const counts = new Float64Array(countries * currencies)
  for (let i = 0; i < c.length; i++) counts[c.country[i]! * currencies + c.currency[i]!]! += 1
  groupCounts.set(c, counts)
  return counts
}

/** The last full pass per candidate set, with the terms it was computed for (a budget change reuses it). */
const lastPass = new WeakMap<CandidateColumns, { key: string; pass: FullPass }>()
/**
 * Passes over one candidate set run one at a time: a pass writes the set's scratch columns, and
 * the totals read them after it (a pass now awaits the worker, so two could otherwise interleave).
 */
const queues = new WeakMap<CandidateColumns, Promise<unknown>>()

/** The campaign's totals over `c`, row for row what totalsSql(campaign, …) returns. */
export function rewardPass(campaign: Campaign, c: CandidateColumns, splitAbove = SPLIT_PASS_ABOVE): Promise<RewardPassResult> {
  const run = (queues.get(c) ?? Promise.resolve()).catch(() => undefined).then(() => rewardPassNow(campaign, c, splitAbove))
  queues.set(c, run)
  return run
}

async function rewardPassNow(campaign: Campaign, c: CandidateColumns, splitAbove: number): Promise<RewardPassResult> {
  const budget = campaign.budget
  const budgetCurrency = budget?.currency ?? ''
  const countries = campaign.countries.length
  // One bit per (country, currency) group in an Int32; loadCandidateColumns keeps bigger sets on SQL.
  if (countries * c.currencies.length > 31) throw new Error('Too many (country, currency) pairs for the in-memory pass.')
  const usdBudgetByDay = budgetCurrency === 'INR' ? c.usdInr : budgetCurrency === 'BRL' ? c.usdBrl : null
  const terms = kernelTerms(campaign, c.currencies.length, Math.max(0, c.blockStart.length - 1), c.currencies.indexOf(budgetCurrency), usdBudgetByDay)
  // splitAbove too: a test that asks for a split pass gets one, not the memo of an unsplit one.
  const key = JSON.stringify([campaign.countries.map((country) => termsFor(campaign, country)), budgetCurrency, campaign.clawbackReversals, splitAbove])
  const memo = lastPass.get(c)
  let pass: FullPass
  if (memo !== undefined && memo.key === key) pass = memo.pass
  else {
    // Forget the old pass first: a pass that failed half-way has overwritten part of the scratch columns.
    lastPass.delete(c)
    pass = await fullPass(terms, c, splitAbove)
  }
  lastPass.set(c, { key, pass })
  const sums = pass.sums
  if (sums.missingRank >= 0) {
    const i = c.byRank[sums.missingRank]!
    const currency = c.currency[i]!
    const localMissing = Number.isNaN(c.usdLocal[currency]![c.day[i]!]!)
    return { rows: null, missingFx: { date: isoDay(c.day[i]! + c.firstDay), currency: localMissing ? c.currencies[currency]! : budgetCurrency } }
  }
  const budgetCents = budget === undefined ? Number.NaN : Number(moneyToCents(budget.amount))
  const crossing = crossingBlock(terms, c, sums, budgetCents)
  if (crossing !== null) await scratchOfBlock(terms, c, pass, crossing.block)
  const totals = totalsUnderBudget(terms, c, sums, crossing, budgetCents)
  const currencies = c.currencies.length
  const groups = countries * currencies
  const candidates = candidatesPerGroup(c, countries)
  const sum = (values: Float64Array): number => values.reduce((a, b) => a + b, 0)
  const rows: JsonRow[] = []
  for (let group = 0; group < groups; group++) {
    if (candidates[group] === 0) continue
    rows.push({
      total_row: false,
      country: campaign.countries[Math.floor(group / currencies)]!,
      currency: c.currencies[group % currencies]!,
      candidates: candidates[group]!,
      rewarded_payments: totals.rewardedPayments[group]!,
      rewarded_users: totals.rewardedUsers[group]!,
      accrued_cents: String(totals.accrued[group]),
      clawed_cents: String(totals.clawed[group]),
      spent_cents: budget === undefined ? null : String(totals.spent[group]),
      exhausted_at: null,
    })
  }
  rows.push({
    total_row: true,
    country: null,
    currency: null,
    candidates: c.length,
    rewarded_payments: sum(totals.rewardedPayments),
    rewarded_users: totals.rewardedUsersOverall,
    accrued_cents: String(sum(totals.accrued)),
    clawed_cents: String(sum(totals.clawed)),
    spent_cents: budget === undefined ? null : String(sum(totals.spent)),
    exhausted_at: Number.isNaN(totals.exhaustedAt) ? null : duckdbTs(totals.exhaustedAt),
  })
  return { rows, missingFx: null }
}
