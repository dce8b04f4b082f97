// Evaluating campaigns for the app and the CLI: one campaign (the designer's live preview) or a set
// of saved scenarios (Compare), each as a cancellable task on the canonical views.
// Layer: electron/engine.
import type { Campaign } from '../../../common/domain/campaign'
import type { CampaignEvaluation, EvaluationScope, RewardTotals } from '../../../common/domain/campaignResult'
import type { Recipe } from '../../../common/domain/project'
import type { EngineErrorInfo } from '../../../common/contract'
import { campaignFunnel, estimateTotals, evaluateTotals, gamingSignal, materializeRewards, neverEvaluated, prepareEstimates } from '../campaigns'
import { evaluationFromRewards } from '../campaigns/evaluation'
import type { Database, Queryable } from '../db/database'
import type { Sql } from '../db/sql'
import { toErrorInfo } from '../engineError'
import type { TaskRunner } from '../tasks'
import { projectRelations } from './evaluationContext'
import type { ScenarioStore } from './scenarioStore'

export interface CampaignServiceDeps {
  database: Database
  tasks: TaskRunner
  recipe: () => Recipe
  scenarios: ScenarioStore
}

export interface ScenarioResult {
  id: string
  name: string
  evaluation: CampaignEvaluation | null
  error: EngineErrorInfo | null
}

export class CampaignService {
  /**
   * Evaluations run one at a time: they build and drop cached tables, and DuckDB refuses two
   * transactions creating the same table ("Conflict on update"). The designer cancels a superseded
   * preview, so the queue stays short.
   */
  private queue: Promise<unknown> = Promise.resolve()
  /** Estimates asked so far: only the latest one computes totals from the payments. */
  private estimates = 0
  /** The last "Preparing quick estimates" task (settled when it ends, whatever the outcome). */
  private preparing: Promise<void> = Promise.resolve()

  constructor(private readonly deps: CampaignServiceDeps) {}

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work)
    this.queue = next.catch(() => undefined)
    return next
  }

  async evaluate(campaign: Campaign, scope: EvaluationScope, controlArm: string | null): Promise<CampaignEvaluation> {
    const evaluation = await this.serially(() => this.deps.tasks.run(`Evaluating ${campaign.name}`, (task) => this.evaluateOn(this.deps.database.on(task.connection), campaign, scope, controlArm)))
    this.prepareEstimates(campaign, scope)
    return evaluation
  }

  /**
   * The designer's quick totals, asked before each full evaluation:
   * - from candidates in memory (estimateTotals): milliseconds, no queue, no task (a preparation
   *   still running is waited for);
   * - for an eligibility never evaluated before, one statement straight from the payments
   *   (evaluateTotals, `direct`): about what a hand-written query takes, a task in the queue
   *   labelled like the evaluation, so the designer shows its progress and can cancel it (one that
   *   a newer estimate overtook before it started gives null instead);
   * - else null (evaluated before but no longer in memory: the evaluation prepares it again).
   */
  async estimate(campaign: Campaign, scope: EvaluationScope): Promise<{ totals: RewardTotals | null }> {
    const ticket = ++this.estimates
    const db = this.deps.database
    const context = { ...(await projectRelations(db, this.deps.recipe())), scope }
    const totals = await estimateTotals(db, campaign, context)
    if (totals !== null) return { totals }
    // Not in memory yet: a preparation queued after the last evaluation may be about to put it there.
    await this.preparing
    const prepared = await estimateTotals(db, campaign, context)
    if (prepared !== null || !neverEvaluated(db, campaign, context) || ticket !== this.estimates) return { totals: prepared }
    return {
      // An estimate asked again meanwhile makes this one pointless: it gives way before it starts.
      totals: await this.serially(async () => ticket !== this.estimates ? null : this.deps.tasks.run(`Evaluating ${campaign.name}: totals`, (task) => evaluateTotals(db.on(task.connection), campaign, context, { totalsFrom: 'direct' }))),
    }
  }

  /**
   * After an evaluation, in the queue (so the analyst's thinking time usually hides it): load its
   * candidates into memory, so the next change of reward terms gets an estimate in milliseconds.
   * Best effort: a failure or a cancel (e.g. the engine closing) only means no estimate.
   */
  private prepareEstimates(campaign: Campaign, scope: EvaluationScope): void {
    this.preparing = this.serially(() => this.deps.tasks.run(`Preparing quick estimates for ${campaign.name}`, async (task) => {
      const db = this.deps.database.on(task.connection)
      await prepareEstimates(db, campaign, { ...(await projectRelations(db, this.deps.recipe())), scope })
    })).catch(() => undefined)
  }

  /** Saved scenarios in one task; one scenario's failure (e.g. a missing FX rate) is reported in its row. */
  evaluateSaved(ids: readonly string[], scope: EvaluationScope): Promise<{ results: ScenarioResult[] }> {
    const saved = ids.map((id) => this.deps.scenarios.get(id))
    return this.serially(() => this.deps.tasks.run(`Comparing ${saved.length} scenarios`, async (task) => {
      const db = this.deps.database.on(task.connection)
      const results: ScenarioResult[] = []
      for (const s of saved) {
        if (task.cancelled()) break
        try {
          results.push({ id: s.id, name: s.campaign.name, evaluation: await this.evaluateOn(db, s.campaign, scope, null), error: null })
        } catch (error) {
          const info = toErrorInfo(error)
          if (info.code === 'CANCELLED') throw error
          results.push({ id: s.id, name: s.campaign.name, evaluation: null, error: { code: info.code, message: info.message } })
        }
      }
      return { results }
    }))
  }

  /**
   * Run `work` on a campaign's materialised rewards table (e.g. COPY it to a file), in the same
   * queue as evaluations so the cached tables are never built twice at once.
   */
  withRewards<T>(campaign: Campaign, scope: EvaluationScope, label: string, work: (db: Queryable, table: Sql) => Promise<T>): Promise<T> {
    return this.serially(() => this.deps.tasks.run(label, async (task) => {
      const db = this.deps.database.on(task.connection)
      const context = { ...(await projectRelations(db, this.deps.recipe())), scope }
      return work(db, await materializeRewards(db, campaign, context))
    }))
  }

  private async evaluateOn(db: Queryable, campaign: Campaign, scope: EvaluationScope, controlArm: string | null): Promise<CampaignEvaluation> {
    const context = { ...(await projectRelations(db, this.deps.recipe())), scope }
    const table = await materializeRewards(db, campaign, context)
    const funnel = await campaignFunnel(db, campaign, context)
    const gaming = await gamingSignal(db, campaign, context, table, controlArm)
    return evaluationFromRewards(db, table, campaign, { scope, funnel, gaming })
  }
}
