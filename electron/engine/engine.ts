// createEngine(options): the EngineApi over a real DuckDB file in a project folder.
// Layer: electron/engine. Every host (Electron utility process, web bridge, CLI, tests) calls this.
import { resolve } from 'node:path'
import {
  ENGINE_METHODS,
  validateRequest,
  type EngineApi,
  type EngineEvent,
  type EngineEventListener,
  type EngineMethod,
  type EngineResponse,
  type ParsedRequest,
  type HostKind,
  type Result,
} from '../../common/contract'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Recipe } from '../../common/domain/project'
import { ensureCatalog, relationKind } from './datasets/catalog'
import { CsvSources } from './datasets/csvSource'
import { FileRegistry, type RegisteredFile } from './datasets/fileRegistry'
import { ImportService } from './datasets/importService'
import { XlsxSources } from './datasets/xlsxSource'
import { exportRejectsCsv, pageRejects } from './datasets/rejectStore'
import { ExportFiles } from './project/exportFiles'
import { applyMapping } from './mapping/applyMapping'
import { buildCanonicalViews } from './mapping/canonicalViews'
import { suggestMapping } from './mapping/suggest'
import { validateMapping } from './mapping/validate'
import { profileDataset } from './profile/datasetProfile'
import { paymentsOverview } from './profile/paymentsOverview'
import { rowPage } from './profile/rowPage'
import { AnalysisService } from './analysis/analysisService'
import { CampaignService } from './scenarios/campaignService'
import { ReportService } from './reports/reportService'
import type { PdfPrinter } from './reports/reportFiles'
import { ScenarioStore } from './scenarios/scenarioStore'
import { DATABASE_FILE_NAME, openDatabase, type Database } from './db/database'
import type { DatabaseSettingsInput } from './db/settings'
import { EngineError, toErrorInfo } from './engineError'
import { InFlight } from './inFlight'
import { loadRecipe, RECIPE_FILE_NAME, saveRecipe } from './project/recipeFile'
import { isSampleFolder, seedSample } from './project/sampleProject'
import { TaskRunner } from './tasks'
import { APP_VERSION } from './version'

export interface EngineOptions extends DatabaseSettingsInput {
  /** The project folder; created if missing. Holds project.duckdb and the .tmp spill folder. */
  projectDir: string
  host: HostKind
  /** A bundled sample folder to seed the project with when it is new (no recipe file yet). */
  seedFrom?: string | undefined
  /** The display name of a new project (default: the folder's name). */
  projectName?: string | undefined
  /** How PDFs are printed (default: headless Chromium via playwright-core; Electron may pass printToPDF). */
  printPdf?: PdfPrinter | undefined
  /** The clock of report timestamps (frozen in tests). */
  now?: (() => Date) | undefined
}

/** The engine as its hosts hold it: the contract plus events and shutdown. */
export interface Engine extends EngineApi {
  onEvent(listener: EngineEventListener): () => void
  close(): Promise<void>
  /**
   * Hosts only (CLI arguments, Electron dialogs and drops, web uploads): make a path known to the
   * engine and get the id the EngineApi uses. Never reachable from the renderer.
   */
  registerFile(path: string): RegisteredFile
  /** Hosts only: the file behind an export id (for download or "Save as"). */
  exportedFile(fileId: string): { path: string; name: string }
  /** For engine code and tests in this process only; never exposed over a transport. */
  readonly internals: { database: Database; tasks: TaskRunner; imports: ImportService; projectDir: string; recipe: () => Recipe }
}

