// buildReport(): the DTOs the screen shows (campaign evaluations, the experiment analysis, the
// project recipe) → a ReportModel. No I/O; the clock is injected. Layer: common (pure).
import { chartPalette, type ChartPalette } from '../charts/palette'
import type { ExperimentAnalysis } from '../domain/analysis'
import type { ProjectMapping } from '../domain/mapping'
import type { RecipeSource } from '../domain/project'
import { formatInstant } from '../format/dates'
import { analysisSections } from './analysisSection'
import { campaignSection, compareTable, type ReportCampaign } from './campaignSection'
import { ASSUMPTIONS, DEFINITIONS } from './definitions'
import { count, text, type ReportModel, type ReportSection } from './reportTypes'

export type { ReportCampaign }

export interface ReportInput {
  title: string
  author: string | null
  /** Injected clock (frozen in tests). */
  now: () => Date
  project: { name: string; sources: readonly RecipeSource[]; mapping: ProjectMapping | null }
  campaigns: readonly ReportCampaign[]
  analysis: ExperimentAnalysis | null
  palette?: ChartPalette
}

/** "payments ← dataset payments (13 columns: payment_id, user_id, …), timestamps in UTC". */
export function mappingSummary(mapping: ProjectMapping | null): string[] {
  if (mapping === null) return ['No dataset is mapped yet.']
  const lines: string[] = []
  for (const [role, m] of Object.entries(mapping.roles)) {
    if (m === undefined) continue
    const cols = Object.entries(m.columns).map(([field, column]) => (field === column ? field : `${field} ← ${column}`))
    const consts = Object.entries(m.constants).map(([field, value]) => `${field} = ${value}`)
    const translated = Object.keys(m.values).length
    lines.push(`${role} ← dataset “${m.dataset}”: ${cols.join(', ')}${consts.length > 0 ? `; constants ${consts.join(', ')}` : ''}${translated > 0 ? `; value translations for ${Object.keys(m.values).join(', ')}` : ''}; timestamps read as ${m.timestamps === 'utc' ? 'UTC' : 'local time'}.`)
  }
  const zones = Object.entries(mapping.countries).map(([c, s]) => `${c}: ${s.currency}, ${s.timeZone}`)
  if (zones.length > 0) lines.push(`Countries: ${zones.join('; ')}.`)
  return lines
}

function dataSection(project: ReportInput['project']): ReportSection {
  return {
    id: 'data',
    title: 'Data',
    paragraphs: [`Project “${project.name}”. Every source row is either loaded or rejected with its reason; the counts below were reconciled against an independent count of the file.`, ...mappingSummary(project.mapping)],
    facts: [],
    tables: [
      {
        id: 'Sources',
        title: 'Sources',
        columns: ['Dataset', 'File', 'Format', 'SHA-256', 'Rows in file', 'Loaded', 'Rejected', 'Imported'],
        rows: project.sources.map((s) => [
          text(s.dataset),
          text(s.fileName),
          text(s.mode === 'link' ? `${s.format} (linked)` : s.format),
          text(s.sha256),
          count(s.rows.source),
          count(s.rows.loaded),
          count(s.rows.rejected),
          text(formatInstant(s.importedAt, 'UTC')),
        ]),
      },
    ],
    charts: [],
  }
}

export function buildReport(input: ReportInput): ReportModel {
  const palette = input.palette ?? chartPalette('light')
  const generatedAt = input.now().toISOString()
  const sections: ReportSection[] = [dataSection(input.project)]
  if (input.campaigns.length > 1) sections.push({ id: 'scenarios', title: 'Scenarios', paragraphs: [], facts: [], tables: [compareTable(input.campaigns)], charts: [] })
  input.campaigns.forEach((c, i) => sections.push(campaignSection(c, i + 1, palette)))
  if (input.analysis !== null) sections.push(...analysisSections(input.analysis, palette))
  return {
    title: input.title,
    author: input.author,
    generatedAt,
    generatedAtText: `${formatInstant(generatedAt, 'UTC')} UTC`,
    projectName: input.project.name,
    sections,
    assumptions: ASSUMPTIONS,
    definitions: DEFINITIONS,
  }
}

/** Every table of the report in order (the XLSX sheets and CSV files). */
export function reportTables(model: ReportModel) {
  return model.sections.flatMap((s) => s.tables)
}
