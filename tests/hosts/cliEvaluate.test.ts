// `cashback-lab evaluate` on a small mapped project: text, --scope, --csv tables (formula-guarded
// text, numbers as numbers) and the bad flag combinations.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { mappedCliProject, type CliProject } from '../helpers/cliProject'
import { tempDir } from '../helpers/tempDir'

const root = tempDir('cli-evaluate')
const campaignFile = join(root, 'campaign.json')
let cli: CliProject['cli']

beforeAll(async () => {
  ;({ cli } = await mappedCliProject(root))
  writeFileSync(campaignFile, JSON.stringify({ name: '₹11 flat', countries: ['IN'], window: { start: '2022-03-31T18:30:00Z', end: '2022-04-30T18:30:00Z' }, reward: { type: 'flat', amount: 11 } }))
})

describe('cashback-lab evaluate', () => {
  it('prints the cost per country and the funnel', async () => {
    const { code, stdout } = await cli('evaluate', '--campaign', campaignFile, '--scope', 'all')
    expect(code).toBe(0)
    expect(stdout).toContain('₹11 flat (everyone: full rollout): rewarded 2 payments of 2 users')
    expect(stdout).toMatch(/IN {2}INR 22\.00 accrued/)
    expect(stdout).toContain('Eligibility funnel:')
  })

  it('prints a table as CSV: local dates, numbers unquoted, a user id that looks like a formula guarded', async () => {
    const daily = await cli('evaluate', '--campaign', campaignFile, '--csv', '--table', 'daily')
    expect(daily.code).toBe(0)
    // p2 at 23:00 IST on 2 April is still 2 April locally.
    expect(daily.stdout.trim().split('\r\n')).toEqual(['date,country,currency,rewarded_payments,accrued,budget_spent', '2022-04-01,IN,INR,1,11,', '2022-04-02,IN,INR,1,11,'])
    const top = await cli('evaluate', '--campaign', campaignFile, '--csv', '--table', 'top')
    expect(top.stdout).toContain("IN,INR,'=u2,1,11")
  })

  it('refuses a bad scope and --table without --csv', async () => {
    const scope = await cli('evaluate', '--campaign', campaignFile, '--scope', 'everyone')
    expect(scope.code).toBe(1)
    expect(scope.stderr).toContain('--scope is treatment or all')
    const table = await cli('evaluate', '--campaign', campaignFile, '--table', 'daily')
    expect(table.code).toBe(1)
    expect(table.stderr).toContain('--table goes with --csv')
  })
})
