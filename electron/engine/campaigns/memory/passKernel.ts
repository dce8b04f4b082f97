// The per-row loop of the in-memory reward pass (rewardPass.ts) over one range of candidates:
// steps 3–4 of DOMAIN.md §5 (raw reward, per-payment cap, the per-user cap's running sum), the
// claim on the budget (step 5's conversion), clawback, and the sums per (hour block, group) as if
// the budget never ran out. A range starts and ends at a user boundary, so two ranges are
// independent and their sums add (passWorker.ts runs one on a worker thread).
//
// passKernel is SENT TO A WORKER AS SOURCE TEXT (passKernel.toString()): it must not refer to
// anything outside its own body — no imports, no module constants, no helpers — only its
// arguments and JavaScript's globals. Its arguments are plain data (typed arrays, numbers), so
// they can be posted (the worker gets its own copy of its rows once per candidate set).
// Layer: electron/engine. Pure but for writing its range of the scratch columns.

/** A campaign's terms as plain arrays indexed by the candidates' country index. */
export interface KernelTerms {
  /** 0 flat, 1 percent, 2 tiers. */
  kind: Int8Array
  flatCents: Float64Array
  /** The percent rate in millionths (5 % → 50 000), as the SQL binds it. */
  millionths: Float64Array
  /** Tier minimums and rewards in cents, last tier first (the SQL's CASE tests them that way). */
  tierMin: Float64Array[]
  tierReward: Float64Array[]
  /** Per-payment cap in cents (Infinity = none). */
  paymentCap: Float64Array
  /** Per-user cap in cents (NaN = none). */
  userCap: Float64Array
  hasBudget: boolean
  /** Index of the budget currency among the candidates' currencies (-1 when none is in it). */
  budgetIndex: number
  /** US$ per unit of the budget currency by day; null = US$ (1). */
  usdBudgetByDay: Float64Array | null
  clawback: boolean
  countries: number
  currencies: number
  blocks: number
}

/** The columns the loop reads (candidateColumns.ts) and the scratch columns it writes. */
export interface KernelColumns {
  amountCents: Float64Array
  uid: Int32Array
  country: Uint8Array
  currency: Uint8Array
  day: Int32Array
  rank: Int32Array
  block: Int32Array
  reversed: Uint8Array
  usdLocal: Float64Array[]
  scratchLocal: Float64Array
  scratchClaim: Float64Array
  scratchFirst: Uint8Array
}

/**
 * What one range leaves. Rows split in two: a row with a claim on the budget > 0 depends on where
 * the budget runs out, and its sums go per (hour block, group) (cell = block × groups + group;
 * group = country × currencies + currency); a row with no claim (no budget, a zero reward, or one
 * that converts to 0 cents of the budget currency) gets accrued = its capped reward wherever it
 * falls (spent = 0 = its claim), and its sums go to the `always…` arrays. A user counts as rewarded
 * in a group when a budget-free row rewards them there, else when their first budget-dependent
 * rewarded row does (flagged in scratchFirst: bit 1 in its group, bit 2 over all groups).
 */
export interface PassSums {
  alwaysAccrued: Float64Array
  alwaysClawed: Float64Array
  alwaysRewardedPayments: Float64Array
  alwaysRewardedUsers: Float64Array
  alwaysRewardedUsersOverall: number
  /** Per (block, group), budget-dependent rows: Σ reward, Σ accrued of clawed-back rows, rewarded payments, Σ claim, users first rewarded there. */
  reward: Float64Array
  clawed: Float64Array
  rewarded: Float64Array
  claim: Float64Array
  firstUsers: Float64Array
  /** Per block: users first rewarded (in any group) there. */
  firstUsersOverall: Float64Array
  /** Rank of the first candidate whose conversion to the budget currency lacks a rate; -1 = none. */
  missingRank: number
}

/**
 * The flags passKernel sets in scratchFirst: a user's first budget-dependent rewarded row in its
 * group, and over all groups. The kernel writes them as the literals 1 and 2 (it may not refer to
 * module constants); rewardPass.ts reads them through these names.
 */
export const FIRST_IN_GROUP = 1
export const FIRST_OVERALL = 2

