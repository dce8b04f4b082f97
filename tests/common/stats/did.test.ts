// Difference-in-differences (common/stats/did.ts, didPretrend.ts) against statsmodels 0.13.5:
// WLS with C(unit) + C(period) dummies, cov_type='cluster' (CR1, t with G − 1 df), wald_test for
// the leads; the size-adjusted inference against a statsmodels Gamma GLM (identity link) plus
// numpy/scipy on the statsmodels residuals. Panels and generator: reference/make_did_reference.py.
import { describe, expect, it } from 'vitest'
import { differenceInDifferences, placeboInTime, primaryInference, type DidResult, type PanelCell } from '../../../common/stats/did'
import { eventStudyPretrend } from '../../../common/stats/didPretrend'
import { fitVarianceFunction } from '../../../common/stats/varianceFunction'
import { expectClose, expectInterval, unwrap } from './reference'
import reference from './reference/did_reference.json'

interface Compact { units: string[]; periods: string[]; users: number[]; payments: number[][] }
interface CaseInput { cells?: PanelCell[]; compact?: Compact; treatedUnits: string[]; treatmentStart: string }
interface Inference { standardError: number; df: number; statistic: number; pValue: number; ci: number[] }
interface DidRef {
  estimate: number; clusterRobust: Inference; sizeAdjusted: Inference & { varianceFunction: { a: number; b: number; form: string } }
  observations: number; parameters: number; preFitRmse: number
  series: { period: string; treated: number; control: number; counterfactual: number }[]
}

/** Cells of a case: compact sample panels hold payments per region-day and users per region. */
function cellsOf(input: CaseInput): PanelCell[] {
  if (input.cells !== undefined) return input.cells
  const c = input.compact!
  return c.units.flatMap((unit, i) => c.periods.map((period, j) => ({ unit, period, outcome: c.payments[i]![j]! / c.users[i]!, weight: c.users[i]! })))
}

const CASES = Object.entries(reference.cases as unknown as Record<string, { input: CaseInput; did: DidRef; placebo: DidRef & { placeboStart: string }; pretrend: {
  binSize: number; leads: { bin: number; estimate: number; standardError: number }[]
  clusterRobust: { f: number; df1: number; df2: number; pValue: number }
  sizeAdjusted: { wald: number; f: number; df1: number; df2: number; pValue: number }
} }>)

function expectDid(r: DidResult, ref: DidRef, what: string): void {
  expectClose(r.estimate, ref.estimate, 1e-9, `${what} ATT`, 1e-14)
  expectClose(r.clusterRobust.standardError, ref.clusterRobust.standardError, 1e-8, `${what} CR1 se`)
  expect(r.clusterRobust.df).toBe(ref.clusterRobust.df)
  expectClose(r.clusterRobust.statistic, ref.clusterRobust.statistic, 1e-8, `${what} CR1 t`)
  expectClose(r.clusterRobust.pValue, ref.clusterRobust.pValue, 1e-7, `${what} CR1 p`, 1e-15)
  expectInterval(r.clusterRobust.ci, ref.clusterRobust.ci, 1e-8, `${what} CR1 CI`)
  const s = unwrap(r.sizeAdjusted)
  expect(s.varianceFunction.form).toBe(ref.sizeAdjusted.varianceFunction.form)
  expectClose(s.varianceFunction.a, ref.sizeAdjusted.varianceFunction.a, 1e-6, `${what} v(M) a`, 1e-18)
  expectClose(s.varianceFunction.b, ref.sizeAdjusted.varianceFunction.b, 1e-6, `${what} v(M) b`, 1e-18)
  expect(s.df).toBe(ref.sizeAdjusted.df)
  expectClose(s.standardError, ref.sizeAdjusted.standardError, 1e-6, `${what} size-adjusted se`)
  expectClose(s.pValue, ref.sizeAdjusted.pValue, 1e-5, `${what} size-adjusted p`, 1e-12)
  expectInterval(s.ci, ref.sizeAdjusted.ci, 1e-6, `${what} size-adjusted CI`)
  expect(r.observations).toBe(ref.observations)
  expect(r.series.map((p) => p.period)).toEqual(ref.series.map((p) => p.period))
  r.series.forEach((p, i) => {
    const q = ref.series[i]!
    expectClose(p.treated, q.treated, 1e-12, `${what} treated mean ${p.period}`, 1e-14)
    expectClose(p.control, q.control, 1e-12, `${what} control mean ${p.period}`, 1e-14)
    expectClose(p.counterfactual, q.counterfactual, 1e-8, `${what} counterfactual ${p.period}`, 1e-12)
  })
  expectClose(r.preFitRmse, ref.preFitRmse, 1e-6, `${what} pre-fit RMSE`, 1e-12)
}

