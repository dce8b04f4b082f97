// Messages between Electron main and the engine's utility process. Layer: common.
import type { EngineEvent } from './events'
import type { HostOperation, MainOperation } from './files'
import type { ErrorCode, Result } from './result'

/** main → utility: call one EngineApi method. `id` correlates the reply. */
export interface WorkerCall {
  type: 'call'
  id: number
  method: string
  payload: unknown
}

/** main → utility: a host-only operation (register chosen paths, find an export to save). */
export interface WorkerHostCall {
  type: 'host'
  id: number
  operation: HostOperation
}

/** main → utility: close the database cleanly (CHECKPOINT) before the process is stopped. */
export interface WorkerShutdown {
  type: 'shutdown'
}

/** main → utility: the answer to a 'mainRequest' (a host operation the engine asked main for). */
export interface WorkerMainReply {
  type: 'mainReply'
  id: number
  result: Result<unknown>
}

/** utility → main: the reply to one call, or a push event, or "ready" once the engine is open. */
export type WorkerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EngineEvent }
  | { type: 'ready' }
  | { type: 'fatal'; message: string; code?: ErrorCode }
  | { type: 'closed' }
  /** The engine asks main to perform a host operation (printPdf); main answers 'mainReply'. */
  | { type: 'mainRequest'; id: number; operation: MainOperation }
