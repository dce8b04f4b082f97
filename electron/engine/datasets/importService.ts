// Import a file into the project: inspect (detect, show, ask), stage (load into a staging table
// with rejects and an independent row count), then commit (swap in one transaction, CHECKPOINT,
// verify) or discard. A failed or cancelled import leaves the previous dataset untouched.
// Layer: electron/engine.
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import type { DatasetSummary, ImportOptions, ImportOverrides, ImportReport, RejectRow, SourceInspection } from '../../../common/domain/dataset'
import type { Recipe, RecipeSource } from '../../../common/domain/project'
import type { Database } from '../db/database'
import { ident, sql, type Sql } from '../db/sql'
import { EngineError } from '../engineError'
import type { TaskContext, TaskRunner } from '../tasks'
import { checkDatasetName, datasetColumns, datasetTable, dropDatasetRelation, relationKind, stagingName } from './catalog'
import { inspectCsv } from './csvInspect'
import type { CsvSources } from './csvSource'
import { stageCsv } from './csvStage'
import { sha256Of } from './fileDigest'
import { detectFileKind, type FileKind } from './fileFormat'
import type { FileRegistry, RegisteredFile } from './fileRegistry'
import type { XlsxSources, XlsxSheetCsv } from './xlsxSource'
import { saveRejects } from './rejectStore'
import { inspectTyped, linkedParquetView, stageLinkedParquet, stageTyped } from './typedSources'

export interface ImportDeps {
  db: Database
  tasks: TaskRunner
  files: FileRegistry
  sources: CsvSources
  xlsx: XlsxSources
  recipe: { get(): Recipe; save(next: Recipe): void }
  now: () => Date
}

export interface StageRequest {
  fileId: string
  datasetName: string
  overrides: ImportOverrides
  mode: 'copy' | 'link'
}

interface Staged {
  report: ImportReport
  request: StageRequest
  inspection: SourceInspection
  sha256: string | null
}

export class ImportService {
  private readonly staged = new Map<string, Staged>()

  constructor(private readonly deps: ImportDeps) {}

  inspect(fileId: string, overrides: ImportOverrides): Promise<SourceInspection> {
    const file = this.deps.files.get(fileId)
    return this.deps.tasks.run(`Inspecting ${file.name}`, (task) => this.inspectIn(task, fileId, overrides))
  }

  private async inspectIn(task: TaskContext, fileId: string, overrides: ImportOverrides): Promise<SourceInspection> {
    const file = this.deps.files.get(fileId)
    const kind = detectFileKind(file)
    if (kind.format === 'csv') return inspectCsv({ db: this.deps.db, connection: task.connection, sources: this.deps.sources }, file, kind, overrides)
    if (kind.format === 'xlsx') return this.inspectSheet(task, file, overrides)
    return inspectTyped(this.deps.db, task, file, kind)
  }

  /** A sheet is converted to CSV and inspected as one, with the CSV dialect fixed. */
  private async inspectSheet(task: TaskContext, file: RegisteredFile, overrides: ImportOverrides): Promise<SourceInspection> {
    const sheet = await this.deps.xlsx.sheetAsCsv(file, overrides.sheet)
    const csvFile = sheetFile(file, sheet)
    const csvOverrides: ImportOverrides = { ...overrides, delimiter: ',', quote: '"', escape: '"', header: true, encoding: 'utf-8', skipRows: 0 }
    const inspection = await inspectCsv({ db: this.deps.db, connection: task.connection, sources: this.deps.sources }, csvFile, { format: 'csv', gzip: false, jsonLayout: null }, csvOverrides)
    const fixed = new Set(['encoding', 'delimiter', 'header', 'skip rows'])
    const formulaNote = sheet.rejects.length > 0 ? [`${sheet.rejects.length} rows hold formulas without a saved result (first: sheet row ${sheet.rejects[0]!.line}); they will be rejected.`] : []
    return {
        ...inspection,
        file: { fileId: file.fileId, name: file.name, sizeBytes: file.sizeBytes },
        options: { ...inspection.options, format: 'xlsx', sheet: sheet.sheet },
        detected: [
          { setting: 'sheet', value: sheet.sheet, evidence: overrides.sheet !== undefined ? 'chosen by you' : `the first sheet with data (of ${sheet.sheets.length})` },
          ...inspection.detected.filter((d) => !fixed.has(d.setting)),
        ],
        notes: [...sheet.notes, ...formulaNote, ...inspection.notes],
        sheets: sheet.sheets,
    }
  }

