// Reports: export the project's saved scenarios as a report (HTML, PDF, XLSX) and hand the file
// to the user (a download in web mode, Save as… on the desktop). Layer: renderer/stores.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { EngineErrorInfo } from '../../common/contract'
import type { ReportFormat } from '../../common/domain/report'
import { useEngineClient } from '../api/engineClient'
import { useFileClient } from '../api/fileClient'
import type { LoadStatus } from './engine'

export const useReportsStore = defineStore('reports', () => {
  const title = ref('Cashback campaign report')
  const author = ref('')
  const format = ref<ReportFormat>('html')
  const status = ref<LoadStatus>('idle')
  const error = shallowRef<EngineErrorInfo | null>(null)
  const notice = ref<string | null>(null)
  let requests = 0

  /** Build the report of every saved scenario (up to 8) and save or download it. */
  async function exportReport(): Promise<void> {
    const request = ++requests
    status.value = 'loading'
    error.value = null
    notice.value = null
    const trimmed = author.value.trim()
    const exported = await useEngineClient().exportReport({ format: format.value, title: title.value.trim() || 'Cashback campaign report', ...(trimmed === '' ? {} : { author: trimmed }) })
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

  return { title, author, format, status, error, notice, exportReport }
})
