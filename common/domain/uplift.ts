// Uplift analysis (DOMAIN.md §6, issue 5): what the analyst asks for (UpliftSpec) and the per-arm
// sufficient statistics the engine returns (UpliftStats). Statistics (Welch, CUPED, SRM) are pure
// functions of these numbers in common/stats. Metric definitions: docs/uplift-metrics.md.
// Layer: common (zod; shared by engine, CLI and UI).
import { z } from 'zod'

/** Built-in per-user metrics computed from payments (and, for cashback, a campaign's rewards). */
export const UPLIFT_METRICS = ['adopted', 'activated', 'payments', 'tpv', 'activeDays', 'retained', 'cashback'] as const
export type UpliftMetric = (typeof UPLIFT_METRICS)[number]

/** Segments with a built-in meaning; any other name is a users column. */
export const BUILTIN_SEGMENTS = ['country', 'region', 'kind', 'payerType'] as const
export type BuiltinSegment = (typeof BUILTIN_SEGMENTS)[number]

/** The dimension name of the whole experiment (no segmentation). */
export const OVERALL = 'overall'

/** Longest window (days) the engine accepts; active days are counted with fixed-width bitmasks. */
export const MAX_WINDOW_DAYS = 366
/** Most distinct values a segment may have (a user id as a "segment" is a mistake, not a segment). */
export const MAX_SEGMENT_VALUES = 200
/** Most arms an arm column may have (more means the wrong column was chosen). */
export const MAX_ARMS = 50

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** True for a real calendar date written YYYY-MM-DD. */
export function isLocalDate(text: string): boolean {
  const match = DATE.exec(text)
  if (match === null) return false
  const t = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return new Date(t).toISOString().slice(0, 10) === text
}

/** Whole days from `start` to `end` (calendar arithmetic, no time zone involved). */
export function daysBetween(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000)
}

const localDate = (what: string) => z.string().refine(isLocalDate, `${what} must be a calendar date written YYYY-MM-DD.`)

/** Local dates in each user's country, half-open [start, end) like the sample's periods. */
export const localWindowSchema = z
  .object({ start: localDate('The start'), end: localDate('The end') })
  .strict()
  .refine((w) => w.end > w.start, { message: 'The window is empty: its end (excluded) must come after its start.', path: ['end'] })
  .refine((w) => daysBetween(w.start, w.end) <= MAX_WINDOW_DAYS, { message: `A window can be at most ${MAX_WINDOW_DAYS} days long.`, path: ['end'] })
export type LocalWindow = z.infer<typeof localWindowSchema>

/** A users column read as an outcome: binary (0/1, true/false, yes/no) or numeric. */
export const outcomeColumnSchema = z
  .object({
    column: z.string().min(1),
    type: z.enum(['binary', 'numeric']),
    /** Optional users column holding the same outcome before the experiment (the CUPED covariate). */
    covariate: z.string().min(1).optional(),
  })
  .strict()
export type OutcomeColumn = z.infer<typeof outcomeColumnSchema>

