// One place where a transport's (method name, payload) pair becomes an EngineApi call.
// Layer: electron/hosts. Used by the web bridge and the utility process; never throws.
import { isEngineMethod, type EngineApi, type Result } from '../../common/contract'
import { toErrorInfo } from '../engine/engineError'

export async function dispatch(api: EngineApi, method: string, payload: unknown): Promise<Result<unknown>> {
  if (!isEngineMethod(method)) {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `There is no engine method named "${truncate(method)}".` } }
  }
  try {
    // The engine validates the payload against the method's schema itself.
    return await (api[method] as (request: unknown) => Promise<Result<unknown>>)(payload)
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) }
  }
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}
