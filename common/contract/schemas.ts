// zod schemas for every EngineApi request and response. Types are inferred from these.
// Layer: common. A method without a schema here does not compile (see engineApi.ts).
import { z } from 'zod'
import { chosenFileSchema } from './files'
import { mappingSuggestionSchema, projectMappingSchema, roleNameSchema, validationReportSchema } from '../domain/mapping'
import { datasetProfileSchema, paymentsOverviewSchema, rowPageSchema } from '../domain/profile'
import { campaignSchema, savedCampaignSchema } from '../domain/campaign'
import { campaignEvaluationSchema, EVALUATION_SCOPES, rewardTotalsSchema } from '../domain/campaignResult'
import { analysisRequestSchema, experimentAnalysisSchema } from '../domain/analysis'
import { rolloutResultSchema, rolloutSpecSchema } from '../domain/rollout'
import { exportReportRequestSchema, exportTableRequestSchema } from '../domain/report'
import { datasetSummarySchema, importOverridesSchema, importReportSchema, rejectRowSchema, sourceInspectionSchema } from '../domain/dataset'

/** Task ids are engine-issued opaque strings. */
export const taskIdSchema = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, 'task ids are letters, digits, _ and -')

/** Files are known by engine-issued ids (from a dialog, drop, upload or CLI argument), never by path. */
export const fileIdSchema = z.string().uuid('file ids are issued by the engine when a file is chosen')
export const importIdSchema = z.string().uuid('import ids come from stageImport')
export const datasetNameSchema = z.string().min(1).max(120)
export const campaignIdSchema = z.string().uuid('scenario ids come from saveCampaign')

/** A project the user can switch to; `projectRef` is an opaque id, `dir` is for display only. */
export const projectRefSchema = z.object({
  projectRef: z.string(),
  name: z.string(),
  dir: z.string(),
  lastOpenedAt: z.string().nullable(),
  exists: z.boolean(),
  isDefault: z.boolean(),
})

