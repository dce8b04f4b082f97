// CUPED against first principles on raw samples (make_reference.py): θ is the slope of an OLS
// fit of y on x with one intercept per arm (numpy.linalg.lstsq), the adjusted samples
// y − θ(x − x̄) go through scipy.stats.ttest_ind(equal_var=False) 1.17.1. The code sees only
// (n, Σy, Σy², Σx, Σx², Σxy) per arm.
import { describe, expect, it } from 'vitest'
import { cupedTest, welchTest } from '../../../common/stats'
import { expectClose, expectInterval, SCIPY, unwrap } from './reference'

const C = SCIPY.cuped

describe('CUPED with θ pooled over arms', () => {
  it('θ, adjusted means and variances to 1e-10', () => {
    const r = unwrap(cupedTest(C.control, C.treatment))
    expectClose(r.theta, C.theta, 1e-10, 'θ')
    expectClose(r.control.adjustedMean, C.adjustedMeans[0] ?? Number.NaN, 1e-10, 'adjusted control mean')
    expectClose(r.treatment.adjustedMean, C.adjustedMeans[1] ?? Number.NaN, 1e-10, 'adjusted treatment mean')
    expectClose(r.control.adjustedVariance, C.adjustedVariances[0] ?? Number.NaN, 1e-10, 'adjusted control variance')
    expectClose(r.treatment.adjustedVariance, C.adjustedVariances[1] ?? Number.NaN, 1e-10, 'adjusted treatment variance')
  })

  it('adjusted Welch test: df, t, p, CI to 1e-9; variance reduction to 1e-10', () => {
    const r = unwrap(cupedTest(C.control, C.treatment))
    expectClose(r.df, C.df, 1e-10, 'df')
    expectClose(r.absolute.statistic, C.statistic, 1e-10, 't')
    expectClose(r.absolute.pValue, C.pValue, 1e-9, 'p')
    expectInterval(r.absolute.ci, C.ci, 1e-10, 'CI')
    expectClose(r.varianceReduction, C.varianceReduction, 1e-10, 'variance reduction')
    expectClose(r.unadjustedStandardError, C.unadjustedStandardError, 1e-10, 'unadjusted se')
    const rel = unwrap(r.relative)
    expectClose(rel.estimate, C.relative.estimate, 1e-10, 'relative lift')
    expectClose(rel.standardError, C.relative.standardError, 1e-10, 'relative se')
    expectInterval(rel.ci, C.relative.ci, 1e-10, 'relative CI')
  })

  it('the unadjusted p-value (same sums, plain Welch) matches scipy on the raw y', () => {
    const plain = unwrap(welchTest({ n: C.control.n, sum: C.control.sumY, sumSq: C.control.sumY2 }, { n: C.treatment.n, sum: C.treatment.sumY, sumSq: C.treatment.sumY2 }))
    expectClose(plain.absolute.pValue, C.unadjustedPValue, 1e-9, 'unadjusted p')
  })

  it('edge cases: constant covariate, n < 2', () => {
    const arm = { n: 4, sumY: 10, sumY2: 30, sumX: 8, sumX2: 16, sumXY: 20 }
    expect(cupedTest(arm, arm)).toMatchObject({ ok: false, code: 'not-applicable' })
    expect(cupedTest({ ...arm, n: 1 }, arm)).toMatchObject({ ok: false, code: 'too-few-observations' })
  })
})
