// `cashback-lab map`: apply a mapping file and validate, or print a suggested mapping to start
// one from. Layer: electron/hosts.
import type { ProjectMapping, RoleName, ValidationReport } from '../../../common/domain/mapping'
import { roleNameSchema } from '../../../common/domain/mapping'
import { describeValidation, readMappingFile } from './mappingFile'
import type { CliCommand } from './types'

export const mapCommand: CliCommand = {
  summary: 'Map datasets to payments/users/fx_rates from a mapping file and validate, or suggest a mapping.',
  usage: 'map --mapping FILE | map --suggest DATASET [--role payments|users|fx_rates]',
  options: {
    mapping: { type: 'string', description: 'a mapping JSON file (see --suggest)' },
    suggest: { type: 'string', description: 'print a suggested mapping for this dataset' },
    role: { type: 'string', description: 'the role to suggest for (default payments)' },
  },
  async run(engine, _positionals, options) {
    if (typeof options.suggest === 'string') {
      const role = roleNameSchema.safeParse(options.role ?? 'payments')
      if (!role.success) return { ok: false, error: { code: 'INVALID_REQUEST', message: '--role is payments, users or fx_rates.' } }
      const suggestion = await engine.suggestMapping({ dataset: options.suggest, role: role.data })
      if (!suggestion.ok) return suggestion
      const existing = await engine.getMapping({})
      const base: ProjectMapping = existing.ok && existing.value !== null ? existing.value : { roles: {}, countries: { IN: { currency: 'INR', timeZone: 'Asia/Kolkata' }, BR: { currency: 'BRL', timeZone: 'America/Sao_Paulo' } } }
      return { ok: true, value: { kind: 'suggestion', mapping: { ...base, roles: { ...base.roles, [role.data as RoleName]: suggestion.value.mapping } }, reasons: suggestion.value.reasons } }
    }
    if (typeof options.mapping !== 'string') return { ok: false, error: { code: 'INVALID_REQUEST', message: 'Give --mapping FILE to apply, or --suggest DATASET to start one.' } }
    const mapping = readMappingFile(options.mapping)
    if (!mapping.ok) return mapping
    const report = await engine.saveMapping({ mapping: mapping.value })
    if (!report.ok) return report
    return { ok: true, value: { kind: 'validation', report: report.value } }
  },
  human: (value: { kind: 'suggestion'; mapping: ProjectMapping } | { kind: 'validation'; report: ValidationReport }) =>
    value.kind === 'suggestion' ? JSON.stringify(value.mapping, null, 2) : describeValidation(value.report),
}