export const projectNameSchema = z
  .string()
  .trim()
  .min(1, 'give the project a name')
  .max(80, 'use at most 80 characters')
  .refine((name) => !/[\u0000-\u001f/\\:*?"<>|]/.test(name) && name !== '.' && name !== '..', 'use letters, digits, spaces and simple punctuation (no / \\ : * ? " < > |)')

export const requestSchemas = {
  getEngineInfo: z.object({}).strict(),
  cancelTask: z.object({ taskId: taskIdSchema }).strict(),
  inspectSource: z.object({ fileId: fileIdSchema, overrides: importOverridesSchema.default({}) }).strict(),
  stageImport: z
    .object({ fileId: fileIdSchema, datasetName: datasetNameSchema, overrides: importOverridesSchema.default({}), mode: z.enum(['copy', 'link']).default('copy') })
    .strict(),
  listRejects: z.object({ importId: importIdSchema, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
  commitImport: z.object({ importId: importIdSchema, acceptRejects: z.boolean().default(false) }).strict(),
  discardImport: z.object({ importId: importIdSchema }).strict(),
  listDatasets: z.object({}).strict(),
  exportRejects: z.object({ importId: importIdSchema }).strict(),
  suggestMapping: z.object({ dataset: datasetNameSchema, role: roleNameSchema }).strict(),
  saveMapping: z.object({ mapping: projectMappingSchema }).strict(),
  getMapping: z.object({}).strict(),
  getProject: z.object({}).strict(),
  listProjects: z.object({}).strict(),
  createProject: z.object({ name: projectNameSchema }).strict(),
  openProject: z.object({ projectRef: z.string().min(1).max(100) }).strict(),
  validateData: z.object({}).strict(),
  profileDataset: z.object({ dataset: datasetNameSchema }).strict(),
  paymentsOverview: z.object({}).strict(),
  /** treatment = the campaign's target arms; all = everyone (a full rollout). controlArm: for the gaming signal (default: an arm named "control"). */
  evaluateCampaign: z
    .object({ campaign: campaignSchema, scope: z.enum(EVALUATION_SCOPES).default('treatment'), controlArm: z.string().min(1).max(200).optional() })
    .strict(),
  /** The designer's quick totals, asked before evaluateCampaign: from memory, or from the payments for an eligibility never evaluated; null when evaluated before but no longer in memory. */
  estimateCampaignTotals: z.object({ campaign: campaignSchema, scope: z.enum(EVALUATION_SCOPES).default('treatment') }).strict(),
  /** Compare: evaluate saved scenarios together, in one task. */
  evaluateCampaigns: z
    .object({ ids: z.array(campaignIdSchema).min(1, 'Choose at least one scenario.').max(8, 'Compare at most 8 scenarios at once.'), scope: z.enum(EVALUATION_SCOPES).default('treatment') })
    .strict(),
  listCampaigns: z.object({}).strict(),
  /** Without id: a new scenario; with id: replaces that scenario. */
  saveCampaign: z.object({ id: campaignIdSchema.optional(), campaign: campaignSchema }).strict(),
  deleteCampaign: z.object({ id: campaignIdSchema }).strict(),
  /** An experiment's lifts, SRM, economics and adoption curves (common/domain/analysis.ts). */
  analyzeExperiment: analysisRequestSchema,
  /** Difference-in-differences of a regional rollout (common/domain/rollout.ts). */
  analyzeRollout: rolloutSpecSchema,
  /** A report (HTML, PDF, XLSX) of saved scenarios and an experiment analysis, as an engine-issued file. */
  exportReport: exportReportRequestSchema,
  /** One table of the report (CSV, XLSX) or a scenario's per-payment rewards (CSV, Parquet). */
  exportTable: exportTableRequestSchema,
  previewRows: z
    .object({
      dataset: datasetNameSchema,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
      orderBy: z.string().max(65_536).nullable().default(null),
      descending: z.boolean().default(false),
    })
    .strict(),
} as const

export const sourceStatusSchema = z.enum(['ok', 'restored', 'missing-file', 'changed-file', 'restore-failed'])

export const projectStatusSchema = z.object({
  name: z.string(),
  dir: z.string(),
  sources: z.array(z.object({ dataset: z.string(), fileName: z.string(), path: z.string(), status: sourceStatusSchema, message: z.string().nullable() })),
  mapped: z.array(roleNameSchema),
})

export const hostKindSchema = z.enum(['desktop', 'web', 'cli', 'test'])

export const engineSettingsSchema = z.object({
  memoryLimit: z.string(),
  threads: z.number().int().positive(),
  tempDirectory: z.string(),
  autoinstallKnownExtensions: z.boolean(),
  autoloadKnownExtensions: z.boolean(),
})

export const engineInfoSchema = z.object({
  appVersion: z.string(),
  duckdbVersion: z.string(),
  host: hostKindSchema,
  platform: z.string(),
  nodeVersion: z.string(),
  startedAt: z.string(),
  project: z.object({ name: z.string(), dir: z.string(), databasePath: z.string() }),
  settings: engineSettingsSchema,
})

export const responseSchemas = {
  getEngineInfo: engineInfoSchema,
  cancelTask: z.object({ cancelled: z.boolean() }),
  inspectSource: sourceInspectionSchema,
  stageImport: importReportSchema,
  listRejects: z.object({ total: z.number().int(), rows: z.array(rejectRowSchema) }),
  commitImport: datasetSummarySchema,
  discardImport: z.object({ discarded: z.boolean() }),
  listDatasets: z.array(datasetSummarySchema),
  exportRejects: chosenFileSchema,
  suggestMapping: mappingSuggestionSchema,
  saveMapping: validationReportSchema,
  getMapping: projectMappingSchema.nullable(),
  getProject: projectStatusSchema,
  listProjects: z.object({ current: projectRefSchema, recent: z.array(projectRefSchema) }),
  createProject: projectRefSchema,
  openProject: projectRefSchema,
  validateData: validationReportSchema,
  profileDataset: datasetProfileSchema,
  paymentsOverview: paymentsOverviewSchema,
  previewRows: rowPageSchema,
  evaluateCampaign: campaignEvaluationSchema,
  estimateCampaignTotals: z.object({ totals: rewardTotalsSchema.nullable() }),
  evaluateCampaigns: z.object({
    results: z.array(z.object({ id: z.string(), name: z.string(), evaluation: campaignEvaluationSchema.nullable(), error: z.object({ code: z.string(), message: z.string() }).nullable() })),
  }),
  listCampaigns: z.object({ campaigns: z.array(savedCampaignSchema) }),
  saveCampaign: savedCampaignSchema,
  deleteCampaign: z.object({ deleted: z.boolean() }),
  analyzeExperiment: experimentAnalysisSchema,
  analyzeRollout: rolloutResultSchema,
  exportReport: chosenFileSchema,
  exportTable: chosenFileSchema,
} as const satisfies { [K in keyof typeof requestSchemas]: z.ZodType }

export type HostKind = z.infer<typeof hostKindSchema>
export type ProjectRef = z.infer<typeof projectRefSchema>
export type EngineSettings = z.infer<typeof engineSettingsSchema>
export type EngineInfo = z.infer<typeof engineInfoSchema>