/** The pass over rows [from, to), which start and end at user boundaries. See the file comment: self-contained. */
export function passKernel(t: KernelTerms, c: KernelColumns, from: number, to: number): PassSums {
  const groups = t.countries * t.currencies
  const cells = t.blocks * groups
  const s: PassSums = {
    alwaysAccrued: new Float64Array(groups), alwaysClawed: new Float64Array(groups), alwaysRewardedPayments: new Float64Array(groups), alwaysRewardedUsers: new Float64Array(groups),
    alwaysRewardedUsersOverall: 0,
    reward: new Float64Array(cells), clawed: new Float64Array(cells), rewarded: new Float64Array(cells), claim: new Float64Array(cells), firstUsers: new Float64Array(cells),
    firstUsersOverall: new Float64Array(t.blocks), missingRank: -1,
  }
  const { kind, flatCents, millionths, tierMin, tierReward, paymentCap, userCap, hasBudget, budgetIndex, usdBudgetByDay, clawback, currencies } = t
  const { amountCents, uid: uids, country: countryOf, currency: currencyOf, day: dayOf, rank, block, reversed, usdLocal: usdLocalOf, scratchLocal, scratchClaim, scratchFirst: first } = c
  const { alwaysAccrued, alwaysClawed, alwaysRewardedPayments, alwaysRewardedUsers, reward: rewardOf, clawed: clawedOf, rewarded, claim: claimOf, firstUsers, firstUsersOverall } = s
  // Below this, a × m and q × 10^6 (within 10^6 of it) are exact in doubles; above, bigint.
  const SAFE = 9e15
  first.fill(0, from, to)
  const firstRow = new Int32Array(groups)

  // Plain locals, not properties of `s`, inside the loop: a named access there had no type
  // feedback when V8 compiled the loop on its first run, and de-optimised it on every call.
  let usersOverall = 0
  let free = 0
  let dependent = 0
  let keyUid = -1
  let keyCountry = -1
  let running = 0
  let missingRank = -1
  // i = to is a sentinel that ends the last user (no closure for the end of a user: a new one per
  // call de-optimises the loop on every call).
  for (let i = from; i <= to; i++) {
    const uid = i < to ? uids[i]! : -2
    const country = i < to ? countryOf[i]! : 0
    if (uid !== keyUid) {
      // A user's rows are done: count their rewarded groups. `free` / `dependent` hold a bit per
      // group with a budget-free / budget-dependent rewarded row; firstRow[group] is the first
      // budget-dependent one (a group's rows come in time order).
      if ((free | dependent) !== 0) {
        let bestRow = -1
        for (let group = 0; group < groups; group++) {
          const bit = 1 << group
          if ((free & bit) !== 0) alwaysRewardedUsers[group]! += 1
          else if ((dependent & bit) !== 0) {
            const row = firstRow[group]!
            first[row] = first[row]! | 1
            firstUsers[block[row]! * groups + group]! += 1
            if (bestRow < 0 || rank[row]! < rank[bestRow]!) bestRow = row
          }
        }
        if (free !== 0) usersOverall += 1
        else if (bestRow >= 0) {
          first[bestRow] = first[bestRow]! | 2
          firstUsersOverall[block[bestRow]!]! += 1
        }
      }
      if (i === to) break
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
    let raw = 0
    if (k === 0) raw = flatCents[country]!
    else if (k === 1) {
      if (a > 0) {
        // ROUND(a × m / 10^6) half away from zero, exactly (the SQL's DECIMAL product).
        const m = millionths[country]!
        const p = a * m
        if (p > SAFE) raw = Number((BigInt(a) * BigInt(m) + 500000n) / 1000000n)
        else {
          // floor((p + 500 000) / 10^6): x × 10^-6 is within one of it, and the remainder, exact
          // in doubles, corrects it (no data-dependent branch on the rounding itself).
          const x = p + 500000
          raw = Math.floor(x * 1e-6)
          const rest = x - raw * 1000000
          if (rest < 0) raw -= 1
          else if (rest >= 1000000) raw += 1
        }
      }
    } else {
      const mins = tierMin[country]!
      for (let tier = 0; tier < mins.length; tier++) {
        if (a >= mins[tier]!) {
          raw = tierReward[country]![tier]!
          break
        }
      }
    }
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
          if (missingRank < 0 || rank[i]! < missingRank) missingRank = rank[i]!
          claim = 0
        } else {
          // The SQL's DOUBLE expression, rounded half away from zero like DuckDB's round() (claims are ≥ 0).
          claim = Math.round((local * usdLocal) / usdB)
        }
      }
    }
    scratchClaim[i] = claim

    const group = country * currencies + currency
    const bit = 1 << group
    const clawed = clawback && reversed[i] === 1
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
    } else if (clawed) alwaysClawed[group]! += local
    else if (local > 0) {
      alwaysAccrued[group]! += local
      alwaysRewardedPayments[group]! += 1
      if (uid > 0) free |= bit
    }
  }
  s.alwaysRewardedUsersOverall = usersOverall
  s.missingRank = missingRank
  return s
}

/**
 * Runs passKernel over no rows a few times, so V8 has type feedback for its code after the loop
 * before it first compiles the loop (on the first real pass, mid-call): without it the compiled
 * code bailed out at the end of every call and took ~8 calls to settle (200–240 ms passes before
 * 120 ms ones). A few times, as V8 gives a function its feedback vector only after some calls.
 * Sent to the worker as source text too (with its kernel as the argument, whatever a build named
 * it): it may refer to its argument and globals only.
 */
export function warmUpKernel(kernel: typeof passKernel): void {
  const none = new Float64Array(0)
  for (let call = 0; call < 20; call++) kernel(
    {
      kind: new Int8Array(1), flatCents: new Float64Array(1), millionths: new Float64Array(1), tierMin: [none], tierReward: [none],
      paymentCap: new Float64Array(1), userCap: new Float64Array(1), hasBudget: true, budgetIndex: 0, usdBudgetByDay: none, clawback: true,
      countries: 1, currencies: 1, blocks: 1,
    },
    {
      amountCents: none, uid: new Int32Array(0), country: new Uint8Array(0), currency: new Uint8Array(0), day: new Int32Array(0), rank: new Int32Array(0),
      block: new Int32Array(0), reversed: new Uint8Array(0), usdLocal: [none], scratchLocal: none, scratchClaim: none, scratchFirst: new Uint8Array(0),
    },
    0,
    0,
  )
}
