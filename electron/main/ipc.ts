// IPC routing: one ipcMain.handle per EngineApi method. Checks who is calling, validates the
// request, forwards it to the engine process and always answers with a Result. Layer: electron/main.
// The host file operations (fileHost.ts) go through the same guardedInvoke.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { ENGINE_METHODS, channelOf, fail, validateRequest, type EngineMethod, type Result } from '../../common/contract'

/** Whatever runs the engine (the utility process in the app, a fake in tests). */
export interface EngineCaller {
  call(method: EngineMethod, payload: unknown): Promise<Result<unknown>>
}

/** The parts of an invoke event the sender check looks at. */
export type IpcSender = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>

/** Decides whether an invoke came from a frame we trust. */
export type SenderCheck = (event: IpcSender) => boolean

/**
 * Trusted = the main frame (no parent) of one of our windows' web contents, currently showing a
 * page of our own origin. Sub-frames, other web contents and foreign pages are refused.
 */
export function createSenderCheck(isOurContents: (contents: WebContents) => boolean, isAppUrl: (url: string) => boolean): SenderCheck {
  return ({ sender, senderFrame }) =>
    senderFrame !== null && senderFrame.parent === null && isOurContents(sender) && isAppUrl(senderFrame.url)
}

/**
 * Register `engine:<method>` handlers for every ENGINE_METHODS entry. Returns a function that
 * removes them again. Handlers never throw: Electron would pass only the error's message on.
 */
export function registerEngineIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, engine: EngineCaller, isTrustedSender: SenderCheck): () => void {
  for (const method of ENGINE_METHODS) {
    ipcMain.handle(channelOf(method), (event, ...args: unknown[]) => handleEngineCall(method, event, args, engine, isTrustedSender))
  }
  return () => {
    for (const method of ENGINE_METHODS) ipcMain.removeHandler(channelOf(method))
  }
}

function handleEngineCall(method: EngineMethod, event: IpcSender, args: unknown[], engine: EngineCaller, isTrustedSender: SenderCheck): Promise<Result<unknown>> {
  return guardedInvoke(method, event, args, isTrustedSender, async (payload) => {
    const request = validateRequest(method, payload)
    return request.ok ? engine.call(method, request.value) : request
  })
}

/**
 * The checks every invoke handler shares (engine methods and host file operations): refuse
 * untrusted senders with FORBIDDEN, more than one argument with INVALID_REQUEST, then run
 * `handle` with the one payload; anything it throws becomes an INTERNAL Result.
 */
export async function guardedInvoke(
  name: string,
  event: IpcSender,
  args: unknown[],
  isTrustedSender: SenderCheck,
  handle: (payload: unknown) => Promise<Result<unknown>>,
): Promise<Result<unknown>> {
  try {
    if (!isTrustedSender(event)) {
      console.warn(`[ipc] refused ${name} from ${describeSender(event)}`)
      return fail('FORBIDDEN', `${name} was refused: only the Cashback Lab window may call the engine.`)
    }
    if (args.length > 1) return fail('INVALID_REQUEST', `${name} takes exactly one request object.`)
    return await handle(args[0])
  } catch (error) {
    // A bug on our side (the engine caller itself never rejects); report it as a Result.
    console.error(`[ipc] ${name} failed in the main process`, error)
    return fail('INTERNAL', `${name} failed in the main process: ${error instanceof Error ? error.message : String(error)}`)
  }
}

function describeSender(event: IpcSender): string {
  const frame = event.senderFrame
  if (frame === null) return 'a frame that no longer exists'
  return `${frame.parent === null ? 'main frame' : 'sub-frame'} at ${frame.url.slice(0, 200)}`
}
