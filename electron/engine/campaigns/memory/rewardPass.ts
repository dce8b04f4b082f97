// Steps 3–7 of DOMAIN.md §5 and the campaign totals from in-memory candidates (candidateColumns.ts,
// stored user by user): the same arithmetic as rewardsSql.ts / totalsSql.ts, answering the same
// rows, so re-evaluating after a reward term changes costs one sequential loop, not a query.
// fullPass computes every row's capped reward and budget claim and sums them per (hour block,
// group) as if the budget never ran out; totalsUnderBudget then counts the blocks before the one
// where the budget is reached in full, walks that block alone in (ts, payment_id) order, and
// drops the rest. A change of the budget amount reuses the last full pass. Layer: electron/engine.
// Pure: no I/O. The property tests hold it to the reference loop and to the SQL.
//
// Exactness: cents are integers held in doubles (exact below 2^53; a percent product beyond that
// is done in bigint); the FX conversions are the SQL's DOUBLE expressions, evaluated in the same
// order, rounded half away from zero like DuckDB's round() (claims are never negative).
import { moneyToCents, termsFor, type Campaign, type CampaignReward } from '../../../../common/domain/campaign'
import type { JsonRow } from '../../db/database'
import { percentMillionths } from '../campaignValues'
import type { CandidateColumns } from './candidateColumns'

/** The first candidate (in (ts, payment_id) order) whose conversion to the budget currency has no rate. */
export interface MissingFx {
  date: string
  currency: string
}

/** totalsSql.ts's rows (per (country, currency) and the total row), or the missing rate. */
export type RewardPassResult = { rows: JsonRow[]; missingFx: null } | { rows: null; missingFx: MissingFx }

const SAFE = Number.MAX_SAFE_INTEGER
const FLAT = 0
const PERCENT = 1
const TIERS = 2

/** ROUND(a × m / 10^6) half away from zero, for a > 0 cents and m millionths (the SQL's exact DECIMAL product). */
function percentCents(a: number, m: number): number {
  const p = a * m
  if (p > SAFE) return Number((BigInt(a) * BigInt(m) + 500_000n) / 1_000_000n)
  let q = Math.floor(p / 1_000_000)
  let rest = p - q * 1_000_000
  if (rest < 0) {
    q -= 1
    rest += 1_000_000
  } else if (rest >= 1_000_000) {
    q += 1
    rest -= 1_000_000
  }
  return rest >= 500_000 ? q + 1 : q
}

/** The SQL's CASE over tiers tests them from the last one back; the first that matches wins. */
function tierCents(reward: CampaignReward): (amountCents: number) => number {
  if (reward.type !== 'tiers') return () => 0
  const tiers = [...reward.tiers].reverse().map((t) => ({ min: Number(moneyToCents(t.minAmount)), reward: Number(moneyToCents(t.reward)) }))
  return (a) => tiers.find((t) => a >= t.min)?.reward ?? 0
}

/** Each country's terms as arrays indexed by the candidates' country index (step 3 and the caps). */
interface CountryRules {
  /** FLAT, PERCENT or TIERS. */
  kind: Int8Array
  flatCents: Float64Array
  /** The percent rate in millionths (5 % → 50 000), as the SQL binds it (percentMillionths). */
  millionths: Float64Array
  tiers: ((amountCents: number) => number)[]
  /** Per-payment cap in cents (Infinity = none). */
  paymentCap: Float64Array
  /** Per-user cap in cents (NaN = none). */
  userCap: Float64Array
}

function countryRules(campaign: Campaign): CountryRules {
  const n = campaign.countries.length
  const rules: CountryRules = {
    kind: new Int8Array(n), flatCents: new Float64Array(n), millionths: new Float64Array(n), tiers: [],
    paymentCap: new Float64Array(n), userCap: new Float64Array(n),
  }
  campaign.countries.forEach((country, i) => {
    const t = termsFor(campaign, country)
    const reward = t.reward
    rules.kind[i] = reward.type === 'flat' ? FLAT : reward.type === 'percent' ? PERCENT : TIERS
    if (reward.type === 'flat') rules.flatCents[i] = Number(moneyToCents(reward.amount))
    if (reward.type === 'percent') rules.millionths[i] = percentMillionths(reward.percent)
    rules.tiers.push(tierCents(reward))
    rules.paymentCap[i] = t.perPaymentCap === undefined ? Number.POSITIVE_INFINITY : Number(moneyToCents(t.perPaymentCap))
    rules.userCap[i] = t.perUserCap === undefined ? Number.NaN : Number(moneyToCents(t.perUserCap))
  })
  return rules
}

