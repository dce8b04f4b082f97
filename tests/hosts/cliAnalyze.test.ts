// `cashback-lab analyze` on the bundled sample (seeded once): a table per country, --json, --cuped,
// arm/control options, and clear refusals for bad usage.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { experimentAnalysisSchema } from '../../common/domain/analysis'
import { createEngine } from '../../electron/engine/engine'
import { runCli } from '../../electron/hosts/cli'

let dir: string

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli([...argv, '--project', dir, '--threads', '2'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { CASHBACK_LAB_HOME: join(dir, 'home') } })
  return { code, stdout, stderr }
}

const WINDOWS = ['--window', '2024-09-02..2024-09-16', '--pre-window', '2024-08-05..2024-09-02', '--post-window', '2024-09-30..2024-10-28']

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cli-analyze-'))
  const engine = await createEngine({ projectDir: dir, host: 'test', seedFrom: resolve('datasets/sample'), threads: 2 })
  await engine.close()
}, 240_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('cashback-lab analyze', () => {
  it('prints a lift table per country with SRM per country', async () => {
    const { code, stdout, stderr } = await cli('analyze', ...WINDOWS, '--metrics', 'adopted,retained')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toContain('flat_large, flat_small, pct10 vs control "control"')
    expect(stdout).toMatch(/^Users IN: control 24,024, flat_large 24,024, flat_small 24,024, pct10 24,024; SRM p = 1\.0000$/m)
    expect(stdout).toMatch(/^Country BR$/m)
    expect(stdout).toMatch(/^Country IN$/m)
    expect(stdout).toMatch(/Adopted \(≥ 1 successful payment\)\s+flat_large\s+24,024\s+24,024\s+12\.18 %\s+14\.75 %/)
    expect(stdout).not.toContain('NaN')
    expect(stdout).not.toContain('Infinity')
  })

  it('marks CUPED rows and takes another control arm', async () => {
    const { code, stdout } = await cli('analyze', ...WINDOWS, '--metrics', 'adopted', '--cuped', '--control', 'flat_small')
    expect(code).toBe(0)
    expect(stdout).toContain('control, flat_large, pct10 vs control "flat_small", CUPED on')
    expect(stdout).toContain('Adopted (≥ 1 successful payment) (CUPED)')
  })

  it('prints one JSON Result with --json, valid against the response schema', async () => {
    const { code, stdout } = await cli('analyze', ...WINDOWS, '--metrics', 'payments', '--json', '--correction', 'bh')
    expect(code).toBe(0)
    const result = JSON.parse(stdout) as { ok: boolean; value: unknown }
    expect(result.ok).toBe(true)
    const parsed = experimentAnalysisSchema.safeParse(result.value)
    expect(parsed.success).toBe(true)
    expect(parsed.data?.options.correction).toBe('bh')
  })

  it('refuses a missing arm column, an unknown control and bad options with a message', async () => {
    const noColumn = await cli('analyze', ...WINDOWS, '--arm', 'variant')
    expect(noColumn.code).toBe(1)
    expect(noColumn.stderr).toMatch(/no column "variant"/)
    const noControl = await cli('analyze', ...WINDOWS, '--control', 'nobody', '--metrics', 'adopted')
    expect(noControl.code).toBe(1)
    expect(noControl.stderr).toMatch(/"nobody" is not an arm of "arm"/)
    expect((await cli('analyze', '--window', '2024-09-02')).stderr).toMatch(/--window is START\.\.END/)
    expect((await cli('analyze', ...WINDOWS, '--metrics', 'clicks')).stderr).toMatch(/Unknown metric clicks/)
    expect((await cli('analyze', ...WINDOWS, '--scenario', 'nope')).stderr).toMatch(/No saved scenario is called "nope"/)
    const noWindow = await cli('analyze', '--metrics', 'adopted')
    expect(noWindow.code).toBe(1)
    expect(noWindow.stderr).toMatch(/Choose the analysis window/)
  })
})
