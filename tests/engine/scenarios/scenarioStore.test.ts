// Scenarios live in the recipe: saved atomically, reloaded on reopen, names unique, bad ids refused.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { campaignSchema } from '../../../common/domain/campaign'
import { EngineError } from '../../../electron/engine/engineError'
import { loadRecipe, saveRecipe } from '../../../electron/engine/project/recipeFile'
import { ScenarioStore } from '../../../electron/engine/scenarios/scenarioStore'
import { tempDir } from '../../helpers/tempDir'

const root = tempDir('scenarios')
let n = 0

function storeIn(): { store: ScenarioStore; dir: string } {
  const dir = join(root, `p${n++}`)
  mkdirSync(dir)
  let recipe = saveRecipe(dir, loadRecipe(dir))
  const store = new ScenarioStore({ get: () => recipe, save: (next) => (recipe = saveRecipe(dir, next)) }, () => new Date('2026-11-27T10:00:00Z'))
  return { store, dir }
}

const campaign = (name: string) =>
  campaignSchema.parse({ name, countries: ['IN'], window: { start: '2024-09-01T18:30:00Z', end: '2024-09-29T18:30:00Z' }, reward: { type: 'flat', amount: 35 } })

describe('ScenarioStore', () => {
  it('saves new scenarios with ids, replaces by id, and the recipe file reloads them', () => {
    const { store, dir } = storeIn()
    const a = store.save(campaign('₹35 × 3'))
    const b = store.save(campaign('₹11 × 3'))
    expect(a.id).not.toBe(b.id)
    expect(a.updatedAt).toBe('2026-11-27T10:00:00.000Z')
    const renamed = store.save(campaign('₹35 × 3, min ₹1'), a.id)
    expect(renamed.id).toBe(a.id)
    expect(loadRecipe(dir).campaigns.map((s) => s.campaign.name)).toEqual(['₹35 × 3, min ₹1', '₹11 × 3'])
  })

  it('refuses a second scenario with the same name (any case), but lets a scenario keep its own name', () => {
    const { store } = storeIn()
    const a = store.save(campaign('Pix R$2'))
    expect(() => store.save(campaign('pix r$2'))).toThrow(/already exists/)
    expect(store.save(campaign('Pix R$2'), a.id).id).toBe(a.id)
  })

  it('refuses an unknown id on save and get, and deleting one reports false', () => {
    const { store } = storeIn()
    const id = '00000000-0000-4000-8000-000000000000'
    expect(() => store.save(campaign('x'), id)).toThrow(EngineError)
    expect(() => store.get(id)).toThrow(/not in the project/)
    expect(store.delete(id)).toBe(false)
  })

  it('deletes a scenario and keeps the others', () => {
    const { store, dir } = storeIn()
    const a = store.save(campaign('A'))
    store.save(campaign('B'))
    expect(store.delete(a.id)).toBe(true)
    expect(loadRecipe(dir).campaigns.map((s) => s.campaign.name)).toEqual(['B'])
  })
})
