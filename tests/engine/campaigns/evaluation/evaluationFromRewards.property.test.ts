// Property: on random rewards tables, every aggregate of the evaluation equals the plain reference
// loop over the same rows (reference.ts), and the DTO passes its zod schema (real DuckDB file).
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { campaignEvaluationSchema } from '../../../../common/domain/campaignResult'
import { evaluationFromRewards } from '../../../../electron/engine/campaigns/evaluation/evaluationFromRewards'
import { openDatabase, type Database } from '../../../../electron/engine/db/database'
import { expectJsonSafe } from '../../../helpers/jsonSafe'
import { tempDir } from '../../../helpers/tempDir'
import { campaign, row } from './fixtures'
import { referenceEvaluation } from './reference'
import { createRewardsTable, loadRewards, TABLE_SQL, type RewardRow } from './rewardsTable'

const text = (values: string[]) => fc.constantFrom<string | null>(null, '', ...values)

interface RawRow {
  user: number
  slot: number
  country: 'IN' | 'BR'
  rail: string | null
  kind: string | null
  region: string | null
  entryMethod: string | null
  arm: string | null
  accrued: number
  clawedBack: boolean
  spent: number
  budgetReached: boolean
  usdLocal: number | null
}

const rowArb = (users: number): fc.Arbitrary<RawRow> =>
  fc.record({
    user: fc.integer({ min: 0, max: users - 1 }),
    // a few hours over four days: local dates and payout dates differ from the UTC ones
    slot: fc.integer({ min: 0, max: 4 * 8 - 1 }),
    country: fc.constantFrom<'IN' | 'BR'>('IN', 'BR'),
    rail: text(['UPI', 'PIX']),
    kind: text(['P2P', 'P2M', 'BILL']),
    region: text(['KA', 'MH', 'SP', 'RJ']),
    entryMethod: text(['CONTACT', 'QR']),
    arm: text(['treatment', 'control']),
    accrued: fc.oneof(fc.constant(0), fc.constantFrom(3_500, 1_000), fc.integer({ min: 1, max: 99_999 })),
    clawedBack: fc.integer({ min: 0, max: 7 }).map((x) => x === 0),
    spent: fc.integer({ min: 0, max: 50_000 }),
    budgetReached: fc.boolean(),
    usdLocal: fc.constantFrom<number | null>(0.012, 0.0119, 0.19, 0.2137, null),
  })

const datasetArb = fc
  // few users (repeat payments, ties) or many (more than 20 distinct totals per country)
  .tuple(fc.constantFrom([3, 40], [80, 160]), fc.boolean(), fc.constantFrom(0, 0.02, 0.1234, 1))
  .chain(([[users, rows], budget, breakage]) =>
    fc.tuple(fc.array(rowArb(users ?? 3), { maxLength: rows ?? 40, size: 'max' }), fc.constant(budget), fc.constant(breakage)))

function toRows(raw: readonly RawRow[], budget: boolean): RewardRow[] {
  return raw.map((r, i) => {
    const ts = new Date(Date.UTC(2024, 8, 1) + r.slot * 3 * 3_600_000).toISOString().replace('T', ' ').replace('.000Z', '')
    return row(`p${i}`, `u${r.user}`, ts, {
      country: r.country,
      currency: r.country === 'BR' ? 'BRL' : 'INR',
      rail: r.rail, kind: r.kind, region: r.region, entryMethod: r.entryMethod, arm: r.arm,
      accruedCents: r.accrued,
      clawedBack: r.clawedBack,
      rewardCents: r.clawedBack ? 0 : r.accrued,
      budgetSpentCents: budget ? r.spent : null,
      budgetReached: budget && r.budgetReached,
      usdLocal: r.usdLocal,
    })
  })
}

let db: Database
beforeAll(async () => {
  db = await openDatabase(tempDir('evaluation-property'))
  await createRewardsTable(db)
})
afterAll(() => db.close())

it('every aggregate equals the plain reference loop', async () => {
  await fc.assert(
    fc.asyncProperty(datasetArb, async ([raw, budget, breakageRate]) => {
      const rows = toRows(raw, budget)
      const c = campaign({ breakageRate, ...(budget ? { budget: { amount: 1_000, currency: 'INR' as const } } : {}) })
      await loadRewards(db, rows)
      const result = await evaluationFromRewards(db, TABLE_SQL, c, { scope: 'all', funnel: [], gaming: [] })
      expect(campaignEvaluationSchema.parse(result)).toEqual(result)
      expectJsonSafe(result)

      const ref = referenceEvaluation(rows, { breakageRate, budget: c.budget ?? null })
      expect(result.countries).toEqual(ref.countries)
      expect(result.accruedUsd).toBe(ref.accruedUsd)
      expect(result.usdNote).toBe(ref.usdNote)
      expect(result.daily).toEqual(ref.daily)
      expect(result.payouts).toEqual(ref.payouts)
      expect(result.burn).toEqual(ref.burn)
      expect(result.breakdowns).toEqual(ref.breakdowns)
      expect(result.rewardPerUser).toEqual(ref.rewardPerUser)
      expect(result.topUsers).toEqual(ref.topUsers)
      expect(result.totals.rewardedPayments).toBe(ref.rewardedPayments)
      expect(result.totals.rewardedUsers).toBe(ref.rewardedUsers)
      expect(result.totals.budget?.spent ?? null).toBe(ref.budgetSpent)
      expect(result.totals.budget?.exhaustedAt ?? null).toBe(ref.exhaustedAt)
      expect(result.nothingRewarded === null).toBe(ref.rewardedPayments > 0)
    }),
    { numRuns: 60 },
  )
}, 120_000)
