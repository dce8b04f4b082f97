// The campaign designer: the form's draft, its field-level issues, and the live cost preview —
// debounced (300 ms) evaluateCampaign calls, stale replies ignored by a request counter, the
// running engine task (for progress and Cancel), the last result kept while a new one computes,
// and a quick estimate of the totals (estimateCampaignTotals, milliseconds once the engine holds
// the campaign's candidates in memory) shown until the full result arrives.
// Layer: renderer/stores.
import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref, watch } from 'vue'
import { campaignToDraft, draftToInput, emptyDraft, emptyTerms, foreignCountries, formIssues, type CampaignDraft } from '../../common/campaigns/draft'
import { presetCampaign, type PresetId } from '../../common/campaigns/presets'
import { campaignIssues, campaignSchema, type Campaign, type SavedCampaign } from '../../common/domain/campaign'
import type { CampaignEvaluation, EvaluationScope, RewardTotals } from '../../common/domain/campaignResult'
import type { EngineResponse, Result } from '../../common/contract'
import { useEngineClient } from '../api/engineClient'
import { useCampaignDataStore } from './campaignData'
import { createLatestTask } from './latestTask'

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
  /** The live preview; its resultKey is the request (scope + campaign) the shown result answers. */
  const latest = createLatestTask<CampaignEvaluation>({ taskLabel: TASK_PREFIX })
  const { status, result, resultKey, error, task } = latest
  /** False until the designer got its first campaign (the data's default window needs loading first). */
  const initialized = ref(false)
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
  /** The engine's quick totals and the request they answer. */
  const estimate = ref<{ key: string; totals: RewardTotals } | null>(null)
  /** The quick totals for the form as it is now, while its full result is not there yet. */
  const quickTotals = computed(() => {
    const e = estimate.value
    return e !== null && e.key === requestKey.value && resultKey.value !== requestKey.value ? e.totals : null
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
    const request = { campaign: current, scope: scope.value }
    await latest.run(key, async (stillWanted) => {
      // The totals first (from memory in milliseconds; for a new eligibility one statement, a
      // fraction of the full evaluation), then the full evaluation unless cancelled or superseded
      // meanwhile — here (the designer's Cancel) or in the engine (the status bar's Cancel of the totals task).
      const quick = await quickEstimate(request, key)
      if (!quick.ok && quick.error.code === 'CANCELLED') return quick
      return stillWanted() ? useEngineClient().evaluateCampaign(request) : { ok: false, error: { code: 'CANCELLED', message: 'Superseded or cancelled.' } }
    })
  }

  /** No estimate (not prepared, or an error: the full evaluation reports errors) shows nothing; the reply is returned. */
  async function quickEstimate(request: { campaign: Campaign; scope: EvaluationScope }, key: string): Promise<Result<EngineResponse<'estimateCampaignTotals'>>> {
    const reply = await useEngineClient().estimateCampaignTotals(request)
    if (reply.ok && reply.value.totals !== null && requestKey.value === key) estimate.value = { key, totals: reply.value.totals }
    return reply
  }

  /** Stop the running evaluation; the last result stays (marked out of date). */
  async function cancel(): Promise<void> {
    clearTimer()
    await latest.cancel()
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
    draft, scope, scenarioId, initialized, status, result, resultKey, error, input, issues, valid, campaign, requestKey, stale, dirty, task, quickTotals,
    evaluate, schedule, cancel, newCampaign, applyPreset, openScenario, markSaved, forgetScenario,
  }
})
