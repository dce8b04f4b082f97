// Power / sample size / MDE against statsmodels 0.13.5: NormalIndPower.power (means) and
// power_proportions_2indep (proportions, pooled null variance), solved with scipy brentq at
// tight tolerances in make_reference_statsmodels.py; plus the textbook n = 2(z₀.₉₇₅ + z₀.₈)² σ²/δ².
import { describe, expect, it } from 'vitest'
import { durationDays, meanMde, meanPower, meanSampleSize, proportionMde, proportionPower, proportionSampleSize } from '../../../common/stats'
import { expectClose, STATSMODELS, unwrap } from './reference'

describe('means (statsmodels NormalIndPower)', () => {
  for (const c of STATSMODELS.powerMeans) {
    it(`σ ${c.sd}, δ ${c.mde}, α ${c.alpha}, power ${c.power}, ratio ${c.ratio}: power, n, MDE to 1e-9`, () => {
      const o = { alpha: c.alpha, power: c.power, ratio: c.ratio }
      expectClose(unwrap(meanPower({ sd: c.sd, mde: c.mde, controlSize: c.controlSize, ...o })).power, c.powerAtSize, 1e-10, 'power')
      const plan = unwrap(meanSampleSize({ sd: c.sd, mde: c.mde, ...o }))
      expectClose(plan.exactControlSize, c.exactControlSize, 1e-9, 'n_C')
      expect(plan.controlSize).toBe(Math.ceil(c.exactControlSize))
      expect(plan.treatmentSize).toBe(Math.ceil(c.ratio * c.exactControlSize))
      expectClose(unwrap(meanMde({ sd: c.sd, controlSize: c.controlSize, ...o })).mde, c.mdeAtSize, 1e-9, 'MDE')
    })
  }

  it('textbook: σ = 1, δ = 0.5, α = 0.05, 80 % → 62.79 → 63 per arm (Chow, Shao & Wang §3.2)', () => {
    const plan = unwrap(meanSampleSize({ sd: 1, mde: 0.5 }))
    expect(plan.controlSize).toBe(63)
    expect(plan.totalSize).toBe(126)
  })
})

describe('proportions (statsmodels power_proportions_2indep)', () => {
  for (const c of STATSMODELS.powerProportions) {
    it(`p_C ${c.baseline}, Δ ${c.mde}, α ${c.alpha}, power ${c.power}, ratio ${c.ratio}: power, n, MDE to 1e-9`, () => {
      const o = { alpha: c.alpha, power: c.power, ratio: c.ratio }
      expectClose(unwrap(proportionPower({ baseline: c.baseline, mde: c.mde, controlSize: c.controlSize, ...o })).power, c.powerAtSize, 1e-10, 'power')
      expectClose(unwrap(proportionSampleSize({ baseline: c.baseline, mde: c.mde, ...o })).exactControlSize, c.exactControlSize, 1e-9, 'n_C')
      expectClose(unwrap(proportionMde({ baseline: c.baseline, controlSize: c.controlSize, ...o })).mde, c.mdeAtSize, 1e-9, 'MDE')
    })
  }
})

describe('duration and edge cases', () => {
  it('days = ⌈total / daily units⌉', () => {
    expect(unwrap(durationDays(126, 10)).days).toBe(13)
    expect(unwrap(durationDays(0, 10)).days).toBe(0)
    expect(durationDays(100, 0)).toMatchObject({ ok: false, code: 'invalid-input' })
  })

  it('refuses impossible plans with reasons', () => {
    expect(meanSampleSize({ sd: 0, mde: 1 })).toMatchObject({ ok: false, code: 'invalid-input' })
    expect(meanSampleSize({ sd: 1, mde: 0 })).toMatchObject({ ok: false, code: 'invalid-input' })
    expect(meanSampleSize({ sd: 1, mde: 1, power: 0.01 })).toMatchObject({ ok: false, code: 'invalid-input' })
    expect(proportionSampleSize({ baseline: 0, mde: 0.01 })).toMatchObject({ ok: false, code: 'invalid-input' })
    expect(proportionSampleSize({ baseline: 0.99, mde: 0.02 })).toMatchObject({ ok: false, code: 'invalid-input' })
    expect(proportionMde({ baseline: 0.5, controlSize: 2 })).toMatchObject({ ok: false, code: 'not-applicable' })
    expect(meanMde({ sd: 1, controlSize: 0 })).toMatchObject({ ok: false, code: 'too-few-observations' })
  })
})
