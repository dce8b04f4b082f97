// Experiment analysis (issue 5, DOMAIN.md §6): the request of `analyzeExperiment` and its JSON-safe
// answer — per-arm sizes and SRM, the lift table (metric × segment × treatment arm), incrementality
// economics per treatment arm × country, cumulative adoption curves, notes. The answer also carries
// its own inputs (`inputs`: the sufficient statistics and the economics sums), so choosing another
// control arm or toggling CUPED is `analyzeStats(inputs, options)` in common/analysis — no engine call.
// Formulas: docs/statistics.md, docs/economics.md. Layer: common (zod; shared by engine, CLI and UI).
import { z } from 'zod'
import { upliftSpecSchema, type UpliftStats } from './uplift'

/** A number that may not exist; when null, a sibling `…Reason`/`reason` field says why. */
const maybe = z.number().nullable()

export const CORRECTIONS = ['holm', 'bh', 'none'] as const
export type Correction = (typeof CORRECTIONS)[number]

/** Per-country amounts entered by the analyst, in the country's local currency (IN → INR, BR → BRL). */
const perCountryAmount = z.record(z.string().min(1).max(20), z.number().min(0).max(1e9))

export const economicsInputSchema = z
  .object({
    /** A saved scenario (saveCampaign) whose rewards, evaluated for the treatment arms, are the "cashback received". */
    campaignId: z.string().uuid('scenario ids come from saveCampaign').optional(),
    /** Value of one incremental adopter, local currency, per country (e.g. { IN: 450, BR: 40 }). Absent: no net value. */
    valuePerAdopter: perCountryAmount.default({}),
    /** Cost per treated user besides the cashback (a message sent, …), local currency, per country. */
    fixedCostPerTreatedUser: perCountryAmount.default({}),
  })
  .strict()
export type EconomicsInput = z.output<typeof economicsInputSchema>

/** Options that only re-read the statistics: changing them never needs the engine. */
export const analysisOptionsSchema = z
  .object({
    /** The arm the others are compared with; default: an arm named "control", else the first arm. */
    controlArm: z.string().min(1).max(200).optional(),
    /** CUPED with the pre-window value of each metric as covariate (needs spec.preWindow). */
    cuped: z.boolean().default(false),
    confidence: z.number().gt(0.5).lt(1).default(0.95),
    /** Multiple-testing correction across the segments of a dimension (per metric × treatment arm). */
    correction: z.enum(CORRECTIONS).default('holm'),
    /** Gaussian prior on the **relative** lift (0.05 = +5 %); absent = flat. Gives the chance to win. */
    bayesianPrior: z.object({ mean: z.number().min(-10).max(10), sd: z.number().gt(0).max(100) }).strict().optional(),
    /** Planned allocation per arm for the SRM check (e.g. { control: 1, treatment: 1 }); default: equal. */
    expectedShares: z.record(z.string().min(1).max(200), z.number().gt(0)).optional(),
    economics: economicsInputSchema.default({ valuePerAdopter: {}, fixedCostPerTreatedUser: {} }),
  })
  .strict()
export type AnalysisOptionsInput = z.input<typeof analysisOptionsSchema>
export type AnalysisOptions = z.output<typeof analysisOptionsSchema>

/** Request of `analyzeExperiment`: what to measure (the uplift spec) and how to read it. */
export const analysisRequestSchema = z
  .object({
    spec: upliftSpecSchema,
    /** Cumulative adoption per arm × country × day of the window (one extra query; needs payments and a window). */
    adoptionCurves: z.boolean().default(true),
  })
  .extend(analysisOptionsSchema.shape)
  .strict()
export type AnalysisRequestInput = z.input<typeof analysisRequestSchema>
export type AnalysisRequest = z.output<typeof analysisRequestSchema>

// ---------------------------------------------------------------------------------------------
// Inputs carried in the answer (so the renderer can recompute without the engine)

const upliftCellSchema = z.object({
  metric: z.string(),
  dimension: z.string(),
  segment: z.string().nullable(),
  arm: z.string(),
  n: z.number(),
  sumY: z.number(),
  sumY2: z.number(),
  sumX: z.number(),
  sumX2: z.number(),
  sumXY: z.number(),
})
const noteSchema = z.object({ code: z.string(), severity: z.enum(['info', 'warning']), message: z.string() })
export type AnalysisNote = z.infer<typeof noteSchema>

