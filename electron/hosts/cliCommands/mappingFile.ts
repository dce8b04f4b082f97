// Mapping files for the CLI: a ProjectMapping as JSON, read with a message that names the file
// and the exact field that is wrong. Layer: electron/hosts.
import { readFileSync } from 'node:fs'
import type { Result } from '../../../common/contract'
import { projectMappingSchema, type ProjectMapping, type ValidationReport } from '../../../common/domain/mapping'
import { formatCount } from './types'

export function readMappingFile(path: string): Result<ProjectMapping> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    return { ok: false, error: { code: 'NOT_FOUND', message: `Cannot read the mapping file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.` } }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return { ok: false, error: { code: 'INVALID_REQUEST', message: `The mapping file ${path} is not valid JSON: ${(error as Error).message}.` } }
  }
  const parsed = projectMappingSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    return { ok: false, error: { code: 'INVALID_REQUEST', message: `The mapping file ${path} is not a Cashback Lab mapping: at ${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}. Write one with "cashback-lab map --suggest DATASET > ${path}".` } }
  }
  return { ok: true, value: parsed.data }
}

export function describeValidation(report: ValidationReport): string {
  const lines = [`Mapped rows: ${Object.entries(report.rows).map(([role, n]) => `${role} ${formatCount(n)}`).join(', ')}`]
  for (const check of report.checks) {
    const mark = check.severity === 'ok' ? 'ok  ' : check.severity === 'error' ? 'ERR ' : 'warn'
    lines.push(`  ${mark} ${check.title}${check.count > 0 ? `: ${formatCount(check.count)}` : ''}`)
    for (const example of check.examples.slice(0, 3)) lines.push(`         e.g. ${Object.entries(example).map(([k, v]) => `${k}=${v ?? '∅'}`).join(' ')}`)
  }
  return lines.join('\n')
}