  /** Load into a staging table and report; nothing is visible until commit(). */
  stage(request: StageRequest): Promise<ImportReport> {
    const file = this.deps.files.get(request.fileId)
    const datasetName = checkDatasetName(request.datasetName)
    return this.deps.tasks.run(`Importing ${file.name}`, async (task) => {
      const inspection = await this.inspectIn(task, request.fileId, request.overrides)
      const open = inspection.questions.map((q) => q.message)
      if (open.length > 0) throw new EngineError('INVALID_REQUEST', `Answer first: ${open.join(' ')}`, { details: { questions: inspection.questions.map((q) => q.id) } })
      const { report, sha256 } = await this.stageIn(task, file, { ...request, datasetName }, inspection.options, inspection.notes)
      this.staged.set(report.importId, { report, request: { ...request, datasetName }, inspection, sha256 })
      return report
    })
  }

  /** Stage a file with fully resolved options (from an inspection, or from the recipe). */
  private async stageIn(task: TaskContext, file: RegisteredFile, request: StageRequest, options: ImportOptions, inspectionNotes: string[]): Promise<{ report: ImportReport; sha256: string | null }> {
    const kind = detectFileKind(file)
    if (request.mode === 'link' && kind.format !== 'parquet') throw new EngineError('INVALID_REQUEST', 'Only Parquet files can be linked in place; other formats are copied into the project.')
    const importId = randomUUID()
    const staging = sql`${ident('datasets')}.${ident(stagingName(importId))}`
    // A CSV file is hashed by the stage, in the same read as its record count.
    const hashing = file.isFolder || kind.format === 'csv' ? Promise.resolve(null) : sha256Of(file.path)
    try {
      const loaded = await this.loadInto(task, file, kind, request, options, staging)
      const rejectedRows = new Set(loaded.rejects.map((r) => r.line ?? -1)).size
      await saveRejects(this.deps.db, importId, loaded.rejects)
      await this.deps.db.run(sql`INSERT INTO meta.imports (import_id, dataset, file_id, status, mode, report, options) VALUES (${importId}, ${request.datasetName}, ${file.fileId}, 'staged', ${request.mode}, '{}', ${JSON.stringify(options)})`)
      const report: ImportReport = {
        importId, datasetName: request.datasetName, status: 'staged', sourceRows: loaded.sourceRows, loadedRows: loaded.loadedRows, rejectedRows,
        reconciled: loaded.sourceRows === loaded.loadedRows + rejectedRows,
        columns: (await datasetColumns(this.deps.db, stagingName(importId))).map((c) => ({ name: c.name, type: c.type })) as ImportReport['columns'],
        rejectSample: loaded.rejects.slice(0, 100), loadMs: Math.round(loaded.loadMs), checkMs: Math.round(loaded.checkMs), notes: [...inspectionNotes, ...loaded.notes],
      }
      const sha256 = loaded.sha256 ?? (await hashing)
      // A cancel that lands after the last statement must still leave nothing behind.
      if (task.cancelled()) throw new EngineError('CANCELLED', `Importing ${file.name} was cancelled.`)
      return { report, sha256 }
    } catch (error) {
      await dropDatasetRelation(this.deps.db, stagingName(importId))
      await this.deps.db.run(sql`DELETE FROM meta.import_rejects WHERE import_id = ${importId}`)
      await this.deps.db.run(sql`DELETE FROM meta.imports WHERE import_id = ${importId}`)
      await hashing.catch(() => null)
      throw error
    }
  }

