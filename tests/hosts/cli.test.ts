// The CLI: human and --json output, exit codes, clear messages on bad usage and bad projects;
// once in-process and once as the real `cashback-lab` bin a user runs.
import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../electron/hosts/cli'
import { tempDir } from '../helpers/tempDir'

const root = tempDir('cli')

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { CASHBACK_LAB_HOME: join(root, 'home') } })
  return { code, stdout, stderr }
}

describe('runCli', () => {
  it('prints engine info as text', async () => {
    const { code, stdout, stderr } = await cli('info', '--project', join(root, 'p1'), '--threads', '1')
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(stdout).toMatch(/^DuckDB\s+v1\.\d+\.\d+$/m)
    expect(stdout).toContain(`Project       p1  ${join(root, 'p1')}`)
    expect(stdout).toMatch(/^Threads\s+1$/m)
    expect(stdout).toContain('autoinstall off, autoload off')
  })

  it('prints one JSON Result with --json', async () => {
    const { code, stdout } = await cli('info', '--json', '--project', join(root, 'p2'), '--memory-limit', '2GB')
    expect(code).toBe(0)
    const result = JSON.parse(stdout) as { ok: boolean; value: { host: string; settings: { memoryLimit: string } } }
    expect(result.ok).toBe(true)
    expect(result.value.host).toBe('cli')
    expect(result.value.settings.memoryLimit).toBe('1.8 GiB')
  })

  it('uses the default project under the app data folder', async () => {
    const { code, stdout } = await cli('info')
    expect(code).toBe(0)
    expect(stdout).toContain(join(root, 'home', 'projects', 'default'))
  })

  it('exits 2 with usage on an unknown command, a missing command or an unknown flag', async () => {
    for (const argv of [['frobnicate'], [], ['info', '--colour']]) {
      const { code, stderr } = await cli(...argv)
      expect(code, argv.join(' ')).toBe(2)
      expect(stderr).toContain('Usage: cashback-lab <command>')
    }
    expect((await cli('frobnicate')).stderr).toContain('Unknown command "frobnicate"')
    expect((await cli('info', '--colour')).stderr).toContain("'--colour'")
  })

  it('keeps stdout machine-readable for usage errors with --json', async () => {
    const { code, stdout } = await cli('frobnicate', '--json')
    expect(code).toBe(2)
    expect(JSON.parse(stdout)).toEqual({ ok: false, error: { code: 'INVALID_REQUEST', message: 'Unknown command "frobnicate".' } })
  })

  it('exits 1 with a clear message when the project folder is a file', async () => {
    const file = join(root, 'file.txt')
    writeFileSync(file, 'x')
    const { code, stdout, stderr } = await cli('info', '--project', file)
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toBe(`cashback-lab info: ${file} is a file, not a folder; choose a folder for the project. [INVALID_REQUEST]\n`)
  })

  it('exits 1 with a clear message on a bad memory limit, also with --json', async () => {
    const { code, stdout } = await cli('info', '--json', '--project', join(root, 'p3'), '--memory-limit', 'huge')
    expect(code).toBe(1)
    const result = JSON.parse(stdout) as { ok: false; error: { code: string; message: string } }
    expect(result.error.code).toBe('INVALID_REQUEST')
    expect(result.error.message).toContain('memory limit "huge" is not a size')
  })

  it('prints help and version', async () => {
    expect((await cli('--help')).stdout).toContain('Commands:')
    expect((await cli('--version')).stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
  })
})

describe('the cashback-lab bin', () => {
  beforeAll(async () => {
    const { buildNodeHosts } = (await import('../../scripts/buildNode.mjs')) as { buildNodeHosts: () => Promise<void> }
    await buildNodeHosts()
  }, 60_000)

  it('runs `cashback-lab info --json` as a user would', async () => {
    const run = promisify(execFile)
    const { stdout } = await run(process.execPath, ['bin/cashback-lab.js', 'info', '--json', '--project', join(root, 'bin')])
    const result = JSON.parse(stdout) as { ok: boolean; value: { appVersion: string; duckdbVersion: string } }
    expect(result.ok).toBe(true)
    expect(result.value.duckdbVersion).toMatch(/^v1\./)
  })

  it('exits non-zero with the message on stderr for a bad project', async () => {
    const file = join(root, 'bin-file.txt')
    writeFileSync(file, 'x')
    const run = promisify(execFile)
    await expect(run(process.execPath, ['bin/cashback-lab.js', 'info', '--project', file])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('is a file, not a folder'),
    })
  })
})

describe('cashback-lab evaluate', () => {
  it('refuses a campaign file field by field, and a missing file', async () => {
    const bad = join(root, 'bad-campaign.json')
    writeFileSync(bad, JSON.stringify({ name: 'x', countries: ['XX'], window: { start: '2024-02-01T00:00:00Z', end: '2024-01-01T00:00:00Z' }, reward: { type: 'percent', percent: 150 } }))
    const { code, stderr } = await cli('evaluate', '--campaign', bad, '--project', join(root, 'ev'))
    expect(code).toBe(1)
    expect(stderr).toContain('countries.0: Unknown country (IN or BR).')
    expect(stderr).toContain('window.end: The window must end after it starts')
    expect(stderr).toContain('reward.percent: A percent reward cannot exceed 100 %.')
    const missing = await cli('evaluate', '--campaign', join(root, 'nope.json'), '--project', join(root, 'ev'))
    expect(missing.stderr).toContain('Cannot read the campaign file')
  })

  it('names the missing mapping', async () => {
    const good = join(root, 'campaign.json')
    writeFileSync(good, JSON.stringify({ name: 'Pix R$2', countries: ['BR'], window: { start: '2024-01-01T03:00:00Z', end: '2024-02-01T03:00:00Z' }, reward: { type: 'flat', amount: 2 } }))
    const { code, stderr } = await cli('evaluate', '--campaign', good, '--project', join(root, 'ev'))
    expect(code).toBe(1)
    expect(stderr).toContain('Map a dataset to payments first')
  })
})
