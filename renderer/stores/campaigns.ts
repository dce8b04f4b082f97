// The campaign designer: the form's draft, its field-level issues, and the live cost preview —
// debounced (300 ms) evaluateCampaign calls, stale replies ignored by a request counter, the
// running engine task (for progress and Cancel), the last result kept while a new one computes.
// Layer: renderer/stores.
import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref, shallowRef, watch } from 'vue'
import type { EngineErrorInfo } from '../../common/contract'
import { campaignToDraft, draftToInput, emptyDraft, emptyTerms, foreignCountries, formIssues, type CampaignDraft } from '../../common/campaigns/draft'
import { presetCampaign, type PresetId } from '../../common/campaigns/presets'
import { campaignIssues, campaignSchema, type Campaign, type SavedCampaign } from '../../common/domain/campaign'
import type { CampaignEvaluation, EvaluationScope } from '../../common/domain/campaignResult'
import { useEngineClient } from '../api/engineClient'
import { useCampaignDataStore } from './campaignData'
import type { LoadStatus } from './engine'
import { useTasksStore } from './tasks'

export const EVALUATE_DEBOUNCE_MS = 300
/** Label prefix of the engine's evaluation tasks ("Evaluating <name>"). */
const TASK_PREFIX = 'Evaluating'

export const useCampaignsStore = defineStore('campaigns', () => {
  const draft = ref<CampaignDraft>(emptyDraft())
  const scope = ref<EvaluationScope>('treatment')
  /** The saved scenario the draft came from (null: not saved yet). */
  const scenarioId = ref<string | null>(null)
  /** The campaign as last saved or loaded, to tell unsaved changes. */
  const savedKey = ref<string | null>(null)
  const status = ref<LoadStatus>('idle')
  const result = shallowRef<CampaignEvaluation | null>(null)
  /** The request (campaign + scope) the shown result answers. */
  const resultKey = ref<string | null>(null)
  const error = shallowRef<EngineErrorInfo | null>(null)
  /** Engine tasks already running when the current request started: the new one is ours. */
  const baseline = shallowRef<ReadonlySet<string>>(new Set())
  /** False until the designer got its first campaign (the data's default window needs loading first). */
  const initialized = ref(false)
  let sequence = 0
  let timer: ReturnType<typeof setTimeout> | null = null

  const zones = computed(() => useCampaignDataStore().zones)
  const input = computed(() => draftToInput(draft.value, zones.value))
  const issues = computed(() => formIssues(draft.value, campaignIssues(input.value)))
  const valid = computed(() => Object.keys(issues.value).length === 0)
  const campaign = computed<Campaign | null>(() => {
    if (!valid.value) return null
    const parsed = campaignSchema.safeParse(input.value)
    return parsed.success ? parsed.data : null
  })
  const campaignKey = computed(() => (campaign.value === null ? null : JSON.stringify(campaign.value)))
  const requestKey = computed(() => (campaignKey.value === null ? null : `${scope.value}|${campaignKey.value}`))
  /** The result on screen no longer matches the form (recomputing, or waiting for a valid form). */
  const stale = computed(() => result.value !== null && (status.value === 'loading' || resultKey.value !== requestKey.value))
  const dirty = computed(() => campaignKey.value !== savedKey.value)

  /** The engine task computing the current request, once its first progress event arrived. */
  const task = computed(() => {
    if (status.value !== 'loading') return null
    return useTasksStore().list.filter((t) => t.label.startsWith(TASK_PREFIX) && !baseline.value.has(t.taskId)).at(-1) ?? null
  })

  function clearTimer(): void {
    if (timer !== null) clearTimeout(timer)
    timer = null
  }

  /** Evaluate after a pause in typing; an invalid form waits (its issues are on the fields). */
  function schedule(): void {
    clearTimer()
    if (requestKey.value === null || requestKey.value === resultKey.value || !useCampaignDataStore().hasPayments) return
    timer = setTimeout(() => {
      timer = null
      void evaluate()
    }, EVALUATE_DEBOUNCE_MS)
  }

  async function evaluate(): Promise<void> {
    clearTimer()
    const current = campaign.value
    const key = requestKey.value
    if (current === null || key === null) return
    const request = ++sequence
    // A newer question makes the running one pointless: stop it so the engine is free.
    const previous = task.value
    if (previous !== null) void useTasksStore().cancel(previous.taskId)
    baseline.value = new Set(Object.keys(useTasksStore().running))
    status.value = 'loading'
    error.value = null
    const reply = await useEngineClient().evaluateCampaign({ campaign: current, scope: scope.value })
    if (request !== sequence) return
    if (reply.ok) {
      result.value = reply.value
      resultKey.value = key
      status.value = 'ready'
    } else {
      error.value = reply.error
      status.value = 'error'
    }
  }

  /** Stop the running evaluation; the last result stays (marked out of date). */
  async function cancel(): Promise<void> {
    const running = task.value
    sequence += 1
    clearTimer()
    status.value = result.value === null ? 'idle' : 'ready'
    if (running !== null) await useTasksStore().cancel(running.taskId)
  }

  watch(requestKey, schedule)
  onScopeDispose(clearTimer)

  // A country paying in another currency needs its own money terms: give it an editable set.
  watch(
    () => foreignCountries(draft.value).join(','),
    () => {
      for (const country of foreignCountries(draft.value)) draft.value.countryTerms[country] ??= emptyTerms()
    },
    { immediate: true, flush: 'sync' },
  )

  function replaceDraft(next: CampaignDraft, id: string | null, saved: boolean): void {
    draft.value = next
    initialized.value = true
    scenarioId.value = id
    // The key of what was saved, computed the way campaignKey is (after defaults are applied).
    const parsed = campaignSchema.safeParse(draftToInput(next, zones.value))
    savedKey.value = saved && parsed.success ? JSON.stringify(parsed.data) : null
  }

  function newCampaign(): void {
    const days = useCampaignDataStore().defaultDays
    replaceDraft(emptyDraft(days.firstDay, days.lastDay), null, false)
  }

  function applyPreset(id: PresetId): void {
    const parsed = campaignSchema.parse(presetCampaign(id, useCampaignDataStore().defaultDays, zones.value))
    replaceDraft(campaignToDraft(parsed, zones.value), null, false)
  }

  function openScenario(saved: SavedCampaign): void {
    replaceDraft(campaignToDraft(saved.campaign, zones.value), saved.id, true)
  }

  /** After a save: the draft is that scenario now. */
  function markSaved(saved: SavedCampaign): void {
    scenarioId.value = saved.id
    savedKey.value = JSON.stringify(saved.campaign)
  }

  function forgetScenario(id: string): void {
    if (scenarioId.value !== id) return
    scenarioId.value = null
    savedKey.value = null
  }

  return {
    draft, scope, scenarioId, initialized, status, result, resultKey, error, input, issues, valid, campaign, requestKey, stale, dirty, task,
    evaluate, schedule, cancel, newCampaign, applyPreset, openScenario, markSaved, forgetScenario,
  }
})
