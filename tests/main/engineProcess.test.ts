// The engine utility-process manager, driven through a fake child: call and host-operation
// correlation, events, start failures (keeping the engine's code), crash → INTERNAL Results →
// restart, and the shutdown handshake (shutdown → closed → kill, or kill after the grace period).
import { EventEmitter } from 'node:events'
import { PassThrough } from 'node:stream'
import { describe, expect, it, vi } from 'vitest'
import type { EngineEvent, WorkerCall, WorkerHostCall, WorkerMessage, WorkerShutdown } from '../../common/contract'
import { createEngineProcess, type EngineForkOptions } from '../../electron/main/engineProcess'

/** How the fake answers a shutdown request: like utility.ts ('close'), by dying, or not at all. */
type ShutdownBehaviour = 'close' | 'exit' | 'ignore'

class FakeChild extends EventEmitter {
  readonly stdout = new PassThrough()
  readonly stderr = new PassThrough()
  readonly sent: Array<WorkerCall | WorkerHostCall> = []
  shutdowns = 0
  onShutdown: ShutdownBehaviour = 'close'
  readonly kill = vi.fn(() => {
    setImmediate(() => this.emit('exit', 0))
    return true
  })
  postMessage(message: WorkerCall | WorkerHostCall | WorkerShutdown): void {
    if (message.type !== 'shutdown') return void this.sent.push(message)
    this.shutdowns += 1
    if (this.onShutdown === 'close') setImmediate(() => this.send({ type: 'closed' }))
    if (this.onShutdown === 'exit') setImmediate(() => this.emit('exit', 0))
  }
  send(message: WorkerMessage): void {
    this.emit('message', message)
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

function setup(stopGraceMs?: number) {
  const children: FakeChild[] = []
  const fork = vi.fn((_path: string, _args: string[], _options: EngineForkOptions) => {
    const child = new FakeChild()
    children.push(child)
    return child
  })
  const events: EngineEvent[] = []
  const log = vi.fn()
  const engine = createEngineProcess({
    fork,
    modulePath: '/app/out/main/utility.js',
    projectDir: '/data/projects/default',
    onEvent: (event) => events.push(event),
    log,
    env: { PATH: '/usr/bin', CASHBACK_LAB_PROJECT: '/somewhere/else' },
    stopGraceMs,
  })
  const child = (index: number): FakeChild => {
    const found = children[index]
    if (found === undefined) throw new Error(`child ${index} was never forked`)
    return found
  }
  return { engine, fork, children, child, events, log }
}

describe('createEngineProcess', () => {
  it('forks utility.js lazily with the project folder in its environment', async () => {
    const { engine, fork } = setup()
    expect(fork).not.toHaveBeenCalled()
    void engine.start()
    expect(fork).toHaveBeenCalledExactlyOnceWith('/app/out/main/utility.js', [], {
      serviceName: 'Cashback Lab engine',
      env: { PATH: '/usr/bin', CASHBACK_LAB_PROJECT: '/data/projects/default' },
      stdio: 'pipe',
    })
  })

  it('sends calls only after "ready" and correlates replies by id, in any order', async () => {
    const { engine, child } = setup()
    const first = engine.call('getEngineInfo', {})
    const second = engine.call('cancelTask', { taskId: 't-2' })
    await tick()
    expect(child(0).sent).toEqual([])
    child(0).send({ type: 'ready' })
    await tick()
    const [callA, callB] = child(0).sent
    expect(callA).toMatchObject({ type: 'call', method: 'getEngineInfo', payload: {} })
    expect(callB).toMatchObject({ type: 'call', method: 'cancelTask', payload: { taskId: 't-2' } })
    expect(callA?.id).not.toBe(callB?.id)
    child(0).send({ type: 'result', id: callB?.id ?? -1, result: { ok: true, value: { cancelled: false } } })
    child(0).send({ type: 'result', id: callA?.id ?? -1, result: { ok: true, value: { duckdbVersion: 'v1.5.6' } } })
    await expect(second).resolves.toEqual({ ok: true, value: { cancelled: false } })
    await expect(first).resolves.toEqual({ ok: true, value: { duckdbVersion: 'v1.5.6' } })
  })

  it('ignores replies with unknown ids and malformed messages', async () => {
    const { engine, child } = setup()
    const call = engine.call('getEngineInfo', {})
    child(0).send({ type: 'ready' })
    await tick()
    child(0).send({ type: 'result', id: 9999, result: { ok: true, value: 'stray' } })
    child(0).emit('message', null)
    child(0).emit('message', 'garbage')
    child(0).send({ type: 'result', id: child(0).sent[0]?.id ?? -1, result: { ok: true, value: 'mine' } })
    await expect(call).resolves.toEqual({ ok: true, value: 'mine' })
  })

  it('forwards push events to the listener', async () => {
    const { engine, child, events } = setup()
    void engine.start()
    const event: EngineEvent = {
      type: 'progress',
      taskId: 'imp-1',
      label: 'Importing payments.csv',
      phase: 'running',
      percentage: 40,
      rowsProcessed: 4000,
      rowsPerSecond: 1000,
      elapsedMs: 4000,
    }
    child(0).send({ type: 'event', event })
    expect(events).toEqual([event])
  })

  it('drains and labels the child output', async () => {
    const { engine, child, log } = setup()
    void engine.start()
    child(0).stderr.write('duckdb says hi\n')
    await tick()
    expect(log).toHaveBeenCalledWith('stderr', '[engine] duckdb says hi\n')
  })

  it('fails pending calls with INTERNAL when the child crashes, then restarts on the next call', async () => {
    const { engine, child, fork } = setup()
    const pending = engine.call('getEngineInfo', {})
    child(0).send({ type: 'ready' })
    await tick()
    child(0).emit('exit', 134)
    const crashed = await pending
    expect(crashed).toMatchObject({ ok: false, error: { code: 'INTERNAL', details: { exitCode: 134 } } })
    expect(crashed.ok ? '' : crashed.error.message).toMatch(/^The engine process stopped \(exit code 134\) while running getEngineInfo/)

    const retried = engine.call('getEngineInfo', {})
    expect(fork).toHaveBeenCalledTimes(2)
    child(1).send({ type: 'ready' })
    await tick()
    child(1).send({ type: 'result', id: child(1).sent[0]?.id ?? -1, result: { ok: true, value: 'fresh' } })
    await expect(retried).resolves.toEqual({ ok: true, value: 'fresh' })
  })

  it('reports an exit before "ready" as INTERNAL', async () => {
    const { engine, child } = setup()
    const call = engine.call('getEngineInfo', {})
    child(0).emit('exit', 1)
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('exit code 1') } })
  })

