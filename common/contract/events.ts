// Typed push events from the engine to its clients (progress of long tasks).
// Layer: common.
import { z } from 'zod'

export const taskPhaseSchema = z.enum(['started', 'running', 'finished', 'failed', 'cancelled'])

export const progressEventSchema = z.object({
  type: z.literal('progress'),
  taskId: z.string(),
  /** What the task does, for the UI ("Importing payments.csv"). */
  label: z.string(),
  phase: taskPhaseSchema,
  /** 0–100, or null when DuckDB cannot estimate it. */
  percentage: z.number().nullable(),
  rowsProcessed: z.number().nullable(),
  rowsPerSecond: z.number().nullable(),
  elapsedMs: z.number(),
})

export const engineEventSchema = z.discriminatedUnion('type', [progressEventSchema])

export type TaskPhase = z.infer<typeof taskPhaseSchema>
export type ProgressEvent = z.infer<typeof progressEventSchema>
export type EngineEvent = z.infer<typeof engineEventSchema>
export type EngineEventListener = (event: EngineEvent) => void
