// The Results view's experiment: what to measure (arm column, windows, metrics, segments, the
// scenario whose rewards are the cashback) → one analyzeExperiment call per distinct request,
// cached; and how to read it (control arm, CUPED, correction, confidence, value per adopter,
// fixed cost) → analyzeStats(answer.inputs, options) in the renderer, never an engine call.
// Stale replies are ignored by a request counter; the running task shows progress and Cancel.
// Layer: renderer/stores.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { analyzeStats } from '../../common/analysis'
import { analysisRequestSchema, type AnalysisRequestInput, type Correction, type ExperimentAnalysis } from '../../common/domain/analysis'
import { UPLIFT_METRICS, type LocalWindow, type UpliftMetric } from '../../common/domain/uplift'
import { useEngineClient } from '../api/engineClient'
import { useCampaignDataStore } from './campaignData'
import { createLatestTask } from './latestTask'
import { useMappingStore } from './mapping'
import { defaultWindows, SAMPLE_WINDOWS } from './resultsDefaults'

/** Label of the engine's task (electron/engine/analysis/analysisService.ts). */
const TASK_LABEL = 'Analysing the experiment'
/** Metrics the analyst can pick (cashback comes with a scenario). */
export const PICKABLE_METRICS = UPLIFT_METRICS.filter((m): m is Exclude<UpliftMetric, 'cashback'> => m !== 'cashback')
const DEFAULT_METRICS: UpliftMetric[] = ['adopted', 'activated', 'payments', 'tpv', 'activeDays', 'retained']
/** The engine adds the country segment itself whenever users have a country. */
export const BUILTIN_SEGMENT_CHOICES = ['region', 'kind', 'payerType'] as const

export interface ExperimentForm {
  armColumn: string
  window: LocalWindow
  preWindow: LocalWindow
  postWindow: LocalWindow
  usePre: boolean
  usePost: boolean
  metrics: UpliftMetric[]
  segments: string[]
  /** A saved scenario whose rewards are the cashback received (economics); null: none. */
  campaignId: string | null
}

export interface ReadingOptions {
  /** null: the analysis' default (an arm named "control", else the first arm). */
  controlArm: string | null
  cuped: boolean
  confidence: number
  correction: Correction
  /** Local currency per country; null or absent = not entered. */
  valuePerAdopter: Record<string, number | null>
  fixedCost: Record<string, number | null>
}

function initialForm(): ExperimentForm {
  const w = SAMPLE_WINDOWS
  return { armColumn: 'arm', window: { ...w.window }, preWindow: { ...w.preWindow! }, postWindow: { ...w.postWindow! }, usePre: true, usePost: true, metrics: [...DEFAULT_METRICS], segments: ['payerType'], campaignId: null }
}

const amounts = (record: Record<string, number | null>): Record<string, number> =>
  Object.fromEntries(Object.entries(record).flatMap(([k, v]) => (v === null || !Number.isFinite(v) || v < 0 ? [] : [[k, v]])))

