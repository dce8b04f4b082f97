// The power planner's arithmetic: sample size per arm and days to enrol, from common/stats
// (normal approximation, two-sided α), and per-country defaults read from the current answer
// (control adoption rate, payments mean and sd, experiment users per day of the window).
// Layer: renderer/components (pure).
import type { ExperimentAnalysis } from '../../../common/domain/analysis'
import { durationDays, meanSampleSize, proportionSampleSize } from '../../../common/stats'

export type PlanKind = 'proportion' | 'mean'

export interface PlanSettings {
  kind: PlanKind
  /** Relative minimum detectable effect, in percent of the baseline (10 = +10 %). */
  mdePercent: number
  alpha: number
  power: number
  /** Treatment users per control user. */
  ratio: number
}

export interface CountryPlanInput {
  /** Control rate, 0..1 (proportion). */
  baseline: number
  /** Control mean and sd (mean). */
  mean: number
  sd: number
  /** New experiment users per day. */
  dailyUsers: number
}

export type PlanResult = { ok: true; control: number; treatment: number; total: number; days: number; mde: number } | { ok: false; reason: string }

export function plan(settings: PlanSettings, input: CountryPlanInput): PlanResult {
  const options = { alpha: settings.alpha, power: settings.power, ratio: settings.ratio }
  const relative = settings.mdePercent / 100
  if (!(Number.isFinite(relative) && relative > 0)) return { ok: false, reason: 'Enter a minimum detectable effect above 0 %.' }
  const mde = settings.kind === 'proportion' ? input.baseline * relative : input.mean * relative
  if (!Number.isFinite(mde) || mde <= 0) return { ok: false, reason: settings.kind === 'proportion' ? 'Enter a baseline rate between 0 and 100 %.' : 'Enter a mean above 0.' }
  const size = settings.kind === 'proportion' ? proportionSampleSize({ baseline: input.baseline, mde, ...options }) : meanSampleSize({ sd: input.sd, mde, ...options })
  if (!size.ok) return { ok: false, reason: size.reason }
  const days = durationDays(size.totalSize, input.dailyUsers)
  if (!days.ok) return { ok: false, reason: days.reason }
  return { ok: true, control: size.controlSize, treatment: size.treatmentSize, total: size.totalSize, days: days.days, mde }
}

/** Defaults per country from an answer: adoption rate, payments mean/sd of the control arm, users per day. */
export function countryDefaults(analysis: ExperimentAnalysis | null): Record<string, CountryPlanInput> {
  const fallback: CountryPlanInput = { baseline: 0.1, mean: 2, sd: 4, dailyUsers: 1000 }
  if (analysis === null) return { IN: { ...fallback }, BR: { ...fallback } }
  const days = analysis.curves?.days.length ?? 28
  const out: Record<string, CountryPlanInput> = {}
  for (const sizes of analysis.arms) {
    if (sizes.country === null) continue
    const country = sizes.country
    const adopted = analysis.metrics.find((r) => r.metric === 'adopted' && r.dimension === 'country' && r.segment === country)
    const cell = analysis.inputs.stats.cells.find((c) => c.metric === 'payments' && c.dimension === 'country' && c.segment === country && c.arm === analysis.controlArm)
    const mean = cell !== undefined && cell.n > 0 ? cell.sumY / cell.n : fallback.mean
    const variance = cell !== undefined && cell.n > 1 ? (cell.sumY2 - (cell.sumY * cell.sumY) / cell.n) / (cell.n - 1) : fallback.sd ** 2
    const users = sizes.arms.reduce((sum, a) => sum + a.users, 0)
    out[country] = {
      baseline: round(adopted?.control.mean ?? fallback.baseline, 4),
      mean: round(mean, 3),
      sd: round(Math.sqrt(Math.max(variance, 0)), 3),
      dailyUsers: Math.max(1, Math.round(users / Math.max(days, 1))),
    }
  }
  return Object.keys(out).length === 0 ? { IN: { ...fallback }, BR: { ...fallback } } : out
}

const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits
