// Compare: which saved scenarios to put side by side (2–8, the first is the baseline), the scope,
// and their evaluations from one evaluateCampaigns call. Layer: renderer/stores.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { EngineErrorInfo, EngineApi } from '../../common/contract'
import type { EvaluationScope } from '../../common/domain/campaignResult'
import { useEngineClient } from '../api/engineClient'
import type { LoadStatus } from './engine'
import { useTasksStore } from './tasks'

export const MIN_COMPARE = 2
export const MAX_COMPARE = 8

type CompareReply = Extract<Awaited<ReturnType<EngineApi['evaluateCampaigns']>>, { ok: true }>['value']
export type CompareResult = CompareReply['results'][number]

export const useCampaignCompareStore = defineStore('campaignCompare', () => {
  /** Chosen scenario ids in the order chosen; the first is the baseline. */
  const selected = ref<string[]>([])
  const scope = ref<EvaluationScope>('treatment')
  const status = ref<LoadStatus>('idle')
  const results = shallowRef<CompareResult[]>([])
  /** What the results answer, to tell when the choice changed since. */
  const resultKey = ref<string | null>(null)
  const error = shallowRef<EngineErrorInfo | null>(null)
  const baseline = shallowRef<ReadonlySet<string>>(new Set())
  let sequence = 0

  const key = computed(() => `${scope.value}|${selected.value.join(',')}`)
  const canCompare = computed(() => selected.value.length >= MIN_COMPARE && selected.value.length <= MAX_COMPARE)
  const stale = computed(() => results.value.length > 0 && resultKey.value !== key.value)
  const task = computed(() => {
    if (status.value !== 'loading') return null
    return useTasksStore().list.filter((t) => !baseline.value.has(t.taskId)).at(-1) ?? null
  })

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
    const request = ++sequence
    const ids = [...selected.value]
    const requestKey = key.value
    baseline.value = new Set(Object.keys(useTasksStore().running))
    status.value = 'loading'
    error.value = null
    const reply = await useEngineClient().evaluateCampaigns({ ids, scope: scope.value })
    if (request !== sequence) return
    if (reply.ok) {
      results.value = reply.value.results
      resultKey.value = requestKey
      status.value = 'ready'
    } else {
      error.value = reply.error
      status.value = 'error'
    }
  }

  async function cancel(): Promise<void> {
    const running = task.value
    sequence += 1
    status.value = results.value.length === 0 ? 'idle' : 'ready'
    if (running !== null) await useTasksStore().cancel(running.taskId)
  }

  return { selected, scope, status, results, resultKey, error, key, canCompare, stale, task, toggle, makeBaseline, keepOnly, run, cancel }
})
