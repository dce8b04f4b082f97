// Requests of exportReport and exportTable (issue 6): which scenarios and which experiment analysis
// go into a report or a table, and the file format. Layer: common (zod).
import { z } from 'zod'
import { EVALUATION_SCOPES } from './campaignResult'
import { analysisRequestSchema } from './analysis'
import { campaignSchema } from './campaign'

export const REPORT_FORMATS = ['html', 'pdf', 'xlsx'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]
export const TABLE_FORMATS = ['csv', 'xlsx', 'parquet'] as const
export type TableFormat = (typeof TABLE_FORMATS)[number]
/**
 * Report tables (csv/xlsx); the per-payment rewards of one scenario and the per-user metrics of an
 * analysis (one row per experiment user), both csv/parquet. Columns: docs/reports.md.
 */
export const TABLE_KINDS = ['sources', 'scenarios', 'cost', 'funnel', 'uplift', 'economics', 'rewards', 'userMetrics'] as const
/** The kinds written row by row by DuckDB (COPY): Parquet or CSV, never XLSX. */
export const ROW_TABLE_KINDS = ['rewards', 'userMetrics'] as const satisfies readonly TableKind[]
export type RowTableKind = (typeof ROW_TABLE_KINDS)[number]
export type TableKind = (typeof TABLE_KINDS)[number]

const campaignIds = z.array(z.string().uuid('scenario ids come from saveCampaign')).max(8, 'A report holds at most 8 scenarios.')

export const exportReportRequestSchema = z
  .object({
    /** Saved scenarios to include; absent = every saved scenario (up to 8); [] = none. */
    campaignIds: campaignIds.optional(),
    /** Campaigns that are not saved (the designer's draft, a CLI file), reported after the saved ones. */
    campaigns: z.array(campaignSchema).max(8, 'A report holds at most 8 scenarios.').optional(),
    scope: z.enum(EVALUATION_SCOPES).default('treatment'),
    /** The experiment analysis to include, as the Results screen asked for it. */
    analysis: analysisRequestSchema.optional(),
    format: z.enum(REPORT_FORMATS, { error: 'The report format is html, pdf or xlsx.' }),
    title: z.string().trim().min(1).max(200).default('Cashback campaign report'),
    author: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
export type ExportReportRequest = z.output<typeof exportReportRequestSchema>

export const exportTableRequestSchema = z
  .object({
    kind: z.enum(TABLE_KINDS, { error: `The table is one of ${TABLE_KINDS.join(', ')}.` }),
    format: z.enum(TABLE_FORMATS, { error: 'The table format is csv, xlsx or parquet.' }),
    /** Scenarios of the scenarios/cost/funnel tables; exactly one for rewards. */
    campaignIds: campaignIds.optional(),
    scope: z.enum(EVALUATION_SCOPES).default('treatment'),
    /** The analysis of the uplift, economics and userMetrics tables (the Results screen's request). */
    analysis: analysisRequestSchema.optional(),
    /** CSV only: start with a UTF-8 byte-order mark so Excel reads ₹ and accents. */
    bom: z.boolean().default(false),
  })
  .strict()
export type ExportTableRequest = z.output<typeof exportTableRequestSchema>
