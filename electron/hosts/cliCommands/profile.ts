// `cashback-lab profile`: datasets, the mapped payments at a glance and validation; or one
// dataset's columns with --dataset. Layer: electron/hosts.
import type { DatasetSummary } from '../../../common/domain/dataset'
import type { ValidationReport } from '../../../common/domain/mapping'
import type { DatasetProfile, PaymentsOverview } from '../../../common/domain/profile'
import { describeValidation } from './mappingFile'
import { formatCount, type CliCommand } from './types'

type ProfileValue =
  | { kind: 'dataset'; profile: DatasetProfile }
  | { kind: 'project'; datasets: DatasetSummary[]; overview: PaymentsOverview | null; validation: ValidationReport | null }

export const profileCommand: CliCommand = {
  summary: "Profile the project's datasets and mapped payments (or one dataset's columns).",
  usage: 'profile [--dataset NAME]',
  options: { dataset: { type: 'string', description: 'profile the columns of this dataset' } },
  async run(engine, _positionals, options) {
    if (typeof options.dataset === 'string') {
      const profile = await engine.profileDataset({ dataset: options.dataset })
      return profile.ok ? { ok: true, value: { kind: 'dataset', profile: profile.value } } : profile
    }
    const datasets = await engine.listDatasets({})
    if (!datasets.ok) return datasets
    const mapping = await engine.getMapping({})
    const mapped = mapping.ok && mapping.value?.roles.payments !== undefined
    const overview = mapped ? await engine.paymentsOverview({}) : null
    if (overview !== null && !overview.ok) return overview
    const validation = mapped ? await engine.validateData({}) : null
    if (validation !== null && !validation.ok) return validation
    return { ok: true, value: { kind: 'project', datasets: datasets.value, overview: overview?.value ?? null, validation: validation?.value ?? null } }
  },
  human: (value: ProfileValue) => (value.kind === 'dataset' ? describeDataset(value.profile) : describeProject(value)),
}

function describeDataset(profile: DatasetProfile): string {
  const lines = [`Dataset "${profile.dataset}": ${formatCount(profile.rows)} rows`]
  for (const c of profile.columns) {
    const range = c.min === null ? '' : `  ${c.min} … ${c.max}`
    const median = c.quantiles.p50 === undefined ? '' : `  median ${c.quantiles.p50}`
    lines.push(`  ${c.name.padEnd(24)} ${c.type.padEnd(14)} nulls ${formatCount(c.nulls).padStart(8)}  distinct ≈${formatCount(c.distinct).padStart(8)}${range}${median}`)
    const top = c.topValues.slice(0, 3).map((t) => `${t.value ?? '∅'} (${formatCount(t.count)})`).join(', ')
    if (c.distinct <= 50) lines.push(`  ${''.padEnd(24)} top: ${top}`)
  }
  return lines.join('\n')
}

function describeProject(value: Extract<ProfileValue, { kind: 'project' }>): string {
  const lines = value.datasets.length === 0 ? ['No datasets yet: cashback-lab import <files…>'] : ['Datasets:']
  for (const d of value.datasets) lines.push(`  ${d.name.padEnd(24)} ${formatCount(d.rows).padStart(12)} rows  ${d.columns.length} columns  from ${d.source.fileName} (${d.source.format}, ${d.source.mode}${d.source.rejectedRows > 0 ? `, ${formatCount(d.source.rejectedRows)} rejected` : ''})`)
  const o = value.overview
  if (o === null) {
    lines.push('', 'Payments are not mapped yet: cashback-lab map --suggest DATASET > mapping.json, edit, then cashback-lab map --mapping mapping.json')
    return lines.join('\n')
  }
  lines.push('', `Payments: ${formatCount(o.rows)} from ${formatCount(o.users)} users, ${o.firstLocal ?? '?'} … ${o.lastLocal ?? '?'} (local time)`)
  for (const [label, rows] of [['country', o.byCountry], ['rail', o.byRail], ['kind', o.byKind], ['status', o.byStatus]] as const) {
    lines.push(`  by ${label}: ${rows.map((r) => `${r.key ?? '∅'} ${formatCount(r.payments)}`).join(', ')}`)
  }
  if (value.validation !== null) lines.push('', describeValidation(value.validation))
  return lines.join('\n')
}
