// Mapping store: suggestion → editable draft (columns, constants, value translations, time
// handling, countries) → Save with plain data → validation report; loading a saved mapping.
import type { Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ProjectMapping } from '../../../common/domain/mapping'
import { useMappingStore } from '../../../renderer/stores/mapping'
import { missingRequired, roleFields } from '../../../renderer/stores/mappingDraft'
import { useProfileStore } from '../../../renderer/stores/profile'
import { PROFILE, SUGGESTION, VALIDATION } from '../support/dataFixtures'
import { okResult, type FakeEngineClient } from '../support/fakeEngineClient'
import { freshEnvironment, teardown } from '../support/setup'

let pinia: Pinia
let client: FakeEngineClient

beforeEach(() => {
  ;({ pinia, client } = freshEnvironment())
  vi.mocked(client.suggestMapping).mockResolvedValue(okResult(SUGGESTION))
  vi.mocked(client.saveMapping).mockResolvedValue(okResult(VALIDATION))
  vi.mocked(client.profileDataset).mockResolvedValue(okResult(PROFILE))
})
afterEach(() => teardown(pinia))

describe('useMappingStore', () => {
  it('turns a suggestion into an editable draft and saves it as plain data', async () => {
    const store = useMappingStore()
    await store.suggest('payments', 'pagamentos')
    expect(client.suggestMapping).toHaveBeenCalledWith({ dataset: 'pagamentos', role: 'payments' })
    expect(store.draft?.mapping.columns.country).toBe('pais')
    expect(store.valuesFor('payments', 'country')).toEqual({ values: SUGGESTION.distinctValues.country, complete: true })
    expect(store.dirty).toBe(true)

    store.setValue('payments', 'country', 'Portugal', 'BR')
    store.setValue('payments', 'country', 'India', null)
    store.setColumn('payments', 'rail', null)
    store.setConstant('payments', 'rail', 'PIX')
    store.setTimestamps('payments', 'utc')
    store.setCountry('BR', { timeZone: 'America/Manaus' })
    await store.save()

    const sent = vi.mocked(client.saveMapping).mock.calls[0]![0].mapping as ProjectMapping
    expect(sent.roles.payments).toEqual({
      ...SUGGESTION.mapping,
      constants: { rail: 'PIX' },
      values: { country: { Brasil: 'BR', Portugal: 'BR' } },
      timestamps: 'utc',
    })
    expect(sent.countries).toEqual({ IN: { currency: 'INR', timeZone: 'Asia/Kolkata' }, BR: { currency: 'BRL', timeZone: 'America/Manaus' } })
    expect(store.report).toEqual(VALIDATION)
    expect(store.dirty).toBe(false)
    expect(store.saved).toEqual(sent)
  })

  it('reads the values of a column the suggestion did not look at from the profile', async () => {
    const store = useMappingStore()
    await store.suggest('payments', 'pagamentos')
    store.setColumn('payments', 'country', 'valor')
    await vi.waitFor(() => expect(useProfileStore().profileOf('pagamentos').status).toBe('ready'))
    expect(store.valuesFor('payments', 'country')).toEqual({ values: PROFILE.columns[1]!.topValues, complete: false })
    expect(store.valuesFor('payments', 'kind')).toBeNull()
  })

  it('keeps the engine’s refusal (with the missing fields) as the error', async () => {
    vi.mocked(client.saveMapping).mockResolvedValueOnce({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: 'The payments mapping needs "amount".', details: { missing: ['amount'] } },
    })
    const store = useMappingStore()
    await store.suggest('payments', 'pagamentos')
    store.setColumn('payments', 'amount', null)
    expect(missingRequired('payments', store.draft!.mapping)).toEqual(['amount'])
    await store.save()
    expect(store.error?.details).toEqual({ missing: ['amount'] })
    expect(store.report).toBeNull()
    expect(store.dirty).toBe(true)
  })

  it('loads the saved mapping, enriches it with value lists, and validates again', async () => {
    const saved: ProjectMapping = { roles: { payments: SUGGESTION.mapping }, countries: { IN: { currency: 'INR', timeZone: 'Asia/Kolkata' } } }
    vi.mocked(client.getMapping).mockResolvedValueOnce(okResult(saved))
    vi.mocked(client.validateData).mockResolvedValueOnce(okResult(VALIDATION))
    const store = useMappingStore()
    await store.load()
    expect(store.mappedRoles).toEqual(['payments'])
    expect(store.countries).toEqual(saved.countries)
    expect(store.valuesFor('payments', 'country')?.values).toEqual(SUGGESTION.distinctValues.country)
    expect(store.draft?.reasons.country).toBe(SUGGESTION.reasons.country)
    expect(store.dirty).toBe(false)
    await store.validate()
    expect(store.report).toEqual(VALIDATION)
    store.removeRole('payments')
    expect(store.mappedRoles).toEqual([])
  })

  it('lists each role’s fields with required and categorical flags', () => {
    expect(roleFields('fx_rates').map((f) => [f.field, f.required, f.categorical])).toEqual([
      ['date', true, false],
      ['currency', true, true],
      ['usd_per_unit', true, false],
    ])
  })
})
