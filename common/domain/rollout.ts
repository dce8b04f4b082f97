// Rollout analysis (issue 5 item 4, DOMAIN.md §6): a program switched on for some regions first,
// without randomisation, analysed by difference-in-differences on region × local-day panels.
// RolloutSpec is the request, RolloutResult the JSON-safe answer. Method: docs/rollouts.md.
// Layer: common (zod; shared by engine, CLI and UI).
import { z } from 'zod'

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text)
  if (m === null) return false
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === text
}

const localDate = (what: string) => z.string().refine(isCalendarDate, `${what} must be a calendar date written YYYY-MM-DD.`)

/** Outcomes per region-day, each divided by the region's users (see docs/rollouts.md). */
export const ROLLOUT_OUTCOMES = ['paymentsPerUserDay', 'activeShare'] as const
export type RolloutOutcome = (typeof ROLLOUT_OUTCOMES)[number]

/** Most days a panel may span (the design matrix has one column per day). */
export const MAX_ROLLOUT_DAYS = 400

export const rolloutSpecSchema = z
  .object({
    /** Country code as in canon.users / canon.payments (IN, BR). */
    country: z.string().trim().min(1, 'Choose a country.'),
    /** Regions (canon.users.region) that got the program at `treatmentStart`; all others are controls. */
    treatedRegions: z.array(z.string().trim().min(1)).min(1, 'Choose at least one treated region.').max(100),
    /** First local day of the program in the treated regions. */
    treatmentStart: localDate('The treatment start'),
    /** Local dates, end excluded. Default: the country's first to last payment day. End it before the controls are treated. */
    window: z.object({ start: localDate('The window start'), end: localDate('The window end') }).optional(),
    outcome: z.enum(ROLLOUT_OUTCOMES).default('paymentsPerUserDay'),
    /** Keep only users whose `column` (a canon.users column, e.g. a study flag) is one of `values`. */
    population: z.object({ column: z.string().min(1), values: z.array(z.string()).min(1).max(100) }).optional(),
    /** Regions to leave out of the controls (e.g. regions with their own, different program). */
    excludedRegions: z.array(z.string().trim().min(1)).max(100).default([]),
    /** Days per event-study bin for the pre-trend test. */
    binSize: z.number().int().min(1).max(60).default(7),
    /** Fake start for the placebo; default: the middle day of the pre-period. */
    placeboStart: localDate('The placebo start').optional(),
    confidence: z.number().gt(0.5).lt(1).default(0.95),
  })
  .refine((s) => s.window === undefined || s.window.start < s.window.end, { message: 'The window must end after it starts.', path: ['window'] })

export type RolloutSpecInput = z.input<typeof rolloutSpecSchema>
export type RolloutSpec = z.output<typeof rolloutSpecSchema>

const inferenceMethod = z.enum(['cluster-robust', 'size-adjusted'])

export const rolloutInferenceSchema = z.object({
  method: inferenceMethod,
  standardError: z.number(),
  statistic: z.number(),
  df: z.number(),
  lower: z.number(),
  upper: z.number(),
  pValue: z.number(),
})
export type RolloutInference = z.infer<typeof rolloutInferenceSchema>

/** An estimate with both inferences; `interval`/`pValue` repeat the primary one. */
export const rolloutEstimateSchema = z.object({
  estimate: z.number(),
  primary: inferenceMethod,
  lower: z.number(),
  upper: z.number(),
  pValue: z.number(),
  clusterRobust: rolloutInferenceSchema,
  /** null with `sizeAdjustedUnavailable` saying why (e.g. fewer than 3 control regions). */
  sizeAdjusted: rolloutInferenceSchema.nullable(),
  sizeAdjustedUnavailable: z.string().nullable(),
})
export type RolloutEstimate = z.infer<typeof rolloutEstimateSchema>

export const waldTestSchema = z.object({ method: inferenceMethod, wald: z.number(), f: z.number(), df1: z.number(), df2: z.number(), pValue: z.number() })

export const rolloutPretrendSchema = z.object({
  binSize: z.number(),
  reference: z.object({ from: z.string(), to: z.string() }),
  leads: z.array(z.object({ bin: z.number(), from: z.string(), to: z.string(), estimate: z.number(), standardError: z.number() })),
  primary: inferenceMethod,
  pValue: z.number(),
  clusterRobust: waldTestSchema,
  sizeAdjusted: waldTestSchema.nullable(),
})

export const rolloutNoteSchema = z.object({
  code: z.enum(['few-clusters', 'few-controls', 'unbalanced-panel', 'short-pre-period', 'treated-region-empty', 'pretrend', 'placebo', 'small-regions', 'multi-region-users']),
  severity: z.enum(['info', 'warning']),
  message: z.string(),
})
export type RolloutNote = z.infer<typeof rolloutNoteSchema>

export const rolloutResultSchema = z.object({
  country: z.string(),
  outcome: z.enum(ROLLOUT_OUTCOMES),
  treatmentStart: z.string(),
  window: z.object({ start: z.string(), end: z.string() }),
  confidence: z.number(),
  panel: z.object({
    regions: z.array(z.object({ region: z.string(), users: z.number(), treated: z.boolean() })),
    days: z.number(),
    preDays: z.number(),
    postDays: z.number(),
    treatedUsers: z.number(),
    controlUsers: z.number(),
    balanced: z.boolean(),
  }),
  att: rolloutEstimateSchema,
  pretrend: rolloutPretrendSchema.nullable(),
  pretrendUnavailable: z.string().nullable(),
  placebo: rolloutEstimateSchema.extend({ start: z.string() }).nullable(),
  placeboUnavailable: z.string().nullable(),
  /** Per local day: treated and control means and the treated counterfactual (the pre-period fit plot). */
  series: z.array(z.object({ date: z.string(), post: z.boolean(), treated: z.number(), control: z.number(), counterfactual: z.number() })),
  preFitRmse: z.number(),
  notes: z.array(rolloutNoteSchema),
  elapsedMs: z.number(),
})
export type RolloutResult = z.infer<typeof rolloutResultSchema>
