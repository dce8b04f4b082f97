// `cashback-lab import <files…>`: inspect, stage, report and (when clean or accepted) commit each
// file; progress on stderr. Layer: electron/hosts.
import { columnTypeSchema, importOverridesSchema, type ImportOverrides, type ImportReport, type SourceInspection } from '../../../common/domain/dataset'
import type { Result } from '../../../common/contract'
import { datasetNameFromFile } from '../../engine/datasets/catalog'
import { exportRejectsCsv } from '../../engine/datasets/rejectStore'
import type { Engine } from '../../engine/engine'
import { toErrorInfo } from '../../engine/engineError'
import type { ValidationReport } from '../../../common/domain/mapping'
import { describeValidation, readMappingFile } from './mappingFile'
import { formatCount, type CliCommand, type CliIo, type OptionValues } from './types'

interface FileOutcome {
  file: string
  dataset: string
  detected: SourceInspection['detected']
  notes: string[]
  report: ImportReport
  committed: boolean
}

export const importCommand: CliCommand = {
  summary: 'Import CSV/TSV (also .gz), Parquet (file or folder), JSON/NDJSON or XLSX files as datasets.',
  usage: 'import <files…> [--name NAME] [--accept-rejects] [--link] [--date-order DMY|MDY] [--delimiter X] [--encoding E] [--decimal ,|.] [--sheet S] [--type COL=TYPE] [--rejects-csv FILE]',
  options: {
    name: { type: 'string', description: 'dataset name (one file only; default: from the file name)' },
    'accept-rejects': { type: 'boolean', description: 'import the good rows even if some are rejected' },
    link: { type: 'boolean', description: 'link Parquet in place instead of copying it' },
    'date-order': { type: 'string', description: 'DMY or MDY, when dates like 03/04/2024 are ambiguous' },
    delimiter: { type: 'string', description: 'field delimiter (use "\\t" for tab)' },
    encoding: { type: 'string', description: 'utf-8, utf-16, latin-1 or windows-1252' },
    decimal: { type: 'string', description: 'decimal separator: . or ,' },
    thousands: { type: 'string', description: 'thousands separator: none, . or ,' },
    header: { type: 'string', description: 'yes or no' },
    sheet: { type: 'string', description: 'XLSX sheet name' },
    type: { type: 'string', multiple: true, description: 'force a column type, e.g. --type amount=DECIMAL(18,2)' },
    'full-scan': { type: 'boolean', description: 'examine the whole file for types, not a sample' },
    'rejects-csv': { type: 'string', description: 'write rejected rows (line, column, reason, raw text) to this CSV' },
    mapping: { type: 'string', description: 'after importing, apply this mapping file and validate' },
  },
  async run(engine, positionals, options, io) {
    if (positionals.length === 0) return usage('Name at least one file to import.')
    if (options.name !== undefined && positionals.length > 1) return usage('--name works with one file at a time.')
    const overrides = parseOverrides(options)
    if (!overrides.ok) return overrides
    // Read the mapping file before importing anything, so a typo in it costs nothing.
    const mapping = typeof options.mapping === 'string' ? readMappingFile(options.mapping) : null
    if (mapping !== null && !mapping.ok) return mapping
    const outcomes: FileOutcome[] = []
    const stopProgress = io.json ? () => undefined : showProgress(engine, io)
    try {
      for (const path of positionals) {
        const result = await importOne(engine, path, options, overrides.value, io)
        if (!result.ok) return result
        outcomes.push(result.value)
      }
    } finally {
      stopProgress()
    }
    const failed = outcomes.find((o) => !o.committed)
    if (failed !== undefined) {
      return { ok: false, error: { code: 'CONFLICT', message: `${failed.file}: ${failed.report.rejectedRows} rows were rejected, so nothing was imported from it. Fix the file, or rerun with --accept-rejects to import the ${formatCount(failed.report.loadedRows)} good rows.`, details: { outcomes } } }
    }
    if (mapping === null) return { ok: true, value: { imports: outcomes, validation: null } }
    const validation = await engine.saveMapping({ mapping: mapping.value })
    if (!validation.ok) return { ok: false, error: { ...validation.error, message: `Imported, but the mapping in ${String(options.mapping)} could not be applied: ${validation.error.message}` } }
    return { ok: true, value: { imports: outcomes, validation: validation.value } }
  },
  human: ({ imports, validation }: { imports: FileOutcome[]; validation: ValidationReport | null }) =>
    [...imports.map(describe), ...(validation === null ? [] : [describeValidation(validation)])].join('\n\n'),
}

