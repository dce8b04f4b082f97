// Files being imported: upload/register → inspect (re-inspect on every override) → stage with
// progress and Cancel → reconciliation and rejects → accept or discard. One session per file.
// Layer: renderer/stores.
import { defineStore } from 'pinia'
import { computed, markRaw, ref } from 'vue'
import type { ChosenFile, EngineErrorInfo, ProgressEvent } from '../../common/contract'
import type { ColumnType } from '../../common/domain/dataset'
import { useEngineClient } from '../api/engineClient'
import { useFileClient } from '../api/fileClient'
import { useDatasetsStore } from './datasets'
import { REJECTS_PAGE_SIZE, mergeOverrides, newSession, type ImportSession, type OverridePatch } from './importSession'
import { useProfileStore } from './profile'
import { useTasksStore } from './tasks'

export const useImportsStore = defineStore('imports', () => {
  const sessions = ref<ImportSession[]>([])
  const activeKey = ref<string | null>(null)
  /** A failure that belongs to no session (e.g. the open dialog failed). */
  const error = ref<EngineErrorInfo | null>(null)
  let nextKey = 0
  // Latest inspect request per session: a slow earlier reply must not overwrite a newer one.
  const inspectSeq = new Map<string, number>()

  const active = computed(() => sessions.value.find((s) => s.key === activeKey.value) ?? sessions.value.at(-1) ?? null)
  const pending = computed(() => sessions.value.filter((s) => s.stage !== 'committed' && s.stage !== 'discarded').length)

  function session(key: string): ImportSession | undefined {
    return sessions.value.find((s) => s.key === key)
  }

  function start(fileName: string, sizeBytes: number, stage: ImportSession['stage']): ImportSession {
    const key = `import-${++nextKey}`
    sessions.value.push(newSession(key, fileName, sizeBytes, stage))
    activeKey.value = key
    return session(key)!
  }

  /** Files picked with <input type=file> or dropped: upload/register each, then inspect it. */
  async function addFiles(files: readonly File[]): Promise<void> {
    error.value = null
    await Promise.all(
      files.map(async (file) => {
        const s = start(file.name, file.size, 'uploading')
        s.upload = { loaded: 0, total: file.size }
        const result = await useFileClient().addFile(file, (progress) => {
          s.upload = progress
        })
        s.upload = null
        if (!result.ok) {
          s.stage = 'failed'
          s.error = result.error
          return
        }
        await begin(s, result.value)
      }),
    )
  }

  /** Desktop: the native open dialog (several files at once; or folders of Parquet files to link). */
  async function chooseFiles(allowFolders = false): Promise<void> {
    const choose = useFileClient().chooseFiles
    if (choose === null) return
    error.value = null
    const result = await choose({ allowFolders })
    if (!result.ok) {
      error.value = result.error
      return
    }
    await Promise.all(result.value.map((file) => begin(start(file.name, file.sizeBytes, 'inspecting'), file)))
  }

  async function begin(s: ImportSession, file: ChosenFile): Promise<void> {
    s.file = file
    // A folder of Parquet files is usually too big to copy: link it in place unless told otherwise.
    if (file.isFolder) s.mode = 'link'
    s.fileName = file.name
    s.sizeBytes = file.sizeBytes
    s.stage = 'inspecting'
    await inspect(s.key)
  }

  async function inspect(key: string): Promise<void> {
    const s = session(key)
    if (s?.file == null) return
    const request = (inspectSeq.get(key) ?? 0) + 1
    inspectSeq.set(key, request)
    s.reinspecting = s.inspection !== null
    s.error = null
    const result = await useEngineClient().inspectSource({ fileId: s.file.fileId, overrides: s.overrides })
    if (inspectSeq.get(key) !== request) return
    s.reinspecting = false
    if (result.ok) {
      s.inspection = markRaw(result.value)
      s.stage = 'review'
    } else {
      s.error = result.error
      s.stage = s.inspection === null ? 'failed' : 'review'
    }
  }

  /** Change detected settings (delimiter, encoding, date order, …) and inspect again. */
  async function setOverrides(key: string, patch: OverridePatch): Promise<void> {
    const s = session(key)
    if (s === undefined) return
    s.overrides = mergeOverrides(s.overrides, patch)
    await inspect(key)
  }

  async function setColumnType(key: string, column: string, type: ColumnType | null): Promise<void> {
    const s = session(key)
    if (s === undefined) return
    s.overrides = mergeOverrides(s.overrides, {}, { column, type })
    await inspect(key)
  }

  function setDatasetName(key: string, name: string): void {
    const s = session(key)
    if (s !== undefined) s.datasetName = name
  }

  function setMode(key: string, mode: ImportSession['mode']): void {
    const s = session(key)
    if (s !== undefined) s.mode = mode
  }

  /** The running import task of a session, matched by the engine's label ("Importing <file>", or "Importing <file>: <step>"). */
  function progressOf(key: string): ProgressEvent | null {
    const s = session(key)
    if (s?.stage !== 'importing') return null
    const label = `Importing ${s.inspection?.file.name ?? s.fileName}`
    const mine = (t: ProgressEvent): boolean => t.label === label || t.label.startsWith(`${label}: `)
    return useTasksStore().list.find((t) => t.taskId === s.taskId || (s.taskId === null && mine(t))) ?? null
  }

  async function startImport(key: string): Promise<void> {
    const s = session(key)
    if (s?.file == null) return
    Object.assign(s, { stage: 'importing', error: null, notice: null, taskId: null, cancelling: false, report: null })
    const result = await useEngineClient().stageImport({ fileId: s.file.fileId, datasetName: s.datasetName.trim(), overrides: s.overrides, mode: s.mode })
    s.taskId = null
    s.cancelling = false
    if (result.ok) {
      s.report = markRaw(result.value)
      s.rejects = { offset: 0, total: result.value.rejectedRows, rows: result.value.rejectSample, loading: false }
      s.stage = 'report'
      if (result.value.rejectedRows > 0) await loadRejects(key, 0)
    } else if (result.error.code === 'CANCELLED') {
      s.stage = 'review'
      s.notice = 'Import cancelled; nothing was changed.'
    } else {
      s.stage = 'review'
      s.error = result.error
    }
  }

  async function cancelImport(key: string): Promise<void> {
    const task = progressOf(key)
    const s = session(key)
    if (s === undefined || task === null) return
    s.taskId = task.taskId
    s.cancelling = true
    const result = await useEngineClient().cancelTask({ taskId: task.taskId })
    if (!result.ok) {
      s.cancelling = false
      s.error = result.error
    }
  }

  async function loadRejects(key: string, offset: number): Promise<void> {
    const s = session(key)
    if (s?.report == null) return
    s.rejects = { ...s.rejects, loading: true }
    const result = await useEngineClient().listRejects({ importId: s.report.importId, offset, limit: REJECTS_PAGE_SIZE })
    if (result.ok) s.rejects = { offset, total: result.value.total, rows: result.value.rows, loading: false }
    else {
      s.rejects = { ...s.rejects, loading: false }
      s.error = result.error
    }
  }

  async function exportRejects(key: string): Promise<void> {
    const s = session(key)
    if (s?.report == null) return
    s.error = null
    const exported = await useEngineClient().exportRejects({ importId: s.report.importId })
    const saved = exported.ok ? await useFileClient().saveExport(exported.value) : exported
    if (!saved.ok) s.error = saved.error
    else if (saved.value.saved && exported.ok) s.notice = `Rejected rows exported as ${exported.value.name}.`
  }

  /** Commit the staged import; with rejects, accepting them is the analyst's explicit choice. */
  async function accept(key: string): Promise<void> {
    const s = session(key)
    if (s?.report == null) return
    Object.assign(s, { stage: 'committing', error: null, notice: null })
    const result = await useEngineClient().commitImport({ importId: s.report.importId, acceptRejects: s.report.rejectedRows > 0 })
    if (result.ok) {
      s.dataset = result.value
      s.stage = 'committed'
      const datasets = useDatasetsStore()
      datasets.select(result.value.name)
      useProfileStore().invalidate(result.value.name)
      await datasets.load()
    } else {
      s.stage = 'report'
      s.error = result.error
    }
  }

  async function discard(key: string): Promise<void> {
    const s = session(key)
    if (s?.report == null) return
    s.error = null
    const result = await useEngineClient().discardImport({ importId: s.report.importId })
    if (result.ok) {
      s.stage = 'discarded'
      s.notice = 'Import cancelled; the project is unchanged.'
    } else s.error = result.error
  }

  /** Remove a session from the list (a staged import is discarded first). */
  async function close(key: string): Promise<void> {
    const s = session(key)
    if (s === undefined) return
    if (s.stage === 'report') await discard(key)
    sessions.value = sessions.value.filter((x) => x.key !== key)
    inspectSeq.delete(key)
    if (activeKey.value === key) activeKey.value = sessions.value.at(-1)?.key ?? null
  }

  function dismissError(key: string): void {
    const s = session(key)
    if (s !== undefined) s.error = null
  }

  function activate(key: string): void {
    activeKey.value = key
  }

  return {
    sessions,
    activeKey,
    active,
    pending,
    error,
    addFiles,
    chooseFiles,
    inspect,
    setOverrides,
    setColumnType,
    setDatasetName,
    setMode,
    progressOf,
    startImport,
    cancelImport,
    loadRejects,
    exportRejects,
    accept,
    discard,
    close,
    dismissError,
    activate,
  }
})
