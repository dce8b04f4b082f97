// The project recipe: everything needed to rebuild a project's DuckDB cache from its sources,
// plus (later) campaigns and analyses. Layer: common (zod schema; the file format).
import { z } from 'zod'
import { savedCampaignSchema } from './campaign'
import { importFormatSchema, importOptionsSchema } from './dataset'
import { projectMappingSchema } from './mapping'

export const RECIPE_FORMAT = 'cashback-lab-project'
export const RECIPE_VERSION = 1

export const recipeSourceSchema = z.object({
  dataset: z.string().min(1),
  fileName: z.string(),
  /** Absolute path of the file or folder as the user chose it. */
  path: z.string(),
  sizeBytes: z.number(),
  /** SHA-256 of the file's bytes; null for folders of Parquet files. */
  sha256: z.string().nullable(),
  format: importFormatSchema,
  mode: z.enum(['copy', 'link']),
  options: importOptionsSchema,
  importedAt: z.string(),
  rows: z.object({ source: z.number().int(), loaded: z.number().int(), rejected: z.number().int() }),
})

export const recipeSchema = z.object({
  format: z.literal(RECIPE_FORMAT),
  version: z.literal(RECIPE_VERSION),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sources: z.array(recipeSourceSchema),
  /** How datasets map onto payments, users and fx_rates; null until the user maps them. */
  mapping: projectMappingSchema.nullable(),
  campaigns: z.array(savedCampaignSchema),
  analyses: z.array(z.unknown()),
})

export type RecipeSource = z.infer<typeof recipeSourceSchema>
export type Recipe = z.infer<typeof recipeSchema>
