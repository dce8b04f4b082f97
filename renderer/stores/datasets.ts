// The project's datasets as listDatasets reports them, and which one the Data view is looking
// at (profile, rows, mapping default). Layer: renderer/stores.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { EngineErrorInfo } from '../../common/contract'
import type { DatasetSummary } from '../../common/domain/dataset'
import { useEngineClient } from '../api/engineClient'
import type { LoadStatus } from './engine'

export const useDatasetsStore = defineStore('datasets', () => {
  const status = ref<LoadStatus>('idle')
  const error = shallowRef<EngineErrorInfo | null>(null)
  const list = shallowRef<DatasetSummary[]>([])
  /** The dataset the profile and rows tabs show; follows the list when it is null or gone. */
  const selectedName = ref<string | null>(null)
  let latestRequest = 0

  const names = computed(() => list.value.map((d) => d.name))
  const selected = computed(() => list.value.find((d) => d.name === selectedName.value) ?? list.value[0] ?? null)

  function byName(name: string): DatasetSummary | null {
    return list.value.find((d) => d.name === name) ?? null
  }

  async function load(): Promise<void> {
    const request = ++latestRequest
    status.value = 'loading'
    error.value = null
    const result = await useEngineClient().listDatasets({})
    if (request !== latestRequest) return
    if (result.ok) {
      list.value = [...result.value].sort((a, b) => a.name.localeCompare(b.name))
      status.value = 'ready'
    } else {
      error.value = result.error
      status.value = 'error'
    }
  }

  function select(name: string): void {
    selectedName.value = name
  }

  return { status, error, list, selectedName, names, selected, byName, load, select }
})
