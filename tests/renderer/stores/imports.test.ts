// Imports store: upload → inspect → (re-inspect on overrides) → stage with progress and Cancel →
// rejects → accept or discard, against fake engine and file clients.
import type { Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EngineResponse, Result } from '../../../common/contract'
import { setFileClient } from '../../../renderer/api/fileClient'
import { useDatasetsStore } from '../../../renderer/stores/datasets'
import { useImportsStore } from '../../../renderer/stores/imports'
import { useTasksStore } from '../../../renderer/stores/tasks'
import { DATASET, FILE, IMPORT_ID, REJECT, REPORT, inspection } from '../support/dataFixtures'
import { deferred, okResult, progress, type FakeEngineClient } from '../support/fakeEngineClient'
import type { FakeFileClient } from '../support/fakeFileClient'
import { freshEnvironment, teardown } from '../support/setup'

let pinia: Pinia
let client: FakeEngineClient
let files: FakeFileClient

beforeEach(() => {
  ;({ pinia, client, files } = freshEnvironment())
  files.addFile.mockResolvedValue(okResult(FILE))
  vi.mocked(client.inspectSource).mockImplementation(async ({ overrides }) => okResult(inspection(overrides?.dateOrder !== undefined)))
  vi.mocked(client.listRejects).mockResolvedValue(okResult({ total: 1, rows: [REJECT] }))
})
afterEach(() => teardown(pinia))

async function reviewed(): Promise<ReturnType<typeof useImportsStore>> {
  const store = useImportsStore()
  await store.addFiles([new File(['x'], FILE.name)])
  return store
}

