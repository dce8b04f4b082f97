// `cashback-lab evaluate` on a small mapped project: text, --scope, --csv tables (formula-guarded
// text, numbers as numbers) and the bad flag combinations.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../electron/engine/engine'
import { runCli } from '../../electron/hosts/cli'
import { tempDir } from '../helpers/tempDir'

const root = tempDir('cli-evaluate')
const project = join(root, 'project')
const campaignFile = join(root, 'campaign.json')

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli([...argv, '--project', project, '--threads', '1'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { CASHBACK_LAB_HOME: join(root, 'home') } })
  return { code, stdout, stderr }
}

beforeAll(async () => {
  const engine = await createEngine({ projectDir: project, host: 'test', threads: 1 })
  const path = join(root, 'upi.csv')
  writeFileSync(path, ['payment_id,user_id,paid_at,amount,status', 'p1,u1,2022-04-01 10:00:00,100.00,SUCCESS', 'p2,=u2,2022-04-02 23:00:00,50.00,SUCCESS', ''].join('\n'))
  const staged = await engine.stageImport({ fileId: engine.registerFile(path).fileId, datasetName: 'upi' })
  if (!staged.ok) throw new Error(staged.error.message)
  await engine.commitImport({ importId: staged.value.importId })
  const mapped = await engine.saveMapping({
    mapping: { roles: { payments: { dataset: 'upi', columns: { payment_id: 'payment_id', user_id: 'user_id', ts: 'paid_at', amount: 'amount', status: 'status' }, constants: { country: 'IN', rail: 'UPI', kind: 'P2P' } } } },
  })
  if (!mapped.ok) throw new Error(mapped.error.message)
  await engine.close()
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
