// analyzeExperiment and analyzeRollout for the EngineApi: each a cancellable task on the canonical
// views. The experiment's statistics come from the uplift module (its per-user payments table is
// cached, so a second analysis of the same windows does not scan payments), "cashback received"
// from a saved scenario's rewards evaluated for the treatment arms, and the read-out from the pure
// common/analysis module — the same code the renderer runs to switch the control arm or CUPED.
// Layer: electron/engine.
import { AnalysisInputError, analyzeStats, windowMismatchNote } from '../../../common/analysis'
import type { AnalysisInputs, AnalysisNote, AnalysisRequest, ExperimentAnalysis } from '../../../common/domain/analysis'
import type { SavedCampaign } from '../../../common/domain/campaign'
import type { Recipe } from '../../../common/domain/project'
import type { RolloutResult, RolloutSpecInput } from '../../../common/domain/rollout'
import type { UpliftSpec } from '../../../common/domain/uplift'
import { materializeRewards } from '../campaigns'
import type { Database, Queryable } from '../db/database'
import { sql, type Sql } from '../db/sql'
import { EngineError } from '../engineError'
import { analyzeRollout } from '../rollout/analyzeRollout'
import { dataVersionOf, projectRelations, type ProjectRelations } from '../scenarios/evaluationContext'
import type { ScenarioStore } from '../scenarios/scenarioStore'
import type { TaskRunner } from '../tasks'
import { computeSufficientStats } from '../uplift'
import { adoptionCurves, cashbackRelation, experimentUserRows, meanLocalPerUsd, rewardSums } from './analysisSql'
import { dropUserMetrics, materializeUserMetrics } from './userMetrics'

export interface AnalysisServiceDeps {
  database: Database
  tasks: TaskRunner
  recipe: () => Recipe
  scenarios: ScenarioStore
}

/** The relations an analysis reads; payments may be absent (an analyst's own export of outcome columns). */
interface AnalysisRelations {
  project: ProjectRelations | null
  users: Sql | null
  payments: Sql | null
  userFields: string[]
  timeZones: Record<string, string>
  dataVersion: string
}

async function relationsOf(db: Queryable, recipe: Recipe): Promise<AnalysisRelations> {
  const mapping = recipe.mapping
  if (mapping?.roles.payments !== undefined) {
    const project = await projectRelations(db, recipe)
    return { project, users: project.users, payments: project.payments, userFields: project.mappedUserFields, timeZones: project.timeZones, dataVersion: project.dataVersion }
  }
  const usersRole = mapping?.roles.users
  if (mapping === null || mapping === undefined || usersRole === undefined) {
    throw new EngineError('CONFLICT', 'Map a users dataset first (Data → Mapping): the experiment\'s arms are a users column.', { details: { missingRole: 'users' } })
  }
  return {
    project: null,
    users: sql`canon.users`,
    payments: null,
    userFields: [...Object.keys(usersRole.columns), ...Object.keys(usersRole.constants)],
    timeZones: Object.fromEntries(Object.entries(mapping.countries).map(([c, s]) => [c, s.timeZone])),
    dataVersion: dataVersionOf(recipe),
  }
}

/** Economics are per country (currencies differ): the country segment is always computed when users have one. */
function withCountry(spec: UpliftSpec, rel: AnalysisRelations, cashback: boolean): UpliftSpec {
  const segments = rel.userFields.includes('country') && !spec.segments.includes('country') ? ['country', ...spec.segments] : spec.segments
  const metrics = cashback && !spec.metrics.includes('cashback') ? [...spec.metrics, 'cashback' as const] : spec.metrics
  return { ...spec, segments, metrics }
}

