// Messages between Electron main and the engine's utility process. Layer: common.
import type { EngineEvent } from './events'
import type { Result } from './result'

/** main → utility: call one EngineApi method. `id` correlates the reply. */
export interface WorkerCall {
  type: 'call'
  id: number
  method: string
  payload: unknown
}

/** utility → main: the reply to one call, or a push event, or "ready" once the engine is open. */
export type WorkerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EngineEvent }
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
