// Hash-based randomness as DuckDB macros: uniforms, normals and Poisson counts keyed by (user, purpose).
// Layer: datasets (build-time generator). Same seed + same DuckDB version → identical draws.
import { num } from './sqlText'

/** Poisson counts are drawn exactly up to this value (rates are capped far below it). */
const POISSON_MAX = 16

/** The macro statements; `seed` is mixed into every user's base hash. */
export function macroStatements(seed: number): string[] {
  return [
    // 53 high bits of a 64-bit hash → (0, 1); +0.5 keeps ln() finite.
    `CREATE OR REPLACE MACRO u01(h) AS ((h >> 11)::DOUBLE + 0.5) / 9007199254740992.0`,
    // One independent uniform per (base hash, purpose key): murmur-finalise base XOR key.
    `CREATE OR REPLACE MACRO draw(b, k) AS u01(hash(xor(b, (k)::UBIGINT)))`,
    // Box–Muller standard normal from the uniforms of keys k and k + 1.
    `CREATE OR REPLACE MACRO gauss(b, k) AS sqrt(-2 * ln(draw(b, k))) * cos(2 * pi() * draw(b, (k) + 1))`,
    `CREATE OR REPLACE MACRO user_base(i) AS hash(xor(hash(${num(seed)}::UBIGINT + 7046029254386353131), (i)::UBIGINT))`,
    `CREATE OR REPLACE MACRO pois(lam, u) AS ${poissonCase('lam', 'u')}`,
  ]
}

/** Inverse-CDF Poisson sampler: evaluated lazily, so most rows stop at the first branch. */
function poissonCase(lam: string, u: string): string {
  const terms: string[] = []
  const whens: string[] = [`WHEN ${lam} <= 0 THEN 0`]
  let factorial = 1
  for (let k = 0; k < POISSON_MAX; k++) {
    if (k > 0) factorial *= k
    terms.push(k === 0 ? '1' : `pow(${lam}, ${k}) / ${num(factorial)}`)
    whens.push(`WHEN ${u} < exp(-${lam}) * (${terms.join(' + ')}) THEN ${k}`)
  }
  return `CASE ${whens.join(' ')} ELSE ${POISSON_MAX} END`
}
