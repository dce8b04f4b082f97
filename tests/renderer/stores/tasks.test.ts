// Tasks store: progress events from the client become the list of running tasks; Cancel calls
// the engine and keeps its error.
import type { Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { useTasksStore } from '../../../renderer/stores/tasks'
import { progress, type FakeEngineClient } from '../support/fakeEngineClient'
import { freshEnvironment, teardown } from '../support/setup'

let pinia: Pinia
let client: FakeEngineClient

beforeEach(() => {
  ;({ pinia, client } = freshEnvironment())
})
afterEach(() => teardown(pinia))

describe('useTasksStore', () => {
  it('tracks running tasks from events and drops finished ones', () => {
    const store = useTasksStore()
    store.listen()
    store.listen() // idempotent
    expect(client.listenerCount()).toBe(1)
    client.emit(progress('a', 'started'))
    client.emit(progress('b', 'running', 10))
    client.emit(progress('a', 'running', 55))
    expect(store.list.map((t) => [t.taskId, t.percentage])).toEqual([['a', 55], ['b', 10]])
    expect(store.latest?.taskId).toBe('b')
    client.emit(progress('b', 'finished', 100))
    client.emit(progress('a', 'cancelled'))
    expect(store.list).toEqual([])
    store.stopListening()
    expect(client.listenerCount()).toBe(0)
  })

  it('cancels through the client and keeps a failure to show', async () => {
    const store = useTasksStore()
    await store.cancel('a')
    expect(client.cancelTask).toHaveBeenCalledWith({ taskId: 'a' })
    expect(store.cancelError).toBeNull()
    client.cancelTask.mockResolvedValueOnce({ ok: false, error: { code: 'NOT_FOUND', message: 'No such task.' } })
    await store.cancel('zzz')
    expect(store.cancelError?.code).toBe('NOT_FOUND')
  })
})