/** As DuckDB's JSON rows write a TIMESTAMP ("YYYY-MM-DD HH:MM:SS.fff"), which isoUtc reads. */
const duckdbTs = (tsUs: number): string => new Date(Math.floor(tsUs / 1000)).toISOString().replace('T', ' ').replace('Z', '')
const isoDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10)

interface PassTerms {
  rules: CountryRules
  countries: number
  /** Whether the campaign has a budget (claims are computed only then). */
  hasBudget: boolean
  /** Index of the budget currency in the candidates' currencies (-1 when none is in it). */
  budgetIndex: number
  /** US$ per unit of the budget currency by day; null = US$ (1). */
  usdBudgetByDay: Float64Array | null
  clawback: boolean
}

/**
 * What the pass over every candidate leaves, as if the budget were never reached. Rows split in
 * two: a row with a claim on the budget > 0 depends on where the budget runs out, and its sums go
 * per (hour block, group) (index block × groups + group; group = country × currencies + currency);
 * a row with no claim (no budget, a zero reward, or one that converts to 0 cents of the budget
 * currency) gets accrued = its capped reward wherever it falls (spent = 0 = its claim), and its
 * sums go straight to `always`. A user counts as rewarded in a group when a budget-free row
 * rewards them there, else when their first budget-dependent rewarded row does (flagged in
 * `first`). A change of the budget amount reuses all of this (totalsUnderBudget).
 */
interface FullPass {
  groups: number
  /** Candidates per group. */
  candidates: Float64Array
  always: Totals
  /** Per (block, group), budget-dependent rows: Σ reward, Σ accrued of clawed-back rows, rewarded payments, Σ claim, users first rewarded there. */
  reward: Float64Array
  clawed: Float64Array
  rewarded: Float64Array
  claim: Float64Array
  firstUsers: Float64Array
  /** Per block: users first rewarded (in any group) there. */
  firstUsersOverall: Float64Array
  /** Per row: a user's first budget-dependent rewarded row in its group (bit 1) / over all groups (bit 2). */
  first: Uint8Array
  /** Rank of the first candidate whose conversion to the budget currency lacks a rate; length = none. */
  missingRank: number
}

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

const FIRST_IN_GROUP = 1
const FIRST_OVERALL = 2

/**
 * Counts one user's rewarded groups once their rows are done: `free` / `dependent` hold a bit per
 * group with a budget-free / budget-dependent rewarded row; firstRow[group] is the first
 * budget-dependent one (a group's rows come in time order).
 */
function finishUser(p: FullPass, free: number, dependent: number, firstRow: Int32Array, rank: Int32Array, block: Int32Array): void {
  let bestRow = -1
  for (let group = 0; group < p.groups; group++) {
    const bit = 1 << group
    if ((free & bit) !== 0) p.always.rewardedUsers[group]! += 1
    else if ((dependent & bit) !== 0) {
      const row = firstRow[group]!
      p.first[row] = p.first[row]! | FIRST_IN_GROUP
      p.firstUsers[block[row]! * p.groups + group]! += 1
      if (bestRow < 0 || rank[row]! < rank[bestRow]!) bestRow = row
    }
  }
  if (free !== 0) p.always.rewardedUsersOverall += 1
  else if (bestRow >= 0) {
    p.first[bestRow] = p.first[bestRow]! | FIRST_OVERALL
    p.firstUsersOverall[block[bestRow]!]! += 1
  }
}

/**
 * One loop in the stored (user_country, ts) order: steps 3–4 (raw reward, the per-payment cap, the
 * per-user cap's running sum, which restarts with each (user, country) run), the claim on the
 * budget (step 5's conversion), clawback, and the sums.
 */
