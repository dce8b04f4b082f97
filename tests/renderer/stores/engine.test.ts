// Engine store: status transitions, error Results, and the guard against out-of-order replies.
import type { Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EngineInfo, Result } from '../../../common/contract'
import { duckdbLabel, useEngineStore } from '../../../renderer/stores/engine'
import { SAMPLE_INFO, deferred, okResult, type FakeEngineClient } from '../support/fakeEngineClient'
import { freshEnvironment, teardown } from '../support/setup'

let pinia: Pinia
let client: FakeEngineClient

beforeEach(() => {
  ;({ pinia, client } = freshEnvironment())
})
afterEach(() => teardown(pinia))

describe('useEngineStore', () => {
  it('starts idle, goes loading, then ready with the info', async () => {
    const store = useEngineStore()
    expect(store.status).toBe('idle')
    const pending = store.loadInfo()
    expect(store.status).toBe('loading')
    await pending
    expect(store.status).toBe('ready')
    expect(store.info).toEqual(SAMPLE_INFO)
    expect(store.duckdbVersion).toBe('DuckDB v1.5.6')
    expect(client.getEngineInfo).toHaveBeenCalledWith({})
  })

  it('keeps the error of a failed call and clears it on a successful retry', async () => {
    client.getEngineInfo.mockResolvedValueOnce({ ok: false, error: { code: 'IO_ERROR', message: 'Cannot reach the engine.' } })
    const store = useEngineStore()
    await store.loadInfo()
    expect(store.status).toBe('error')
    expect(store.error).toEqual({ code: 'IO_ERROR', message: 'Cannot reach the engine.' })
    await store.loadInfo()
    expect(store.status).toBe('ready')
    expect(store.error).toBeNull()
  })

  it('ignores a slow earlier reply that arrives after a newer one', async () => {
    const slow = deferred<Result<EngineInfo>>()
    const newer: EngineInfo = { ...SAMPLE_INFO, project: { ...SAMPLE_INFO.project, name: 'newer' } }
    client.getEngineInfo.mockReturnValueOnce(slow.promise).mockResolvedValueOnce(okResult(newer))
    const store = useEngineStore()
    const first = store.loadInfo()
    await store.loadInfo()
    slow.resolve({ ok: false, error: { code: 'INTERNAL', message: 'stale' } })
    await first
    expect(store.status).toBe('ready')
    expect(store.info?.project.name).toBe('newer')
  })
})

describe('duckdbLabel', () => {
  it('adds the v only when missing', () => {
    expect(duckdbLabel('v1.5.6')).toBe('DuckDB v1.5.6')
    expect(duckdbLabel('1.5.6')).toBe('DuckDB v1.5.6')
  })
})
