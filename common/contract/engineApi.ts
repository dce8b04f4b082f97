// EngineApi: the one interface the renderer, the CLI and the tests speak to the engine through.
// Layer: common. Every method takes one request object and resolves to a Result (never throws).
import type { z } from 'zod'
import type { Result } from './result'
import type { responseSchemas } from './schemas'
import { requestSchemas } from './schemas'

export type EngineMethod = keyof typeof requestSchemas

/** What a caller sends (fields with defaults may be left out). */
export type EngineRequest<K extends EngineMethod> = z.input<(typeof requestSchemas)[K]>
/** What the engine receives after validation (defaults filled in). */
export type ParsedRequest<K extends EngineMethod> = z.output<(typeof requestSchemas)[K]>
export type EngineResponse<K extends EngineMethod> = z.infer<(typeof responseSchemas)[K]>

export type EngineApi = {
  [K in EngineMethod]: (request: EngineRequest<K>) => Promise<Result<EngineResponse<K>>>
}


/**
 * Check a payload against the method's request schema. Used by every transport (IPC, HTTP,
 * utility process) and by the engine itself, so a request is judged the same way everywhere.
 */
export function validateRequest<K extends EngineMethod>(method: K, payload: unknown): Result<ParsedRequest<K>> {
  // An absent payload means an empty request; anything else (null, arrays, strings) is judged as sent.
  const parsed = requestSchemas[method].safeParse(payload === undefined ? {} : payload)
  if (parsed.success) return { ok: true, value: parsed.data as ParsedRequest<K> }
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(request)',
    message: issue.message,
  }))
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ')
  return {
    ok: false,
    error: { code: 'INVALID_REQUEST', message: `Invalid request for ${method}: ${summary}`, details: { issues } },
  }
}