function fullPass(t: PassTerms, c: CandidateColumns): FullPass {
  const { kind, flatCents, millionths, tiers, paymentCap, userCap } = t.rules
  const { budgetIndex, usdBudgetByDay, clawback, hasBudget } = t
  const currencies = c.currencies.length
  const groups = t.countries * currencies
  const blocks = Math.max(0, c.blockStart.length - 1)
  const cells = blocks * groups
  const pass: FullPass = {
    groups, candidates: new Float64Array(groups), always: emptyTotals(groups),
    reward: new Float64Array(cells), clawed: new Float64Array(cells), rewarded: new Float64Array(cells), claim: new Float64Array(cells), firstUsers: new Float64Array(cells),
    firstUsersOverall: new Float64Array(blocks), first: c.scratchFirst, missingRank: c.length,
  }
  const { candidates, always, reward: rewardOf, clawed: clawedOf, rewarded, claim: claimOf } = pass
  pass.first.fill(0)
  const { amountCents, uid: uids, country: countryOf, currency: currencyOf, day: dayOf, rank, block, reversed, usdLocal: usdLocalOf, scratchLocal, scratchClaim } = c
  const firstRow = new Int32Array(groups)
  let free = 0
  let dependent = 0
  let keyUid = -1
  let keyCountry = -1
  let running = 0
  let missingRank = c.length
  for (let i = 0; i < c.length; i++) {
    const country = countryOf[i]!
    const uid = uids[i]!
    if (uid !== keyUid) {
      if ((free | dependent) !== 0) finishUser(pass, free, dependent, firstRow, rank, block)
      free = 0
      dependent = 0
      keyUid = uid
      keyCountry = country
      running = 0
    } else if (country !== keyCountry) {
      keyCountry = country
      running = 0
    }
    const k = kind[country]!
    const a = amountCents[i]!
    // Step 3: the raw reward (a payment amount ≤ 0 earns no percent), then the per-payment cap.
    const raw = k === FLAT ? flatCents[country]! : k === PERCENT ? (a > 0 ? percentCents(a, millionths[country]!) : 0) : tiers[country]!(a)
    const cap = paymentCap[country]!
    const pay = raw < cap ? raw : cap
    // Step 4: min(cap, S) − min(cap, S − r), S = the (user, country)'s running sum in time order.
    running += pay
    const userCapCents = userCap[country]!
    const local = userCapCents === userCapCents ? Math.min(userCapCents, running) - Math.min(userCapCents, running - pay) : pay
    scratchLocal[i] = local

    const currency = currencyOf[i]!
    let claim = 0
    if (hasBudget) {
      claim = local
      if (currency !== budgetIndex) {
        const d = dayOf[i]!
        const usdLocal = usdLocalOf[currency]![d]!
        const usdB = usdBudgetByDay === null ? 1 : usdBudgetByDay[d]!
        if (usdLocal !== usdLocal || usdB !== usdB) {
          if (rank[i]! < missingRank) missingRank = rank[i]!
          claim = 0
        } else {
          claim = Math.round((local * usdLocal) / usdB)
        }
      }
    }
    scratchClaim[i] = claim

    const group = country * currencies + currency
    const bit = 1 << group
    const clawed = clawback && reversed[i] === 1
    candidates[group]! += 1
    if (claim > 0) {
      const cell = block[i]! * groups + group
      claimOf[cell]! += claim
      if (clawed) clawedOf[cell]! += local
      else if (local > 0) {
        rewardOf[cell]! += local
        rewarded[cell]! += 1
        if (uid > 0 && (dependent & bit) === 0) {
          dependent |= bit
          firstRow[group] = i
        }
      }
    } else if (clawed) always.clawed[group]! += local
    else if (local > 0) {
      always.accrued[group]! += local
      always.rewardedPayments[group]! += 1
      if (uid > 0) free |= bit
    }
  }
  if ((free | dependent) !== 0) finishUser(pass, free, dependent, firstRow, rank, block)
  pass.missingRank = missingRank
  return pass
}

