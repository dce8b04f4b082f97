// The Results view in happy-dom with a fake engine: default windows from the payments' days, one
// engine call per distinct request (cached), CUPED / correction / control arm recomputed in the
// renderer without an engine call, a slow stale reply never replaces a newer one, the SRM banner,
// the "map the arm column" state, economics inputs re-read locally, and the rollout tab.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EngineResponse, Result } from '../../../common/contract'
import { useResultsStore } from '../../../renderer/stores/results'
import ResultsView from '../../../renderer/views/ResultsView.vue'
import { deferred, okResult, type FakeEngineClient } from '../support/fakeEngineClient'
import { RESULTS_MAPPING, RESULTS_OVERVIEW, SAMPLE_ROLLOUT, sampleAnswer, scenarioInputs, srmInputs } from '../support/resultsFixtures'
import { freshEnvironment, teardown } from '../support/setup'

type AnalysisReply = Result<EngineResponse<'analyzeExperiment'>>

let pinia: Pinia
let client: FakeEngineClient
let wrapper: VueWrapper | undefined

beforeEach(() => {
  ;({ pinia, client } = freshEnvironment('#/results'))
  vi.mocked(client.getMapping).mockResolvedValue(okResult(RESULTS_MAPPING))
  vi.mocked(client.suggestMapping).mockResolvedValue({ ok: false, error: { code: 'UNSUPPORTED', message: 'not needed' } })
  vi.mocked(client.paymentsOverview).mockResolvedValue(okResult(RESULTS_OVERVIEW))
  vi.mocked(client.profileDataset).mockResolvedValue({ ok: false, error: { code: 'UNSUPPORTED', message: 'not needed' } })
  vi.mocked(client.listCampaigns).mockResolvedValue(okResult({ campaigns: [] }))
  vi.mocked(client.analyzeExperiment).mockResolvedValue(okResult(sampleAnswer()))
  vi.mocked(client.analyzeRollout).mockResolvedValue(okResult(SAMPLE_ROLLOUT))
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  teardown(pinia)
})

