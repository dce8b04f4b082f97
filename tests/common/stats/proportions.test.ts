// Two-proportion tests against statsmodels 0.13.5 (test_proportions_2indep(method='wald'),
// confint_proportions_2indep(method='wald'), proportions_ztest) and scipy 1.17.1
// (chi2_contingency without continuity correction = pooled z²); relative lift against the delta
// method in numpy. Inputs: the three cases in make_reference*.py.
import { describe, expect, it } from 'vitest'
import { twoProportionTest } from '../../../common/stats'
import { expectClose, expectInterval, SCIPY, STATSMODELS, unwrap } from './reference'

describe('two-proportion z-test', () => {
  for (const c of STATSMODELS.proportions) {
    it(`${c.name}: Wald z, p and CI (95 %, 90 %) match statsmodels to 1e-10`, () => {
      const r = unwrap(twoProportionTest(c.control, c.treatment))
      expectClose(r.absolute.statistic, c.waldStatistic, 1e-10, 'z')
      expectClose(r.absolute.pValue, c.waldPValue, 1e-10, 'p')
      expectInterval(r.absolute.ci, c.ci95, 1e-10, '95% CI')
      expectInterval(unwrap(twoProportionTest(c.control, c.treatment, { confidence: 0.9 })).absolute.ci, c.ci90, 1e-10, '90% CI')
    })

    it(`${c.name}: pooled z and p match proportions_ztest to 1e-10 (two-sided and 'larger')`, () => {
      const r = unwrap(twoProportionTest(c.control, c.treatment, { pooled: true }))
      expectClose(r.absolute.statistic, c.pooledStatistic, 1e-10, 'pooled z')
      expectClose(r.absolute.pValue, c.pooledPValue, 1e-10, 'pooled p')
      const g = unwrap(twoProportionTest(c.control, c.treatment, { pooled: true, alternative: 'greater' }))
      expectClose(g.absolute.pValue, c.pooledGreaterPValue, 1e-10, 'pooled one-sided p')
    })
  }

  for (const c of SCIPY.proportions) {
    it(`${c.name}: pooled z² = scipy chi2_contingency χ², relative lift = numpy delta method`, () => {
      const r = unwrap(twoProportionTest(c.control, c.treatment, { pooled: true }))
      expectClose(r.absolute.statistic ** 2, c.pooledChiSquare, 1e-10, 'z²')
      expectClose(r.absolute.pValue, c.pooledPValue, 1e-10, 'p')
      const rel = unwrap(r.relative)
      expectClose(rel.estimate, c.relative.estimate, 1e-12, 'relative lift')
      expectClose(rel.standardError, c.relative.standardError, 1e-12, 'relative se')
      expectClose(rel.pValue, c.relative.pValue, 1e-10, 'relative p')
      expectInterval(rel.ci, c.relative.ci, 1e-10, 'relative CI')
    })
  }

  it('edge cases: rates of exactly 0 or 1 in both arms, control rate 0, bad counts', () => {
    expect(twoProportionTest({ n: 50, successes: 0 }, { n: 60, successes: 0 })).toMatchObject({ ok: false, code: 'zero-variance' })
    expect(twoProportionTest({ n: 50, successes: 50 }, { n: 60, successes: 60 })).toMatchObject({ ok: false, code: 'zero-variance' })
    const r = unwrap(twoProportionTest({ n: 50, successes: 0 }, { n: 60, successes: 3 }))
    expect(r.relative).toMatchObject({ ok: false, code: 'zero-control-mean' })
    expect(twoProportionTest({ n: 50, successes: 51 }, { n: 60, successes: 3 })).toMatchObject({ ok: false, code: 'invalid-input' })
    expect(twoProportionTest({ n: 0, successes: 0 }, { n: 60, successes: 3 })).toMatchObject({ ok: false, code: 'too-few-observations' })
  })
})
