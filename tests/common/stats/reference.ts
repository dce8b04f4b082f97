// Reference values for the stats tests and a relative-tolerance matcher. The JSON files were
// written once by reference/make_reference.py (scipy 1.17.1, numpy 2.4.6, mpmath 1.3.0) and
// reference/make_reference_statsmodels.py (statsmodels 0.13.5); CI only reads them.
import { expect } from 'vitest'
import type { Interval, Outcome } from '../../../common/stats'
import scipyValues from './reference/values.json'
import statsmodelsValues from './reference/statsmodels.json'

export const SCIPY = scipyValues
export const STATSMODELS = statsmodelsValues

/** A reference table whose rows have a known shape (JSON arrays type as number[]). */
export function rows<T extends readonly number[]>(table: readonly (readonly number[])[]): readonly T[] {
  return table as unknown as readonly T[]
}

/** |actual − expected| ≤ rtol·|expected| + atol, with a message naming the quantity. */
export function expectClose(actual: number, expected: number, rtol: number, what: string, atol = 0): void {
  const error = Math.abs(actual - expected)
  const allowed = rtol * Math.abs(expected) + atol
  expect(Number.isFinite(actual), `${what}: got ${actual}`).toBe(true)
  expect(error <= allowed, `${what}: got ${actual}, reference ${expected}, |error| ${error.toExponential(2)} > ${allowed.toExponential(2)}`).toBe(true)
}

/** Interval bounds against a reference pair where null means "unbounded". */
export function expectInterval(actual: Interval, expected: readonly (number | null)[], rtol: number, what: string): void {
  const [lower, upper] = expected
  if (lower === null || lower === undefined) expect(actual.lower, `${what} lower`).toBeNull()
  else expectClose(actual.lower ?? Number.NaN, lower, rtol, `${what} lower`, 1e-15)
  if (upper === null || upper === undefined) expect(actual.upper, `${what} upper`).toBeNull()
  else expectClose(actual.upper ?? Number.NaN, upper, rtol, `${what} upper`, 1e-15)
}

/** Narrows an Outcome to its success branch, failing the test with the reason otherwise. */
export function unwrap<T>(outcome: Outcome<T>): { ok: true } & T {
  if (!outcome.ok) throw new Error(`expected ok, got ${outcome.code}: ${outcome.reason}`)
  return outcome
}
