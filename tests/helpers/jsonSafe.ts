// Asserts a value survives JSON unchanged: no bigint, Date, Map, class instance, undefined or NaN.
import { expect } from 'vitest'

export function expectJsonSafe(value: unknown, path = '$'): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return
  if (typeof value === 'number') {
    expect(Number.isFinite(value), `${path} is a finite number`).toBe(true)
    return
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => expectJsonSafe(item, `${path}[${i}]`))
    return
  }
  expect(typeof value, `${path} has a JSON type`).toBe('object')
  expect(Object.getPrototypeOf(value), `${path} is a plain object`).toBe(Object.prototype)
  for (const [key, item] of Object.entries(value as object)) expectJsonSafe(item, `${path}.${key}`)
}