async function mountView(): Promise<VueWrapper> {
  wrapper = mount(ResultsView, { global: { plugins: [pinia], stubs: { BaseChart: { props: ['label'], template: '<div class="chart-stub" :aria-label="label"></div>' } } }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const byTestId = (w: VueWrapper, id: string) => w.get(`[data-testid="${id}"]`)
const noJunk = (text: string) => expect(text).not.toMatch(/NaN|undefined|Infinity|null/)

async function runDefault(w: VueWrapper): Promise<void> {
  await byTestId(w, 'run-analysis').trigger('click')
  await flushPromises()
}

describe('Results view', () => {
  it('defaults the windows to the thirds of the payments’ days and sends them', async () => {
    const w = await mountView()
    expect((byTestId(w, 'window-start').element as HTMLInputElement).value).toBe('2024-09-02')
    expect((byTestId(w, 'pre-start').element as HTMLInputElement).value).toBe('2024-08-05')
    expect((byTestId(w, 'post-end').element as HTMLInputElement).value).toBe('2024-10-28')
    await runDefault(w)
    const request = vi.mocked(client.analyzeExperiment).mock.calls[0]![0]
    expect(request.spec).toMatchObject({ armColumn: 'arm', window: { start: '2024-09-02', end: '2024-09-30' }, preWindow: { start: '2024-08-05', end: '2024-09-02' }, segments: ['payerType'] })
    expect(request.economics?.campaignId).toBeUndefined()
  })

  it('shows India and Brazil side by side with lifts, intervals, p-values and chance to win', async () => {
    const w = await mountView()
    await runDefault(w)
    const india = byTestId(w, 'metric-table-IN-adopted-flat_large').text()
    expect(india).toMatch(/\+\d\.\d\d pp/)
    expect(india).toMatch(/\[\+\d\.\d\d pp, \+\d\.\d\d pp\]/)
    expect(india).toContain('relative')
    expect(india).toMatch(/<0\.0001|\d\.\d{4}/)
    expect(byTestId(w, 'metric-table-IN-tpv-flat_large').text()).toContain('₹')
    expect(byTestId(w, 'metric-table-BR-tpv-flat_large').text()).toContain('R$')
    expect(byTestId(w, 'metric-table-IN-adopted-flat_large').classes()).toContain('significant')
    expect(w.find('[data-testid="srm-ok"]').exists()).toBe(true)
    expect(w.find('[data-testid="srm-banner"]').exists()).toBe(false)
    noJunk(byTestId(w, 'experiment-results').text())
  })

  it('toggles CUPED, the correction and the control arm without calling the engine again', async () => {
    const w = await mountView()
    await runDefault(w)
    const before = byTestId(w, 'metric-table-IN-payments-flat_small').text()
    await byTestId(w, 'cuped-toggle').trigger('click')
    expect(byTestId(w, 'cuped-toggle').attributes('aria-pressed')).toBe('true')
    const after = byTestId(w, 'metric-table-IN-payments-flat_small').text()
    expect(after).not.toBe(before)
    expect(after).toContain('CUPED')
    expect(byTestId(w, 'cuped-summary').text()).toMatch(/Successful payments \d+\.\d%/)
    await byTestId(w, 'correction-none').trigger('click')
    await byTestId(w, 'control-arm').setValue('flat_small')
    expect(byTestId(w, 'metric-panel-IN').text()).toContain('vs flat_small')
    expect(w.find('[data-testid="metric-table-IN-adopted-control"]').exists()).toBe(true)
    expect(client.analyzeExperiment).toHaveBeenCalledTimes(1)
    noJunk(byTestId(w, 'experiment-results').text())
  })

  it('answers a request it already ran from the cache', async () => {
    const w = await mountView()
    await runDefault(w)
    await byTestId(w, 'metric-chips-tpv').trigger('click')
    expect(byTestId(w, 'stale-note').text()).toContain('other settings')
    await runDefault(w)
    await byTestId(w, 'metric-chips-tpv').trigger('click')
    await runDefault(w)
    expect(client.analyzeExperiment).toHaveBeenCalledTimes(2)
    expect(useResultsStore().stale).toBe(false)
  })

  it('ignores a slow reply to a request that was superseded', async () => {
    const slow = deferred<AnalysisReply>()
    const fresh = sampleAnswer(srmInputs())
    vi.mocked(client.analyzeExperiment).mockImplementationOnce(() => slow.promise).mockResolvedValueOnce(okResult(fresh))
    const w = await mountView()
    const store = useResultsStore()
    void store.run()
    await flushPromises()
    store.form.segments = []
    await store.run()
    await flushPromises()
    slow.resolve(okResult(sampleAnswer()))
    await flushPromises()
    expect(store.answer).toBe(fresh)
    expect(w.find('[data-testid="srm-banner"]').exists()).toBe(true)
  })

  it('shows a prominent SRM banner and still shows the results', async () => {
    vi.mocked(client.analyzeExperiment).mockResolvedValue(okResult(sampleAnswer(srmInputs())))
    const w = await mountView()
    await runDefault(w)
    const banner = byTestId(w, 'srm-banner')
    expect(banner.attributes('role')).toBe('alert')
    expect(banner.text()).toContain('Sample ratio mismatch in India')
    expect(banner.text()).toContain('results are shown')
    expect(w.find('[data-testid="metric-panel-IN"]').exists()).toBe(true)
  })

  it('says what to map when no arm column is mapped', async () => {
    const mapping = structuredClone(RESULTS_MAPPING)
    delete mapping.roles.users!.columns.arm
    vi.mocked(client.getMapping).mockResolvedValue(okResult(mapping))
    const w = await mountView()
    expect(byTestId(w, 'results-blocker').text()).toContain('map the users’ “arm” field')
    expect(byTestId(w, 'run-analysis').attributes('disabled')).toBeDefined()
  })

  it('lists form problems instead of sending a bad window', async () => {
    const w = await mountView()
    await byTestId(w, 'window-end').setValue('2024-08-01')
    await byTestId(w, 'window-end').trigger('change')
    expect(byTestId(w, 'picker-issues').text()).toMatch(/window/i)
    expect(byTestId(w, 'run-analysis').attributes('disabled')).toBeDefined()
  })

  it('asks for a scenario before it can cost anything', async () => {
    const w = await mountView()
    await runDefault(w)
    await byTestId(w, 'tab-economics').trigger('click')
    expect(byTestId(w, 'econ-IN-adopters').text()).toMatch(/\+[\d,]+\s*\[/)
    expect(byTestId(w, 'econ-IN-cpa').text()).toContain('Choose a saved scenario')
    expect(byTestId(w, 'econ-IN-persistence').text()).toMatch(/\+\d\.\d\d pp/)
    noJunk(byTestId(w, 'economics-panel').text())
  })

  it('re-reads the economics with a value per adopter, locally', async () => {
    const inputs = scenarioInputs()
    vi.mocked(client.analyzeExperiment).mockResolvedValue(okResult(sampleAnswer(inputs)))
    const w = await mountView()
    useResultsStore().form.campaignId = inputs.campaign!.id
    await runDefault(w)
    expect(vi.mocked(client.analyzeExperiment).mock.calls[0]![0].economics?.campaignId).toBe(inputs.campaign!.id)
    await byTestId(w, 'tab-economics').trigger('click')
    expect(byTestId(w, 'applied-scenario').text()).toContain('Flat ₹35')
    expect(byTestId(w, 'econ-IN-cashback').text()).toMatch(/₹[\d,]+\.\d\d · \$/)
    expect(byTestId(w, 'econ-IN-cpa').text()).toMatch(/₹[\d,]+\.\d\d/)
    expect(byTestId(w, 'econ-IN-net').text()).toContain('—')
    await byTestId(w, 'value-per-adopter-IN').setValue('500')
    expect(byTestId(w, 'econ-IN-net').text()).toMatch(/₹/)
    expect(client.analyzeExperiment).toHaveBeenCalledTimes(1)
    noJunk(byTestId(w, 'economics-panel').text())
  })

  it('plans sample sizes per country from the answer', async () => {
    const w = await mountView()
    await runDefault(w)
    await byTestId(w, 'tab-power').trigger('click')
    expect(byTestId(w, 'plan-result-IN').text()).toMatch(/Days to enrol\s*\d+/)
    await byTestId(w, 'plan-mde').setValue('')
    expect(byTestId(w, 'plan-result-IN').text()).toContain('minimum detectable effect')
    noJunk(byTestId(w, 'power-planner').text())
  })

  it('runs a rollout and shows the ATT, pre-trend and placebo', async () => {
    const w = await mountView()
    await byTestId(w, 'tab-rollout').trigger('click')
    await byTestId(w, 'rollout-regions').setValue('IN-KA')
    await byTestId(w, 'run-rollout').trigger('click')
    await flushPromises()
    const spec = vi.mocked(client.analyzeRollout).mock.calls[0]![0]
    expect(spec).toMatchObject({ country: 'IN', treatedRegions: ['IN-KA'], treatmentStart: '2024-09-02', window: { start: '2024-08-05', end: '2024-09-30' } })
    expect(byTestId(w, 'rollout-att').text()).toMatch(/^\+0\.0027/)
    expect(byTestId(w, 'rollout-interval').text()).toContain('size-adjusted')
    expect(byTestId(w, 'rollout-pretrend').text()).toMatch(/p = \d/)
    noJunk(byTestId(w, 'rollout-result').text())
  })

  it('moves between tabs with the arrow keys', async () => {
    const w = await mountView()
    await byTestId(w, 'tab-experiment').trigger('keydown', { key: 'ArrowRight' })
    expect(byTestId(w, 'tab-economics').attributes('aria-selected')).toBe('true')
    await byTestId(w, 'tab-economics').trigger('keydown', { key: 'End' })
    expect(byTestId(w, 'tab-rollout').attributes('aria-selected')).toBe('true')
  })
})
