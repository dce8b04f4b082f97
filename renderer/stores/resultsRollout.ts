// The Results view's Rollout tab: a program switched on in some regions first, analysed by
// difference-in-differences (analyzeRollout, docs/rollouts.md). The form, one engine call per Run
// (stale replies ignored, Cancel through the tasks store) and the last result. Layer: renderer/stores.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { rolloutSpecSchema, type RolloutOutcome, type RolloutResult, type RolloutSpecInput } from '../../common/domain/rollout'
import { useEngineClient } from '../api/engineClient'
import { useCampaignDataStore } from './campaignData'
import { createLatestTask } from './latestTask'
import { useMappingStore } from './mapping'
import { defaultWindows } from './resultsDefaults'

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
  const latest = createLatestTask<RolloutResult>({ taskLabel: TASK_LABEL })
  const { status, error, result, resultKey, task, cancel, dismissError } = latest
  const initialized = ref(false)

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
    if (!parsed.value.success || issues.value.length > 0) return
    const input = spec.value
    await latest.run(key.value, () => useEngineClient().analyzeRollout(input))
  }

  return { form, status, error, result, stale, task, countries, issues, init, run, cancel, dismissError }
})
