// exportReport / exportTable: gather the DTOs the screen shows (saved scenarios' evaluations, the
// experiment analysis, the recipe's provenance), build the report model, render it and register
// the file in the exports folder (atomic write). Layer: electron/engine.
import type { ChosenFile } from '../../../common/contract/files'
import type { Recipe } from '../../../common/domain/project'
import type { ExportReportRequest, ExportTableRequest, RowTableKind, TableKind } from '../../../common/domain/report'
import { buildReport, reportTables, type ReportCampaign } from '../../../common/report/buildReport'
import type { ReportModel, ReportTable } from '../../../common/report/reportTypes'
import type { AnalysisService } from '../analysis/analysisService'
import { raw, sql } from '../db/sql'
import { EngineError, toErrorInfo } from '../engineError'
import type { ExportFiles } from '../project/exportFiles'
import type { CampaignService } from '../scenarios/campaignService'
import type { ScenarioStore } from '../scenarios/scenarioStore'
import { writeExportAtomic } from './atomicWrite'
import { copyToFile } from './copyToFile'
import { fileSlug, renderReport, tableCsv, type PdfPrinter } from './reportFiles'
import { tablesToXlsx } from './tablesXlsx'

export interface ReportServiceDeps {
  recipe: () => Recipe
  scenarios: ScenarioStore
  campaigns: CampaignService
  analyses: AnalysisService
  exports: ExportFiles
  now: () => Date
  printPdf?: PdfPrinter
}

type Inputs = Pick<ExportReportRequest, 'campaignIds' | 'campaigns' | 'scope' | 'analysis'> & { title?: string; author?: string | undefined }

/** Which report table ids a table kind selects ("Cost 2" is the second scenario's cost). */
const KIND_PREFIX: Record<Exclude<TableKind, RowTableKind>, string> = { sources: 'Sources', scenarios: 'Scenarios', cost: 'Cost', funnel: 'Funnel', uplift: 'Uplift', economics: 'Economics' }

export class ReportService {
  constructor(private readonly deps: ReportServiceDeps) {}

  /** The report model of saved scenarios (default: all, up to 8) and an optional analysis. */
  async model(request: Inputs): Promise<ReportModel> {
    const recipe = this.deps.recipe()
    const inline = request.campaigns ?? []
    const ids = request.campaignIds ?? (inline.length > 0 ? [] : this.deps.scenarios.list().slice(0, 8).map((s) => s.id))
    if (ids.length + inline.length > 8) throw new EngineError('INVALID_REQUEST', 'A report holds at most 8 scenarios.')
    const campaigns: ReportCampaign[] = []
    if (ids.length > 0) {
      const { results } = await this.deps.campaigns.evaluateSaved(ids, request.scope)
      for (const r of results) campaigns.push({ id: r.id, campaign: this.deps.scenarios.get(r.id).campaign, evaluation: r.evaluation, error: r.error?.message ?? null })
    }
    for (const campaign of inline) {
      try {
        campaigns.push({ id: null, campaign, evaluation: await this.deps.campaigns.evaluate(campaign, request.scope, null), error: null })
      } catch (error) {
        const info = toErrorInfo(error)
        if (info.code === 'CANCELLED') throw error
        campaigns.push({ id: null, campaign, evaluation: null, error: info.message })
      }
    }
    const analysis = request.analysis === undefined ? null : await this.deps.analyses.analyzeExperiment(request.analysis)
    return buildReport({
      title: request.title ?? 'Cashback campaign report',
      author: request.author ?? null,
      now: this.deps.now,
      project: { name: recipe.name, sources: recipe.sources, mapping: recipe.mapping },
      campaigns,
      analysis,
    })
  }

  async exportReport(request: ExportReportRequest): Promise<ChosenFile> {
    const model = await this.model(request)
    const content = await renderReport(model, request.format, this.deps.printPdf)
    return this.save(`${fileSlug(model.title)}.${request.format}`, content)
  }

