// The Result envelope and the closed set of error codes that cross every process boundary.
// Layer: common (pure TypeScript, usable by engine, hosts, main, preload and renderer).

/** Every failure that leaves the engine carries exactly one of these codes. */
export const ERROR_CODES = [
  'INVALID_REQUEST', // the request failed its schema or is malformed JSON
  'UNKNOWN_METHOD', // no such EngineApi method
  'PAYLOAD_TOO_LARGE', // request body above the transport's limit
  'FORBIDDEN', // caller is not our own frame/origin
  'NOT_FOUND', // a file, dataset, task or project that does not exist
  'IO_ERROR', // the file system refused (permissions, disk full, …)
  'DB_ERROR', // DuckDB reported an error
  'CANCELLED', // the user (or a timeout) cancelled the task
  'CONFLICT', // the operation clashes with current state (e.g. another import running)
  'UNSUPPORTED', // a format or feature this build cannot handle
  'INTERNAL', // a bug: the message is safe to show, details are in the host's log
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface EngineErrorInfo {
  code: ErrorCode
  message: string
  /** JSON-safe extra facts (file, line, column, …). Never a stack trace. */
  details?: Record<string, unknown>
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: EngineErrorInfo }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail(code: ErrorCode, message: string, details?: Record<string, unknown>): Result<never> {
  return details === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, details } }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}

/** HTTP status for each error code, used by the web bridge. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  INVALID_REQUEST: 400,
  UNKNOWN_METHOD: 404,
  PAYLOAD_TOO_LARGE: 413,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  IO_ERROR: 500,
  DB_ERROR: 500,
  CANCELLED: 409,
  CONFLICT: 409,
  UNSUPPORTED: 422,
  INTERNAL: 500,
}