type Handlers = { [K in EngineMethod]: (request: ParsedRequest<K>) => Promise<EngineResponse<K>> }

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const projectDir = resolve(options.projectDir)
  const database = await openDatabase(projectDir, options)
  const listeners = new Set<EngineEventListener>()
  const emit = (event: EngineEvent): void => {
    for (const listener of listeners) listener(event)
  }
  const tasks = new TaskRunner({ instance: database.instance, emit })
  const startedAt = new Date().toISOString()
  /** Set by close(): from then on calls are refused. */
  let closing: Promise<void> | null = null
  let recipe: Recipe
  const isNew = !existsSync(join(projectDir, RECIPE_FILE_NAME))
  try {
    recipe = loadRecipe(projectDir)
    // A new project is written at once, so it exists (and can be listed) before its first import.
    if (isNew) recipe = saveRecipe(projectDir, { ...recipe, name: options.projectName ?? recipe.name })
    await ensureCatalog(database)
  } catch (error) {
    database.close()
    throw error
  }
  const files = new FileRegistry()
  const exports = new ExportFiles(projectDir)
  const imports = new ImportService({
    db: database,
    tasks,
    files,
    sources: new CsvSources(join(projectDir, '.tmp')),
    xlsx: new XlsxSources(join(projectDir, '.tmp')),
    recipe: { get: () => recipe, save: (next) => (recipe = saveRecipe(projectDir, next)) },
    now: () => new Date(),
  })

  const scenarios = new ScenarioStore({ get: () => recipe, save: (next) => (recipe = saveRecipe(projectDir, next)) })
  const campaigns = new CampaignService({ database, tasks, recipe: () => recipe, scenarios })
  const analyses = new AnalysisService({ database, tasks, recipe: () => recipe, scenarios })
  const reports = new ReportService({
    recipe: () => recipe, scenarios, campaigns, analyses, exports,
    now: options.now ?? (() => new Date()),
    ...(options.printPdf === undefined ? {} : { printPdf: options.printPdf }),
  })

  // The database is a cache of the recipe: datasets it lacks are rebuilt from their sources.
  const sourceStatus = new Map<string, { status: 'restored' | 'missing-file' | 'changed-file' | 'restore-failed'; message: string | null }>()
  for (const source of recipe.sources) {
    if ((await relationKind(database, source.dataset)) !== null) continue
    try {
      const status = await imports.restore(source)
      const message = status === 'missing-file' ? `${source.path} is gone; import the file again from where it is now.` : status === 'changed-file' ? `${source.path} has changed since it was imported; import it again to use the new data.` : null
      sourceStatus.set(source.dataset, { status, message })
    } catch (error) {
      sourceStatus.set(source.dataset, { status: 'restore-failed', message: toErrorInfo(error).message })
    }
  }
  if (recipe.mapping !== null) {
    try {
      await buildCanonicalViews(database, recipe.mapping)
    } catch {
      // A mapping over a dataset that could not be restored stays in the recipe; getProject says why.
    }
  }

  const handlers: Handlers = {
    async getEngineInfo() {
      const effective = await database.effectiveSettings()
      return {
        appVersion: APP_VERSION,
        duckdbVersion: effective.duckdbVersion,
        host: options.host,
        platform: `${process.platform}-${process.arch}`,
        nodeVersion: process.versions.node,
        startedAt,
        project: { name: recipe.name, dir: projectDir, databasePath: database.path },
        settings: {
          memoryLimit: effective.memoryLimit,
          threads: effective.threads,
          tempDirectory: effective.tempDirectory,
          autoinstallKnownExtensions: effective.autoinstallKnownExtensions,
          autoloadKnownExtensions: effective.autoloadKnownExtensions,
        },
      }
    },
    async cancelTask({ taskId }) {
      return { cancelled: tasks.cancel(taskId) }
    },
    inspectSource: ({ fileId, overrides }) => imports.inspect(fileId, overrides),
    stageImport: (request) => imports.stage(request),
    listRejects: ({ importId, offset, limit }) => pageRejects(database, importId, offset, limit),
    commitImport: ({ importId, acceptRejects }) => imports.commit(importId, acceptRejects),
    discardImport: ({ importId }) => imports.discard(importId),
    listDatasets: () => imports.listDatasets(),
    // One engine is one project; switching projects is the ProjectHost's job (desktop and web).
    listProjects: async () => {
      const current = { projectRef: 'current', name: recipe.name, dir: projectDir, lastOpenedAt: null, exists: true, isDefault: false }
      return { current, recent: [] }
    },
    createProject: async () => {
      throw new EngineError('UNSUPPORTED', 'This engine serves one project; open another with --project DIR.')
    },
    openProject: async () => {
      throw new EngineError('UNSUPPORTED', 'This engine serves one project; open another with --project DIR.')
    },
    suggestMapping: ({ dataset, role }) => suggestMapping(database, dataset, role),
    async saveMapping({ mapping }) {
      const report = await applyMapping(database, mapping)
      recipe = saveRecipe(projectDir, { ...recipe, mapping })
      return report
    },
    getMapping: async () => recipe.mapping,
    getProject: async () => ({
      name: recipe.name,
      dir: projectDir,
      sources: recipe.sources.map((source) => ({ dataset: source.dataset, fileName: source.fileName, path: source.path, ...(sourceStatus.get(source.dataset) ?? { status: 'ok' as const, message: null }) })),
      mapped: (['payments', 'users', 'fx_rates'] as const).filter((role) => recipe.mapping?.roles[role] !== undefined),
    }),
    async validateData() {
      if (recipe.mapping === null) throw new EngineError('CONFLICT', 'Map a dataset to payments first (Data → Mapping).')
      return validateMapping(database, recipe.mapping)
    },
    profileDataset: ({ dataset }) => tasks.run(`Profiling ${dataset}`, (task) => profileDataset(database, database.on(task.connection), dataset)),
    async paymentsOverview() {
      if (recipe.mapping?.roles.payments === undefined) throw new EngineError('CONFLICT', 'Map a dataset to payments first (Data → Mapping).')
      return tasks.run('Summarising payments', (task) => paymentsOverview(database.on(task.connection)))
    },
    evaluateCampaign: ({ campaign, scope, controlArm }) => campaigns.evaluate(campaign, scope, controlArm ?? null),
    estimateCampaignTotals: ({ campaign, scope }) => campaigns.estimate(campaign, scope),
    evaluateCampaigns: ({ ids, scope }) => campaigns.evaluateSaved(ids, scope),
    listCampaigns: async () => ({ campaigns: scenarios.list() }),
    saveCampaign: async ({ id, campaign }) => scenarios.save(campaign, id),
    deleteCampaign: async ({ id }) => ({ deleted: scenarios.delete(id) }),
    analyzeExperiment: (request) => analyses.analyzeExperiment(request),
    analyzeRollout: (spec) => analyses.analyzeRollout(spec),
    exportReport: (request) => reports.exportReport(request),
    exportTable: (request) => reports.exportTable(request),
    previewRows: ({ dataset, offset, limit, orderBy, descending }) => rowPage(database, dataset, offset, limit, orderBy, descending),
    async exportRejects({ importId }) {
      const report = await pageRejects(database, importId, 0, 1)
      if (report.total === 0) throw new EngineError('NOT_FOUND', 'This import has no rejected rows to export.', { details: { importId } })
      const name = `rejected-rows-${importId.slice(0, 8)}.csv`
      const path = exports.pathFor(name)
      await exportRejectsCsv(database, importId, path)
      return exports.register(path, name)
    },
  }

  // Calls still being answered: close() lets them finish before the database goes (a query on a
  // disconnected connection would answer "connection disconnected" as an INTERNAL error).
  const inFlight = new InFlight()
  const call = <K extends EngineMethod>(method: K, payload: unknown): Promise<Result<EngineResponse<K>>> => {
    if (closing !== null) return Promise.resolve({ ok: false, error: { code: 'CONFLICT', message: 'The engine has been closed.' } })
    return inFlight.track(answerCall(method, payload))
  }
  const answerCall = async <K extends EngineMethod>(method: K, payload: unknown): Promise<Result<EngineResponse<K>>> => {
    const request = validateRequest(method, payload)
    if (!request.ok) return request
    try {
      const handler = handlers[method] as (request: ParsedRequest<K>) => Promise<EngineResponse<K>>
      return { ok: true, value: await handler(request.value) }
    } catch (error) {
      return { ok: false, error: toErrorInfo(error) }
    }
  }

  const api = Object.fromEntries(
    ENGINE_METHODS.map((method) => [method, (request: unknown) => call(method, request)]),
  ) as unknown as EngineApi

  /**
   * New calls and tasks are refused; running tasks are interrupted; calls being answered finish
   * (a task they wait for answers CANCELLED); then DuckDB closes, with no connection left open.
   */
  const shutDown = async (): Promise<void> => {
    const stopping = tasks.close()
    listeners.clear()
    await stopping
    await inFlight.settled()
    database.close()
  }

  const engine: Engine = {
    ...api,
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      closing ??= shutDown()
      return closing
    },
    registerFile: (path) => files.register(path),
    exportedFile: (fileId) => exports.get(fileId),
    internals: { database, tasks, imports, projectDir, recipe: () => recipe },
  }
  if (isNew && options.seedFrom !== undefined && isSampleFolder(options.seedFrom)) {
    try {
      await seedSample(engine, options.seedFrom)
    } catch (error) {
      // A new project that could not be seeded is removed again: no half-written project.
      await engine.close()
      for (const name of [RECIPE_FILE_NAME, DATABASE_FILE_NAME, `${DATABASE_FILE_NAME}.wal`]) rmSync(join(projectDir, name), { force: true })
      throw error
    }
  }
  return engine
}

export { EngineError }