  it('passes a "fatal" start failure on, kills that child and tries again next time', async () => {
    const { engine, child, fork } = setup()
    const call = engine.call('getEngineInfo', {})
    child(0).send({ type: 'fatal', message: 'Cannot open /data/projects/default: permission denied' })
    await expect(call).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'The engine could not start: Cannot open /data/projects/default: permission denied' },
    })
    expect(child(0).kill).toHaveBeenCalledOnce()
    void engine.call('getEngineInfo', {})
    expect(fork).toHaveBeenCalledTimes(2)
  })

  it('keeps the engine\'s error code from a "fatal" start failure', async () => {
    const { engine, child } = setup()
    const call = engine.call('getEngineInfo', {})
    child(0).send({ type: 'fatal', message: 'The project folder is used by another Cashback Lab.', code: 'CONFLICT' })
    await expect(call).resolves.toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'The engine could not start: The project folder is used by another Cashback Lab.' },
    })
    const next = engine.call('getEngineInfo', {})
    child(1).send({ type: 'fatal', message: 'odd', code: 'NOT_A_CODE' } as unknown as WorkerMessage)
    await expect(next).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })

  it('stop() asks the child to close, waits for "closed", then kills it and refuses later calls', async () => {
    const { engine, child, fork } = setup()
    const pending = engine.call('getEngineInfo', {})
    child(0).send({ type: 'ready' })
    await tick()
    const stopping = engine.stop()
    expect(child(0).shutdowns).toBe(1)
    expect(child(0).kill).not.toHaveBeenCalled()
    await stopping
    expect(child(0).kill).toHaveBeenCalledOnce()
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('shut down') } })
    await expect(engine.call('getEngineInfo', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    await expect(engine.callHost({ op: 'registerPaths', paths: ['/a.csv'] })).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(fork).toHaveBeenCalledOnce()
  })

  it('stop() does not kill a child that exits by itself after the shutdown request', async () => {
    const { engine, child } = setup()
    void engine.start()
    child(0).send({ type: 'ready' })
    child(0).onShutdown = 'exit'
    await engine.stop()
    expect(child(0).shutdowns).toBe(1)
    expect(child(0).kill).not.toHaveBeenCalled()
  })

  it('stop() kills a child that does not answer within the grace period', async () => {
    const { engine, child } = setup(30)
    const pending = engine.call('getEngineInfo', {})
    child(0).send({ type: 'ready' })
    await tick()
    child(0).onShutdown = 'ignore'
    const started = Date.now()
    await engine.stop()
    expect(Date.now() - started).toBeGreaterThanOrEqual(25)
    expect(child(0).kill).toHaveBeenCalledOnce()
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('shut down') } })
  })

  it('stop() during start-up still asks for a clean close, and the start reports the shutdown', async () => {
    const { engine, child } = setup()
    const starting = engine.start()
    await engine.stop()
    expect(child(0).shutdowns).toBe(1)
    await expect(starting).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('shut down') } })
  })

  it('stop() kills at once when the shutdown request cannot be sent', async () => {
    const { engine, child } = setup(60_000)
    void engine.start()
    child(0).send({ type: 'ready' })
    child(0).postMessage = () => {
      throw new Error('channel closed')
    }
    await engine.stop()
    expect(child(0).kill).toHaveBeenCalledOnce()
  })

  it('callHost sends a host operation once ready and correlates its reply', async () => {
    const { engine, child } = setup()
    const registered = engine.callHost({ op: 'registerPaths', paths: ['/data/payments.csv'] })
    const call = engine.call('listDatasets', {})
    child(0).send({ type: 'ready' })
    await tick()
    const [host, method] = child(0).sent
    expect(host).toMatchObject({ type: 'host', operation: { op: 'registerPaths', paths: ['/data/payments.csv'] } })
    expect(method).toMatchObject({ type: 'call', method: 'listDatasets' })
    const chosen = [{ fileId: 'f-1', name: 'payments.csv', sizeBytes: 10, isFolder: false }]
    child(0).send({ type: 'result', id: method?.id ?? -1, result: { ok: true, value: [] } })
    child(0).send({ type: 'result', id: host?.id ?? -1, result: { ok: true, value: chosen } })
    await expect(registered).resolves.toEqual({ ok: true, value: chosen })
    await expect(call).resolves.toEqual({ ok: true, value: [] })
  })

  it('callHost gets an INTERNAL Result naming the operation when the child crashes', async () => {
    const { engine, child } = setup()
    const lookup = engine.callHost({ op: 'exportedFilePath', fileId: 'e-1' })
    child(0).send({ type: 'ready' })
    await tick()
    child(0).emit('exit', 139)
    const result = await lookup
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', details: { exitCode: 139 } } })
    expect(result.ok ? '' : result.error.message).toContain('while running exportedFilePath')
  })

  it('answers INTERNAL when forking fails, and survives a throwing event listener', async () => {
    const fork = vi.fn(() => {
      throw new Error('spawn EACCES')
    })
    const broken = createEngineProcess({ fork, modulePath: '/x.js', projectDir: '/p', onEvent: () => undefined })
    await expect(broken.start()).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('spawn EACCES') } })
    await expect(broken.call('getEngineInfo', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } })

    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const children: FakeChild[] = []
    const engine = createEngineProcess({
      fork: () => (children.push(new FakeChild()), children[0] as FakeChild),
      modulePath: '/x.js',
      projectDir: '/p',
      onEvent: () => {
        throw new Error('window destroyed')
      },
    })
    void engine.start()
    expect(() => children[0]?.send({ type: 'event', event: { type: 'progress' } as EngineEvent })).not.toThrow()
    expect(error).toHaveBeenCalledOnce()
    error.mockRestore()
  })

  it('answers INTERNAL when posting to the child throws', async () => {
    const { engine, child } = setup()
    const call = engine.call('getEngineInfo', {})
    child(0).postMessage = () => {
      throw new Error('channel closed')
    }
    child(0).send({ type: 'ready' })
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('channel closed') } })
  })
})
