// Welch t-test from sufficient statistics against scipy.stats.ttest_ind(equal_var=False) 1.17.1
// on the raw samples (the code sees only n, Σy, Σy²); relative lift against the delta method
// computed with numpy from the raw arrays. Cases and raw-data generators: make_reference.py.
import { describe, expect, it } from 'vitest'
import { welchTest, type Alternative } from '../../../common/stats'
import { expectClose, expectInterval, SCIPY, unwrap } from './reference'

describe('Welch t-test (scipy.stats.ttest_ind, equal_var=False)', () => {
  for (const c of SCIPY.welch.cases) {
    it(`${c.name}: df, t, p to 1e-10, CI to 1e-10`, () => {
      const r = unwrap(welchTest(c.control, c.treatment, { alternative: c.alternative as Alternative, confidence: c.confidence }))
      expectClose(r.df, c.df, 1e-10, 'Welch df')
      expectClose(r.absolute.statistic, c.statistic, 1e-10, 't')
      expectClose(r.absolute.pValue, c.pValue, 1e-10, 'p-value')
      expectClose(r.absolute.estimate, c.estimate, 1e-10, 'lift', 1e-15)
      expectClose(r.absolute.standardError, c.standardError, 1e-10, 'se')
      expectInterval(r.absolute.ci, c.ci, 1e-10, 'CI')
    })

    it(`${c.name}: relative lift by the delta method (numpy on raw samples) to 1e-10`, () => {
      const rel = unwrap(unwrap(welchTest(c.control, c.treatment, { alternative: c.alternative as Alternative, confidence: c.confidence })).relative)
      expectClose(rel.estimate, c.relative.estimate, 1e-10, 'relative lift')
      expectClose(rel.standardError, c.relative.standardError, 1e-10, 'relative se')
      expectClose(rel.pValue, c.relative.pValue, 1e-10, 'relative p')
      expectInterval(rel.ci, c.relative.ci, 1e-10, 'relative CI')
    })
  }

  it('the DOMAIN.md §7 example: lift 0.29, 95% CI (0.04538, 0.53462), p 0.02016; t and p match scipy.stats.ttest_ind_from_stats to 1e-10', () => {
    const d = SCIPY.welch.domainExample
    const r = unwrap(welchTest(d.control, d.treatment))
    expectClose(r.absolute.statistic, d.statistic, 1e-10, 't')
    expectClose(r.absolute.pValue, d.pValue, 1e-10, 'p')
    expect(r.absolute.estimate).toBeCloseTo(0.29, 12)
    expect(r.absolute.ci.lower).toBeCloseTo(0.04538, 5)
    expect(r.absolute.ci.upper).toBeCloseTo(0.53462, 5)
    expect(r.absolute.pValue).toBeCloseTo(0.02016, 5)
  })

  it('uses the Welch–Satterthwaite df, not the pooled n_C + n_T − 2 (a pooled test would fail the p-value check)', () => {
    const c = SCIPY.welch.cases[3]
    if (!c) throw new Error('missing case')
    const r = unwrap(welchTest(c.control, c.treatment))
    expect(Math.abs(r.df - (c.control.n + c.treatment.n - 2))).toBeGreaterThan(100)
  })
})

describe('Welch edge cases: explicit reasons, never NaN', () => {
  const arm = { n: 10, sum: 25, sumSq: 80 }
  it('n < 2 in an arm', () => {
    expect(welchTest({ n: 1, sum: 3, sumSq: 9 }, arm)).toMatchObject({ ok: false, code: 'too-few-observations' })
    expect(welchTest(arm, { n: 0, sum: 0, sumSq: 0 })).toMatchObject({ ok: false, code: 'too-few-observations' })
  })
  it('zero variance in both arms', () => {
    expect(welchTest({ n: 5, sum: 10, sumSq: 20 }, { n: 4, sum: 12, sumSq: 36 })).toMatchObject({ ok: false, code: 'zero-variance' })
  })
  it('zero variance in one arm still tests (df from the other arm)', () => {
    const r = unwrap(welchTest({ n: 5, sum: 10, sumSq: 20 }, arm))
    expectClose(r.df, 9, 1e-12, 'df = n_T − 1')
  })
  it('control mean 0: absolute lift fine, relative lift undefined with a reason', () => {
    const r = unwrap(welchTest({ n: 4, sum: 0, sumSq: 8 }, arm))
    expect(Number.isFinite(r.absolute.pValue)).toBe(true)
    expect(r.relative).toMatchObject({ ok: false, code: 'zero-control-mean' })
    expect(r.relative.ok ? '' : r.relative.reason).toMatch(/undefined/)
  })
  it('inconsistent sums, non-finite input and a bad confidence level', () => {
    expect(welchTest({ n: 5, sum: 10, sumSq: 1 }, arm)).toMatchObject({ ok: false, code: 'invalid-input' })
    expect(welchTest({ n: 5, sum: Number.NaN, sumSq: 1 }, arm)).toMatchObject({ ok: false, code: 'invalid-input' })
    expect(welchTest(arm, arm, { confidence: 1 })).toMatchObject({ ok: false, code: 'invalid-input' })
    expect(welchTest({ n: 2.5, sum: 1, sumSq: 1 }, arm)).toMatchObject({ ok: false, code: 'invalid-input' })
  })
})
