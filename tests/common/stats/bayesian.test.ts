// Normal–normal Bayesian lift against numerical integration of prior × likelihood with
// scipy.integrate.quad 1.17.1 (posterior mean/sd, P(lift > 0), expected losses, 2.5 %/97.5 %
// posterior quantiles by brentq) — not the conjugate formulas the code uses.
import { describe, expect, it } from 'vitest'
import { bayesianLift } from '../../../common/stats'
import { expectClose, expectInterval, SCIPY, unwrap } from './reference'

describe('Bayesian lift with a Gaussian prior', () => {
  for (const c of SCIPY.bayesian) {
    const label = c.prior ? `prior N(${c.prior.mean}, ${c.prior.sd}²)` : 'flat prior'
    it(`estimate ${c.estimate} ± ${c.standardError}, ${label}: posterior, chance to win, risks to 1e-9`, () => {
      const r = unwrap(bayesianLift({ estimate: c.estimate, standardError: c.standardError, prior: c.prior }))
      expectClose(r.posteriorMean, c.posteriorMean, 1e-9, 'posterior mean', 1e-15)
      expectClose(r.posteriorSd, c.posteriorSd, 1e-9, 'posterior sd')
      expectClose(r.chanceToWin, c.chanceToWin, 1e-9, 'chance to win')
      expectClose(r.risk.treatment, c.risk.treatment, 1e-8, 'risk of treatment', 1e-18)
      expectClose(r.risk.control, c.risk.control, 1e-8, 'risk of control', 1e-18)
      expectInterval(r.credibleInterval, c.credibleInterval, 1e-9, '95% credible interval')
    })
  }

  it('edge cases: zero standard error, bad prior, bad level', () => {
    expect(bayesianLift({ estimate: 1, standardError: 0 })).toMatchObject({ ok: false, code: 'zero-variance' })
    expect(bayesianLift({ estimate: 1, standardError: 1, prior: { mean: 0, sd: 0 } })).toMatchObject({ ok: false, code: 'invalid-input' })
    expect(bayesianLift({ estimate: 1, standardError: 1, credibility: 1.2 })).toMatchObject({ ok: false, code: 'invalid-input' })
    expect(bayesianLift({ estimate: Number.POSITIVE_INFINITY, standardError: 1 })).toMatchObject({ ok: false, code: 'invalid-input' })
  })
})
