// Scenarios: campaigns saved in the project's recipe (recipe.campaigns), known by engine-issued
// ids. Every change is one atomic recipe write. Layer: electron/engine.
import { randomUUID } from 'node:crypto'
import type { Campaign, SavedCampaign } from '../../../common/domain/campaign'
import type { Recipe } from '../../../common/domain/project'
import { EngineError } from '../engineError'

export interface RecipeAccess {
  get(): Recipe
  save(next: Recipe): Recipe
}

export class ScenarioStore {
  constructor(
    private readonly recipe: RecipeAccess,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): SavedCampaign[] {
    return this.recipe.get().campaigns
  }

  get(id: string): SavedCampaign {
    const found = this.list().find((s) => s.id === id)
    if (found === undefined) throw new EngineError('NOT_FOUND', 'This scenario is not in the project (it may have been deleted).', { details: { id } })
    return found
  }

  /** A new scenario without id; with id, replaces that one. Names are unique (case-insensitive). */
  save(campaign: Campaign, id?: string): SavedCampaign {
    const current = this.list()
    if (id !== undefined && !current.some((s) => s.id === id)) {
      throw new EngineError('NOT_FOUND', 'This scenario is not in the project (it may have been deleted); save it as a new one.', { details: { id } })
    }
    const name = campaign.name.trim().toLocaleLowerCase()
    const clash = current.find((s) => s.id !== id && s.campaign.name.trim().toLocaleLowerCase() === name)
    if (clash !== undefined) {
      throw new EngineError('CONFLICT', `A scenario named “${clash.campaign.name}” already exists: choose another name or open that one.`, { details: { field: 'name' } })
    }
    const saved: SavedCampaign = { id: id ?? randomUUID(), campaign, updatedAt: this.now().toISOString() }
    const campaigns = id === undefined ? [...current, saved] : current.map((s) => (s.id === id ? saved : s))
    this.recipe.save({ ...this.recipe.get(), campaigns })
    return saved
  }

  delete(id: string): boolean {
    const current = this.list()
    if (!current.some((s) => s.id === id)) return false
    this.recipe.save({ ...this.recipe.get(), campaigns: current.filter((s) => s.id !== id) })
    return true
  }
}