  /** Load the file into the staging table with the resolved options. */
  private async loadInto(task: TaskContext, file: RegisteredFile, kind: FileKind, request: StageRequest, options: ImportOptions, staging: Sql): Promise<{ sourceRows: number; loadedRows: number; rejects: RejectRow[]; loadMs: number; checkMs: number; notes: string[]; sha256?: string | null }> {
    if (kind.format === 'csv') return stageCsv({ db: this.deps.db, task, sources: this.deps.sources }, file, kind, options, staging, { hashFile: true })
    if (kind.format === 'xlsx') {
      const sheet = await this.deps.xlsx.sheetAsCsv(file, options.sheet ?? undefined)
      const result = await stageCsv({ db: this.deps.db, task, sources: this.deps.sources }, sheetFile(file, sheet), { format: 'csv', gzip: false, jsonLayout: null }, options, staging)
      // Report sheet rows, not lines of the intermediate CSV.
      const rejects = [...sheet.rejects, ...result.rejects.map((r) => ({ ...r, line: r.line === null ? null : (sheet.rowOfLine.get(r.line) ?? null) }))]
      return { ...result, rejects, sourceRows: sheet.sourceRows }
    }
    const typed = request.mode === 'link' ? await stageLinkedParquet(this.deps.db, task, file, kind, staging) : await stageTyped(this.deps.db, task, file, kind, staging)
    const notes = request.mode === 'link' ? ['Linked in place: the dataset reads the Parquet file each time; moving or changing the file changes the dataset.'] : []
    return { ...typed, rejects: [], checkMs: 0, notes }
  }

  /**
   * Rebuild a dataset the recipe knows but the database lacks (the database is a cache): the
   * same file, the same options. A file that is gone or has changed is reported, not guessed at.
   */
  async restore(source: RecipeSource): Promise<'restored' | 'missing-file' | 'changed-file'> {
    if (!existsSync(source.path)) return 'missing-file'
    const file = this.deps.files.register(source.path)
    if (source.sha256 !== null && !file.isFolder && (await sha256Of(file.path)) !== source.sha256) return 'changed-file'
    const request: StageRequest = { fileId: file.fileId, datasetName: source.dataset, overrides: {}, mode: source.mode }
    const { report, sha256 } = await this.deps.tasks.run(`Restoring ${source.dataset}`, (task) => this.stageIn(task, file, request, source.options, []))
    const inspection = { options: source.options } as SourceInspection
    this.staged.set(report.importId, { report, request, inspection, sha256 })
    await this.commit(report.importId, true, source.importedAt)
    return 'restored'
  }

