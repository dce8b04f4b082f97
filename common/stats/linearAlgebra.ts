// Small dense linear algebra for least squares: Cholesky factorisation of a symmetric positive
// definite matrix, solves with it, and the inverse. Matrices are row-major number[][].
// Layer: common (pure). Golub & Van Loan, "Matrix Computations", 4th ed., §4.2.

/** Lower-triangular L with A = L Lᵀ, or null when A is not (numerically) positive definite. */
export function cholesky(a: readonly (readonly number[])[]): number[][] | null {
  const n = a.length
  const l: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0))
  // Relative pivot floor: a pivot this small means a column is a combination of the others.
  const scale = Math.max(...a.map((row, i) => Math.abs(row[i] ?? 0)), 0)
  const floor = scale * 1e-12
  for (let j = 0; j < n; j++) {
    const lj = l[j]!
    let d = a[j]![j]!
    for (let k = 0; k < j; k++) d -= lj[k]! * lj[k]!
    if (!(d > floor)) return null
    const djj = Math.sqrt(d)
    lj[j] = djj
    for (let i = j + 1; i < n; i++) {
      const li = l[i]!
      let s = a[i]![j]!
      for (let k = 0; k < j; k++) s -= li[k]! * lj[k]!
      li[j] = s / djj
    }
  }
  return l
}

/** Solves (L Lᵀ) x = b given the Cholesky factor L. */
export function choleskySolve(l: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = l.length
  const y = new Array<number>(n).fill(0)
  for (let i = 0; i < n; i++) {
    const li = l[i]!
    let s = b[i]!
    for (let k = 0; k < i; k++) s -= li[k]! * y[k]!
    y[i] = s / li[i]!
  }
  const x = new Array<number>(n).fill(0)
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!
    for (let k = i + 1; k < n; k++) s -= l[k]![i]! * x[k]!
    x[i] = s / l[i]![i]!
  }
  return x
}

/** The inverse of a symmetric positive definite matrix, or null when it is singular. */
export function symmetricInverse(a: readonly (readonly number[])[]): number[][] | null {
  const l = cholesky(a)
  if (l === null) return null
  const n = a.length
  const inv: number[][] = []
  for (let j = 0; j < n; j++) {
    const e = new Array<number>(n).fill(0)
    e[j] = 1
    inv.push(choleskySolve(l, e))
  }
  return inv
}

/** xᵀ A⁻¹ x for a small symmetric positive definite A, or null when A is singular. */
export function quadraticFormInverse(a: readonly (readonly number[])[], x: readonly number[]): number | null {
  const l = cholesky(a)
  if (l === null) return null
  const z = choleskySolve(l, x)
  return x.reduce((s, xi, i) => s + xi * z[i]!, 0)
}
