// Default windows of an experiment analysis, derived from the days the payments cover: the middle
// third is the analysis window, the third before it the pre-window (CUPED covariates), the third
// after it the post-window (retention). On the bundled sample (payments 5 Aug – 27 Oct 2024, 84
// days) that is exactly the generator's periods: pre 08-05..09-02, campaign 09-02..09-30, post
// 09-30..10-28. Windows are half-open local dates [start, end). Layer: renderer/stores (pure).
import { addDays } from '../../common/campaigns/localWindow'
import { daysBetween, type LocalWindow } from '../../common/domain/uplift'

export interface ExperimentWindows {
  window: LocalWindow
  /** Null when the data is too short to have one. */
  preWindow: LocalWindow | null
  postWindow: LocalWindow | null
}

/** The sample's periods (datasets/sample/manifest.json), used until the data's range is known. */
export const SAMPLE_WINDOWS: ExperimentWindows = {
  preWindow: { start: '2024-08-05', end: '2024-09-02' },
  window: { start: '2024-09-02', end: '2024-09-30' },
  postWindow: { start: '2024-09-30', end: '2024-10-28' },
}

/** Thirds of [firstDay, lastDay] (both inclusive); under 3 days, everything is the window. */
export function defaultWindows(firstDay: string, lastDay: string): ExperimentWindows {
  const total = daysBetween(firstDay, lastDay) + 1
  const third = Math.floor(total / 3)
  if (third < 1) return { window: { start: firstDay, end: addDays(lastDay, 1) }, preWindow: null, postWindow: null }
  const a = addDays(firstDay, third)
  const b = addDays(firstDay, 2 * third)
  return { preWindow: { start: firstDay, end: a }, window: { start: a, end: b }, postWindow: { start: b, end: addDays(b, third) } }
}
