// The Campaigns view in happy-dom with a fake engine: a preset fills the form, field-level
// messages appear next to the fields, evaluation is debounced (300 ms), a slow stale reply never
// replaces a newer one, the result panels render without NaN/undefined, scenarios save, rename,
// duplicate and delete.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EngineResponse, Result } from '../../../common/contract'
import { campaignSchema } from '../../../common/domain/campaign'
import type { ProjectMapping } from '../../../common/domain/mapping'
import type { PaymentsOverview } from '../../../common/domain/profile'
import { EVALUATE_DEBOUNCE_MS, useCampaignsStore } from '../../../renderer/stores/campaigns'
import { useTasksStore } from '../../../renderer/stores/tasks'
import CampaignsView from '../../../renderer/views/CampaignsView.vue'
import { evaluation, savedCampaign } from '../support/campaignFixtures'
import { deferred, okResult, progress, type FakeEngineClient } from '../support/fakeEngineClient'
import { freshEnvironment, teardown } from '../support/setup'

const MAPPING: ProjectMapping = {
  roles: {
    payments: { dataset: 'payments', columns: { user_id: 'user_id', ts: 'ts', amount: 'amount', country: 'country' }, constants: {}, values: {}, timestamps: 'utc' },
    users: { dataset: 'users', columns: { user_id: 'user_id', arm: 'arm' }, constants: {}, values: {}, timestamps: 'utc' },
  },
  countries: { IN: { currency: 'INR', timeZone: 'Asia/Kolkata' }, BR: { currency: 'BRL', timeZone: 'America/Sao_Paulo' } },
}
const OVERVIEW: PaymentsOverview = { rows: 10, users: 5, firstLocal: '2024-09-02 00:10:00', lastLocal: '2024-09-29 23:50:00', byCountry: [], byRail: [], byKind: [], byStatus: [], daily: [] }
const USERS_PROFILE = {
  dataset: 'users',
  rows: 5,
  columns: [
    { name: 'arm', type: 'VARCHAR', nulls: 0, distinct: 2, min: null, max: null, quantiles: {}, topValues: [{ value: 'control', count: 3 }, { value: 'flat_small', count: 2 }], histogram: null },
    { name: 'age_band', type: 'VARCHAR', nulls: 0, distinct: 2, min: null, max: null, quantiles: {}, topValues: [{ value: '18-24', count: 3 }], histogram: null },
  ],
}

type EvalReply = Result<EngineResponse<'evaluateCampaign'>>

let pinia: Pinia
let client: FakeEngineClient
let wrapper: VueWrapper | undefined

beforeEach(() => {
  ;({ pinia, client } = freshEnvironment('#/campaigns'))
  vi.mocked(client.getMapping).mockResolvedValue(okResult(MAPPING))
  vi.mocked(client.suggestMapping).mockResolvedValue({ ok: false, error: { code: 'UNSUPPORTED', message: 'not needed' } })
  vi.mocked(client.paymentsOverview).mockResolvedValue(okResult(OVERVIEW))
  vi.mocked(client.profileDataset).mockResolvedValue(okResult(USERS_PROFILE))
  vi.mocked(client.listCampaigns).mockResolvedValue(okResult({ campaigns: [] }))
  vi.mocked(client.evaluateCampaign).mockResolvedValue(okResult(evaluation()))
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  vi.useRealTimers()
  teardown(pinia)
})

