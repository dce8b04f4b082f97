// Compare in happy-dom: an empty state until two scenarios exist, then pick 2, compare with one
// evaluateCampaigns call, and read totals with their differences from the baseline.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import CompareView from '../../../renderer/views/CompareView.vue'
import { evaluation, savedCampaign } from '../support/campaignFixtures'
import { okResult, type FakeEngineClient } from '../support/fakeEngineClient'
import { freshEnvironment, teardown } from '../support/setup'

const A = savedCampaign('11111111-1111-4111-8111-111111111111', 'Jun ₹35')
const B = savedCampaign('22222222-2222-4222-8222-222222222222', 'Jun ₹50')

let pinia: Pinia
let client: FakeEngineClient
let wrapper: VueWrapper | undefined

beforeEach(() => {
  ;({ pinia, client } = freshEnvironment('#/compare'))
  vi.mocked(client.listCampaigns).mockResolvedValue(okResult({ campaigns: [A, B] }))
  vi.mocked(client.evaluateCampaigns).mockResolvedValue(
    okResult({
      results: [
        { id: A.id, name: 'Jun ₹35', evaluation: evaluation(), error: null },
        {
          id: B.id,
          name: 'Jun ₹50',
          evaluation: evaluation({
            accruedUsd: '700.00',
            totals: { ...evaluation().totals, rewardedUsers: 600, budget: { currency: 'INR', amount: '50000.00', spent: '30000.00', exhaustedAt: null } },
          }),
          error: null,
        },
      ],
    }),
  )
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  teardown(pinia)
})

async function mountView(): Promise<VueWrapper> {
  wrapper = mount(CompareView, { global: { plugins: [pinia], stubs: { BaseChart: { props: ['label'], template: '<div class="chart-stub" :aria-label="label"></div>' } } }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const byTestId = (w: VueWrapper, id: string) => w.get(`[data-testid="${id}"]`)

describe('Compare view', () => {
  it('asks for two saved scenarios first', async () => {
    vi.mocked(client.listCampaigns).mockResolvedValue(okResult({ campaigns: [A] }))
    const w = await mountView()
    expect(byTestId(w, 'compare-empty').text()).toContain('One scenario is saved so far.')
  })

  it('compares two scenarios against the first chosen as baseline', async () => {
    const w = await mountView()
    expect(byTestId(w, 'run-compare').attributes('disabled')).toBeDefined()
    await byTestId(w, 'compare-pick-Jun ₹35').setValue(true)
    await byTestId(w, 'compare-pick-Jun ₹50').setValue(true)
    await byTestId(w, 'run-compare').trigger('click')
    await flushPromises()
    expect(client.evaluateCampaigns).toHaveBeenCalledWith({ ids: [A.id, B.id], scope: 'treatment' })
    expect(byTestId(w, 'compare-row-usd').text()).toContain('$599.50')
    expect(byTestId(w, 'compare-row-usd').text()).toContain('+$100.50 (+16.8%)')
    expect(byTestId(w, 'compare-row-users').text()).toContain('+80 (+15.4%)')
    expect(byTestId(w, 'compare-row-cost-IN').text()).toContain('₹42,000.00')
    expect(byTestId(w, 'compare-row-exhaustion').text()).toContain('3 Sep 2024, 14:32 IST')
    expect(byTestId(w, 'compare-row-exhaustion').text()).toContain('Not exhausted')
    expect(w.get('.chart-stub').attributes('aria-label')).toContain('Cumulative cost per day of 2 scenarios')
    expect(byTestId(w, 'compare-results').text()).not.toMatch(/NaN|undefined/)
  })

  it('makes another scenario the baseline and marks the results out of date', async () => {
    const w = await mountView()
    await byTestId(w, 'compare-pick-Jun ₹35').setValue(true)
    await byTestId(w, 'compare-pick-Jun ₹50').setValue(true)
    await byTestId(w, 'run-compare').trigger('click')
    await flushPromises()
    await w.get('[aria-label="Make Jun ₹50 the baseline"]').trigger('click')
    expect(byTestId(w, 'compare-results').classes()).toContain('dimmed')
    await byTestId(w, 'run-compare').trigger('click')
    await flushPromises()
    expect(vi.mocked(client.evaluateCampaigns).mock.calls.at(-1)![0].ids).toEqual([B.id, A.id])
  })
})