/** UpliftStats (common/domain/uplift.ts) as a schema. */
export const upliftStatsSchema = z.object({
  armColumn: z.string(),
  arms: z.array(z.object({ arm: z.string(), users: z.number() })),
  metrics: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      type: z.enum(['binary', 'numeric']),
      population: z.enum(['all', 'new', 'nonNull']),
      covariate: z.enum(['preWindow', 'column']).nullable(),
      unit: z.enum(['users', 'count', 'days', 'localCurrency', 'value']),
    }),
  ),
  dimensions: z.array(z.string()),
  cells: z.array(upliftCellSchema),
  excluded: z.object({ multiArmUsers: z.number(), multiArmExamples: z.array(z.string()), duplicateRows: z.number(), nullUserIds: z.number() }),
  tpvCaps: z.array(z.object({ country: z.string().nullable(), kind: z.string().nullable(), window: maybe, preWindow: maybe })).nullable(),
  notes: z.array(noteSchema),
  diagnostics: z.object({ perUserCached: z.boolean(), perUserMs: z.number(), statsMs: z.number(), localDates: z.enum(['offset', 'exact', 'none']) }),
})
// Compile-time check that the schema and the engine's interface agree.
const statsAgree: z.infer<typeof upliftStatsSchema> extends UpliftStats ? (UpliftStats extends z.infer<typeof upliftStatsSchema> ? true : never) : never = true
void statsAgree

/** Cashback of the chosen scenario per arm × country (from its rewards table), both currencies. */
export const rewardSumsSchema = z.object({
  arm: z.string(),
  country: z.string().nullable(),
  currency: z.string().nullable(),
  /** Users of the arm who received any cashback. */
  rewardedUsers: z.number(),
  /** Payments that earned cashback. */
  rewardedPayments: z.number(),
  cashbackLocal: z.number(),
  cashbackUsd: maybe,
})
export type RewardSums = z.infer<typeof rewardSumsSchema>

/** Cumulative adopters per arm × country by day of the window (day 0 = window start). */
export const adoptionCurveInputSchema = z.object({
  /** Local dates of the window, one per day. */
  days: z.array(z.string()),
  series: z.array(z.object({ arm: z.string(), country: z.string().nullable(), users: z.number(), cumulativeAdopters: z.array(z.number()) })),
})
export type AdoptionCurveInput = z.infer<typeof adoptionCurveInputSchema>

export const analysisInputsSchema = z.object({
  stats: upliftStatsSchema,
  /** Country → local currency and the mean FX rate over the window (local units per USD; null when unknown). */
  countries: z.array(z.object({ country: z.string(), currency: z.string().nullable(), localPerUsd: maybe })),
  /** null when no scenario was chosen. */
  rewards: z.array(rewardSumsSchema).nullable(),
  campaign: z.object({ id: z.string(), name: z.string() }).nullable(),
  curves: adoptionCurveInputSchema.nullable(),
  /** Notes of the engine run (besides the uplift notes inside stats). */
  notes: z.array(noteSchema),
})
export type AnalysisInputs = z.infer<typeof analysisInputsSchema>

// ---------------------------------------------------------------------------------------------
// The answer

const intervalSchema = z.object({ lower: maybe, upper: maybe })

/** One inference on a lift (common/stats LiftInference), or null with a reason. */
const liftSchema = z.object({ estimate: z.number(), standardError: z.number(), ci: intervalSchema, pValue: z.number() })
export type LiftDto = z.infer<typeof liftSchema>

export const srmDtoSchema = z.object({
  chiSquare: maybe,
  df: maybe,
  pValue: maybe,
  /** p < 0.001: the split is not the planned one — results are still shown, with a warning. */
  warn: z.boolean(),
  /** Why the check could not run (a single arm, no users), else null. */
  reason: z.string().nullable(),
})
export type SrmDto = z.infer<typeof srmDtoSchema>

export const armSizesSchema = z.object({
  /** null = all countries together. */
  country: z.string().nullable(),
  arms: z.array(z.object({ arm: z.string(), users: z.number(), share: z.number(), expectedShare: z.number() })),
  srm: srmDtoSchema,
})

export const TEST_KINDS = ['proportions', 'welch', 'cuped'] as const

export const metricRowSchema = z.object({
  metric: z.string(),
  label: z.string(),
  type: z.enum(['binary', 'numeric']),
  unit: z.enum(['users', 'count', 'days', 'localCurrency', 'value']),
  dimension: z.string(),
  segment: z.string().nullable(),
  arm: z.string(),
  controlArm: z.string(),
  /** proportions (binary), welch (numeric), cuped (either, when CUPED is on and applies). */
  test: z.enum(TEST_KINDS),
  control: z.object({ n: z.number(), mean: maybe }),
  treatment: z.object({ n: z.number(), mean: maybe }),
  absolute: liftSchema.nullable(),
  absoluteReason: z.string().nullable(),
  relative: liftSchema.nullable(),
  /** e.g. "Relative lift is undefined: the control mean is 0". */
  relativeReason: z.string().nullable(),
  /** Holm/BH over the segments of this dimension (same metric and arm); equals pValue for `overall`. */
  adjustedPValue: maybe,
  /** Significant at 1 − confidence after the correction. */
  significant: z.boolean(),
  /** Posterior P(lift > 0) (relative lift with the prior; absolute, flat prior, when relative is undefined). */
  chanceToWin: maybe,
  /** Expected loss of shipping the treatment, in the scale chanceToWin used. */
  risk: maybe,
  bayesScale: z.enum(['relative', 'absolute']).nullable(),
  /** CUPED: 1 − se'²/se² and θ; null when off or not applicable (see cupedReason). */
  cuped: z.object({ theta: z.number(), varianceReduction: z.number(), unadjustedStandardError: z.number() }).nullable(),
  cupedReason: z.string().nullable(),
})
export type MetricRow = z.infer<typeof metricRowSchema>

