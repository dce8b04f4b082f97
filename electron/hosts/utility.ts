// The engine inside an Electron utilityProcess (desktop). Layer: electron/hosts. It does not
// import electron: the utility process exposes `process.parentPort`, typed minimally here.
import type { WorkerCall, WorkerMessage } from '../../common/contract'
import { createEngine } from '../engine/engine'
import { toErrorInfo } from '../engine/engineError'
import { dispatch } from './dispatch'

interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void
  postMessage(message: WorkerMessage): void
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort
if (parentPort === undefined) {
  process.stderr.write('utility.js must be started by Electron as a utilityProcess.\n')
  process.exit(2)
}

const projectDir = process.env.CASHBACK_LAB_PROJECT
try {
  if (projectDir === undefined) throw new Error('CASHBACK_LAB_PROJECT is not set by the main process.')
  const engine = await createEngine({ projectDir, host: 'desktop' })
  engine.onEvent((event) => parentPort.postMessage({ type: 'event', event }))
  parentPort.on('message', ({ data }) => {
    const call = data as Partial<WorkerCall>
    if (call.type !== 'call' || typeof call.id !== 'number' || typeof call.method !== 'string') return
    const id = call.id
    void dispatch(engine, call.method, call.payload).then((result) => parentPort.postMessage({ type: 'result', id, result }))
  })
  parentPort.postMessage({ type: 'ready' })
} catch (error) {
  parentPort.postMessage({ type: 'fatal', message: toErrorInfo(error).message })
}
