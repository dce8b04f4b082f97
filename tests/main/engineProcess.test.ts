// The engine utility-process manager, driven through a fake child: call correlation, events,
// start failures, crash → INTERNAL Results → restart, and shutdown.
import { EventEmitter } from 'node:events'
import { PassThrough } from 'node:stream'
import { describe, expect, it, vi } from 'vitest'
import type { EngineEvent, WorkerCall, WorkerMessage } from '../../common/contract'
import { createEngineProcess, type EngineForkOptions } from '../../electron/main/engineProcess'

class FakeChild extends EventEmitter {
  readonly stdout = new PassThrough()
  readonly stderr = new PassThrough()
  readonly sent: WorkerCall[] = []
  readonly kill = vi.fn(() => {
    setImmediate(() => this.emit('exit', 0))
    return true
  })
  postMessage(message: WorkerCall): void {
    this.sent.push(message)
  }
  send(message: WorkerMessage): void {
    this.emit('message', message)
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

function setup() {
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

  it('stop() kills the child, cancels pending calls and refuses later ones', async () => {
    const { engine, child, fork } = setup()
    const pending = engine.call('getEngineInfo', {})
    child(0).send({ type: 'ready' })
    await tick()
    await engine.stop()
    expect(child(0).kill).toHaveBeenCalledOnce()
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('shut down') } })
    await expect(engine.call('getEngineInfo', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(fork).toHaveBeenCalledOnce()
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
