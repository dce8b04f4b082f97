// Which tab of the Data view is open, so any panel can send the analyst on (e.g. "Map to
// payments" after an import, "Profile" from a dataset row). Layer: renderer/stores.
import { defineStore } from 'pinia'
import { ref } from 'vue'

export const DATA_TABS = ['datasets', 'import', 'mapping', 'profile', 'overview', 'rows'] as const
export type DataTab = (typeof DATA_TABS)[number]

export const DATA_TAB_LABELS: Record<DataTab, string> = {
  datasets: 'Datasets',
  import: 'Import',
  mapping: 'Mapping',
  profile: 'Profile',
  overview: 'Payments overview',
  rows: 'Rows',
}

export const useDataViewStore = defineStore('dataView', () => {
  const tab = ref<DataTab>('datasets')

  function open(next: DataTab): void {
    tab.value = next
  }

  return { tab, open }
})
