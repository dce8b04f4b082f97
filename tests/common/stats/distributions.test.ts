// Distributions and special functions against scipy 1.17.1 (scipy.stats.norm/t/chi2,
// scipy.special.gammaln/gammainc/gammaincc/betaln/betainc), values in reference/values.json.
import { describe, expect, it } from 'vitest'
import {
  chiSquareCdf,
  chiSquareSf,
  logBeta,
  logGamma,
  normalCdf,
  normalQuantile,
  normalSf,
  regularizedBeta,
  regularizedGammaP,
  regularizedGammaQ,
  studentTCdf,
  studentTQuantile,
} from '../../../common/stats'
import { expectClose, rows, SCIPY } from './reference'

type Two = [number, number]
type Three = [number, number, number]
type Four = [number, number, number, number]

const D = SCIPY.distributions

describe('standard normal (scipy.stats.norm)', () => {
  it('CDF and survival function to 1e-13 relative, far tails included (x from −38 to 9)', () => {
    for (const [x, p] of rows<Two>(D.normalCdf)) expectClose(normalCdf(x), p, 1e-13, `Φ(${x})`, 1e-300)
    for (const [x, p] of rows<Two>(D.normalSf)) expectClose(normalSf(x), p, 1e-13, `1 − Φ(${x})`, 1e-300)
  })

  it('quantile to 1e-13 relative for p from 1e-300 to 1 − 1e-10', () => {
    for (const [p, x] of rows<Two>(D.normalQuantile)) expectClose(normalQuantile(p), x, 1e-13, `Φ⁻¹(${p})`, 1e-15)
  })

  it('refuses p outside (0, 1)', () => {
    expect(() => normalQuantile(0)).toThrow(RangeError)
    expect(() => normalQuantile(1)).toThrow(RangeError)
  })
})

describe('Student t (scipy.stats.t), ν from 0.5 to 1e9, including the Welch ν = 6866.3', () => {
  it('CDF to 1e-10 relative', () => {
    for (const [t, df, p] of rows<Three>(D.studentTCdf)) expectClose(studentTCdf(t, df), p, 1e-10, `F_t(${t}; ${df})`, 1e-300)
  })

  it('quantile to 1e-10 relative', () => {
    for (const [p, df, t] of rows<Three>(D.studentTQuantile)) expectClose(studentTQuantile(p, df), t, 1e-10, `F_t⁻¹(${p}; ${df})`, 1e-15)
  })

  it('ν = ∞ is the normal', () => {
    expect(studentTCdf(-1.5, Infinity)).toBe(normalCdf(-1.5))
  })
})

describe('chi-square (scipy.stats.chi2)', () => {
  it('survival function and CDF to 1e-12 relative', () => {
    for (const [x, k, p] of rows<Three>(D.chiSquareSf)) expectClose(chiSquareSf(x, k), p, 1e-12, `P(χ²_${k} > ${x})`, 1e-300)
    for (const [x, k, p] of rows<Three>(D.chiSquareCdf)) expectClose(chiSquareCdf(x, k), p, 1e-12, `P(χ²_${k} ≤ ${x})`)
  })
})

describe('gamma and beta helpers (scipy.special)', () => {
  it('ln Γ to 1e-14 absolute + relative', () => {
    for (const [x, v] of rows<Two>(D.logGamma)) expectClose(logGamma(x), v, 1e-14, `lnΓ(${x})`, 1e-14)
  })

  it('regularized incomplete gamma P and Q to 1e-13', () => {
    for (const [a, x, v] of rows<Three>(D.regularizedGammaP)) expectClose(regularizedGammaP(a, x), v, 1e-13, `P(${a}, ${x})`, 1e-300)
    for (const [a, x, v] of rows<Three>(D.regularizedGammaQ)) expectClose(regularizedGammaQ(a, x), v, 1e-13, `Q(${a}, ${x})`, 1e-300)
  })

  it('ln B and the regularized incomplete beta to 1e-12', () => {
    for (const [a, b, v] of rows<Three>(D.logBeta)) expectClose(logBeta(a, b), v, 1e-13, `lnB(${a}, ${b})`, 1e-13)
    for (const [x, a, b, v] of rows<Four>(D.regularizedBeta)) expectClose(regularizedBeta(x, a, b), v, 1e-12, `I_${x}(${a}, ${b})`, 1e-300)
  })
})
