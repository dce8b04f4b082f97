// Profiles of datasets and of the mapped payments: what the Data view and `cashback-lab profile`
// show. Layer: common (zod).
import { z } from 'zod'

export const histogramBinSchema = z.object({ from: z.number(), to: z.number(), count: z.number().int() })

export const columnProfileSchema = z.object({
  name: z.string(),
  type: z.string(),
  nulls: z.number().int(),
  distinct: z.number().int(),
  min: z.string().nullable(),
  max: z.string().nullable(),
  /** p1, p25, p50, p75, p99 for numbers and times (as text). */
  quantiles: z.record(z.string(), z.string().nullable()),
  topValues: z.array(z.object({ value: z.string().nullable(), count: z.number().int() })),
  /** Numeric columns: bins; `logScale` when values span orders of magnitude (amounts). */
  histogram: z.object({ logScale: z.boolean(), bins: z.array(histogramBinSchema) }).nullable(),
})

export const datasetProfileSchema = z.object({
  dataset: z.string(),
  rows: z.number().int(),
  columns: z.array(columnProfileSchema),
})

export const paymentsOverviewSchema = z.object({
  rows: z.number().int(),
  users: z.number().int(),
  firstLocal: z.string().nullable(),
  lastLocal: z.string().nullable(),
  byCountry: z.array(z.object({ key: z.string().nullable(), payments: z.number().int(), amount: z.number() })),
  byRail: z.array(z.object({ key: z.string().nullable(), payments: z.number().int(), amount: z.number() })),
  byKind: z.array(z.object({ key: z.string().nullable(), payments: z.number().int(), amount: z.number() })),
  byStatus: z.array(z.object({ key: z.string().nullable(), payments: z.number().int(), amount: z.number() })),
  /** Daily volume in each country's local time zone. */
  daily: z.array(z.object({ date: z.string(), country: z.string().nullable(), payments: z.number().int(), amount: z.number() })),
})

export const rowPageSchema = z.object({
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  rows: z.array(z.array(z.string().nullable())),
  total: z.number().int(),
  offset: z.number().int(),
})

export type ColumnProfile = z.infer<typeof columnProfileSchema>
export type DatasetProfile = z.infer<typeof datasetProfileSchema>
export type PaymentsOverview = z.infer<typeof paymentsOverviewSchema>
export type RowPage = z.infer<typeof rowPageSchema>
