// The value-mask plan and SQL of breakdownUsers.ts: values are bound, never spliced into the text.
import { describe, expect, it } from 'vitest'
import type { BreakdownSum } from '../../../../electron/engine/campaigns/evaluation/breakdownSums'
import { addMaskUsers, addSingleValueUsers, maskAggregate, userCountPlan, valueKey } from '../../../../electron/engine/campaigns/evaluation/breakdownUsers'

const sum = (dimension: BreakdownSum['dimension'], country: string, value: string | null): BreakdownSum => ({
  dimension, value, country, currency: country === 'IN' ? 'INR' : 'BRL', rewarded: 1, accrued: 100n, usd: 1n, usdMissing: 0,
})

describe('breakdown users plan', () => {
  const odd = `Tamil Nadu' OR '1'='1`
  const plan = userCountPlan([sum('rail', 'IN', 'UPI'), sum('rail', 'BR', 'PIX'), sum('region', 'IN', odd), sum('region', 'IN', null), sum('region', 'BR', 'SP')])

  it('masks only the groups with several values', () => {
    expect(plan.masked.map((m) => [m.dimension, [...m.codes.values()]])).toEqual([['region', [[odd, null]]]])
    expect(plan.single.map((s) => `${s.dimension}:${s.country}:${s.value}`)).toEqual(['rail:IN:UPI', 'rail:BR:PIX', 'region:BR:SP'])
    expect(plan.fallback).toEqual([])
  })

  it('binds every value of the mask CASE', () => {
    const [region] = plan.masked
    if (region === undefined) throw new Error('no masked dimension')
    expect(maskAggregate(region, [{ country: 'BR', currency: 'BRL' }, { country: 'IN', currency: 'INR' }])).toMatchInlineSnapshot(`
      Sql {
        "params": [
          1,
          2n,
          0,
          "Tamil Nadu' OR '1'='1",
        ],
        "text": "bit_or(CASE WHEN g = ? THEN CASE WHEN "region" IS NULL OR "region" = '' THEN CAST(? AS BIGINT)
          ELSE CAST(1 AS BIGINT) << [CAST(? AS BIGINT)][list_position([?], "region")] END END)",
      }
    `)
  })

  it('adds users per set bit, and all group users to single values', () => {
    const users = new Map<string, number>()
    addMaskUsers(plan, 'IN', 'INR', { dim: 0, mask: '3', users: 4 }, users)
    addMaskUsers(plan, 'IN', 'INR', { dim: 0, mask: '2', users: 1 }, users)
    addSingleValueUsers(plan, new Map([['IN\u0000INR', 5], ['BR\u0000BRL', 7]]), users)
    expect(users.get(valueKey('region', 'IN', 'INR', odd))).toBe(4)
    expect(users.get(valueKey('region', 'IN', 'INR', null))).toBe(5)
    expect(users.get(valueKey('region', 'BR', 'BRL', 'SP'))).toBe(7)
    expect(users.get(valueKey('rail', 'IN', 'INR', 'UPI'))).toBe(5)
  })
})
