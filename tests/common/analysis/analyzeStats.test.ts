// The pure experiment read-out (common/analysis): the test chosen per metric type, CUPED, the
// correction across segments, control-arm switching from the same stats, and bad input — every
// number in the answer finite or null with a reason. Reference statistics come from common/stats,
// which is pinned to scipy/statsmodels values in tests/common/stats.
import { describe, expect, it } from 'vitest'
import { analyzeStats, AnalysisInputError } from '../../../common/analysis'
import { experimentAnalysisSchema } from '../../../common/domain/analysis'
import { cupedTest, holmAdjust, benjaminiHochbergAdjust, twoProportionTest, welchTest } from '../../../common/stats'
import { expectJsonSafe } from '../../helpers/jsonSafe'
import { inputsOf, prng, statsOf, type UserRow } from './statsFixture'

/** A simulated experiment: arms × countries, adoption rate by arm, payments Poisson-ish, pre-window covariates. */
function simulate(seed: number, perCell: number, lift: Record<string, number>, countries = ['IN', 'BR']): UserRow[] {
  const rand = prng(seed)
  const rows: UserRow[] = []
  for (const country of countries) {
    for (const [arm, boost] of Object.entries(lift)) {
      for (let i = 0; i < perCell; i++) {
        const pre = rand() < 0.3 ? 1 : 0
        const adopted = rand() < 0.05 + 0.4 * pre + boost ? 1 : 0
        const payments = adopted * (1 + Math.floor(rand() * 4)) + pre
        rows.push({ arm, country, values: { adopted: [adopted, pre], payments: [payments, pre * 2] } })
      }
    }
  }
  return rows
}

const rows = simulate(1, 2000, { control: 0, treatment: 0.03, other: 0.01 })
const stats = statsOf(rows, ['adopted', 'payments'])

function row(a: ReturnType<typeof analyzeStats>, metric: string, dimension: string, segment: string | null, arm: string) {
  const found = a.metrics.find((r) => r.metric === metric && r.dimension === dimension && r.segment === segment && r.arm === arm)
  if (found === undefined) throw new Error(`no row ${metric} ${dimension} ${segment} ${arm}`)
  return found
}

