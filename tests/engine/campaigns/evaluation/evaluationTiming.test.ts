// Timing of evaluationFromRewards on a synthetic 1M-row rewards table held, like the engine's stage
// cache, in an attached in-memory database. Opt-in (CBL_EVALUATION_TIMING=1; rows via
// CBL_EVALUATION_ROWS): it prints timings and asserts nothing about them (shared 2-core machines).
import { afterAll, beforeAll, expect, it } from 'vitest'
import { campaignEvaluationSchema } from '../../../../common/domain/campaignResult'
import { breakdownSums } from '../../../../electron/engine/campaigns/evaluation/breakdownSums'
import { maskAggregate, userCountPlan } from '../../../../electron/engine/campaigns/evaluation/breakdownUsers'
import { costCube } from '../../../../electron/engine/campaigns/evaluation/costCube'
import { evaluationFromRewards } from '../../../../electron/engine/campaigns/evaluation/evaluationFromRewards'
import { userRewards } from '../../../../electron/engine/campaigns/evaluation/userRewards'
import { openDatabase, type Database } from '../../../../electron/engine/db/database'
import { ident, sql } from '../../../../electron/engine/db/sql'
import { tempDir } from '../../../helpers/tempDir'
import { campaign } from './fixtures'
import { createSyntheticRewards } from './rewardsTable'

const enabled = process.env.CBL_EVALUATION_TIMING === '1'
const rows = Number(process.env.CBL_EVALUATION_ROWS ?? 1_000_000)
const table = sql`${ident('cb_timing')}.${ident('rewards')}`

let db: Database
beforeAll(async () => {
  if (!enabled) return
  db = await openDatabase(tempDir('evaluation-timing'))
  await db.run(sql`ATTACH ':memory:' AS cb_timing`)
  await createSyntheticRewards(db, rows, table)
}, 600_000)
afterAll(() => {
  if (enabled) db.close()
})

async function timed<T>(label: string, runs: number, f: () => Promise<T>): Promise<T> {
  const ms: number[] = []
  let out: T | undefined
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    out = await f()
    ms.push(performance.now() - start)
  }
  ms.sort((a, b) => a - b)
  console.log(`${label.padEnd(24)} min ${ms[0]?.toFixed(0)} ms, median ${ms[Math.floor(runs / 2)]?.toFixed(0)} ms (${runs} runs, ${rows} rows)`)
  return out as T
}

it.skipIf(!enabled)('times the evaluation and its passes', async () => {
  const c = campaign({ budget: { amount: 1_000_000, currency: 'INR' } })
  const result = await timed('evaluationFromRewards', 7, () => evaluationFromRewards(db, table, c, { scope: 'all', funnel: [], gaming: [] }))
  campaignEvaluationSchema.parse(result)
  expect(result.totals.rewardedPayments).toBeGreaterThan(0)
  const cube = await timed('  costCube', 5, () => costCube(db, table))
  const sums = await timed('  breakdownSums', 5, () => breakdownSums(db, table))
  const plan = userCountPlan(sums)
  const groups = cube.countries.map((g) => ({ country: g.country, currency: g.currency }))
  await timed('  userRewards (masks)', 5, () => userRewards(db, table, groups, plan.masked.map((m) => maskAggregate(m, groups))))
  await timed('  userRewards (no masks)', 5, () => userRewards(db, table, groups, []))
}, 600_000)