/** An amount in local currency and in USD (null when the FX rate is unknown). */
const moneySchema = z.object({ local: maybe, usd: maybe })
export type Money = z.infer<typeof moneySchema>

/** An estimated count or amount with its interval. */
const estimateSchema = z.object({ estimate: z.number(), lower: z.number(), upper: z.number(), standardError: z.number() })

/** Cost per incremental outcome: null estimate or interval with a reason ("not bounded", …). */
const costPerSchema = z.object({
  estimate: moneySchema.nullable(),
  lower: moneySchema.nullable(),
  upper: moneySchema.nullable(),
  /** false when the uplift interval includes 0: the cost per incremental unit is not bounded. */
  bounded: z.boolean(),
  reason: z.string().nullable(),
})
export type CostPer = z.infer<typeof costPerSchema>

export const economicsRowSchema = z.object({
  arm: z.string(),
  country: z.string().nullable(),
  currency: z.string().nullable(),
  localPerUsd: maybe,
  treatedUsers: z.number(),
  controlUsers: z.number(),
  /** (p_T − p_C)·n_T and likewise; null with a reason when the metric was not measured. */
  incrementalAdopters: estimateSchema.nullable(),
  incrementalPayments: estimateSchema.nullable(),
  /** Local currency. */
  incrementalTpv: estimateSchema.nullable(),
  /** Cashback paid to the treatment arm (the scenario's rewards); null without a scenario. */
  cashbackPaid: moneySchema.nullable(),
  fixedCost: moneySchema,
  costPerIncrementalAdopter: costPerSchema,
  costPerIncrementalPayment: costPerSchema,
  /** Share of the cashback paid on payments that would have happened anyway, in [0, 1]. */
  deadweightShare: z.object({ estimate: z.number(), lower: z.number(), upper: z.number() }).nullable(),
  /** Retention uplift in the post-window (after rewards stop), percentage points. */
  persistence: z.object({ retentionUpliftPp: z.number(), lowerPp: z.number(), upperPp: z.number(), pValue: z.number() }).nullable(),
  /** valuePerAdopter × incremental adopters − cashback − fixed cost; interval from the adopters' interval. */
  netValue: z.object({ estimate: moneySchema, lower: moneySchema, upper: moneySchema }).nullable(),
  /** Value generated / total cost (cashback + fixed); ≥ 1 pays back. */
  paybackRatio: maybe,
  /** Value per adopter at which the campaign breaks even (= total cost per incremental adopter). */
  breakEvenValuePerAdopter: moneySchema.nullable(),
  /** Why some of the above are null. */
  reasons: z.array(z.string()),
})
export type EconomicsRow = z.infer<typeof economicsRowSchema>

export const adoptionCurveSchema = z.object({
  arm: z.string(),
  country: z.string().nullable(),
  users: z.number(),
  /** Cumulative share of the arm's users with ≥ 1 successful payment since the window start, per day. */
  share: z.array(z.number()),
})

export const experimentAnalysisSchema = z.object({
  armColumn: z.string(),
  controlArm: z.string(),
  treatmentArms: z.array(z.string()),
  options: z.object({ cuped: z.boolean(), confidence: z.number(), correction: z.enum(CORRECTIONS), bayesianPrior: z.object({ mean: z.number(), sd: z.number() }).nullable() }),
  /** Overall first, then one entry per country. */
  arms: z.array(armSizesSchema),
  srmWarning: z.boolean(),
  metrics: z.array(metricRowSchema),
  economics: z.array(economicsRowSchema),
  curves: z.object({ days: z.array(z.string()), series: z.array(adoptionCurveSchema) }).nullable(),
  notes: z.array(noteSchema),
  /** What the answer was computed from: pass it back to analyzeStats with other options. */
  inputs: analysisInputsSchema,
})
export type ExperimentAnalysis = z.infer<typeof experimentAnalysisSchema>
