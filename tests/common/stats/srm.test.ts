// Sample ratio mismatch against scipy.stats.chisquare(observed, expected) 1.17.1.
import { describe, expect, it } from 'vitest'
import { srmTest } from '../../../common/stats'
import { expectClose, SCIPY, unwrap } from './reference'

describe('SRM χ² goodness of fit', () => {
  for (const c of SCIPY.srm) {
    it(`observed ${c.observed.join(' / ')} vs weights ${c.weights.join(':')}: χ² and p to 1e-11, warn iff p < 0.001`, () => {
      const r = unwrap(srmTest(c.observed, c.weights))
      expectClose(r.chiSquare, c.chiSquare, 1e-11, 'χ²')
      expectClose(r.pValue, c.pValue, 1e-11, 'p', 1e-300)
      r.expected.forEach((e, i) => expectClose(e, c.expected[i] ?? Number.NaN, 1e-13, `expected[${i}]`))
      expect(r.df).toBe(c.observed.length - 1)
      expect(r.warn).toBe(c.pValue < 0.001)
    })
  }

  it('flags a 52.5 / 47.5 split of 10,000 users (χ² = 25, p ≈ 5.7e-7), not 51.2 / 48.8 (p ≈ 0.016)', () => {
    expect(unwrap(srmTest([5250, 4750], [1, 1])).warn).toBe(true)
    expect(unwrap(srmTest([5120, 4880], [1, 1])).warn).toBe(false)
    expect(unwrap(srmTest([5120, 4880], [1, 1], 0.05)).warn).toBe(true)
  })

  it('edge cases: a single arm, mismatched lengths, no units, bad weights', () => {
    expect(srmTest([100], [1])).toMatchObject({ ok: false, code: 'single-arm' })
    expect(srmTest([100, 90], [1])).toMatchObject({ ok: false, code: 'invalid-input' })
    expect(srmTest([0, 0], [1, 1])).toMatchObject({ ok: false, code: 'too-few-observations' })
    expect(srmTest([10, 12], [1, 0])).toMatchObject({ ok: false, code: 'invalid-input' })
    expect(srmTest([10, -1], [1, 1])).toMatchObject({ ok: false, code: 'invalid-input' })
  })
})
