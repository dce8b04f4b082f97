// Compare: which saved scenarios to put side by side (2–8, the first is the baseline), the scope,
// and their evaluations from one evaluateCampaigns call. Layer: renderer/stores.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { EngineApi } from '../../common/contract'
import type { EvaluationScope } from '../../common/domain/campaignResult'
import { useEngineClient } from '../api/engineClient'
import { createLatestTask } from './latestTask'

export const MIN_COMPARE = 2
export const MAX_COMPARE = 8

type CompareReply = Extract<Awaited<ReturnType<EngineApi['evaluateCampaigns']>>, { ok: true }>['value']
export type CompareResult = CompareReply['results'][number]

export const useCampaignCompareStore = defineStore('campaignCompare', () => {
  /** Chosen scenario ids in the order chosen; the first is the baseline. */
  const selected = ref<string[]>([])
  const scope = ref<EvaluationScope>('treatment')
  /** One evaluateCampaigns call; its resultKey is what the results answer (to tell when the choice changed since). */
  const latest = createLatestTask<CompareResult[]>({ cancelSuperseded: false })
  const { status, resultKey, error, task, cancel } = latest
  const results = computed(() => latest.result.value ?? [])

  const key = computed(() => `${scope.value}|${selected.value.join(',')}`)
  const canCompare = computed(() => selected.value.length >= MIN_COMPARE && selected.value.length <= MAX_COMPARE)
  const stale = computed(() => results.value.length > 0 && resultKey.value !== key.value)

  function toggle(id: string): void {
    if (selected.value.includes(id)) selected.value = selected.value.filter((s) => s !== id)
    else if (selected.value.length < MAX_COMPARE) selected.value = [...selected.value, id]
  }

  function makeBaseline(id: string): void {
    if (!selected.value.includes(id)) return
    selected.value = [id, ...selected.value.filter((s) => s !== id)]
  }

  /** Drop ids of scenarios that no longer exist. */
  function keepOnly(ids: readonly string[]): void {
    selected.value = selected.value.filter((s) => ids.includes(s))
  }

  async function run(): Promise<void> {
    if (!canCompare.value) return
    const request = { ids: [...selected.value], scope: scope.value }
    await latest.run(key.value, async () => {
      const reply = await useEngineClient().evaluateCampaigns(request)
      return reply.ok ? { ok: true, value: reply.value.results } : reply
    })
  }

  return { selected, scope, status, results, resultKey, error, key, canCompare, stale, task, toggle, makeBaseline, keepOnly, run, cancel }
})