async function mountView(): Promise<VueWrapper> {
  useTasksStore().listen()
  wrapper = mount(CampaignsView, { global: { plugins: [pinia], stubs: { BaseChart: { props: ['label'], template: '<div class="chart-stub" :aria-label="label"></div>' } } }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const byTestId = (w: VueWrapper, id: string) => w.get(`[data-testid="${id}"]`)

/** Let the debounce run out and the (fake) engine answer. */
async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(EVALUATE_DEBOUNCE_MS + 10)
  await flushPromises()
}

async function choosePreset(w: VueWrapper, id: string): Promise<void> {
  await byTestId(w, 'preset-select').setValue(id)
  await flushPromises()
}

describe('Campaigns view', () => {
  it('starts a campaign on the data’s days and costs it once, after the debounce', async () => {
    vi.useFakeTimers()
    const w = await mountView()
    expect((byTestId(w, 'field-window.start').element as HTMLInputElement).value).toBe('2024-09-02')
    expect((byTestId(w, 'field-window.end').element as HTMLInputElement).value).toBe('2024-09-29')
    expect(byTestId(w, 'window-hint').text()).toContain('India time (UTC+05:30)')
    expect(client.evaluateCampaign).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(EVALUATE_DEBOUNCE_MS - 50)
    expect(client.evaluateCampaign).not.toHaveBeenCalled()
    await settle()
    expect(client.evaluateCampaign).toHaveBeenCalledTimes(1)
    const request = vi.mocked(client.evaluateCampaign).mock.calls[0]![0]
    expect(request.scope).toBe('treatment')
    expect(request.campaign.window).toEqual({ start: '2024-09-01T18:30:00Z', end: '2024-09-29T18:30:00Z' })
  })

  it('fills the form from the WhatsApp Jun 2022 preset and shows the cost panels without NaN or undefined', async () => {
    vi.useFakeTimers()
    const w = await mountView()
    await choosePreset(w, 'whatsapp-jun-2022')
    expect((byTestId(w, 'field-reward.amount').element as HTMLInputElement).value).toBe('35')
    expect(byTestId(w, 'chip-eligibility.rails-UPI').attributes('aria-pressed')).toBe('true')
    expect(byTestId(w, 'preset-note').text()).toContain('₹35 on up to 3 payments')
    await settle()
    const sent = vi.mocked(client.evaluateCampaign).mock.calls.at(-1)![0].campaign
    expect(sent).toMatchObject({ name: 'WhatsApp India Jun 2022 (₹35 × 3)', reward: { type: 'flat', amount: 35 }, perUserCap: 105 })
    const results = byTestId(w, 'cost-results').text()
    expect(byTestId(w, 'country-cost-IN').text()).toContain('₹42,000.00')
    expect(byTestId(w, 'country-cost-BR').text()).toContain('R$ 500,00')
    expect(byTestId(w, 'total-usd').text()).toBe('$599.50')
    expect(byTestId(w, 'budget-state').text()).toContain('Exhausted 3 Sep 2024, 14:32 IST')
    expect(byTestId(w, 'gaming-IN').text()).toContain('5.0× as often')
    expect(byTestId(w, 'gaming-IN').attributes('role')).toBe('alert')
    expect(byTestId(w, 'funnel-rails').text()).toContain('−4,000')
    expect(results).not.toMatch(/NaN|undefined|null/)
  })

  it('shows the schema’s message next to the field and does not evaluate an invalid campaign', async () => {
    vi.useFakeTimers()
    const w = await mountView()
    await settle()
    vi.mocked(client.evaluateCampaign).mockClear()
    const field = byTestId(w, 'field-eligibility.minAmount')
    await field.setValue('abc')
    expect(byTestId(w, 'issue-eligibility.minAmount').text()).toBe('The minimum amount must be a number.')
    expect(field.attributes('aria-invalid')).toBe('true')
    expect(field.attributes('aria-describedby')).toBe(byTestId(w, 'issue-eligibility.minAmount').attributes('id'))
    await byTestId(w, 'field-eligibility.maxAmount').setValue('0.5')
    await field.setValue('5')
    expect(byTestId(w, 'issue-eligibility.maxAmount').text()).toBe('The maximum amount must not be below the minimum amount.')
    expect(byTestId(w, 'issue-summary').text()).toContain('One field needs attention')
    await byTestId(w, 'field-name').setValue('  ')
    expect(byTestId(w, 'issue-name').text()).toBe('The campaign needs a name.')
    await settle()
    expect(client.evaluateCampaign).not.toHaveBeenCalled()
    // The last result stays on screen, dimmed.
    expect(byTestId(w, 'cost-results').classes()).toContain('dimmed')
  })

  it('asks for Brazil’s own terms when an India campaign adds Brazil', async () => {
    vi.useFakeTimers()
    const w = await mountView()
    await byTestId(w, 'chip-countries-BR').trigger('click')
    expect(w.find('[data-testid="terms-BR"]').exists()).toBe(true)
    await byTestId(w, 'field-countryTerms.BR.reward.amount').setValue('')
    expect(byTestId(w, 'issue-countryTerms.BR.reward.amount').text()).toBe('The flat reward must be a number.')
  })

  it('debounces typing into one request and ignores a slow stale reply', async () => {
    vi.useFakeTimers()
    const w = await mountView()
    await settle()
    const slow = deferred<EvalReply>()
    const fast = deferred<EvalReply>()
    vi.mocked(client.evaluateCampaign).mockClear()
    vi.mocked(client.evaluateCampaign).mockImplementationOnce(() => slow.promise).mockImplementationOnce(() => fast.promise)
    const amount = byTestId(w, 'field-reward.amount')
    for (const text of ['1', '12', '15']) {
      await amount.setValue(text)
      await vi.advanceTimersByTimeAsync(100)
    }
    await settle()
    expect(client.evaluateCampaign).toHaveBeenCalledTimes(1)
    expect(vi.mocked(client.evaluateCampaign).mock.calls[0]![0].campaign.reward).toEqual({ type: 'flat', amount: 15 })
    expect(byTestId(w, 'cost-results').classes()).toContain('dimmed')
    await amount.setValue('20')
    await settle()
    expect(client.evaluateCampaign).toHaveBeenCalledTimes(2)
    fast.resolve(okResult(evaluation({ campaignName: 'newer', accruedUsd: '20.00' })))
    await flushPromises()
    slow.resolve(okResult(evaluation({ campaignName: 'older', accruedUsd: '15.00' })))
    await flushPromises()
    expect(useCampaignsStore().result?.campaignName).toBe('newer')
    expect(byTestId(w, 'total-usd').text()).toBe('$20.00')
    expect(byTestId(w, 'cost-results').classes()).not.toContain('dimmed')
  })

  it('shows the engine’s quick estimate while the full evaluation computes, and drops it when the result arrives', async () => {
    vi.useFakeTimers()
    const w = await mountView()
    await settle()
    expect(w.find('[data-testid="quick-totals"]').exists()).toBe(false)
    const slow = deferred<EvalReply>()
    vi.mocked(client.evaluateCampaign).mockImplementationOnce(() => slow.promise)
    vi.mocked(client.estimateCampaignTotals).mockResolvedValueOnce(okResult({
      totals: {
        byCountry: [{ country: 'IN', currency: 'INR', candidatePayments: 2_00_000, rewardedPayments: 1_23_456, rewardedUsers: 45_678, accrued: '1234567.89', clawedBack: '0.00', paidCash: '1234567.89' }],
        rewardedPayments: 1_23_456,
        rewardedUsers: 45_678,
        budget: { currency: 'INR', amount: '2000000.00', spent: '1234567.89', exhaustedAt: null },
      },
    }))
    await byTestId(w, 'field-reward.amount').setValue('40')
    await settle()
    expect(client.estimateCampaignTotals).toHaveBeenLastCalledWith(vi.mocked(client.evaluateCampaign).mock.lastCall![0])
    // The totals are asked first; the full evaluation only once they answered.
    expect(vi.mocked(client.estimateCampaignTotals).mock.invocationCallOrder.at(-1)!).toBeLessThan(vi.mocked(client.evaluateCampaign).mock.invocationCallOrder.at(-1)!)
    const quick = byTestId(w, 'quick-totals')
    expect(quick.get('[data-testid="quick-country-IN"]').text()).toContain('₹12,34,567.89')
    expect(quick.get('[data-testid="quick-country-IN"]').text()).toContain('123,456 payments · 45,678 users')
    expect(quick.get('[data-testid="quick-budget"]').text()).toContain('Not exhausted')
    expect(quick.text()).not.toMatch(/NaN|undefined/)
    slow.resolve(okResult(evaluation({ campaignName: 'full' })))
    await flushPromises()
    expect(w.find('[data-testid="quick-totals"]').exists()).toBe(false)
    expect(byTestId(w, 'total-usd').text()).toBe('$599.50')
  })

  it('ignores a quick estimate that answers a form changed since', async () => {
    vi.useFakeTimers()
    const w = await mountView()
    await settle()
    const late = deferred<Result<EngineResponse<'estimateCampaignTotals'>>>()
    vi.mocked(client.evaluateCampaign).mockImplementation(() => new Promise(() => undefined))
    vi.mocked(client.estimateCampaignTotals).mockImplementationOnce(() => late.promise)
    await byTestId(w, 'field-reward.amount').setValue('40')
    await settle()
    await byTestId(w, 'field-reward.amount').setValue('41')
    late.resolve(okResult({ totals: { byCountry: [], rewardedPayments: 1, rewardedUsers: 1, budget: null } }))
    await flushPromises()
    expect(w.find('[data-testid="quick-totals"]').exists()).toBe(false)
  })

  it('cancels while the totals of a new eligibility compute, and then never asks for the full evaluation', async () => {
    vi.useFakeTimers()
    const w = await mountView()
    await settle()
    const calls = vi.mocked(client.evaluateCampaign).mock.calls.length
    const totals = deferred<Result<EngineResponse<'estimateCampaignTotals'>>>()
    vi.mocked(client.estimateCampaignTotals).mockImplementationOnce(() => totals.promise)
    await byTestId(w, 'field-reward.amount').setValue('40')
    await settle()
    client.emit({ ...progress('task-7', 'running', 30), label: 'Evaluating New campaign: totals' })
    await flushPromises()
    expect(byTestId(w, 'preview-status').text()).toContain('Evaluating New campaign: totals')
    await byTestId(w, 'cancel-evaluation').trigger('click')
    await flushPromises()
    expect(client.cancelTask).toHaveBeenCalledWith({ taskId: 'task-7' })
    totals.resolve({ ok: false, error: { code: 'CANCELLED', message: 'Cancelled.' } })
    await flushPromises()
    expect(vi.mocked(client.evaluateCampaign).mock.calls.length).toBe(calls)
    expect(w.find('[data-testid="error-notice"]').exists()).toBe(false)
    expect(byTestId(w, 'preview-status').text()).toContain('Out of date')
  })

  it('does not start the full evaluation when the totals task was cancelled elsewhere (the status bar)', async () => {
    vi.useFakeTimers()
    const w = await mountView()
    await settle()
    const calls = vi.mocked(client.evaluateCampaign).mock.calls.length
    vi.mocked(client.estimateCampaignTotals).mockResolvedValueOnce({ ok: false, error: { code: 'CANCELLED', message: 'Evaluating New campaign: totals was cancelled.' } })
    await byTestId(w, 'field-reward.amount').setValue('40')
    await settle()
    expect(client.estimateCampaignTotals).toHaveBeenCalled()
    expect(vi.mocked(client.evaluateCampaign).mock.calls.length).toBe(calls)
  })

  it('shows a slow evaluation’s progress and cancels its task, keeping the last result', async () => {
    vi.useFakeTimers()
    const w = await mountView()
    await settle()
    const slow = deferred<EvalReply>()
    vi.mocked(client.evaluateCampaign).mockImplementationOnce(() => slow.promise)
    await byTestId(w, 'field-reward.amount').setValue('40')
    await settle()
    client.emit({ ...progress('task-9', 'running', 40), label: 'Evaluating New campaign' })
    await flushPromises()
    expect(byTestId(w, 'preview-status').text()).toContain('Evaluating New campaign')
    expect(w.get('[role="progressbar"]').attributes('aria-valuenow')).toBe('40')
    await byTestId(w, 'cancel-evaluation').trigger('click')
    await flushPromises()
    expect(client.cancelTask).toHaveBeenCalledWith({ taskId: 'task-9' })
    slow.resolve({ ok: false, error: { code: 'CANCELLED', message: 'Cancelled.' } })
    await flushPromises()
    expect(w.find('[data-testid="error-notice"]').exists()).toBe(false)
    expect(byTestId(w, 'total-usd').text()).toBe('$599.50')
    expect(byTestId(w, 'preview-status').text()).toContain('Out of date')
  })

  it('switches the scope to a full rollout and re-evaluates', async () => {
    vi.useFakeTimers()
    const w = await mountView()
    await settle()
    await byTestId(w, 'scope-all').trigger('click')
    await settle()
    expect(vi.mocked(client.evaluateCampaign).mock.calls.at(-1)![0].scope).toBe('all')
  })

  it('shows the engine’s nothing-rewarded reason prominently', async () => {
    vi.useFakeTimers()
    vi.mocked(client.evaluateCampaign).mockResolvedValue(okResult(evaluation({ nothingRewarded: 'No payment passed “Entry method is QR”.', usdNote: 'No FX rate for BRL on 2024-09-03 (12 payments)' })))
    const w = await mountView()
    await settle()
    expect(byTestId(w, 'nothing-rewarded').text()).toContain('No payment passed “Entry method is QR”.')
    expect(byTestId(w, 'usd-note').text()).toContain('No FX rate for BRL')
  })

  it('offers the users’ arms from the profile and sends the chosen ones', async () => {
    vi.useFakeTimers()
    const w = await mountView()
    await byTestId(w, 'chip-eligibility.arms-flat_small').trigger('click')
    await settle()
    expect(vi.mocked(client.evaluateCampaign).mock.calls.at(-1)![0].campaign.eligibility?.arms).toEqual(['flat_small'])
  })

  it('saves, renames, duplicates and deletes scenarios', async () => {
    const first = savedCampaign('11111111-1111-4111-8111-111111111111', 'WhatsApp India Jun 2022 (₹35 × 3)')
    vi.mocked(client.saveCampaign).mockImplementation(async ({ id, campaign }) => okResult({ id: id ?? (campaign.name.includes('copy') ? '22222222-2222-4222-8222-222222222222' : first.id), campaign: campaignSchema.parse(campaign), updatedAt: first.updatedAt }))
    vi.mocked(client.deleteCampaign).mockResolvedValue(okResult({ deleted: true }))
    const w = await mountView()
    await choosePreset(w, 'whatsapp-jun-2022')
    expect(byTestId(w, 'save-state').text()).toBe('Not saved')
    await byTestId(w, 'save-new').trigger('click')
    await flushPromises()
    expect(vi.mocked(client.saveCampaign).mock.calls[0]![0].id).toBeUndefined()
    expect(byTestId(w, 'save-state').text()).toBe('Saved')
    expect(w.get('[data-testid="scenario-WhatsApp India Jun 2022 (₹35 × 3)"]').classes()).toContain('current')

    await byTestId(w, 'field-reward.amount').setValue('50')
    expect(byTestId(w, 'save-state').text()).toBe('Unsaved changes')
    await byTestId(w, 'save-changes').trigger('click')
    await flushPromises()
    expect(vi.mocked(client.saveCampaign).mock.calls[1]![0]).toMatchObject({ id: first.id, campaign: { reward: { type: 'flat', amount: 50 } } })

    await w.get(`[aria-label="Rename WhatsApp India Jun 2022 (₹35 × 3)"]`).trigger('click')
    await flushPromises()
    const input = byTestId(w, 'rename-input')
    await input.setValue('Jun ₹50')
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(vi.mocked(client.saveCampaign).mock.calls[2]![0]).toMatchObject({ id: first.id, campaign: { name: 'Jun ₹50' } })
    expect((byTestId(w, 'field-name').element as HTMLInputElement).value).toBe('Jun ₹50')

    await w.get('[aria-label="Duplicate Jun ₹50"]').trigger('click')
    await flushPromises()
    expect(vi.mocked(client.saveCampaign).mock.calls[3]![0]).toMatchObject({ campaign: { name: 'Jun ₹50 (copy)' } })
    expect(w.findAll('[data-testid^="scenario-Jun"]')).toHaveLength(2)

    await w.get('[aria-label="Delete Jun ₹50 (copy)"]').trigger('click')
    expect(client.deleteCampaign).not.toHaveBeenCalled()
    await w.get('[aria-label="Confirm: delete Jun ₹50 (copy)"]').trigger('click')
    await flushPromises()
    expect(client.deleteCampaign).toHaveBeenCalledWith({ id: '22222222-2222-4222-8222-222222222222' })
    expect(w.findAll('[data-testid^="scenario-Jun"]')).toHaveLength(1)
    expect(byTestId(w, 'save-state').text()).toBe('Not saved')
  })

  it('says to map payments first, and does not ask the engine, when nothing is mapped', async () => {
    vi.mocked(client.getMapping).mockResolvedValue(okResult(null))
    vi.useFakeTimers()
    const w = await mountView()
    await settle()
    expect(byTestId(w, 'campaigns-no-data').text()).toContain('map a dataset to payments first')
    expect(client.evaluateCampaign).not.toHaveBeenCalled()
    expect(client.paymentsOverview).not.toHaveBeenCalled()
  })
})
