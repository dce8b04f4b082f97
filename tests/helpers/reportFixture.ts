// The sample project's report input (scenario evaluations, the experiment analysis, provenance),
// captured once from datasets/sample and frozen in tests/fixtures/report/, with a frozen clock.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { ReportInput } from '../../common/report/buildReport'

export const FROZEN_NOW = new Date('2026-11-27T12:00:00.000Z')

export function sampleReportInput(): ReportInput {
  const raw = JSON.parse(readFileSync(resolve('tests/fixtures/report/sampleReportInput.json'), 'utf8')) as Omit<ReportInput, 'title' | 'author' | 'now'>
  return { ...raw, title: 'UPI and Pix cashback — sample', author: 'Growth analytics', now: () => FROZEN_NOW }
}
