// Profile and datasets stores: results cached per dataset, late replies ignored, cache cleared
// by invalidate; the dataset list sorted, with a selection that follows it.
import type { Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EngineResponse, Result } from '../../../common/contract'
import { useDatasetsStore } from '../../../renderer/stores/datasets'
import { useProfileStore } from '../../../renderer/stores/profile'
import { DATASET, OVERVIEW, PROFILE } from '../support/dataFixtures'
import { deferred, okResult, type FakeEngineClient } from '../support/fakeEngineClient'
import { freshEnvironment, teardown } from '../support/setup'

let pinia: Pinia
let client: FakeEngineClient

beforeEach(() => {
  ;({ pinia, client } = freshEnvironment())
})
afterEach(() => teardown(pinia))

describe('useProfileStore', () => {
  it('loads a profile once, keeps only the latest reply, and forgets on invalidate', async () => {
    const store = useProfileStore()
    const slow = deferred<Result<EngineResponse<'profileDataset'>>>()
    vi.mocked(client.profileDataset).mockImplementationOnce(() => slow.promise).mockResolvedValue(okResult(PROFILE))
    const first = store.loadProfile('pagamentos')
    expect(store.profileOf('pagamentos').status).toBe('loading')
    await store.loadProfile('pagamentos')
    slow.resolve({ ok: false, error: { code: 'DB_ERROR', message: 'late' } })
    await first
    expect(store.profileOf('pagamentos')).toMatchObject({ status: 'ready', data: PROFILE })
    await store.ensureProfile('pagamentos')
    expect(client.profileDataset).toHaveBeenCalledTimes(2)
    store.invalidate('pagamentos')
    expect(store.profileOf('pagamentos').status).toBe('idle')
  })

  it('loads the overview and keeps its error', async () => {
    const store = useProfileStore()
    vi.mocked(client.paymentsOverview).mockResolvedValueOnce({ ok: false, error: { code: 'CONFLICT', message: 'Map a dataset to payments first.' } })
    await store.loadOverview()
    expect(store.overview).toMatchObject({ status: 'error', error: { code: 'CONFLICT' } })
    vi.mocked(client.paymentsOverview).mockResolvedValueOnce(okResult(OVERVIEW))
    await store.loadOverview()
    expect(store.overview).toMatchObject({ status: 'ready', data: OVERVIEW })
    store.invalidate()
    expect(store.overview.status).toBe('idle')
  })
})

describe('useDatasetsStore', () => {
  it('lists datasets by name and follows the selection', async () => {
    const other = { ...DATASET, name: 'amostra' }
    vi.mocked(client.listDatasets).mockResolvedValueOnce(okResult([DATASET, other]))
    const store = useDatasetsStore()
    await store.load()
    expect(store.names).toEqual(['amostra', 'pagamentos'])
    expect(store.selected?.name).toBe('amostra')
    store.select('pagamentos')
    expect(store.selected?.name).toBe('pagamentos')
    expect(store.byName('nope')).toBeNull()
    vi.mocked(client.listDatasets).mockResolvedValueOnce({ ok: false, error: { code: 'DB_ERROR', message: 'locked' } })
    await store.load()
    expect(store).toMatchObject({ status: 'error', error: { code: 'DB_ERROR' } })
  })
})