  /** Make a staged import the dataset: one transaction, CHECKPOINT, then verify it really is there. */
  async commit(importId: string, acceptRejects: boolean, importedAt?: string): Promise<DatasetSummary> {
    const staged = this.staged.get(importId)
    if (staged === undefined) throw new EngineError('NOT_FOUND', 'No staged import with that id; import the file again.', { details: { importId } })
    const { report, request } = staged
    if (!report.reconciled) {
      throw new EngineError('CONFLICT', `The counts do not add up (${report.sourceRows} rows in the file, ${report.loadedRows} loaded + ${report.rejectedRows} rejected); nothing was imported. Please report this file.`)
    }
    if (report.rejectedRows > 0 && !acceptRejects) {
      throw new EngineError('CONFLICT', `${report.rejectedRows} rows were rejected. Accept the import with rejects, or cancel it; nothing was changed yet.`)
    }
    const file = this.deps.files.get(request.fileId)
    const name = request.datasetName
    const target = datasetTable(name)
    const existing = await relationKind(this.deps.db, name)
    // A connection of its own, so no other request's statement lands inside this transaction.
    const conn = await this.deps.db.instance.connect()
    try {
      await conn.run('BEGIN TRANSACTION')
      try {
        if (existing === 'table') await this.deps.db.run(sql`DROP TABLE ${target}`, conn)
        if (existing === 'view') await this.deps.db.run(sql`DROP VIEW ${target}`, conn)
        if (request.mode === 'link') {
          await this.deps.db.run(sql`DROP VIEW ${ident('datasets')}.${ident(stagingName(importId))}`, conn)
          await this.deps.db.run(sql`CREATE VIEW ${target} AS SELECT * FROM ${linkedParquetView(file)}`, conn)
        } else {
          await this.deps.db.run(sql`ALTER TABLE ${ident('datasets')}.${ident(stagingName(importId))} RENAME TO ${ident(name)}`, conn)
        }
        await this.deps.db.run(sql`UPDATE meta.imports SET status = 'committed' WHERE import_id = ${importId}`, conn)
        await conn.run('COMMIT')
      } catch (error) {
        await conn.run('ROLLBACK').catch(() => undefined)
        throw error
      }
      await conn.run('CHECKPOINT')
    } finally {
      conn.closeSync()
    }
    // DuckDB can report COMMIT success after a failed statement: check the post-condition.
    const [check] = await this.deps.db.rows(sql`SELECT count(*)::BIGINT AS n FROM ${target}`)
    if (Number(check?.n) !== report.loadedRows) {
      throw new EngineError('INTERNAL', `After the import, ${name} holds ${String(check?.n)} rows instead of ${report.loadedRows}. Import it again.`)
    }
    this.staged.delete(importId)
    const source: RecipeSource = {
      dataset: name, fileName: file.name, path: file.path, sizeBytes: file.sizeBytes, sha256: staged.sha256,
      format: staged.inspection.options.format, mode: request.mode, options: staged.inspection.options,
      importedAt: importedAt ?? this.deps.now().toISOString(),
      rows: { source: report.sourceRows, loaded: report.loadedRows, rejected: report.rejectedRows },
    }
    const recipe = this.deps.recipe.get()
    this.deps.recipe.save({ ...recipe, sources: [...recipe.sources.filter((s) => s.dataset !== name), source] })
    return summaryOf(source, await datasetColumns(this.deps.db, name))
  }

  async discard(importId: string): Promise<{ discarded: boolean }> {
    if (!this.staged.has(importId)) return { discarded: false }
    this.staged.delete(importId)
    await dropDatasetRelation(this.deps.db, stagingName(importId))
    await this.deps.db.run(sql`UPDATE meta.imports SET status = 'discarded' WHERE import_id = ${importId}`)
    await this.deps.db.run(sql`DELETE FROM meta.import_rejects WHERE import_id = ${importId}`)
    return { discarded: true }
  }

  /** The staged import's report, for the CLI and for paging its rejects. */
  report(importId: string): ImportReport {
    const staged = this.staged.get(importId)
    if (staged === undefined) throw new EngineError('NOT_FOUND', 'No staged import with that id; import the file again.', { details: { importId } })
    return staged.report
  }

  async listDatasets(): Promise<DatasetSummary[]> {
    // One catalog query for all datasets (not one per dataset).
    const rows = await this.deps.db.rows(sql`
      SELECT table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = 'datasets' ORDER BY table_name, ordinal_position`)
    const columns = new Map<string, { name: string; type: string }[]>()
    for (const r of rows) columns.set(String(r.table_name), [...(columns.get(String(r.table_name)) ?? []), { name: String(r.column_name), type: String(r.data_type) }])
    return this.deps.recipe.get().sources.map((source) => summaryOf(source, columns.get(source.dataset) ?? []))
  }
}

/** The intermediate CSV of a workbook sheet, as a file the CSV importer can read. */
function sheetFile(file: RegisteredFile, sheet: XlsxSheetCsv): RegisteredFile {
  return { fileId: `${file.fileId}-${sheet.sheets.indexOf(sheet.sheet)}`, name: `${file.name} [${sheet.sheet}]`, path: sheet.csvPath, sizeBytes: file.sizeBytes, isFolder: false }
}

export function summaryOf(source: RecipeSource, columns: { name: string; type: string }[]): DatasetSummary {
  return {
    name: source.dataset,
    rows: source.rows.loaded,
    columns,
    source: { fileName: source.fileName, format: source.format, mode: source.mode, sizeBytes: source.sizeBytes, sha256: source.sha256, importedAt: source.importedAt, rejectedRows: source.rows.rejected },
  }
}