export class AnalysisService {
  /** One analysis at a time: they build cached tables (uplift, rewards) that DuckDB cannot create twice concurrently. */
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly deps: AnalysisServiceDeps) {}

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work)
    this.queue = next.catch(() => undefined)
    return next
  }

  analyzeExperiment(request: AnalysisRequest): Promise<ExperimentAnalysis> {
    return this.serially(() => this.deps.tasks.run('Analysing the experiment', (task) => this.experimentOn(this.deps.database.on(task.connection), request)))
  }

  analyzeRollout(spec: RolloutSpecInput): Promise<RolloutResult> {
    return this.serially(() =>
      this.deps.tasks.run('Analysing the rollout', async (task) => {
        const db = this.deps.database.on(task.connection)
        const rel = await projectRelations(db, this.deps.recipe())
        return analyzeRollout(db, spec, { users: rel.users, payments: rel.payments, usersColumns: rel.usersColumns, timeZones: rel.timeZones })
      }),
    )
  }

  /**
   * Run `work` on the per-user metrics of an analysis, materialised in a temporary table of the
   * task's connection (e.g. COPY it to a file); in the analyses' queue, as a cancellable task.
   */
  withUserMetrics<T>(request: AnalysisRequest, label: string, work: (db: Queryable, table: Sql) => Promise<T>): Promise<T> {
    return this.serially(() =>
      this.deps.tasks.run(label, async (task) => {
        const db = this.deps.database.on(task.connection)
        const recipe = this.deps.recipe()
        const rel = await relationsOf(db, recipe)
        const { rewards } = await this.rewardsOf(db, request, rel)
        const currencies = Object.fromEntries(Object.entries(recipe.mapping?.countries ?? {}).map(([c, s]) => [c, s.currency]))
        const table = await materializeUserMetrics(db, request, {
          users: rel.users,
          payments: rel.payments,
          cashback: rewards === null ? null : cashbackRelation(rewards),
          timeZones: rel.timeZones,
          currencies,
          dataVersion: rel.dataVersion,
        })
        try {
          return await work(db, table)
        } finally {
          await dropUserMetrics(db)
        }
      }),
    )
  }

  /** The analysis' scenario (economics.campaignId) and its rewards evaluated for the treatment arms: the cashback each treated user received. */
  private async rewardsOf(db: Queryable, request: AnalysisRequest, rel: AnalysisRelations): Promise<{ saved: SavedCampaign | null; rewards: Sql | null }> {
    const campaignId = request.economics.campaignId
    const saved = campaignId === undefined ? null : this.deps.scenarios.get(campaignId)
    if (saved !== null && rel.project === null) throw new EngineError('CONFLICT', 'Cashback received needs mapped payments: the scenario\'s rewards are computed from them.', { details: { missingRole: 'payments' } })
    return { saved, rewards: saved === null ? null : await materializeRewards(db, saved.campaign, { ...rel.project!, scope: 'treatment' }) }
  }

  private async experimentOn(db: Queryable, request: AnalysisRequest): Promise<ExperimentAnalysis> {
    const recipe = this.deps.recipe()
    const rel = await relationsOf(db, recipe)
    const notes: AnalysisNote[] = []
    const { saved, rewards } = await this.rewardsOf(db, request, rel)
    const spec = withCountry(request.spec, rel, saved !== null)
    const stats = await computeSufficientStats(db, spec, {
      users: rel.users,
      payments: rel.payments,
      cashback: rewards === null ? null : cashbackRelation(rewards),
      timeZones: rel.timeZones,
      dataVersion: rel.dataVersion,
    })
    const experiment = await experimentUserRows(db, rel.users!, spec.armColumn)
    const rewardRows = rewards === null ? null : await rewardSums(db, rewards, experiment)
    const paymentMetrics = spec.metrics.some((m) => m !== 'cashback')
    const curves = request.adoptionCurves && rel.payments !== null && spec.window !== undefined && paymentMetrics ? await adoptionCurves(db, rel.payments, experiment, spec.window, rel.timeZones) : null
    const countries = await this.countries(db, stats.cells.filter((c) => c.dimension === 'country').map((c) => c.segment), rel, spec)
    if (countries.some((c) => c.localPerUsd === null)) {
      notes.push({ code: 'NO_FX', severity: 'info', message: `No FX rate for ${countries.filter((c) => c.localPerUsd === null).map((c) => c.currency ?? c.country).join(', ')} in the window: amounts stay in local currency.` })
    }
    if (saved !== null && spec.window !== undefined) {
      const mismatch = windowMismatchNote({ name: saved.campaign.name, window: saved.campaign.window, countries: saved.campaign.countries }, spec.window, rel.timeZones)
      if (mismatch !== null) notes.push(mismatch)
    }
    const inputs: AnalysisInputs = {
      stats,
      countries,
      rewards: rewardRows,
      campaign: saved === null ? null : { id: saved.id, name: saved.campaign.name },
      curves,
      notes,
    }
    try {
      return analyzeStats(inputs, request)
    } catch (error) {
      if (error instanceof AnalysisInputError) throw new EngineError('INVALID_REQUEST', error.message, { details: { field: 'controlArm' } })
      throw error
    }
  }

  private async countries(db: Queryable, segments: (string | null)[], rel: AnalysisRelations, spec: UpliftSpec): Promise<AnalysisInputs['countries']> {
    const settings = this.deps.recipe().mapping?.countries ?? {}
    const out: AnalysisInputs['countries'] = []
    for (const country of [...new Set(segments)]) {
      if (country === null) continue
      const currency = settings[country]?.currency ?? null
      const localPerUsd = currency === null || rel.project === null ? null : await meanLocalPerUsd(db, rel.project.fx, currency, spec.window)
      out.push({ country, currency, localPerUsd })
    }
    return out
  }
}