  async exportTable(request: ExportTableRequest): Promise<ChosenFile> {
    if (request.kind === 'rewards') return this.exportRewards(request)
    if (request.kind === 'userMetrics') return this.exportUserMetrics(request)
    if (request.format === 'parquet') throw new EngineError('UNSUPPORTED', 'Parquet is for the per-payment rewards (kind "rewards") and the per-user metrics (kind "userMetrics"); export report tables as CSV or XLSX.')
    const needsCampaigns = request.kind === 'scenarios' || request.kind === 'cost' || request.kind === 'funnel'
    const needsAnalysis = request.kind === 'uplift' || request.kind === 'economics'
    if (needsAnalysis && request.analysis === undefined) throw new EngineError('INVALID_REQUEST', `The ${request.kind} table needs an analysis request (analysis).`)
    const model = await this.model({ campaignIds: needsCampaigns ? request.campaignIds : [], scope: request.scope, analysis: needsAnalysis ? request.analysis : undefined })
    const prefix = KIND_PREFIX[request.kind]
    const tables = reportTables(model).filter((t) => t.id === prefix || t.id.startsWith(`${prefix} `))
    if (tables.length === 0) throw new EngineError('NOT_FOUND', `There is no ${request.kind} table to export${needsCampaigns ? ': save a scenario first' : ''}.`)
    if (request.format === 'xlsx') return this.save(`${request.kind}.xlsx`, await tablesToXlsx(model, tables))
    return this.save(`${request.kind}.csv`, tables.map((t: ReportTable) => tableCsv(t, request.bom)).join('\r\n'))
  }

  /** One scenario's rewards table (one row per candidate payment) via DuckDB COPY to a bound path. */
  private async exportRewards(request: ExportTableRequest): Promise<ChosenFile> {
    const format = request.format
    if (format === 'xlsx') throw new EngineError('UNSUPPORTED', 'Per-payment rewards can be millions of rows: export them as Parquet or CSV.')
    const id = request.campaignIds?.[0]
    if (id === undefined || (request.campaignIds?.length ?? 0) > 1) throw new EngineError('INVALID_REQUEST', 'Per-payment rewards are exported for one scenario: give exactly one campaignIds entry.')
    const saved = this.deps.scenarios.get(id)
    const name = `${fileSlug(saved.campaign.name)}-rewards.${format}`
    const target = this.deps.exports.pathFor(name)
    await this.deps.campaigns.withRewards(saved.campaign, request.scope, `Exporting the rewards of ${saved.campaign.name}`, (db, table) =>
      copyToFile(db, sql`SELECT payment_id, user_id, ts, local_date, payout_ts, payout_local_date, country, currency, rail, kind, region, entry_method, arm,
               amount, raw_reward, accrued_cents / 100.0 AS accrued, reward_cents / 100.0 AS reward, budget_spent_cents / 100.0 AS budget_spent,
               budget_reached, clawed_back, usd_local
        FROM ${table}`, raw('ts, payment_id'), format, request.bom, target))
    return this.deps.exports.register(target, name)
  }

  /** The analysis' per-user metrics (one row per experiment user, docs/reports.md) via COPY of a temporary table. */
  private async exportUserMetrics(request: ExportTableRequest): Promise<ChosenFile> {
    const format = request.format
    if (format === 'xlsx') throw new EngineError('UNSUPPORTED', 'Per-user metrics have one row per experiment user (often more than a sheet holds): export them as Parquet or CSV.')
    if (request.analysis === undefined) throw new EngineError('INVALID_REQUEST', 'The per-user metrics are those of an analysis: give the analysis request (analysis), as for the uplift table.')
    const name = `user-metrics.${format}`
    const target = this.deps.exports.pathFor(name)
    await this.deps.analyses.withUserMetrics(request.analysis, 'Exporting the per-user metrics', (db, table) =>
      copyToFile(db, sql`SELECT * FROM ${table}`, raw('arm, user_id'), format, request.bom, target))
    return this.deps.exports.register(target, name)
  }

  private save(name: string, content: string | Buffer): ChosenFile {
    const path = this.deps.exports.pathFor(name)
    writeExportAtomic(path, content)
    return this.deps.exports.register(path, name)
  }
}
