// Ratio metric Σy/Σx per arm (payments per active day) against the delta method computed in
// numpy from raw per-user arrays through the ratio's influence function ψ = (y − R x)/x̄,
// Var(R̂) = var(ψ)/n (Deng et al., KDD 2018); normal tails from scipy 1.17.1.
import { describe, expect, it } from 'vitest'
import { ratioMetricTest } from '../../../common/stats'
import { expectClose, expectInterval, SCIPY, unwrap } from './reference'

const R = SCIPY.ratioMetric

describe('ratio metric (delta method)', () => {
  it('per-arm ratio and variance to 1e-10', () => {
    const r = unwrap(ratioMetricTest(R.control, R.treatment))
    expectClose(r.control.ratio, R.controlRatio, 1e-13, 'R_C')
    expectClose(r.treatment.ratio, R.treatmentRatio, 1e-13, 'R_T')
    expectClose(r.control.variance, R.controlVariance, 1e-10, 'Var R_C')
    expectClose(r.treatment.variance, R.treatmentVariance, 1e-10, 'Var R_T')
  })

  it('absolute and relative lift, z, p and CI to 1e-10', () => {
    const r = unwrap(ratioMetricTest(R.control, R.treatment))
    for (const [got, ref, what] of [[r.absolute, R.absolute, 'absolute'], [unwrap(r.relative), R.relative, 'relative']] as const) {
      expectClose(got.estimate, ref.estimate, 1e-10, `${what} lift`)
      expectClose(got.standardError, ref.standardError, 1e-10, `${what} se`)
      expectClose(got.pValue, ref.pValue, 1e-9, `${what} p`)
      expectInterval(got.ci, ref.ci, 1e-10, `${what} CI`)
    }
  })

  it('edge cases: denominator 0, control ratio 0, n < 2', () => {
    const arm = { n: 3, sumY: 3, sumY2: 5, sumX: 6, sumX2: 14, sumXY: 7 }
    expect(ratioMetricTest({ ...arm, sumX: 0, sumX2: 0, sumXY: 0 }, arm)).toMatchObject({ ok: false, code: 'zero-denominator' })
    const zero = unwrap(ratioMetricTest({ ...arm, sumY: 0, sumY2: 0, sumXY: 0 }, arm))
    expect(zero.relative).toMatchObject({ ok: false, code: 'zero-control-mean' })
    expect(ratioMetricTest({ n: 1, sumY: 1, sumY2: 1, sumX: 1, sumX2: 1, sumXY: 1 }, arm)).toMatchObject({ ok: false, code: 'too-few-observations' })
  })
})
