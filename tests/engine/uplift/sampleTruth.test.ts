// Truth-oriented check on the bundled sample (datasets/sample): the per-arm means of our
// sufficient statistics equal the generator's own `observedByArm` values in manifest.json, which
// it computes from its simulation tables, independently of this code — users, never-paid users,
// 14-day adoption, first-time activation, payments in the campaign, retention and post payments.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProjectMapping } from '../../../common/domain/mapping'
import type { UpliftStats } from '../../../common/domain/uplift'
import type { Database } from '../../../electron/engine/db/database'
import { datasetTable } from '../../../electron/engine/datasets/catalog'
import { literal, sql } from '../../../electron/engine/db/sql'
import { computeSufficientStats } from '../../../electron/engine/uplift'
import { tempDir } from '../../helpers/tempDir'
import { mapProject, openProject, relations } from './upliftDb'

const SAMPLE = resolve('datasets/sample')

interface Observed {
  users: number
  newUsers: number
  active14Pct: number
  newActive14Pct: number
  payments28: number
  retainedPostPct: number
  paymentsPost: number
}
interface Manifest {
  periods: Record<'pre' | 'campaign' | 'adopt14' | 'post', [string, string]>
  arms: string[]
  rct: Record<'IN' | 'BR', { observedByArm: Record<string, Observed> }>
}

const manifest = JSON.parse(readFileSync(join(SAMPLE, 'manifest.json'), 'utf8')) as Manifest
const window = (p: [string, string]) => ({ start: p[0], end: p[1] })
const dir = tempDir('uplift-sample')
let db: Database
let mapping: ProjectMapping
let adopt14: UpliftStats
let campaign: UpliftStats

beforeAll(async () => {
  db = await openProject(dir)
  // Linked Parquet (views), as the engine links Parquet files: no copy needed for one analysis.
  for (const name of ['payments', 'users']) {
    // A view cannot hold parameters; the path is a literal (it has no user input).
    await db.run(sql`CREATE OR REPLACE VIEW ${datasetTable(name)} AS SELECT * FROM read_parquet(${literal(join(SAMPLE, `${name}.parquet`))})`)
  }
  const file = JSON.parse(readFileSync(join(SAMPLE, 'mapping.json'), 'utf8')) as { roles: Record<string, unknown>; countries: unknown }
  mapping = await mapProject(db, { roles: { payments: file.roles.payments, users: file.roles.users }, countries: file.countries })
  const rel = relations(mapping, 'sample')
  const base = { preWindow: window(manifest.periods.pre), postWindow: window(manifest.periods.post), segments: ['country'] }
  adopt14 = await computeSufficientStats(db, { ...base, window: window(manifest.periods.adopt14), metrics: ['adopted', 'activated', 'retained'] }, rel)
  campaign = await computeSufficientStats(db, { ...base, window: window(manifest.periods.campaign), metrics: ['payments', 'retained'] }, rel)
}, 120_000)
afterAll(() => db.close())

function mean(stats: UpliftStats, metric: string, country: string, arm: string): { n: number; mean: number } {
  const cell = stats.cells.find((c) => c.metric === metric && c.dimension === 'country' && c.segment === country && c.arm === arm)
  if (cell === undefined) throw new Error(`no ${metric} cell for ${country} ${arm}`)
  return { n: cell.n, mean: cell.sumY / cell.n }
}

describe('sufficient statistics on the bundled sample match the generator', () => {
  for (const country of ['IN', 'BR'] as const) {
    for (const arm of manifest.arms) {
      it(`${country} ${arm}`, () => {
        const truth = manifest.rct[country].observedByArm[arm]!
        const adopted = mean(adopt14, 'adopted', country, arm)
        expect(adopted.n).toBe(truth.users)
        // The manifest rounds percentages to 3 decimals and means to 4.
        expect(Math.abs(100 * adopted.mean - truth.active14Pct)).toBeLessThanOrEqual(0.0005 + 1e-9)
        const activated = mean(adopt14, 'activated', country, arm)
        expect(activated.n).toBe(truth.newUsers)
        expect(Math.abs(100 * activated.mean - truth.newActive14Pct)).toBeLessThanOrEqual(0.0005 + 1e-9)
        expect(Math.abs(100 * mean(adopt14, 'retained', country, arm).mean - truth.retainedPostPct)).toBeLessThanOrEqual(0.0005 + 1e-9)
        expect(Math.abs(mean(campaign, 'payments', country, arm).mean - truth.payments28)).toBeLessThanOrEqual(0.00005 + 1e-9)
      })
    }
  }

  it('builds a per-user table per set of windows and reads local dates by offset', () => {
    expect(adopt14.diagnostics.localDates).toBe('offset')
    expect(campaign.diagnostics.perUserCached).toBe(false)
  })
})