async function importOne(engine: Engine, path: string, options: OptionValues, overrides: ImportOverrides, io: CliIo): Promise<Result<FileOutcome>> {
  let fileId: string
  let name: string
  try {
    const file = engine.registerFile(path)
    fileId = file.fileId
    name = file.name
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) }
  }
  const inspection = await engine.inspectSource({ fileId, overrides })
  if (!inspection.ok) return prefixed(name, inspection)
  const question = inspection.value.questions[0]
  if (question !== undefined) {
    return { ok: false, error: { code: 'INVALID_REQUEST', message: `${name}: ${question.message} Rerun with --date-order DMY or --date-order MDY.`, details: { examples: question.examples } } }
  }
  const dataset = typeof options.name === 'string' ? options.name : datasetNameFromFile(name)
  const staged = await engine.stageImport({ fileId, datasetName: dataset, overrides, mode: options.link === true ? 'link' : 'copy' })
  if (!staged.ok) return prefixed(name, staged)
  const report = staged.value
  if (typeof options['rejects-csv'] === 'string' && report.rejectedRows > 0) {
    await exportRejectsCsv(engine.internals.database, report.importId, options['rejects-csv'])
    io.stderr(`Rejected rows of ${name} written to ${options['rejects-csv']}\n`)
  }
  const outcome: FileOutcome = { file: name, dataset, detected: inspection.value.detected, notes: report.notes, report, committed: false }
  if (report.rejectedRows > 0 && options['accept-rejects'] !== true) {
    await engine.discardImport({ importId: report.importId })
    return { ok: true, value: outcome }
  }
  const committed = await engine.commitImport({ importId: report.importId, acceptRejects: true })
  if (!committed.ok) return prefixed(name, committed)
  return { ok: true, value: { ...outcome, committed: true, report: { ...report, status: 'committed' } } }
}

function parseOverrides(options: OptionValues): Result<ImportOverrides> {
  const raw: Record<string, unknown> = {}
  if (typeof options.delimiter === 'string') raw.delimiter = options.delimiter === '\\t' ? '\t' : options.delimiter
  if (typeof options.encoding === 'string') raw.encoding = options.encoding.toLowerCase()
  if (typeof options.decimal === 'string') raw.decimalSeparator = options.decimal
  if (typeof options.thousands === 'string') raw.thousands = options.thousands === 'none' ? '' : options.thousands
  if (typeof options.header === 'string') raw.header = options.header === 'yes' ? true : options.header === 'no' ? false : options.header
  if (typeof options['date-order'] === 'string') raw.dateOrder = options['date-order'].toUpperCase()
  if (typeof options.sheet === 'string') raw.sheet = options.sheet
  if (options['full-scan'] === true) raw.fullScan = true
  if (Array.isArray(options.type)) {
    const types: Record<string, unknown> = {}
    for (const spec of options.type) {
      const at = spec.lastIndexOf('=')
      if (at <= 0) return usage(`--type takes COLUMN=TYPE, got "${spec}".`)
      const type = columnTypeSchema.safeParse(spec.slice(at + 1).toUpperCase())
      if (!type.success) return usage(`--type ${spec}: the type must be one of ${columnTypeSchema.options.join(', ')}.`)
      types[spec.slice(0, at)] = type.data
    }
    raw.columnTypes = types
  }
  const parsed = importOverridesSchema.safeParse(raw)
  if (!parsed.success) return usage(parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '))
  return { ok: true, value: parsed.data }
}

function describe(o: FileOutcome): string {
  const r = o.report
  const check = r.reconciled ? 'adds up' : 'DOES NOT ADD UP'
  const lines = [
    `${o.file} → dataset "${o.dataset}"${o.committed ? '' : ' (not imported)'}`,
    `  detected   ${o.detected.map((d) => `${d.setting} ${d.value}`).join(' · ')}`,
    `  columns    ${r.columns.map((c) => `${c.name} ${c.type}`).join(', ')}`,
    `  rows       ${formatCount(r.sourceRows)} in the file = ${formatCount(r.loadedRows)} loaded + ${formatCount(r.rejectedRows)} rejected (${check})`,
    `  load       ${(r.loadMs / 1000).toFixed(2)} s${r.loadMs > 0 ? `, ${formatCount(Math.round((r.loadedRows * 1000) / Math.max(r.loadMs, 1)))} rows/s` : ''}`,
  ]
  for (const note of o.notes) lines.push(`  note       ${note}`)
  for (const reject of r.rejectSample.slice(0, 5)) {
    lines.push(`  rejected   line ${reject.line ?? '?'}${reject.column === null ? '' : ` column "${reject.column}"`}: ${reject.message}`)
  }
  if (r.rejectedRows > 5) lines.push(`  …and ${formatCount(r.rejectedRows - 5)} more rejected rows (--rejects-csv FILE writes them all)`)
  return lines.join('\n')
}

function showProgress(engine: Engine, io: CliIo): () => void {
  let last = 0
  return engine.onEvent((event) => {
    const now = Date.now()
    if (event.phase === 'running' && now - last < 1000) return
    last = now
    const pct = event.percentage === null ? '' : ` ${event.percentage.toFixed(0)} %`
    const rate = event.rowsPerSecond === null ? '' : `, ${formatCount(event.rowsPerSecond)} rows/s`
    io.stderr(`${event.label}: ${event.phase}${pct}${rate}\n`)
  })
}

function prefixed<T>(file: string, result: Result<T> & { ok: false }): Result<never> {
  return { ok: false, error: { ...result.error, message: `${file}: ${result.error.message}` } }
}

function usage(message: string): Result<never> {
  return { ok: false, error: { code: 'INVALID_REQUEST', message } }
}