export const useResultsStore = defineStore('results', () => {
  const form = ref<ExperimentForm>(initialForm())
  const reading = ref<ReadingOptions>({ controlArm: null, cuped: false, confidence: 0.95, correction: 'holm', valuePerAdopter: {}, fixedCost: {} })
  /** Answers by request: running a request again (or going back to one) needs no engine call. */
  const cache = new Map<string, ExperimentAnalysis>()
  /** The engine's answer on screen (result) and the request it answers (resultKey). */
  const latest = createLatestTask<ExperimentAnalysis>({ taskLabel: TASK_LABEL, onResult: remember })
  const { status, error, result: answer, resultKey: answerKey, task, cancel, dismissError } = latest
  /** Engine calls made (for the view's "from cache" line and tests). */
  const engineCalls = ref(0)
  /** True once the windows were set from the data's days (or the analyst changed them). */
  const windowsInitialized = ref(false)

  const usersMapped = computed(() => useMappingStore().saved?.roles.users !== undefined)
  const armMapped = computed(() => useMappingStore().saved?.roles.users?.columns.arm !== undefined)
  /** Users columns that can hold the arm: the mapped arm role, then extra users columns. */
  const armColumns = computed(() => {
    const extras = useCampaignDataStore().segmentColumns.map((c) => c.column).filter((c) => c !== 'country' && c !== 'region')
    return [...(armMapped.value ? ['arm'] : []), ...extras]
  })
  /** Segment choices: built-ins, then extra users columns (except the arm column itself). */
  const segmentChoices = computed(() => [...BUILTIN_SEGMENT_CHOICES, ...armColumns.value.filter((c) => c !== 'arm' && c !== form.value.armColumn)])
  /** Why nothing can run yet, in the analyst's words (null: ready). */
  const blocker = computed<string | null>(() => {
    if (useMappingStore().status !== 'ready') return null
    if (!usersMapped.value) return 'Map a users dataset first (Data → Mapping → Users): the experiment’s arms live there, one row per user.'
    if (form.value.armColumn === 'arm' && !armMapped.value) {
      return 'No arm column is mapped: map the users’ “arm” field (Data → Mapping → Users → arm), or choose the users column that holds each user’s arm.'
    }
    return null
  })

  const requestInput = computed<AnalysisRequestInput>(() => {
    const f = form.value
    const metrics = f.metrics.filter((m) => f.usePost || m !== 'retained')
    return {
      spec: {
        armColumn: f.armColumn,
        window: f.window,
        ...(f.usePre ? { preWindow: f.preWindow } : {}),
        ...(f.usePost ? { postWindow: f.postWindow } : {}),
        metrics,
        segments: f.segments,
      },
      adoptionCurves: true,
      ...(f.campaignId === null ? {} : { economics: { campaignId: f.campaignId } }),
    }
  })
  const parsed = computed(() => analysisRequestSchema.safeParse(requestInput.value))
  /** Field-level problems of the form ("window.end: …"), empty when it can run. */
  const formIssues = computed(() => (parsed.value.success ? [] : parsed.value.error.issues.map((i) => ({ path: i.path.filter((p) => p !== 'spec').join('.'), message: i.message }))))
  const requestKey = computed(() => (parsed.value.success ? JSON.stringify([parsed.value.data.spec, parsed.value.data.economics.campaignId ?? null]) : null))
  /** The answer on screen was asked with other settings than the form's. */
  const stale = computed(() => answer.value !== null && answerKey.value !== requestKey.value)

  /** The answer read with the current options, recomputed locally. */
  const readout = computed<{ analysis: ExperimentAnalysis | null; error: string | null }>(() => {
    const current = answer.value
    if (current === null) return { analysis: null, error: null }
    const r = reading.value
    const arms = current.inputs.stats.arms.map((a) => a.arm)
    const controlArm = r.controlArm !== null && arms.includes(r.controlArm) ? r.controlArm : undefined
    try {
      const analysis = analyzeStats(current.inputs, {
        ...(controlArm === undefined ? {} : { controlArm }),
        cuped: r.cuped,
        confidence: r.confidence,
        correction: r.correction,
        economics: { valuePerAdopter: amounts(r.valuePerAdopter), fixedCostPerTreatedUser: amounts(r.fixedCost) },
      })
      return { analysis, error: null }
    } catch (e) {
      return { analysis: null, error: e instanceof Error ? e.message : String(e) }
    }
  })
  const analysis = computed(() => readout.value.analysis)

  /** Set the windows from the payments' days, once, unless the analyst already changed them. */
  function initWindows(): void {
    if (windowsInitialized.value) return
    const days = useCampaignDataStore().dataDays
    if (days === null) return
    const w = defaultWindows(days.firstDay, days.lastDay)
    form.value.window = w.window
    form.value.usePre = w.preWindow !== null
    form.value.usePost = w.postWindow !== null
    if (w.preWindow !== null) form.value.preWindow = w.preWindow
    if (w.postWindow !== null) form.value.postWindow = w.postWindow
    windowsInitialized.value = true
  }

  async function run(): Promise<void> {
    const request = parsed.value
    const key = requestKey.value
    if (!request.success || key === null || blocker.value !== null) return
    const cached = cache.get(key)
    if (cached !== undefined) {
      latest.show(cached, key)
      return
    }
    await latest.run(key, () => {
      engineCalls.value += 1
      return useEngineClient().analyzeExperiment(request.data)
    })
  }

  /** A new answer: cache it, and forget a chosen control arm it does not have. */
  function remember(value: ExperimentAnalysis, key: string | null): void {
    if (key !== null) cache.set(key, value)
    const arms = value.inputs.stats.arms.map((a) => a.arm)
    if (reading.value.controlArm !== null && !arms.includes(reading.value.controlArm)) reading.value.controlArm = null
  }

  return {
    form, reading, status, error, answer, answerKey, engineCalls, windowsInitialized, usersMapped, armMapped, armColumns, segmentChoices, blocker,
    requestInput, formIssues, requestKey, stale, readout, analysis, task, initWindows, run, cancel, dismissError,
  }
})
