// ReportsView: export the saved scenarios as HTML/PDF/XLSX through the engine and hand the file to
// the file client (download in web mode); errors shown; what a report holds stays described.
import { flushPromises, mount } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import ReportsView from '../../../renderer/views/ReportsView.vue'
import { useResultsStore } from '../../../renderer/stores/results'
import { okResult, type FakeEngineClient } from '../support/fakeEngineClient'
import { sampleAnswer } from '../support/resultsFixtures'
import type { FakeFileClient } from '../support/fakeFileClient'
import { freshEnvironment, teardown } from '../support/setup'

let pinia: Pinia
let client: FakeEngineClient
let files: FakeFileClient

beforeEach(() => {
  ;({ pinia, client, files } = freshEnvironment('#/reports'))
  files.saveExport.mockResolvedValue(okResult({ saved: true }))
})
afterEach(() => teardown(pinia))

describe('ReportsView', () => {
  it('says what a report holds', () => {
    const text = mount(ReportsView, { global: { plugins: [pinia] } }).text()
    expect(text).toContain('PDF and HTML')
    expect(text).toContain('XLSX and CSV')
  })

  it('exports the chosen format with title and author and saves the file', async () => {
    vi.mocked(client.exportReport).mockResolvedValue(okResult({ fileId: 'f1', name: 'q3.pdf', sizeBytes: 10, isFolder: false }))
    const view = mount(ReportsView, { global: { plugins: [pinia] } })
    await view.get('[data-testid="report-title"]').setValue('Q3 cashback')
    await view.get('[data-testid="report-author"]').setValue('  Asha ')
    await view.get('[data-testid="report-format-pdf"]').trigger('click')
    await view.get('[data-testid="report-export"]').trigger('submit')
    await flushPromises()
    expect(client.exportReport).toHaveBeenCalledWith({ format: 'pdf', title: 'Q3 cashback', author: 'Asha' })
    expect(files.saveExport).toHaveBeenCalledWith(expect.objectContaining({ fileId: 'f1', name: 'q3.pdf' }))
    expect(view.get('[data-testid="report-notice"]').text()).toBe('Report exported as q3.pdf.')
  })

  it('shows the engine’s message when the export fails', async () => {
    vi.mocked(client.exportReport).mockResolvedValue({ ok: false, error: { code: 'UNSUPPORTED', message: 'A PDF needs Chromium or Google Chrome, and none was found.' } })
    const view = mount(ReportsView, { global: { plugins: [pinia] } })
    await view.get('[data-testid="report-export"]').trigger('submit')
    await flushPromises()
    expect(view.get('[data-testid="error-notice"]').text()).toContain('A PDF needs Chromium')
    expect(files.saveExport).not.toHaveBeenCalled()
  })

  it('adds the Results read-out as it is on screen (control arm, CUPED, economics inputs), unless unticked', async () => {
    vi.mocked(client.exportReport).mockResolvedValue(okResult({ fileId: 'f1', name: 'r.html', sizeBytes: 10, isFolder: false }))
    const results = useResultsStore()
    results.answer = sampleAnswer()
    results.answerKey = results.requestKey
    results.reading = { ...results.reading, controlArm: 'control', cuped: true, valuePerAdopter: { IN: 450, BR: null }, fixedCost: {} }
    const view = mount(ReportsView, { global: { plugins: [pinia] } })
    expect(view.get('[data-testid="report-include-analysis"]').text()).toContain('control “control”, CUPED')
    await view.get('[data-testid="report-export"]').trigger('submit')
    await flushPromises()
    const sent = vi.mocked(client.exportReport).mock.calls[0]![0]
    expect(sent.analysis).toMatchObject({ spec: results.requestInput.spec, controlArm: 'control', cuped: true, economics: { valuePerAdopter: { IN: 450 }, fixedCostPerTreatedUser: {} } })
    await view.get('[data-testid="report-include-analysis"] input').setValue(false)
    await view.get('[data-testid="report-export"]').trigger('submit')
    await flushPromises()
    expect(vi.mocked(client.exportReport).mock.calls[1]![0]).not.toHaveProperty('analysis')
    view.unmount()
    await flushPromises()
  })

  it('exports the Results analysis’ per-user metrics as Parquet or CSV, and says to run an analysis first', async () => {
    vi.mocked(client.exportTable).mockResolvedValue(okResult({ fileId: 'f2', name: 'user-metrics.parquet', sizeBytes: 10, isFolder: false }))
    const view = mount(ReportsView, { global: { plugins: [pinia] } })
    expect(view.get('[data-testid="user-metrics-hint"]').text()).toContain('Run an analysis in Results first')
    expect(view.get('[data-testid="export-user-metrics"]').attributes('disabled')).toBeDefined()
    const results = useResultsStore()
    results.answer = sampleAnswer()
    results.answerKey = results.requestKey
    results.reading = { ...results.reading, controlArm: 'control', cuped: true, valuePerAdopter: {}, fixedCost: {} }
    await flushPromises()
    expect(view.find('[data-testid="user-metrics-hint"]').exists()).toBe(false)
    await view.get('[data-testid="user-metrics-export"]').trigger('submit')
    await flushPromises()
    expect(vi.mocked(client.exportTable).mock.calls[0]![0]).toMatchObject({ kind: 'userMetrics', format: 'parquet', analysis: { spec: results.requestInput.spec, controlArm: 'control' } })
    expect(files.saveExport).toHaveBeenCalledWith(expect.objectContaining({ fileId: 'f2' }))
    expect(view.get('[data-testid="user-metrics-notice"]').text()).toBe('Per-user metrics exported as user-metrics.parquet.')
    await view.get('[data-testid="user-metrics-format-csv"]').trigger('click')
    vi.mocked(client.exportTable).mockResolvedValue({ ok: false, error: { code: 'INVALID_REQUEST', message: '"placebo" is not an arm of "arm".' } })
    await view.get('[data-testid="user-metrics-export"]').trigger('submit')
    await flushPromises()
    expect(vi.mocked(client.exportTable).mock.calls[1]![0]).toMatchObject({ kind: 'userMetrics', format: 'csv', bom: true })
    expect(view.get('[data-testid="user-metrics-export"] [data-testid="error-notice"]').text()).toContain('is not an arm')
    view.unmount()
    await flushPromises()
  })
})
