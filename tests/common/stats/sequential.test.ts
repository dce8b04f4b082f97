// Always-valid confidence sequence against the normal-mixture martingale evaluated by
// numerical integration over the mixing parameter (mpmath.quad, 30 digits) and inverted with
// mpmath.findroot at level 1/α (Ville's inequality), in make_reference.py.
import { describe, expect, it } from 'vitest'
import { confidenceSequence, sequentialMeanDifference, welchTest } from '../../../common/stats'
import { expectClose, expectInterval, SCIPY, unwrap } from './reference'

describe('normal-mixture confidence sequence', () => {
  for (const c of SCIPY.sequential) {
    it(`Δ = ${c.estimate} ± ${c.standardError}, N = ${c.sampleSize}, ${c.confidence * 100}%, N* = ${c.tuningSampleSize}: width and p to 1e-10`, () => {
      const r = unwrap(confidenceSequence({ estimate: c.estimate, standardError: c.standardError, sampleSize: c.sampleSize, confidence: c.confidence, tuningSampleSize: c.tuningSampleSize }))
      expectClose(r.rho, c.rho, 1e-14, 'ρ')
      expectClose(r.halfWidth, c.halfWidth, 1e-10, 'half-width')
      expectInterval(r.ci, c.ci, 1e-10, 'CS')
      expectClose(r.pValue, c.pValue, 1e-10, 'always-valid p')
    })
  }

  it('is wider than the fixed-horizon Welch interval on the DOMAIN.md example, and its p is larger', () => {
    const d = SCIPY.welch.domainExample
    const fixed = unwrap(welchTest(d.control, d.treatment))
    const seq = unwrap(sequentialMeanDifference(d.control, d.treatment))
    expect(seq.halfWidth).toBeGreaterThan(((fixed.absolute.ci.upper ?? 0) - (fixed.absolute.ci.lower ?? 0)) / 2)
    expect(seq.pValue).toBeGreaterThan(fixed.absolute.pValue)
  })

  it('edge cases', () => {
    expect(confidenceSequence({ estimate: 1, standardError: 0, sampleSize: 10 })).toMatchObject({ ok: false, code: 'zero-variance' })
    expect(confidenceSequence({ estimate: 1, standardError: 1, sampleSize: 0 })).toMatchObject({ ok: false, code: 'too-few-observations' })
    expect(confidenceSequence({ estimate: 1, standardError: 1, sampleSize: 10, tuningSampleSize: 0 })).toMatchObject({ ok: false, code: 'invalid-input' })
    expect(sequentialMeanDifference({ n: 1, sum: 1, sumSq: 1 }, { n: 3, sum: 1, sumSq: 1 })).toMatchObject({ ok: false, code: 'too-few-observations' })
  })
})
