// The study calendar of every generated dataset: pre-period, campaign window, post-period, rollout.
// Layer: datasets (build-time generator). Day indexes count local calendar days from PRE_START.

/** Local (country time) dates; every window is half-open [start, end). */
export const CALENDAR = {
  preStart: '2024-08-05',
  campaignStart: '2024-09-02',
  adopt14End: '2024-09-16',
  campaignEnd: '2024-09-30',
  rolloutNationalStart: '2024-10-14',
  postEnd: '2024-10-28',
} as const

/** The same boundaries as day indexes (0 = PRE_START). */
export const DAY = {
  campaignStart: 28,
  adopt14End: 42,
  campaignEnd: 56,
  rolloutNationalStart: 70,
  end: 84,
} as const

/** Fixed date range of fx_rates: covers the §3 anchors (Jan 2024 → Jan 2025). */
export const FX_RANGE = { start: '2024-01-01', end: '2025-01-31' } as const

/** Adds whole days to an ISO date (UTC arithmetic, no time-zone drift). */
export function addDays(isoDate: string, days: number): string {
  const t = Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000
  return new Date(t).toISOString().slice(0, 10)
}
