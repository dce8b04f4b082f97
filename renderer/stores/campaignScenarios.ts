// Saved scenarios (campaigns in the project recipe): list, save, rename, duplicate, delete.
// Layer: renderer/stores. The engine issues ids; the list is kept in the order it returns.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { EngineErrorInfo } from '../../common/contract'
import type { Campaign, SavedCampaign } from '../../common/domain/campaign'
import { useEngineClient } from '../api/engineClient'
import type { LoadStatus } from './engine'

/** "Pix flat (copy)", "Pix flat (copy 2)", … — the first name not taken. */
export function copyName(name: string, taken: readonly string[]): string {
  const base = name.replace(/ \(copy(?: \d+)?\)$/, '')
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? `${base} (copy)` : `${base} (copy ${n})`
    if (!taken.includes(candidate)) return candidate
  }
}

export const useCampaignScenariosStore = defineStore('campaignScenarios', () => {
  const list = shallowRef<SavedCampaign[]>([])
  const status = ref<LoadStatus>('idle')
  const error = shallowRef<EngineErrorInfo | null>(null)
  /** An id being saved, renamed, copied or deleted (buttons wait for it). */
  const busy = ref<string | null>(null)
  let latestLoad = 0

  async function load(): Promise<void> {
    const request = ++latestLoad
    status.value = 'loading'
    const reply = await useEngineClient().listCampaigns({})
    if (request !== latestLoad) return
    if (reply.ok) {
      list.value = reply.value.campaigns
      status.value = 'ready'
      error.value = null
    } else {
      error.value = reply.error
      status.value = 'error'
    }
  }

  function put(saved: SavedCampaign): void {
    const index = list.value.findIndex((s) => s.id === saved.id)
    list.value = index === -1 ? [...list.value, saved] : list.value.map((s) => (s.id === saved.id ? saved : s))
  }

  /** Save as a new scenario (no id) or over an existing one; null when the engine refused. */
  async function save(campaign: Campaign, id?: string): Promise<SavedCampaign | null> {
    busy.value = id ?? 'new'
    error.value = null
    const reply = await useEngineClient().saveCampaign(id === undefined ? { campaign } : { id, campaign })
    busy.value = null
    if (!reply.ok) {
      error.value = reply.error
      return null
    }
    put(reply.value)
    return reply.value
  }

  async function rename(id: string, name: string): Promise<SavedCampaign | null> {
    const saved = list.value.find((s) => s.id === id)
    if (saved === undefined || name.trim() === '' || name.trim() === saved.campaign.name) return saved ?? null
    return save({ ...saved.campaign, name: name.trim() }, id)
  }

  async function duplicate(id: string): Promise<SavedCampaign | null> {
    const saved = list.value.find((s) => s.id === id)
    if (saved === undefined) return null
    const name = copyName(saved.campaign.name, list.value.map((s) => s.campaign.name))
    return save({ ...saved.campaign, name })
  }

  async function remove(id: string): Promise<boolean> {
    busy.value = id
    error.value = null
    const reply = await useEngineClient().deleteCampaign({ id })
    busy.value = null
    if (!reply.ok) {
      error.value = reply.error
      return false
    }
    list.value = list.value.filter((s) => s.id !== id)
    return true
  }

  function dismissError(): void {
    error.value = null
  }

  return { list, status, error, busy, load, save, rename, duplicate, remove, dismissError }
})