describe('analyzeStats', () => {
  const a = analyzeStats(inputsOf(stats), { controlArm: 'control' })

  it('validates against its schema and is JSON-safe', () => {
    expect(experimentAnalysisSchema.safeParse(a).success).toBe(true)
    expectJsonSafe(a)
  })

  it('tests binary metrics as two proportions and numeric ones with Welch', () => {
    const cell = (m: string, arm: string) => stats.cells.find((c) => c.metric === m && c.dimension === 'overall' && c.arm === arm)!
    const p = twoProportionTest({ n: cell('adopted', 'control').n, successes: cell('adopted', 'control').sumY }, { n: cell('adopted', 'treatment').n, successes: cell('adopted', 'treatment').sumY })
    const r = row(a, 'adopted', 'overall', null, 'treatment')
    expect(r.test).toBe('proportions')
    expect(p.ok && r.absolute?.estimate).toBeCloseTo(p.ok ? p.absolute.estimate : NaN, 14)
    expect(p.ok && r.absolute?.pValue).toBeCloseTo(p.ok ? p.absolute.pValue : NaN, 14)
    const w = welchTest({ n: cell('payments', 'control').n, sum: cell('payments', 'control').sumY, sumSq: cell('payments', 'control').sumY2 }, { n: cell('payments', 'treatment').n, sum: cell('payments', 'treatment').sumY, sumSq: cell('payments', 'treatment').sumY2 })
    const rp = row(a, 'payments', 'overall', null, 'treatment')
    expect(rp.test).toBe('welch')
    expect(w.ok && rp.absolute?.ci.lower).toBeCloseTo(w.ok ? w.absolute.ci.lower! : NaN, 14)
    expect(rp.relative?.estimate).toBeCloseTo(w.ok && w.relative.ok ? w.relative.estimate : NaN, 14)
  })

  it('gives one row per metric × dimension × segment × treatment arm, with Holm across the countries', () => {
    expect(a.metrics).toHaveLength(2 * 3 * 2)
    expect(a.treatmentArms).toEqual(['other', 'treatment'])
    const inRow = row(a, 'adopted', 'country', 'IN', 'treatment')
    const brRow = row(a, 'adopted', 'country', 'BR', 'treatment')
    const holm = holmAdjust([brRow.absolute!.pValue, inRow.absolute!.pValue])
    expect(holm.ok && [brRow.adjustedPValue, inRow.adjustedPValue]).toEqual(holm.ok ? holm.adjusted : null)
    expect(row(a, 'adopted', 'overall', null, 'treatment').adjustedPValue).toBe(row(a, 'adopted', 'overall', null, 'treatment').absolute!.pValue)
    const bh = analyzeStats(inputsOf(stats), { controlArm: 'control', correction: 'bh' })
    const expected = benjaminiHochbergAdjust([row(bh, 'payments', 'country', 'BR', 'other').absolute!.pValue, row(bh, 'payments', 'country', 'IN', 'other').absolute!.pValue])
    expect(expected.ok && [row(bh, 'payments', 'country', 'BR', 'other').adjustedPValue, row(bh, 'payments', 'country', 'IN', 'other').adjustedPValue]).toEqual(expected.ok ? expected.adjusted : null)
  })

  it('switches the control arm by recomputation from the same stats', () => {
    const b = analyzeStats(a.inputs, { controlArm: 'treatment' })
    expect(b.controlArm).toBe('treatment')
    expect(b.treatmentArms).toEqual(['control', 'other'])
    expect(row(b, 'adopted', 'overall', null, 'control').absolute!.estimate).toBeCloseTo(-row(a, 'adopted', 'overall', null, 'treatment').absolute!.estimate, 14)
    expect(() => analyzeStats(a.inputs, { controlArm: 'nope' })).toThrow(AnalysisInputError)
  })

  it('defaults the control to the arm named control', () => {
    expect(analyzeStats(inputsOf(stats)).controlArm).toBe('control')
  })

  it('applies CUPED when on, with the variance reduction, and matches cupedTest', () => {
    const c = analyzeStats(a.inputs, { controlArm: 'control', cuped: true })
    const r = row(c, 'adopted', 'overall', null, 'treatment')
    expect(r.test).toBe('cuped')
    const cells = (arm: string) => stats.cells.find((x) => x.metric === 'adopted' && x.dimension === 'overall' && x.arm === arm)!
    const ref = cupedTest(cells('control'), cells('treatment'))
    expect(ref.ok).toBe(true)
    if (!ref.ok) return
    expect(r.cuped?.varianceReduction).toBeCloseTo(ref.varianceReduction, 14)
    expect(r.cuped!.varianceReduction).toBeGreaterThan(0.1)
    expect(r.absolute!.standardError).toBeLessThan(row(a, 'adopted', 'overall', null, 'treatment').absolute!.standardError)
    expect(c.options.cuped).toBe(true)
  })

  it('explains when CUPED cannot apply (no covariate) and keeps the plain test', () => {
    const noPre = statsOf(rows.map((r) => ({ ...r, values: { adopted: [r.values.adopted![0], 0] as [number, number] } })), ['adopted'])
    const c = analyzeStats(inputsOf(noPre), { cuped: true })
    const r = row(c, 'adopted', 'overall', null, 'treatment')
    expect(r.test).toBe('proportions')
    expect(r.cupedReason).toMatch(/covariate/)
    expect(c.notes.map((n) => n.code)).toContain('CUPED_NOT_APPLIED')
  })

  it('gives a chance to win, with and without a prior on the relative lift', () => {
    const r = row(a, 'adopted', 'overall', null, 'treatment')
    expect(r.chanceToWin).toBeGreaterThan(0.99)
    expect(r.bayesScale).toBe('relative')
    const sceptical = analyzeStats(a.inputs, { bayesianPrior: { mean: 0, sd: 0.01 } })
    expect(row(sceptical, 'adopted', 'overall', null, 'treatment').chanceToWin!).toBeLessThan(r.chanceToWin!)
  })
})

