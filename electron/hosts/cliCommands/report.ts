// `cashback-lab report [--campaign ID|NAME|FILE …] [--analysis …] --out report.pdf|.html|.xlsx
// [--force]`: the report of saved scenarios (and campaign files) plus an experiment analysis,
// written atomically to --out; an existing file is kept unless --force. Layer: electron/hosts.
import { existsSync, readFileSync } from 'node:fs'
import { extname, resolve } from 'node:path'
import type { Result } from '../../../common/contract'
import { campaignIssues, campaignSchema, type Campaign } from '../../../common/domain/campaign'
import { EVALUATION_SCOPES, type EvaluationScope } from '../../../common/domain/campaignResult'
import { REPORT_FORMATS, type ReportFormat } from '../../../common/domain/report'
import type { Engine } from '../../engine/engine'
import { writeExportAtomic } from '../../engine/reports/atomicWrite'
import { analysisRequest, analyzeCommand } from './analyze'
import type { CliCommand, OptionValues } from './types'

const invalid = (message: string): Result<never> => ({ ok: false, error: { code: 'INVALID_REQUEST', message } })

interface ReportOutcome {
  out: string
  format: ReportFormat
  sizeBytes: number
  campaigns: number
  analysis: boolean
}

/** A --campaign value: a campaign JSON file, else a saved scenario's id or name. */
async function resolveCampaigns(engine: Engine, values: string[]): Promise<Result<{ ids: string[]; inline: Campaign[] }>> {
  const ids: string[] = []
  const inline: Campaign[] = []
  const listed = await engine.listCampaigns({})
  if (!listed.ok) return listed
  for (const value of values) {
    if (existsSync(value)) {
      let json: unknown
      try {
        json = JSON.parse(readFileSync(value, 'utf8'))
      } catch (error) {
        return invalid(`Cannot read the campaign file ${value}: ${(error as Error).message}.`)
      }
      const parsed = campaignSchema.safeParse(json)
      if (!parsed.success) return invalid(`The campaign in ${value} is not valid — ${Object.entries(campaignIssues(json)).map(([f, m]) => `${f}: ${m}`).join('; ')}`)
      inline.push(parsed.data)
      continue
    }
    const found = listed.value.campaigns.find((c) => c.id === value || c.campaign.name.toLowerCase() === value.toLowerCase())
    if (found === undefined) return invalid(`"${value}" is neither a campaign file nor a saved scenario (scenarios: ${listed.value.campaigns.map((c) => c.campaign.name).join(', ') || 'none'}).`)
    ids.push(found.id)
  }
  return { ok: true, value: { ids, inline } }
}

export const reportCommand: CliCommand = {
  summary: 'Write a report (PDF, HTML or XLSX) of saved scenarios or campaign files and, with --analysis, the experiment.',
  usage: 'report [--campaign ID|NAME|FILE …] [--analysis --window START..END …] --out report.pdf|report.html|report.xlsx [--force] [--title T] [--author A]',
  options: {
    out: { type: 'string', description: 'the file to write: .pdf, .html or .xlsx' },
    force: { type: 'boolean', description: 'overwrite --out if it exists' },
    title: { type: 'string', description: 'the report title' },
    author: { type: 'string', description: 'who prepared it' },
    analysis: { type: 'boolean', description: 'include the experiment analysis (takes the analyze options: --window, --metrics, --cuped, --scenario, --value, …)' },
    ...analyzeCommand.options,
    campaign: { type: 'string', multiple: true, description: 'a saved scenario (id or name) or a campaign JSON file; repeat for several (default: every saved scenario)' },
    scope: { type: 'string', description: 'treatment (the campaign’s target arms, default) or all (everyone: a full rollout)' },
  },
  async run(engine, _positionals, options: OptionValues): Promise<Result<ReportOutcome>> {
    if (typeof options.out !== 'string') return invalid('Give the file to write with --out report.pdf (or .html, .xlsx).')
    const out = resolve(options.out)
    const format = extname(out).slice(1).toLowerCase()
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) return invalid(`--out must end in .pdf, .html or .xlsx, not "${extname(out) || out}".`)
    if (existsSync(out) && options.force !== true) return { ok: false, error: { code: 'CONFLICT', message: `${out} already exists; pass --force to overwrite it.` } }
    const scope = options.scope ?? 'treatment'
    if (typeof scope !== 'string' || !(EVALUATION_SCOPES as readonly string[]).includes(scope)) return invalid(`--scope is treatment or all, not "${String(scope)}".`)
    const values = Array.isArray(options.campaign) ? options.campaign : typeof options.campaign === 'string' ? [options.campaign] : []
    const campaigns = await resolveCampaigns(engine, values)
    if (!campaigns.ok) return campaigns
    let analysis
    if (options.analysis === true) {
      const request = await analysisRequest(engine, options)
      if (!request.ok) return request
      analysis = request.value
    }
    const exported = await engine.exportReport({
      format: format as ReportFormat,
      scope: scope as EvaluationScope,
      ...(values.length === 0 ? {} : { campaignIds: campaigns.value.ids, campaigns: campaigns.value.inline }),
      ...(analysis === undefined ? {} : { analysis }),
      ...(typeof options.title === 'string' ? { title: options.title } : {}),
      ...(typeof options.author === 'string' ? { author: options.author } : {}),
    })
    if (!exported.ok) return exported
    const bytes = readFileSync(engine.exportedFile(exported.value.fileId).path)
    writeExportAtomic(out, bytes, { overwrite: options.force === true })
    const count = values.length === 0 ? (await engine.listCampaigns({})) : null
    const campaignCount = count?.ok === true ? Math.min(8, count.value.campaigns.length) : campaigns.value.ids.length + campaigns.value.inline.length
    return { ok: true, value: { out, format: format as ReportFormat, sizeBytes: bytes.length, campaigns: campaignCount, analysis: analysis !== undefined } }
  },
  human: (o: ReportOutcome) => `Wrote ${o.out} (${o.format.toUpperCase()}, ${Math.max(1, Math.round(o.sizeBytes / 1024))} KB): ${o.campaigns} scenario${o.campaigns === 1 ? '' : 's'}${o.analysis ? ' and the experiment analysis' : ''}.`,
}
