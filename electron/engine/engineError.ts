// EngineError: what engine code throws. Boundaries turn it (or anything else) into a Result error.
// Layer: electron/engine.
import type { EngineErrorInfo, ErrorCode } from '../../common/contract'

export class EngineError extends Error {
  readonly code: ErrorCode
  readonly details: Record<string, unknown> | undefined

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, { cause: options.cause })
    this.name = 'EngineError'
    this.code = code
    this.details = options.details
  }
}

/** DuckDB error messages start with their error class ("Catalog Error: …"); map the ones users meet. */
const DUCKDB_PREFIXES: ReadonlyArray<readonly [RegExp, ErrorCode]> = [
  [/^INTERRUPT Error/i, 'CANCELLED'],
  [/Could not set lock on file/i, 'CONFLICT'],
  [/^IO Error/i, 'IO_ERROR'],
  [/^[A-Za-z ]+ Error: /, 'DB_ERROR'],
]

/** Turn anything thrown into a JSON-safe error description; stack traces never leave. */
export function toErrorInfo(error: unknown): EngineErrorInfo {
  if (error instanceof EngineError) {
    return error.details === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, details: error.details }
  }
  const message = error instanceof Error ? error.message : String(error)
  for (const [pattern, code] of DUCKDB_PREFIXES) {
    if (pattern.test(message)) return { code, message: bounded(message) }
  }
  return { code: 'INTERNAL', message: `Unexpected error: ${bounded(message)}` }
}

/** DuckDB messages can carry useful context on later lines (CSV line numbers); keep them, bounded. */
function bounded(text: string): string {
  const trimmed = text.trim()
  return trimmed.length > 2000 ? `${trimmed.slice(0, 1997)}...` : trimmed
}
