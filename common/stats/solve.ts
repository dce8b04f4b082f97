// Brent's root finder for a continuous function with a sign change on [lo, hi]: inverse
// quadratic interpolation with bisection as a safeguard (Brent, "Algorithms for Minimization
// without Derivatives", 1973, ch. 4; Press et al., Numerical Recipes, 3rd ed., §9.3 zbrent).
// Layer: common (pure).

const EPS = 2.220446049250313e-16

/** A root of f in [lo, hi], given f(lo) and f(hi) of opposite signs; `relTol` is relative in x. */
export function brentRoot(f: (x: number) => number, lo: number, hi: number, relTol = 1e-15, maxIter = 300): number {
  let a = lo
  let b = hi
  let fa = f(a)
  let fb = f(b)
  if (fa === 0) return a
  if (fb === 0) return b
  if (fa > 0 === fb > 0) throw new RangeError(`brentRoot: no sign change on [${lo}, ${hi}]`)
  let c = b
  let fc = fb
  let d = b - a
  let e = d
  for (let i = 0; i < maxIter; i++) {
    if (fb > 0 === fc > 0) {
      c = a
      fc = fa
      d = b - a
      e = d
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b
      b = c
      c = a
      fa = fb
      fb = fc
      fc = fa
    }
    const tol = 2 * EPS * Math.abs(b) + 0.5 * relTol * Math.abs(b) + 1e-300
    const m = 0.5 * (c - b)
    if (Math.abs(m) <= tol || fb === 0) return b
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa
      let p: number
      let q: number
      if (a === c) {
        p = 2 * m * s
        q = 1 - s
      } else {
        const qq = fa / fc
        const r = fb / fc
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1))
        q = (qq - 1) * (r - 1) * (s - 1)
      }
      if (p > 0) q = -q
      p = Math.abs(p)
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d
        d = p / q
      } else {
        d = m
        e = d
      }
    } else {
      d = m
      e = d
    }
    a = b
    fa = fb
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol
    fb = f(b)
  }
  return b
}

/**
 * Widens [lo, hi] geometrically (away from `start`) until the increasing function f changes
 * sign, then returns the bracket. Used for quantiles and power solves.
 */
export function bracketIncreasing(f: (x: number) => number, start: number, step: number, maxDoublings = 200): [number, number] {
  let lo = start - step
  let hi = start + step
  let width = step
  for (let i = 0; i < maxDoublings && f(lo) > 0; i++) {
    width *= 2
    lo = start - width
  }
  width = step
  for (let i = 0; i < maxDoublings && f(hi) < 0; i++) {
    width *= 2
    hi = start + width
  }
  return [lo, hi]
}
