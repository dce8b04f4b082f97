// The Results view's Rollout tab: a program switched on in some regions first, analysed by
// difference-in-differences (analyzeRollout, docs/rollouts.md). The form, one engine call per Run
// (stale replies ignored, Cancel through the tasks store) and the last result. Layer: renderer/stores.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { EngineErrorInfo } from '../../common/contract'
import { rolloutSpecSchema, type RolloutOutcome, type RolloutResult, type RolloutSpecInput } from '../../common/domain/rollout'
import { useEngineClient } from '../api/engineClient'
import { useCampaignDataStore } from './campaignData'
import type { LoadStatus } from './engine'
import { useMappingStore } from './mapping'
import { defaultWindows } from './resultsDefaults'
import { useTasksStore } from './tasks'

const TASK_LABEL = 'Analysing the rollout'

export interface RolloutForm {
  country: string
  /** Comma-separated region codes as typed (IN-KA, BR-MG …). */
  treatedRegions: string
  treatmentStart: string
  /** Empty = the engine's default (the country's first / last payment day). */
  windowStart: string
  windowEnd: string
  outcome: RolloutOutcome
  /** Optional population filter: a users column and the values to keep (comma-separated). */
  populationColumn: string
  populationValues: string
}

const list = (text: string): string[] => text.split(',').map((s) => s.trim()).filter((s) => s !== '')

export const useResultsRolloutStore = defineStore('resultsRollout', () => {
  const form = ref<RolloutForm>({ country: 'IN', treatedRegions: '', treatmentStart: '2024-09-02', windowStart: '', windowEnd: '', outcome: 'paymentsPerUserDay', populationColumn: '', populationValues: '' })
  const status = ref<LoadStatus>('idle')
  const error = shallowRef<EngineErrorInfo | null>(null)
  const result = shallowRef<RolloutResult | null>(null)
  const resultKey = ref<string | null>(null)
  const baseline = shallowRef<ReadonlySet<string>>(new Set())
  const initialized = ref(false)
  let sequence = 0

  const countries = computed(() => Object.keys(useMappingStore().countries))
  const spec = computed<RolloutSpecInput>(() => {
    const f = form.value
    const population = f.populationColumn.trim() === '' ? {} : { population: { column: f.populationColumn.trim(), values: list(f.populationValues) } }
    const window = f.windowStart !== '' && f.windowEnd !== '' ? { window: { start: f.windowStart, end: f.windowEnd } } : {}
    return { country: f.country, treatedRegions: list(f.treatedRegions), treatmentStart: f.treatmentStart, outcome: f.outcome, ...window, ...population }
  })
  const parsed = computed(() => rolloutSpecSchema.safeParse(spec.value))
  const issues = computed(() => {
    const found = parsed.value.success ? [] : parsed.value.error.issues.map((i) => i.message)
    if ((form.value.windowStart === '') !== (form.value.windowEnd === '')) found.push('Give both ends of the window, or neither (the whole data).')
    return found
  })
  const key = computed(() => (parsed.value.success ? JSON.stringify(parsed.value.data) : null))
  const stale = computed(() => result.value !== null && resultKey.value !== key.value)
  const task = computed(() => {
    if (status.value !== 'loading') return null
    return useTasksStore().list.filter((t) => t.label.startsWith(TASK_LABEL) && !baseline.value.has(t.taskId)).at(-1) ?? null
  })

  /**
   * Defaults from the payments' days: the start of the middle third (the experiment window's
   * start), and a window from the first day to the end of that third, so the controls are not
   * yet treated by a later national wave (on the sample: 5 Aug – 29 Sep, start 2 Sep).
   */
  function init(): void {
    if (initialized.value) return
    const days = useCampaignDataStore().dataDays
    if (days === null) return
    const w = defaultWindows(days.firstDay, days.lastDay)
    form.value.treatmentStart = w.window.start
    form.value.windowStart = w.preWindow?.start ?? days.firstDay
    form.value.windowEnd = w.window.end
    if (!countries.value.includes(form.value.country) && countries.value[0] !== undefined) form.value.country = countries.value[0]
    initialized.value = true
  }

  async function run(): Promise<void> {
    const request = parsed.value
    if (!request.success || issues.value.length > 0) return
    const ticket = ++sequence
    const previous = task.value
    if (previous !== null) void useTasksStore().cancel(previous.taskId)
    baseline.value = new Set(Object.keys(useTasksStore().running))
    status.value = 'loading'
    error.value = null
    const requestKey = key.value
    const reply = await useEngineClient().analyzeRollout(spec.value)
    if (ticket !== sequence) return
    if (reply.ok) {
      result.value = reply.value
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
    status.value = result.value === null ? 'idle' : 'ready'
    if (running !== null) await useTasksStore().cancel(running.taskId)
  }

  function dismissError(): void {
    error.value = null
    if (status.value === 'error') status.value = result.value === null ? 'idle' : 'ready'
  }

  return { form, status, error, result, stale, task, countries, issues, init, run, cancel, dismissError }
})
