// The latest-task helper of the stores: a newer call drops an older reply and cancels its task,
// Cancel keeps the last result, a cache hit (show) wins over a reply still on its way.
import type { Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Result } from '../../../common/contract'
import { createLatestTask } from '../../../renderer/stores/latestTask'
import { useTasksStore } from '../../../renderer/stores/tasks'
import { deferred, okResult, progress, type FakeEngineClient } from '../support/fakeEngineClient'
import { freshEnvironment, teardown } from '../support/setup'

let pinia: Pinia
let client: FakeEngineClient

beforeEach(() => {
  ;({ pinia, client } = freshEnvironment())
})
afterEach(() => teardown(pinia))

describe('createLatestTask', () => {
  it('keeps only the newest reply and cancels the task it superseded', async () => {
    const latest = createLatestTask<string>({ taskLabel: 'Importing' })
    const tasks = useTasksStore()
    const first = deferred<Result<string>>()
    const second = deferred<Result<string>>()
    const run1 = latest.run('one', () => first.promise)
    expect(latest.status.value).toBe('loading')
    tasks.apply(progress('t1', 'started'))
    expect(latest.task.value?.taskId).toBe('t1')
    const run2 = latest.run('two', () => second.promise)
    expect(client.cancelTask).toHaveBeenCalledWith({ taskId: 't1' })
    tasks.apply(progress('t2', 'started'))
    expect(latest.task.value?.taskId).toBe('t2')
    second.resolve(okResult('B'))
    first.resolve(okResult('A'))
    await Promise.all([run1, run2])
    expect([latest.result.value, latest.resultKey.value, latest.status.value, latest.task.value]).toEqual(['B', 'two', 'ready', null])
  })

  it('cancels: the last result stays, the late reply is ignored', async () => {
    const latest = createLatestTask<string>({ taskLabel: 'Importing', cancelSuperseded: false })
    await latest.run('one', () => Promise.resolve(okResult('A')))
    const pending = deferred<Result<string>>()
    const run = latest.run('two', () => pending.promise)
    useTasksStore().apply(progress('t1', 'started'))
    await latest.cancel()
    expect(client.cancelTask).toHaveBeenCalledWith({ taskId: 't1' })
    pending.resolve(okResult('B'))
    await run
    expect([latest.result.value, latest.status.value]).toEqual(['A', 'ready'])
  })

  it('reports errors, dismisses them, and lets a known result win over a pending reply', async () => {
    const seen: string[] = []
    const latest = createLatestTask<string>({ onResult: (value) => seen.push(value) })
    await latest.run('x', () => Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: 'Boom.' } }))
    expect([latest.status.value, latest.error.value?.message]).toEqual(['error', 'Boom.'])
    latest.dismissError()
    expect([latest.status.value, latest.error.value]).toEqual(['idle', null])
    const pending = deferred<Result<string>>()
    const run = latest.run('y', () => pending.promise)
    latest.show('cached', 'z')
    pending.resolve(okResult('late'))
    await run
    expect([latest.result.value, latest.resultKey.value, seen]).toEqual(['cached', 'z', ['cached']])
  })
})
