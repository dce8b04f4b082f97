// Holm and Benjamini–Hochberg against statsmodels.stats.multitest.multipletests 0.13.5
// (method='holm', 'fdr_bh') and scipy.stats.false_discovery_control 1.17.1 (method='bh'),
// plus properties checked with fast-check on random p-value families.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { benjaminiHochbergAdjust, holmAdjust } from '../../../common/stats'
import { expectClose, SCIPY, STATSMODELS, unwrap } from './reference'

describe('adjusted p-values against references', () => {
  for (const c of STATSMODELS.multipleTesting) {
    it(`family of ${c.pValues.length}: Holm and BH = statsmodels multipletests to 1e-14`, () => {
      unwrap(holmAdjust(c.pValues)).adjusted.forEach((p, i) => expectClose(p, c.holm[i] ?? Number.NaN, 1e-14, `Holm[${i}]`))
      unwrap(benjaminiHochbergAdjust(c.pValues)).adjusted.forEach((p, i) => expectClose(p, c.bh[i] ?? Number.NaN, 1e-14, `BH[${i}]`))
    })
  }
  for (const c of SCIPY.benjaminiHochberg) {
    it(`family of ${c.pValues.length}: BH = scipy.stats.false_discovery_control`, () => {
      unwrap(benjaminiHochbergAdjust(c.pValues)).adjusted.forEach((p, i) => expectClose(p, c.adjusted[i] ?? Number.NaN, 1e-14, `BH[${i}]`))
    })
  }

  it('empty family → empty result; p outside [0, 1] → invalid-input', () => {
    expect(unwrap(holmAdjust([])).adjusted).toEqual([])
    expect(holmAdjust([0.2, 1.5])).toMatchObject({ ok: false, code: 'invalid-input' })
    expect(benjaminiHochbergAdjust([Number.NaN])).toMatchObject({ ok: false, code: 'invalid-input' })
  })
})

describe('properties (fast-check)', () => {
  const family = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 })

  // m·p/m may round one ulp below p, hence the relative slack of 1e-15
  it('raw p ≤ BH ≤ Holm ≤ min(1, m·p) (Bonferroni), for every test', () => {
    fc.assert(
      fc.property(family, (ps) => {
        const holm = unwrap(holmAdjust(ps)).adjusted
        const bh = unwrap(benjaminiHochbergAdjust(ps)).adjusted
        ps.forEach((p, i) => {
          const h = holm[i] ?? Number.NaN
          const b = bh[i] ?? Number.NaN
          expect(b).toBeGreaterThanOrEqual(p * (1 - 1e-15))
          expect(h).toBeGreaterThanOrEqual(b * (1 - 1e-15))
          expect(h).toBeLessThanOrEqual(Math.min(1, ps.length * p) * (1 + 1e-15))
        })
      }),
    )
  })

  it('adjustment keeps the order of the raw p-values (monotone)', () => {
    fc.assert(
      fc.property(family, (ps) => {
        for (const adjusted of [unwrap(holmAdjust(ps)).adjusted, unwrap(benjaminiHochbergAdjust(ps)).adjusted]) {
          ps.forEach((p, i) => ps.forEach((q, j) => {
            if (p < q) expect(adjusted[i] ?? Number.NaN).toBeLessThanOrEqual(adjusted[j] ?? Number.NaN)
          }))
        }
      }),
    )
  })

  it('a family of one is left unchanged', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (p) => {
      expect(unwrap(holmAdjust([p])).adjusted).toEqual([p])
      expect(unwrap(benjaminiHochbergAdjust([p])).adjusted).toEqual([p])
    }))
  })
})