describe('useImportsStore', () => {
  it('uploads each file, inspects it and waits for review', async () => {
    const store = await reviewed()
    expect(files.addFile).toHaveBeenCalledTimes(1)
    expect(client.inspectSource).toHaveBeenCalledWith({ fileId: FILE.fileId, overrides: {} })
    const session = store.active!
    expect(session.stage).toBe('review')
    expect(session.datasetName).toBe('pix_upi_payments')
    expect(session.inspection?.questions).toHaveLength(1)
    expect(store.pending).toBe(1)
  })

  it('keeps a failed upload as a failed session with its error', async () => {
    files.addFile.mockResolvedValueOnce({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: 'Too big.' } })
    const store = useImportsStore()
    await store.addFiles([new File(['x'], 'big.csv')])
    expect(store.active).toMatchObject({ stage: 'failed', error: { code: 'PAYLOAD_TOO_LARGE' } })
    expect(client.inspectSource).not.toHaveBeenCalled()
  })

  it('re-inspects with the merged overrides and ignores an older reply that arrives late', async () => {
    const store = await reviewed()
    const key = store.active!.key
    const slow = deferred<Result<EngineResponse<'inspectSource'>>>()
    vi.mocked(client.inspectSource).mockImplementationOnce(() => slow.promise)
    const first = store.setOverrides(key, { delimiter: ',' })
    expect(store.active!.reinspecting).toBe(true)
    await store.setOverrides(key, { delimiter: undefined, dateOrder: 'DMY' })
    expect(client.inspectSource).toHaveBeenLastCalledWith({ fileId: FILE.fileId, overrides: { dateOrder: 'DMY' } })
    expect(store.active!.inspection?.questions).toEqual([])
    slow.resolve(okResult(inspection(false)))
    await first
    expect(store.active!.inspection?.questions).toEqual([]) // the late reply did not win
    await store.setColumnType(key, 'valor', 'DECIMAL(18,2)')
    expect(store.active!.overrides).toEqual({ dateOrder: 'DMY', columnTypes: { valor: 'DECIMAL(18,2)' } })
  })

  it('stages the import, follows its progress by label, and cancels with the task id', async () => {
    const store = await reviewed()
    const key = store.active!.key
    useTasksStore().listen()
    const staged = deferred<Result<EngineResponse<'stageImport'>>>()
    vi.mocked(client.stageImport).mockImplementationOnce(() => staged.promise)
    store.setDatasetName(key, ' pagamentos ')
    const running = store.startImport(key)
    expect(store.active!.stage).toBe('importing')
    expect(client.stageImport).toHaveBeenCalledWith({ fileId: FILE.fileId, datasetName: 'pagamentos', overrides: {}, mode: 'copy' })
    expect(store.progressOf(key)).toBeNull()
    client.emit({ ...progress('other', 'running', 10), label: 'Profiling x' })
    client.emit({ ...progress('t-1', 'running', 42), label: `Importing ${FILE.name}` })
    expect(store.progressOf(key)?.percentage).toBe(42)
    // The engine starts over on a second read (a refused record): same task, a step in its label.
    client.emit({ ...progress('t-1', 'running', 5), label: `Importing ${FILE.name}: the strict read stopped at a problem, reading the file again to list every one` })
    expect(store.progressOf(key)).toMatchObject({ percentage: 5, label: `Importing ${FILE.name}: the strict read stopped at a problem, reading the file again to list every one` })
    await store.cancelImport(key)
    expect(client.cancelTask).toHaveBeenCalledWith({ taskId: 't-1' })
    expect(store.active!.cancelling).toBe(true)
    staged.resolve({ ok: false, error: { code: 'CANCELLED', message: 'Importing was cancelled.' } })
    await running
    expect(store.active).toMatchObject({ stage: 'review', notice: 'Import cancelled; nothing was changed.', error: null, cancelling: false })
  })

  it('shows the report with its rejects, exports them, and accepts with rejects', async () => {
    const store = await reviewed()
    const key = store.active!.key
    vi.mocked(client.stageImport).mockResolvedValueOnce(okResult(REPORT))
    await store.startImport(key)
    expect(store.active!.stage).toBe('report')
    expect(client.listRejects).toHaveBeenCalledWith({ importId: IMPORT_ID, offset: 0, limit: 50 })
    expect(store.active!.rejects).toMatchObject({ total: 1, rows: [REJECT], loading: false })

    vi.mocked(client.exportRejects).mockResolvedValueOnce(okResult({ fileId: 'f', name: 'rejected-rows-22222222.csv', sizeBytes: 10, isFolder: false }))
    await store.exportRejects(key)
    expect(files.saveExport).toHaveBeenCalledWith(expect.objectContaining({ fileId: 'f' }))
    expect(store.active!.notice).toBe('Rejected rows exported as rejected-rows-22222222.csv.')

    vi.mocked(client.commitImport).mockResolvedValueOnce(okResult(DATASET))
    vi.mocked(client.listDatasets).mockResolvedValueOnce(okResult([DATASET]))
    await store.accept(key)
    expect(client.commitImport).toHaveBeenCalledWith({ importId: IMPORT_ID, acceptRejects: true })
    expect(store.active).toMatchObject({ stage: 'committed', dataset: DATASET })
    expect(useDatasetsStore().list).toEqual([DATASET])
    expect(useDatasetsStore().selected?.name).toBe('pagamentos')
    expect(store.pending).toBe(0)
  })

  it('keeps the report on a failed commit, and discards on Cancel and on close', async () => {
    const store = await reviewed()
    const key = store.active!.key
    vi.mocked(client.stageImport).mockResolvedValue(okResult(REPORT))
    await store.startImport(key)
    vi.mocked(client.commitImport).mockResolvedValueOnce({ ok: false, error: { code: 'CONFLICT', message: '1 rows were rejected.' } })
    await store.accept(key)
    expect(store.active).toMatchObject({ stage: 'report', error: { code: 'CONFLICT' } })
    vi.mocked(client.discardImport).mockResolvedValue(okResult({ discarded: true }))
    await store.discard(key)
    expect(store.active!.stage).toBe('discarded')
    expect(client.discardImport).toHaveBeenCalledWith({ importId: IMPORT_ID })

    await store.addFiles([new File(['x'], 'second.csv')])
    const second = store.active!.key
    await store.startImport(second)
    await store.close(second)
    expect(client.discardImport).toHaveBeenCalledTimes(2)
    expect(store.sessions.map((s) => s.key)).toEqual([key])
    expect(store.active!.key).toBe(key)
  })

  it('opens the desktop dialog, links folders of Parquet files by default, and keeps a dialog error', async () => {
    const folder = { fileId: '33333333-3333-4333-8333-333333333333', name: 'lake', sizeBytes: 0, isFolder: true }
    const choose = vi.fn(async () => okResult([FILE, folder]))
    setFileClient({ ...files, kind: 'desktop', chooseFiles: choose })
    const store = useImportsStore()
    await store.chooseFiles(true)
    expect(choose).toHaveBeenCalledWith({ allowFolders: true })
    expect(store.sessions.map((s) => [s.fileName, s.mode, s.stage])).toEqual([
      [FILE.name, 'copy', 'review'],
      ['lake', 'link', 'review'],
    ])
    choose.mockResolvedValueOnce({ ok: false, error: { code: 'IO_ERROR', message: 'The dialog could not open.' } } as never)
    await store.chooseFiles()
    expect(store.error?.message).toBe('The dialog could not open.')
  })

  it('keeps a stage error on the session and lets it be dismissed', async () => {
    const store = await reviewed()
    const key = store.active!.key
    vi.mocked(client.stageImport).mockResolvedValueOnce({ ok: false, error: { code: 'INVALID_REQUEST', message: 'Only Parquet files can be linked in place.' } })
    store.setMode(key, 'link')
    await store.startImport(key)
    expect(store.active).toMatchObject({ stage: 'review', error: { code: 'INVALID_REQUEST' } })
    store.dismissError(key)
    expect(store.active!.error).toBeNull()
  })
})
