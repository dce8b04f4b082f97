// zod schemas for every EngineApi request and response. Types are inferred from these.
// Layer: common. A method without a schema here does not compile (see engineApi.ts).
import { z } from 'zod'

/** Task ids are engine-issued opaque strings. */
export const taskIdSchema = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, 'task ids are letters, digits, _ and -')

export const requestSchemas = {
  getEngineInfo: z.object({}).strict(),
  cancelTask: z.object({ taskId: taskIdSchema }).strict(),
} as const

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
} as const satisfies { [K in keyof typeof requestSchemas]: z.ZodType }

export type HostKind = z.infer<typeof hostKindSchema>
export type EngineSettings = z.infer<typeof engineSettingsSchema>
export type EngineInfo = z.infer<typeof engineInfoSchema>