export const upliftSpecSchema = z
  .object({
    /** The users column holding each user's arm; users with a null arm are not in the experiment. */
    armColumn: z.string().min(1).default('arm'),
    /** Arms the design expects: any that has no users is reported (optional). */
    expectedArms: z.array(z.string().min(1)).max(MAX_ARMS).optional(),
    /** Analysis window; required by every payments metric and by the kind and payerType segments. */
    window: localWindowSchema.optional(),
    /** Covariate window (CUPED): must end on or before the window's start. */
    preWindow: localWindowSchema.optional(),
    /** Retention window: must start on or after the window's end. */
    postWindow: localWindowSchema.optional(),
    metrics: z.array(z.enum(UPLIFT_METRICS)).default(['adopted', 'activated', 'payments', 'tpv', 'activeDays', 'retained']),
    /** Built-in segments (country, region, kind, payerType) or users columns. */
    segments: z.array(z.string().min(1)).max(20).default([]),
    /** Cap each user's TPV at this percentile (50 < p < 100) of the payers' TPV; absent = no cap. */
    tpvWinsorizePercentile: z.number().gt(50, 'The winsorization percentile must be above 50.').lt(100, 'The winsorization percentile must be below 100.').optional(),
    outcomeColumns: z.array(outcomeColumnSchema).max(50).default([]),
  })
  .strict()
  .refine((s) => new Set(s.metrics).size === s.metrics.length, { message: 'A metric is listed twice.', path: ['metrics'] })
  .refine((s) => new Set(s.segments).size === s.segments.length, { message: 'A segment is listed twice.', path: ['segments'] })
  .refine((s) => new Set(s.outcomeColumns.map((o) => o.column)).size === s.outcomeColumns.length, { message: 'An outcome column is listed twice.', path: ['outcomeColumns'] })
  .refine((s) => s.preWindow === undefined || s.window === undefined || s.preWindow.end <= s.window.start, {
    message: 'The pre-window must end on or before the window starts: covariates must not be affected by the treatment.',
    path: ['preWindow'],
  })
  .refine((s) => s.postWindow === undefined || s.window === undefined || s.postWindow.start >= s.window.end, {
    message: 'The post-window must start on or after the window ends.',
    path: ['postWindow'],
  })
export type UpliftSpecInput = z.input<typeof upliftSpecSchema>
export type UpliftSpec = z.output<typeof upliftSpecSchema>

/** Metric id of an outcome column in the result (built-in ids never contain a colon). */
export function outcomeMetricId(column: string): string {
  return `column:${column}`
}

/** How a metric is read: which users count (n) and what the covariate x is. */
export interface UpliftMetricInfo {
  /** A built-in metric, or `column:<name>` for an outcome column. */
  id: string
  label: string
  type: 'binary' | 'numeric'
  /** Whose values count in n: every experiment user, only never-paid users, or users with a non-null value. */
  population: 'all' | 'new' | 'nonNull'
  /** What x is: the same metric in the pre-window, a users column, or nothing (x = 0). */
  covariate: 'preWindow' | 'column' | null
  /** TPV and cashback are in local currency: pooled over countries they mix currencies. */
  unit: 'users' | 'count' | 'days' | 'localCurrency' | 'value'
}

/** Sufficient statistics of one metric in one segment cell of one arm; x is the CUPED covariate. */
export interface UpliftCell {
  metric: string
  /** `overall`, a built-in segment or a users column. */
  dimension: string
  /** The segment's value (null for `overall` and for users whose value is missing). */
  segment: string | null
  arm: string
  n: number
  sumY: number
  sumY2: number
  sumX: number
  sumX2: number
  sumXY: number
}

export interface UpliftNote {
  code: string
  severity: 'info' | 'warning'
  message: string
}

/** The per-country (and per-kind) TPV caps when winsorizing; null cap = no payer to take a percentile of. */
export interface TpvCap {
  country: string | null
  kind: string | null
  window: number | null
  preWindow: number | null
}

export interface UpliftStats {
  armColumn: string
  /** Arms found in the data (and expected ones), with their users after exclusions, sorted by name. */
  arms: { arm: string; users: number }[]
  metrics: UpliftMetricInfo[]
  dimensions: string[]
  /** Every metric × dimension × segment × arm; an arm absent from a segment appears with n = 0. */
  cells: UpliftCell[]
  excluded: {
    /** Users with several different arms (excluded from every statistic). */
    multiArmUsers: number
    multiArmExamples: string[]
    /** Extra rows of users listed more than once with the same arm (counted once). */
    duplicateRows: number
    /** Users rows without a user id (ignored). */
    nullUserIds: number
  }
  tpvCaps: TpvCap[] | null
  notes: UpliftNote[]
  diagnostics: {
    /** The per-user payments aggregate came from the cache (no payments scan). */
    perUserCached: boolean
    perUserMs: number
    statsMs: number
    /** How local dates were derived: a fixed offset per country, or the exact per-payment local date. */
    localDates: 'offset' | 'exact' | 'none'
  }
}
