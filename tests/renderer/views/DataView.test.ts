// The Data view end to end in happy-dom with fake clients: drop a file, answer the date-order
// question, change a column type, import with progress, review the reconciliation and rejects,
// accept, map to payments, save and see validation; then datasets, profile, overview and rows.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EngineResponse, Result } from '../../../common/contract'
import { useTasksStore } from '../../../renderer/stores/tasks'
import DataView from '../../../renderer/views/DataView.vue'
import { DATASET, FILE, OVERVIEW, PROFILE, REJECT, REPORT, SUGGESTION, VALIDATION, inspection } from '../support/dataFixtures'
import { deferred, okResult, type FakeEngineClient } from '../support/fakeEngineClient'
import type { FakeFileClient } from '../support/fakeFileClient'
import { freshEnvironment, teardown } from '../support/setup'

let pinia: Pinia
let client: FakeEngineClient
let files: FakeFileClient
let wrapper: VueWrapper | undefined

beforeEach(() => {
  ;({ pinia, client, files } = freshEnvironment())
  files.addFile.mockResolvedValue(okResult(FILE))
  vi.mocked(client.inspectSource).mockImplementation(async ({ overrides }) => okResult(inspection(overrides?.dateOrder !== undefined)))
  vi.mocked(client.listRejects).mockResolvedValue(okResult({ total: 1, rows: [REJECT] }))
  vi.mocked(client.suggestMapping).mockResolvedValue(okResult(SUGGESTION))
  vi.mocked(client.saveMapping).mockResolvedValue(okResult(VALIDATION))
  vi.mocked(client.profileDataset).mockResolvedValue(okResult(PROFILE))
  vi.mocked(client.paymentsOverview).mockResolvedValue(okResult(OVERVIEW))
  vi.mocked(client.previewRows).mockResolvedValue(okResult({ columns: [{ name: 'id_pagamento', type: 'VARCHAR' }], rows: [['P0001']], total: 1, offset: 0 }))
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  teardown(pinia)
})