/** Adds block b's budget-dependent sums (as if the budget were never reached) to the totals. */
function addBlock(p: FullPass, b: number, totals: Totals): void {
  for (let group = 0; group < p.groups; group++) {
    const cell = b * p.groups + group
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
function totalsUnderBudget(t: PassTerms, c: CandidateColumns, p: FullPass, budgetCents: number): Totals {
  const totals = emptyTotals(p.groups)
  for (let group = 0; group < p.groups; group++) {
    totals.accrued[group] = p.always.accrued[group]!
    totals.clawed[group] = p.always.clawed[group]!
    totals.rewardedPayments[group] = p.always.rewardedPayments[group]!
    totals.rewardedUsers[group] = p.always.rewardedUsers[group]!
  }
  totals.rewardedUsersOverall = p.always.rewardedUsersOverall
  const blocks = Math.max(0, c.blockStart.length - 1)
  let before = 0
  for (let b = 0; b < blocks; b++) {
    let blockClaim = 0
    for (let group = 0; group < p.groups; group++) blockClaim += p.claim[b * p.groups + group]!
    if (!(before + blockClaim >= budgetCents)) {
      before += blockClaim
      addBlock(p, b, totals)
      continue
    }
    walkCrossingBlock(t, c, p, b, before, budgetCents, totals)
    break
  }
  return totals
}

/** The budget-dependent rows of the block where the budget is reached, in (ts, payment_id) order. */
function walkCrossingBlock(t: PassTerms, c: CandidateColumns, p: FullPass, b: number, before: number, budgetCents: number, totals: Totals): void {
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
      if ((p.first[i]! & FIRST_IN_GROUP) !== 0) totals.rewardedUsers[group]! += 1
      if ((p.first[i]! & FIRST_OVERALL) !== 0) totals.rewardedUsersOverall += 1
    }
  }
}

/** The last full pass per candidate set, with the terms it was computed for (a budget change reuses it). */
const lastPass = new WeakMap<CandidateColumns, { key: string; pass: FullPass }>()

/** The campaign's totals over `c`, row for row what totalsSql(campaign, …) returns. */
export function rewardPass(campaign: Campaign, c: CandidateColumns): RewardPassResult {
  const budget = campaign.budget
  const budgetCurrency = budget?.currency ?? ''
  const countries = campaign.countries.length
  // One bit per (country, currency) group in an Int32; loadCandidateColumns keeps bigger sets on SQL.
  if (countries * c.currencies.length > 31) throw new Error('Too many (country, currency) pairs for the in-memory pass.')
  const terms: PassTerms = {
    rules: countryRules(campaign),
    countries,
    hasBudget: budget !== undefined,
    budgetIndex: c.currencies.indexOf(budgetCurrency),
    usdBudgetByDay: budgetCurrency === 'INR' ? c.usdInr : budgetCurrency === 'BRL' ? c.usdBrl : null,
    clawback: campaign.clawbackReversals,
  }
  const key = JSON.stringify([campaign.countries.map((country) => termsFor(campaign, country)), budgetCurrency, campaign.clawbackReversals])
  const memo = lastPass.get(c)
  const pass = memo !== undefined && memo.key === key ? memo.pass : fullPass(terms, c)
  lastPass.set(c, { key, pass })
  if (pass.missingRank < c.length) {
    const i = c.byRank[pass.missingRank]!
    const currency = c.currency[i]!
    const localMissing = Number.isNaN(c.usdLocal[currency]![c.day[i]!]!)
    return { rows: null, missingFx: { date: isoDay(c.day[i]! + c.firstDay), currency: localMissing ? c.currencies[currency]! : budgetCurrency } }
  }
  const totals = totalsUnderBudget(terms, c, pass, budget === undefined ? Number.NaN : Number(moneyToCents(budget.amount)))
  const currencies = c.currencies.length
  const sum = (values: Float64Array): number => values.reduce((a, b) => a + b, 0)
  const rows: JsonRow[] = []
  for (let group = 0; group < pass.groups; group++) {
    if (pass.candidates[group] === 0) continue
    rows.push({
      total_row: false,
      country: campaign.countries[Math.floor(group / currencies)]!,
      currency: c.currencies[group % currencies]!,
      candidates: pass.candidates[group]!,
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