describe('two-way fixed effects DiD (statsmodels WLS, cov_type="cluster")', () => {
  for (const [name, c] of CASES) {
    const cells = cellsOf(c.input)
    const input = { cells, treatedUnits: c.input.treatedUnits, treatmentStart: c.input.treatmentStart }

    it(`${name}: ATT, CR1 and size-adjusted inference, fit series`, () => {
      expectDid(unwrap(differenceInDifferences(input)), c.did, name)
    })

    it(`${name}: placebo start in the middle of the pre-period`, () => {
      const p = unwrap(placeboInTime(input))
      expect(p.placeboStart).toBe(c.placebo.placeboStart)
      expectDid(p, c.placebo, `${name} placebo`)
    })

    it(`${name}: event-study leads and the joint pre-trend tests`, () => {
      const r = unwrap(eventStudyPretrend({ ...input, binSize: c.pretrend.binSize }))
      expect(r.leads.map((l) => l.bin)).toEqual(c.pretrend.leads.map((l) => l.bin))
      r.leads.forEach((l, i) => {
        expectClose(l.estimate, c.pretrend.leads[i]!.estimate, 1e-8, `lead ${l.bin}`, 1e-13)
        expectClose(l.standardError, c.pretrend.leads[i]!.standardError, 1e-8, `lead ${l.bin} se`)
      })
      expectClose(r.clusterRobust.f, c.pretrend.clusterRobust.f, 1e-7, 'CR1 Wald F')
      expect([r.clusterRobust.df1, r.clusterRobust.df2]).toEqual([c.pretrend.clusterRobust.df1, c.pretrend.clusterRobust.df2])
      expectClose(r.clusterRobust.pValue, c.pretrend.clusterRobust.pValue, 1e-6, 'CR1 Wald p', 1e-15)
      const s = unwrap(r.sizeAdjusted)
      expectClose(s.wald, c.pretrend.sizeAdjusted.wald, 1e-6, 'Hotelling T²')
      expect([s.df1, s.df2]).toEqual([c.pretrend.sizeAdjusted.df1, c.pretrend.sizeAdjusted.df2])
      expectClose(s.pValue, c.pretrend.sizeAdjusted.pValue, 1e-5, 'size-adjusted p', 1e-12)
    })
  }
})

describe('which inference to report', () => {
  const one = CASES.find(([n]) => n === 'oneTreated')![1]
  const many = CASES.find(([n]) => n === 'manyTreated')![1]
  const run = (c: typeof one) => unwrap(differenceInDifferences({ cells: cellsOf(c.input), treatedUnits: c.input.treatedUnits, treatmentStart: c.input.treatmentStart }))

  it('one treated unit: size-adjusted (CR1 ignores the treated unit\'s own noise)', () => {
    const r = run(one)
    expect(r.primary).toBe('size-adjusted')
    expect(primaryInference(r).method).toBe('size-adjusted')
    // The synthetic truth is +0.3; the CR1 pre-trend test rejects a flat pre-period (reference p < 1e-8).
    expect(one.pretrend.clusterRobust.pValue).toBeLessThan(1e-8)
    expect(one.pretrend.sizeAdjusted.pValue).toBeGreaterThan(0.05)
  })

  it(`12 treated and 12 control units: cluster-robust`, () => {
    expect(run(many).primary).toBe('cluster-robust')
  })
})

describe('edge cases', () => {
  const cell = (unit: string, period: string, outcome: number, weight = 10): PanelCell => ({ unit, period, outcome, weight })
  const grid = (units: string[], periods: string[]) => units.flatMap((u, i) => periods.map((p, t) => cell(u, p, i + t + ((i * 7 + t * 3) % 5) / 10)))
  const periods = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04']

  it('refuses panels without controls, without pre- or post-periods, or with a missing treated unit', () => {
    const cells = grid(['A', 'B', 'C'], periods)
    expect(differenceInDifferences({ cells, treatedUnits: ['A', 'B', 'C'], treatmentStart: '2024-01-03' })).toMatchObject({ ok: false, code: 'single-arm' })
    expect(differenceInDifferences({ cells, treatedUnits: ['A'], treatmentStart: '2024-01-01' })).toMatchObject({ ok: false, code: 'not-applicable' })
    expect(differenceInDifferences({ cells, treatedUnits: ['A'], treatmentStart: '2024-02-01' })).toMatchObject({ ok: false, code: 'not-applicable' })
    expect(differenceInDifferences({ cells, treatedUnits: ['Z'], treatmentStart: '2024-01-03' })).toMatchObject({ ok: false, code: 'invalid-input' })
  })

  it('refuses non-finite outcomes and non-positive weights', () => {
    const cells = grid(['A', 'B', 'C'], periods)
    cells[0] = cell('A', periods[0]!, Number.NaN)
    expect(differenceInDifferences({ cells, treatedUnits: ['A'], treatmentStart: '2024-01-03' })).toMatchObject({ ok: false, code: 'invalid-input' })
    cells[0] = cell('A', periods[0]!, 1, 0)
    expect(differenceInDifferences({ cells, treatedUnits: ['A'], treatmentStart: '2024-01-03' })).toMatchObject({ ok: false, code: 'invalid-input' })
  })

  it('a pre-trend test needs two bins; a placebo needs four pre-periods', () => {
    const cells = grid(['A', 'B', 'C', 'D', 'E'], periods)
    expect(eventStudyPretrend({ cells, treatedUnits: ['A'], treatmentStart: '2024-01-03', binSize: 7 })).toMatchObject({ ok: false, code: 'too-few-observations' })
    expect(placeboInTime({ cells, treatedUnits: ['A'], treatmentStart: '2024-01-03' })).toMatchObject({ ok: false, code: 'too-few-observations' })
  })

  it('variance function: one-part fits when a part would be negative, refusals', () => {
    // Squares that grow with M: b would be negative, so v(M) = a (the mean square).
    const f = unwrap(fitVarianceFunction([1, 2, 3, 4], [1, 2, 3, 4]))
    expect(f.form).toBe('a')
    expectClose(f.a, 2.5, 1e-15, 'a = mean square')
    expect(fitVarianceFunction([1, 2], [1, 2])).toMatchObject({ ok: false, code: 'too-few-observations' })
    expect(fitVarianceFunction([0, 0, 0], [1, 2, 3])).toMatchObject({ ok: false, code: 'zero-variance' })
  })
})