async function mountView(): Promise<VueWrapper> {
  useTasksStore().listen()
  wrapper = mount(DataView, { global: { plugins: [pinia], stubs: { BaseChart: { props: ['label'], template: '<div class="chart-stub" :aria-label="label"></div>' } } }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const testId = (w: VueWrapper, id: string) => w.get(`[data-testid="${id}"]`)

async function dropFile(w: VueWrapper): Promise<void> {
  const dataTransfer = { types: ['Files'], files: [new File(['x'], FILE.name)], dropEffect: 'none' }
  await testId(w, 'drop-zone').trigger('dragenter', { dataTransfer })
  expect(w.text()).toContain('Drop files to import')
  await testId(w, 'drop-zone').trigger('drop', { dataTransfer })
  await flushPromises()
}

async function toReport(w: VueWrapper): Promise<void> {
  await dropFile(w)
  await testId(w, 'answer-DMY').setValue(true)
  await flushPromises()
  vi.mocked(client.stageImport).mockResolvedValueOnce(okResult(REPORT))
  await testId(w, 'start-import').trigger('click')
  await flushPromises()
}

describe('DataView', () => {
  it('starts with an empty state and tabs that work from the keyboard', async () => {
    const w = await mountView()
    expect(testId(w, 'datasets-empty').text()).toContain('No payment data yet')
    const tab = testId(w, 'data-tab-datasets')
    expect(tab.attributes('aria-selected')).toBe('true')
    await tab.trigger('keydown', { key: 'ArrowRight' })
    expect(testId(w, 'data-tab-import').attributes('aria-selected')).toBe('true')
    expect(testId(w, 'data-panel-import').attributes('aria-labelledby')).toBe('data-tab-import')
    await testId(w, 'data-tab-import').trigger('keydown', { key: 'End' })
    expect(testId(w, 'data-tab-rows').attributes('aria-selected')).toBe('true')
  })

  it('asks the date-order question and keeps Import disabled until it is answered', async () => {
    const w = await mountView()
    await dropFile(w)
    expect(files.addFile).toHaveBeenCalledTimes(1)
    expect(testId(w, 'data-tab-import').attributes('aria-selected')).toBe('true')
    const question = testId(w, 'question-dateOrder')
    expect(question.text()).toContain('day/month/year or month/day/year')
    expect(question.text()).toContain('03/04/2024 09:15')
    expect(testId(w, 'import-scope').text()).toContain('the whole file — 12 rows, 793 B')
    expect(testId(w, 'start-import').attributes('disabled')).toBeDefined()
    expect(testId(w, 'import-action-bar').text()).toContain('Answer the date-order question above.')

    await testId(w, 'answer-DMY').setValue(true)
    await flushPromises()
    expect(client.inspectSource).toHaveBeenLastCalledWith({ fileId: FILE.fileId, overrides: { dateOrder: 'DMY' } })
    expect(w.find('[data-testid="question-dateOrder"]').exists()).toBe(false)
    expect(testId(w, 'start-import').attributes('disabled')).toBeUndefined()

    await testId(w, 'column-type-valor').setValue('DECIMAL(18,2)')
    await flushPromises()
    expect(client.inspectSource).toHaveBeenLastCalledWith({ fileId: FILE.fileId, overrides: { dateOrder: 'DMY', columnTypes: { valor: 'DECIMAL(18,2)' } } })
    await testId(w, 'override-delimiter').setValue(',')
    await flushPromises()
    expect(client.inspectSource).toHaveBeenLastCalledWith(expect.objectContaining({ overrides: expect.objectContaining({ delimiter: ',' }) }))
    expect(testId(w, 'source-preview').text()).toContain('1.234,56')
  })

  it('shows progress with Cancel while importing, then the reconciliation and the rejects', async () => {
    const w = await mountView()
    await dropFile(w)
    await testId(w, 'answer-DMY').setValue(true)
    await flushPromises()
    await testId(w, 'dataset-name').setValue('pagamentos')
    const staged = deferred<Result<EngineResponse<'stageImport'>>>()
    vi.mocked(client.stageImport).mockImplementationOnce(() => staged.promise)
    await testId(w, 'start-import').trigger('click')
    expect(testId(w, 'import-progress').text()).toContain('Starting…')
    expect(testId(w, 'cancel-import').attributes('disabled')).toBeDefined()
    client.emit({ type: 'progress', taskId: 't1', label: `Importing ${FILE.name}`, phase: 'running', percentage: 42, rowsProcessed: 120_000, rowsPerSecond: 480_000, elapsedMs: 250 })
    await flushPromises()
    const panel = testId(w, 'import-progress')
    expect(panel.text()).toContain('42% · 120,000 rows · 480k rows/s · 250 ms elapsed')
    expect(panel.get('[role="progressbar"]').attributes('aria-valuenow')).toBe('42')
    await testId(w, 'cancel-import').trigger('click')
    expect(client.cancelTask).toHaveBeenCalledWith({ taskId: 't1' })
    staged.resolve(okResult(REPORT))
    await flushPromises()

    expect(testId(w, 'reconciliation').text()).toContain('12 rows in the file = 11 loaded + 1 rejected ✓')
    const rejects = testId(w, 'rejects-table').text()
    for (const text of ['10', 'valor', 'CAST', '"abc" is not an amount', 'P0009;U007']) expect(rejects).toContain(text)
    expect(testId(w, 'accept-import').text()).toBe('Accept with 1 rejected row')
    vi.mocked(client.exportRejects).mockResolvedValueOnce(okResult({ fileId: 'x', name: 'rejected.csv', sizeBytes: 1, isFolder: false }))
    await testId(w, 'export-rejects').trigger('click')
    await flushPromises()
    expect(files.saveExport).toHaveBeenCalled()
  })

  it('explains a refused commit, and accepts into a dataset with next steps', async () => {
    const w = await mountView()
    await toReport(w)
    vi.mocked(client.commitImport).mockResolvedValueOnce({ ok: false, error: { code: 'CONFLICT', message: 'The dataset is being read; try again.' } })
    await testId(w, 'accept-import').trigger('click')
    await flushPromises()
    expect(testId(w, 'error-notice').text()).toContain('The dataset is being read; try again. CONFLICT')
    vi.mocked(client.commitImport).mockResolvedValueOnce(okResult(DATASET))
    vi.mocked(client.listDatasets).mockResolvedValue(okResult([DATASET]))
    await testId(w, 'accept-import').trigger('click')
    await flushPromises()
    expect(testId(w, 'import-done').text()).toContain('“pagamentos” is in the project')
    expect(testId(w, 'import-done').text()).toContain('1 rejected rows recorded')

    await testId(w, 'data-tab-datasets').trigger('click')
    const row = testId(w, 'dataset-row-pagamentos').text()
    for (const text of ['pagamentos', '11', 'pix_upi_payments.csv', '793 B', 'CSV', 'copied', '1']) expect(row).toContain(text)
  })

  it('maps to payments, translates values, saves and shows the validation report', async () => {
    const w = await mountView()
    await toReport(w)
    vi.mocked(client.commitImport).mockResolvedValueOnce(okResult(DATASET))
    vi.mocked(client.listDatasets).mockResolvedValue(okResult([DATASET]))
    await testId(w, 'accept-import').trigger('click')
    await flushPromises()
    await testId(w, 'next-mapping').trigger('click')
    await flushPromises()
    expect(client.suggestMapping).toHaveBeenCalledWith({ dataset: 'pagamentos', role: 'payments' })
    expect((testId(w, 'map-country').element as HTMLSelectElement).value).toBe('pais')
    expect(testId(w, 'field-user_id').text()).toContain('required')
    await testId(w, 'map-amount').setValue('')
    expect(testId(w, 'field-amount').text()).toContain('needs a column')
    await testId(w, 'map-amount').setValue('valor')
    const portugal = testId(w, 'value-country-Portugal')
    expect(portugal.classes()).toContain('unknown')
    await portugal.setValue('BR')
    await testId(w, 'save-mapping').trigger('click')
    await flushPromises()
    const sent = vi.mocked(client.saveMapping).mock.calls[0]![0]
    expect(sent.mapping.roles.payments?.values).toEqual({ country: { Brasil: 'BR', India: 'IN', Portugal: 'BR' } })
    const report = testId(w, 'validation-report')
    expect(report.text()).toContain('1 errors')
    expect(report.findAll('li').map((li) => li.attributes('data-testid'))).toEqual(['check-unknown_country', 'check-non_positive_amount', 'check-duplicate_payment_id'])
    expect(testId(w, 'check-unknown_country').text()).toContain('Portugal')
  })

  it('profiles a dataset, summarises payments and browses rows', async () => {
    vi.mocked(client.listDatasets).mockResolvedValue(okResult([DATASET]))
    vi.mocked(client.getMapping).mockResolvedValue(okResult({ roles: { payments: SUGGESTION.mapping }, countries: { IN: { currency: 'INR', timeZone: 'Asia/Kolkata' }, BR: { currency: 'BRL', timeZone: 'America/Sao_Paulo' } } }))
    const w = await mountView()
    await testId(w, 'data-tab-profile').trigger('click')
    await flushPromises()
    const valor = testId(w, 'profile-valor').text()
    for (const text of ['DECIMAL(18,2)', '1 (9.1%)', '2,500.00', 'median', '89.90', '1,234.56']) expect(valor).toContain(text)
    expect(testId(w, 'profile-valor').find('.chart-stub').attributes('aria-label')).toBe('Histogram of valor on a log scale')
    expect(testId(w, 'profile-id_pagamento').text()).toContain('Every value is different')

    await testId(w, 'data-tab-overview').trigger('click')
    await flushPromises()
    const kpis = testId(w, 'overview-kpis').text()
    for (const text of ['11', '8', 'Amount · India', '₹12.3 L', 'Amount · Brazil', 'R$ 3,95 mil', '3 Apr 2024, 09:15', 'to 1 Jun 2024, 13:13']) expect(kpis).toContain(text)
    expect(testId(w, 'breakdown-country').text()).toContain('₹12,34,567.89')
    expect(testId(w, 'breakdown-country').text()).toContain('R$ 3.954,21')
    expect(testId(w, 'breakdown-status').text()).toContain('Unknown')

    await testId(w, 'data-tab-rows').trigger('click')
    await flushPromises()
    expect(client.previewRows).toHaveBeenCalledWith(expect.objectContaining({ dataset: 'pagamentos', offset: 0 }))
    expect(testId(w, 'rows-grid').text()).toContain('P0001')
  })
})
