// The engine as the UI sees it: is it reachable, which DuckDB and project it runs, and the error
// if it is not. Layer: renderer/stores. Calls go through the engineClient, never window.engine.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { EngineErrorInfo, EngineInfo } from '../../common/contract'
import { useEngineClient } from '../api/engineClient'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

/** "v1.5.6" → "DuckDB v1.5.6"; tolerates versions without the leading v. */
export function duckdbLabel(version: string): string {
  return `DuckDB ${version.startsWith('v') ? version : `v${version}`}`
}

export const useEngineStore = defineStore('engine', () => {
  const status = ref<LoadStatus>('idle')
  const error = shallowRef<EngineErrorInfo | null>(null)
  const info = shallowRef<EngineInfo | null>(null)
  // Only the latest request may write state: a slow earlier reply must not overwrite a newer one.
  let latestRequest = 0

  const duckdbVersion = computed(() => (info.value === null ? null : duckdbLabel(info.value.duckdbVersion)))

  async function loadInfo(): Promise<void> {
    const request = ++latestRequest
    status.value = 'loading'
    error.value = null
    const result = await useEngineClient().getEngineInfo({})
    if (request !== latestRequest) return
    if (result.ok) {
      info.value = result.value
      status.value = 'ready'
    } else {
      error.value = result.error
      status.value = 'error'
    }
  }

  return { status, error, info, duckdbVersion, loadInfo }
})
