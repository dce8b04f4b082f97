// Reports: export the project's saved scenarios as a report (HTML, PDF, XLSX), or the Results
// analysis' per-user metrics as a Parquet/CSV table, and hand the file to the user (a download in
// web mode, Save as… on the desktop). Layer: renderer/stores.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { EngineErrorInfo } from '../../common/contract'
import type { AnalysisRequestInput } from '../../common/domain/analysis'
import type { ReportFormat, TableFormat } from '../../common/domain/report'
import { useEngineClient } from '../api/engineClient'
import { useFileClient } from '../api/fileClient'
import type { LoadStatus } from './engine'
import { useResultsStore } from './results'

/** Entered amounts per country, without the blanks. */
function entered(values: Record<string, number | null>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, number] => e[1] !== null))
}

export const useReportsStore = defineStore('reports', () => {
  const title = ref('Cashback campaign report')
  const author = ref('')
  const format = ref<ReportFormat>('html')
  const status = ref<LoadStatus>('idle')
  const error = shallowRef<EngineErrorInfo | null>(null)
  const notice = ref<string | null>(null)
  /** Include the Results section's read-out as it is on screen (when there is a current one). */
  const includeAnalysis = ref(true)
  let requests = 0
  /** The per-user metrics table export: its own format, status and messages. */
  const tableFormat = ref<Extract<TableFormat, 'parquet' | 'csv'>>('parquet')
  const tableStatus = ref<LoadStatus>('idle')
  const tableError = shallowRef<EngineErrorInfo | null>(null)
  const tableNotice = ref<string | null>(null)
  let tableRequests = 0

  /** The analysis request behind the Results screen, with its reading options; null when none is current. */
  const results = useResultsStore()
  const currentAnalysis = computed<AnalysisRequestInput | null>(() => {
    if (results.answer === null || results.stale) return null
    const r = results.reading
    const base = results.requestInput
    return {
      ...base,
      ...(r.controlArm === null ? {} : { controlArm: r.controlArm }),
      cuped: r.cuped,
      confidence: r.confidence,
      correction: r.correction,
      economics: { ...(base.economics ?? {}), valuePerAdopter: entered(r.valuePerAdopter), fixedCostPerTreatedUser: entered(r.fixedCost) },
    }
  })

  /** Build the report of every saved scenario (up to 8), plus the Results read-out, and save or download it. */
  async function exportReport(): Promise<void> {
    const request = ++requests
    status.value = 'loading'
    error.value = null
    notice.value = null
    const trimmed = author.value.trim()
    const analysis = includeAnalysis.value ? currentAnalysis.value : null
    const exported = await useEngineClient().exportReport({
      format: format.value,
      title: title.value.trim() || 'Cashback campaign report',
      ...(trimmed === '' ? {} : { author: trimmed }),
      ...(analysis === null ? {} : { analysis }),
    })
    const saved = exported.ok ? await useFileClient().saveExport(exported.value) : exported
    if (request !== requests) return
    if (!saved.ok) {
      status.value = 'error'
      error.value = saved.error
      return
    }
    status.value = 'ready'
    if (saved.value.saved && exported.ok) notice.value = `Report exported as ${exported.value.name}.`
  }

  /** One row per experiment user of the Results analysis (metrics, covariates, cashback) as Parquet or CSV. */
  async function exportUserMetrics(): Promise<void> {
    const analysis = currentAnalysis.value
    if (analysis === null) return
    const request = ++tableRequests
    tableStatus.value = 'loading'
    tableError.value = null
    tableNotice.value = null
    const csv = tableFormat.value === 'csv'
    const exported = await useEngineClient().exportTable({ kind: 'userMetrics', format: tableFormat.value, analysis, ...(csv ? { bom: true } : {}) })
    const saved = exported.ok ? await useFileClient().saveExport(exported.value) : exported
    if (request !== tableRequests) return
    if (!saved.ok) {
      tableStatus.value = 'error'
      tableError.value = saved.error
      return
    }
    tableStatus.value = 'ready'
    if (saved.value.saved && exported.ok) tableNotice.value = `Per-user metrics exported as ${exported.value.name}.`
  }

  return {
    title, author, format, includeAnalysis, currentAnalysis, status, error, notice, exportReport,
    tableFormat, tableStatus, tableError, tableNotice, exportUserMetrics,
  }
})
