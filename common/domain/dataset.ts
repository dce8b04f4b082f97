// Datasets and imports: the options an import runs with, what detection found, and the reports
// an import produces. Layer: common (zod schemas; types inferred).
import { z } from 'zod'

export const importFormatSchema = z.enum(['csv', 'parquet', 'json', 'xlsx'])
/** The column types an import may produce: a closed list, mapped to DuckDB types in the engine. */
export const columnTypeSchema = z.enum(['VARCHAR', 'BIGINT', 'DOUBLE', 'DECIMAL(18,2)', 'DATE', 'TIMESTAMP', 'TIMESTAMPTZ', 'BOOLEAN'])
export const encodingSchema = z.enum(['utf-8', 'utf-16', 'latin-1', 'windows-1252'])
export const dateOrderSchema = z.enum(['DMY', 'MDY', 'YMD'])

const oneChar = z.string().length(1)

export const csvOptionsSchema = z.object({
  delimiter: z.string().min(1).max(4),
  quote: oneChar,
  escape: oneChar,
  header: z.boolean(),
  skipRows: z.number().int().min(0).max(1000),
  encoding: encodingSchema,
  decimalSeparator: z.enum(['.', ',']),
  thousands: z.enum(['', '.', ',', ' ']),
  dateFormat: z.string().max(64).nullable(),
  timestampFormat: z.string().max(64).nullable(),
  nullStrings: z.array(z.string().max(32)).max(16),
})

export const columnPlanSchema = z.object({
  /** The column's name in the source (after de-duplication of repeated headers). */
  name: z.string().min(1).max(65_536),
  type: columnTypeSchema,
})

export const importOptionsSchema = z.object({
  format: importFormatSchema,
  csv: csvOptionsSchema.nullable(),
  sheet: z.string().max(255).nullable(),
  columns: z.array(columnPlanSchema).max(2000),
  /** Columns left out on purpose (e.g. the empty column a trailing delimiter creates). */
  dropColumns: z.array(z.string()).max(2000),
})

/** What the user changed after seeing the detection; everything else stays as detected. */
export const importOverridesSchema = z
  .object({
    delimiter: z.string().min(1).max(4),
    quote: oneChar,
    escape: oneChar,
    header: z.boolean(),
    skipRows: z.number().int().min(0).max(1000),
    encoding: encodingSchema,
    decimalSeparator: z.enum(['.', ',']),
    thousands: z.enum(['', '.', ',', ' ']),
    dateOrder: dateOrderSchema,
    sheet: z.string().max(255),
    columnTypes: z.record(z.string(), columnTypeSchema),
    fullScan: z.boolean(),
  })
  .partial()
  .strict()

export const columnInspectionSchema = z.object({
  name: z.string(),
  /** The planned type (CSV/XLSX: one of columnTypeSchema; Parquet/JSON: the file's own type). */
  type: z.string(),
  detectedType: z.string(),
  /** Why this type: "all 5,000 sampled values are whole numbers", "name says it is an id", … */
  reason: z.string(),
  nonNull: z.number().int(),
  mismatches: z.number().int(),
  mismatchExamples: z.array(z.string()),
  sampleValues: z.array(z.string()),
})

export const questionSchema = z.object({
  id: z.enum(['dateOrder']),
  message: z.string(),
  columns: z.array(z.string()),
  examples: z.array(z.string()),
  choices: z.array(z.object({ value: z.string(), label: z.string() })),
})

export const sourceInspectionSchema = z.object({
  file: z.object({ fileId: z.string(), name: z.string(), sizeBytes: z.number() }),
  options: importOptionsSchema,
  /** One line per detected choice with its evidence ("delimiter ';' — 12 fields on every sampled line"). */
  detected: z.array(z.object({ setting: z.string(), value: z.string(), evidence: z.string() })),
  questions: z.array(questionSchema),
  notes: z.array(z.string()),
  columns: z.array(columnInspectionSchema),
  preview: z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.string().nullable())) }),
  scope: z.object({ kind: z.enum(['full', 'sample']), rowsExamined: z.number().int(), bytesExamined: z.number() }),
  sheets: z.array(z.string()),
})

export const rejectRowSchema = z.object({
  line: z.number().int().nullable(),
  column: z.string().nullable(),
  errorType: z.string(),
  message: z.string(),
  raw: z.string().nullable(),
})

export const importReportSchema = z.object({
  importId: z.string(),
  datasetName: z.string(),
  status: z.enum(['staged', 'committed', 'discarded']),
  sourceRows: z.number().int(),
  loadedRows: z.number().int(),
  rejectedRows: z.number().int(),
  /** sourceRows === loadedRows + rejectedRows, counted independently of DuckDB's reader. */
  reconciled: z.boolean(),
  columns: z.array(columnPlanSchema),
  rejectSample: z.array(rejectRowSchema),
  loadMs: z.number(),
  checkMs: z.number(),
  notes: z.array(z.string()),
})

export const datasetSummarySchema = z.object({
  name: z.string(),
  rows: z.number().int(),
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  source: z.object({
    fileName: z.string(),
    format: importFormatSchema,
    mode: z.enum(['copy', 'link']),
    sizeBytes: z.number(),
    sha256: z.string().nullable(),
    importedAt: z.string(),
    rejectedRows: z.number().int(),
  }),
})

export type ImportFormat = z.infer<typeof importFormatSchema>
export type ColumnType = z.infer<typeof columnTypeSchema>
export type Encoding = z.infer<typeof encodingSchema>
export type DateOrder = z.infer<typeof dateOrderSchema>
export type CsvOptions = z.infer<typeof csvOptionsSchema>
export type ColumnPlan = z.infer<typeof columnPlanSchema>
export type ImportOptions = z.infer<typeof importOptionsSchema>
export type ImportOverrides = z.infer<typeof importOverridesSchema>
export type ColumnInspection = z.infer<typeof columnInspectionSchema>
export type Question = z.infer<typeof questionSchema>
export type SourceInspection = z.infer<typeof sourceInspectionSchema>
export type RejectRow = z.infer<typeof rejectRowSchema>
export type ImportReport = z.infer<typeof importReportSchema>
export type DatasetSummary = z.infer<typeof datasetSummarySchema>
