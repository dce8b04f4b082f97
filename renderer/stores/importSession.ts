// One file on its way into the project: its state machine and the pure helpers the imports store
// uses (default dataset name, name checks, merging overrides). Layer: renderer/stores.
import type { ChosenFile, EngineErrorInfo } from '../../common/contract'
import type { ColumnType, DatasetSummary, ImportOverrides, ImportReport, RejectRow, SourceInspection } from '../../common/domain/dataset'

/**
 * uploading → inspecting → review ⇄ importing → report → committing → committed
 *                                                    ↘ discarded          (failed: cannot go on)
 */
export type ImportStage = 'uploading' | 'inspecting' | 'review' | 'importing' | 'report' | 'committing' | 'committed' | 'discarded' | 'failed'

export interface RejectsPage {
  offset: number
  total: number
  rows: RejectRow[]
  loading: boolean
}

export interface ImportSession {
  key: string
  fileName: string
  sizeBytes: number
  file: ChosenFile | null
  upload: { loaded: number; total: number } | null
  stage: ImportStage
  inspection: SourceInspection | null
  /** A re-inspection after an override is in flight (the old inspection stays on screen). */
  reinspecting: boolean
  overrides: ImportOverrides
  datasetName: string
  mode: 'copy' | 'link'
  report: ImportReport | null
  rejects: RejectsPage
  taskId: string | null
  cancelling: boolean
  /** Shown in the wizard; cleared by the next action. */
  error: EngineErrorInfo | null
  /** A neutral message (e.g. "Import cancelled; nothing was changed."). */
  notice: string | null
  dataset: DatasetSummary | null
}

export const REJECTS_PAGE_SIZE = 50

export function newSession(key: string, fileName: string, sizeBytes: number, stage: ImportStage): ImportSession {
  return {
    key,
    fileName,
    sizeBytes,
    file: null,
    upload: null,
    stage,
    inspection: null,
    reinspecting: false,
    overrides: {},
    datasetName: datasetNameFromFile(fileName),
    mode: 'copy',
    report: null,
    rejects: { offset: 0, total: 0, rows: [], loading: false },
    taskId: null,
    cancelling: false,
    error: null,
    notice: null,
    dataset: null,
  }
}

/** "UPI payments 2024.csv.gz" → "upi_payments_2024" (same rule as the engine's default). */
export function datasetNameFromFile(fileName: string): string {
  const stem = fileName.replace(/(\.(csv|tsv|txt|gz|parquet|json|ndjson|jsonl|xlsx|xlsm))+$/i, '')
  const slug = stem
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
  return slug === '' ? 'dataset' : slug.slice(0, 120)
}

/** Why a dataset name would be refused, or null when it is fine (mirrors the engine's check). */
export function datasetNameProblem(name: string): string | null {
  const trimmed = name.trim()
  if (trimmed === '') return 'Give the dataset a name.'
  if (trimmed.length > 120) return 'Use at most 120 characters.'
  if (trimmed.startsWith('__')) return 'Names starting with "__" are reserved.'
  if (/[\u0000-\u001f"]/.test(trimmed)) return 'Use printable characters and no double quotes.'
  return null
}

/** A change to the overrides; `undefined` removes a key (back to the detected value). */
export type OverridePatch = { [K in keyof ImportOverrides]?: ImportOverrides[K] | undefined }

/** The overrides after a change; `undefined` in the patch (or a column type of null) removes a key. */
export function mergeOverrides(current: ImportOverrides, patch: OverridePatch, columnType?: { column: string; type: ColumnType | null }): ImportOverrides {
  const next: Record<string, unknown> = { ...current }
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete next[key]
    else next[key] = value
  }
  if (columnType !== undefined) {
    const types = { ...(current.columnTypes ?? {}) }
    if (columnType.type === null) delete types[columnType.column]
    else types[columnType.column] = columnType.type
    if (Object.keys(types).length === 0) delete next.columnTypes
    else next.columnTypes = types
  }
  return next as ImportOverrides
}

/** True while the session waits on the engine (buttons that start work are disabled). */
export function isBusy(session: ImportSession): boolean {
  return session.stage === 'uploading' || session.stage === 'inspecting' || session.stage === 'importing' || session.stage === 'committing' || session.reinspecting
}

/** What still blocks the Import button, in the analyst's words; empty when it may run. */
export function importBlockers(session: ImportSession): string[] {
  const blockers: string[] = []
  const questions = session.inspection?.questions ?? []
  if (session.inspection === null) blockers.push('The file has not been inspected yet.')
  for (const question of questions) blockers.push(question.id === 'dateOrder' ? 'Answer the date-order question above.' : question.message)
  const nameProblem = datasetNameProblem(session.datasetName)
  if (nameProblem !== null) blockers.push(nameProblem)
  return blockers
}