describe('bad input', () => {
  const two = (control: [number, number][], treatment: [number, number][], metric = 'adopted'): UserRow[] => [
    ...control.map(([y, x]) => ({ arm: 'control', country: 'IN', values: { [metric]: [y, x] as [number, number] } })),
    ...treatment.map(([y, x]) => ({ arm: 'treatment', country: 'IN', values: { [metric]: [y, x] as [number, number] } })),
  ]
  const fill = (n: number, y: number): [number, number][] => Array.from({ length: n }, () => [y, 0])

  it('control mean 0: the relative lift is undefined and says so', () => {
    const a = analyzeStats(inputsOf(statsOf(two(fill(50, 0), [...fill(45, 0), ...fill(5, 1)]), ['adopted'])))
    const r = a.metrics[0]!
    expect(r.absolute).not.toBeNull()
    expect(r.relative).toBeNull()
    expect(r.relativeReason).toBe('Relative lift is undefined: the control rate is 0.')
    expect(r.bayesScale).toBe('absolute')
    expect(a.notes.map((n) => n.code)).toContain('RELATIVE_UNDEFINED')
    expectJsonSafe(a)
  })

  it('zero variance: no test, a reason, nothing non-finite', () => {
    const a = analyzeStats(inputsOf(statsOf(two(fill(30, 1), fill(30, 1), 'payments'), ['payments'])), { cuped: true })
    expect(a.metrics.every((r) => r.absolute === null && r.absoluteReason !== null)).toBe(true)
    expect(a.metrics[0]!.absoluteReason).toMatch(/variance/)
    expectJsonSafe(a)
    expect(experimentAnalysisSchema.safeParse(a).success).toBe(true)
  })

  it('an arm with zero users: rows with reasons, SRM flags the planned split', () => {
    const stats = statsOf(two(fill(40, 1), [...fill(20, 0), ...fill(20, 1)]), ['adopted'], ['control', 'empty', 'treatment'])
    const a = analyzeStats(inputsOf(stats))
    const empty = a.metrics.filter((r) => r.arm === 'empty')
    expect(empty.length).toBeGreaterThan(0)
    expect(empty.every((r) => r.absolute === null && r.treatment.mean === null && (r.absoluteReason ?? '').length > 0)).toBe(true)
    expect(a.arms[0]!.srm.warn).toBe(true)
    expectJsonSafe(a)
  })

  it('an empty control arm: a warning, and every row says why', () => {
    const stats = statsOf(two([], fill(40, 1)), ['adopted'], ['control', 'treatment'])
    const a = analyzeStats(inputsOf(stats), { controlArm: 'control' })
    expect(a.notes.map((n) => n.code)).toContain('EMPTY_CONTROL')
    expect(a.metrics.every((r) => r.absolute === null)).toBe(true)
    expectJsonSafe(a)
  })

  it('SRM failure: a warning, results still shown', () => {
    const a = analyzeStats(inputsOf(statsOf(two([...fill(900, 0), ...fill(100, 1)], [...fill(1300, 0), ...fill(200, 1)]), ['adopted'])))
    expect(a.srmWarning).toBe(true)
    expect(a.notes.find((n) => n.code === 'SRM')?.severity).toBe('warning')
    expect(a.metrics[0]!.absolute).not.toBeNull()
    // A planned 40/60 split is not a mismatch.
    expect(analyzeStats(a.inputs, { expectedShares: { control: 2, treatment: 3 } }).srmWarning).toBe(false)
  })

  it('tiny samples: one user per arm gives reasons, not numbers', () => {
    const a = analyzeStats(inputsOf(statsOf(two([[3, 0]], [[5, 0]], 'payments'), ['payments'])))
    expect(a.metrics[0]!.absolute).toBeNull()
    expect(a.metrics[0]!.absoluteReason).toMatch(/n|observations|at least/i)
    expectJsonSafe(a)
  })

  it('a single arm: nothing to compare, no rows, SRM says why', () => {
    const a = analyzeStats(inputsOf(statsOf(two(fill(10, 1), []), ['adopted'], ['control'])))
    expect(a.treatmentArms).toEqual([])
    expect(a.metrics).toEqual([])
    expect(a.arms[0]!.srm.reason).toMatch(/two arms/)
    expectJsonSafe(a)
  })
})
