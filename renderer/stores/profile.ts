// Dataset profiles (per-column statistics and histograms) and the overview of the mapped
// payments, cached until an import or a mapping change makes them stale. Layer: renderer/stores.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { EngineErrorInfo } from '../../common/contract'
import type { DatasetProfile, PaymentsOverview } from '../../common/domain/profile'
import { useEngineClient } from '../api/engineClient'
import type { LoadStatus } from './engine'

export interface Loadable<T> {
  status: LoadStatus
  error: EngineErrorInfo | null
  data: T | null
}

const idle = <T>(): Loadable<T> => ({ status: 'idle', error: null, data: null })

export const useProfileStore = defineStore('profile', () => {
  /** Profiles by dataset name; each entry is replaced whole (rows are never deep-watched). */
  const profiles = shallowRef<Record<string, Loadable<DatasetProfile>>>({})
  const overview = shallowRef<Loadable<PaymentsOverview>>(idle())
  const requests = new Map<string, number>()
  const overviewRequest = ref(0)

  function profileOf(dataset: string): Loadable<DatasetProfile> {
    return profiles.value[dataset] ?? idle()
  }

  function put(dataset: string, entry: Loadable<DatasetProfile>): void {
    profiles.value = { ...profiles.value, [dataset]: entry }
  }

  async function loadProfile(dataset: string): Promise<void> {
    const request = (requests.get(dataset) ?? 0) + 1
    requests.set(dataset, request)
    put(dataset, { ...profileOf(dataset), status: 'loading', error: null })
    const result = await useEngineClient().profileDataset({ dataset })
    if (requests.get(dataset) !== request) return
    put(dataset, result.ok ? { status: 'ready', error: null, data: result.value } : { status: 'error', error: result.error, data: null })
  }

  /** Load a profile unless it is already there or on its way. */
  async function ensureProfile(dataset: string): Promise<void> {
    const entry = profileOf(dataset)
    if (entry.status === 'idle' || entry.status === 'error') await loadProfile(dataset)
  }

  async function loadOverview(): Promise<void> {
    const request = ++overviewRequest.value
    overview.value = { ...overview.value, status: 'loading', error: null }
    const result = await useEngineClient().paymentsOverview({})
    if (request !== overviewRequest.value) return
    overview.value = result.ok ? { status: 'ready', error: null, data: result.value } : { status: 'error', error: result.error, data: null }
  }

  /** Forget cached results (after an import replaced a dataset, or the mapping changed). */
  function invalidate(dataset?: string): void {
    if (dataset === undefined) profiles.value = {}
    else {
      const { [dataset]: _stale, ...rest } = profiles.value
      profiles.value = rest
    }
    overview.value = idle()
  }

  return { profiles, overview, profileOf, loadProfile, ensureProfile, loadOverview, invalidate }
})
