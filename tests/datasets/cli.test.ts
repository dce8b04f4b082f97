// Flags of `npm run datasets`: defaults, validation messages, and the CLI's exit codes.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseArgs, UsageError } from '../../datasets/generator/args'

describe('parseArgs', () => {
  it('applies defaults', () => {
    expect(parseArgs(['--users', '1000'])).toEqual({
      help: false, users: 1000, seed: 42, payers: 1, csv: false, threads: undefined,
      outDir: join('datasets', 'out', 'users-1000-seed-42'),
    })
  })

  it('accepts --flag=value, digit separators and every option', () => {
    expect(parseArgs(['--users=200_000', '--seed', '7', '--out', '/tmp/x', '--payers', '0.5', '--threads=2', '--csv'])).toEqual({
      help: false, users: 200_000, seed: 7, payers: 0.5, csv: true, threads: 2, outDir: '/tmp/x',
    })
  })

  it.each([
    [[], '--users is required'],
    [['--users', 'many'], '--users must be a whole number, got "many"'],
    [['--users', '10'], '--users must be between 100 and 20000000, got 10'],
    [['--users', '1000', '--seed', '-1'], '--seed must be a whole number, got "-1"'],
    [['--users', '1000', '--seed', '--csv'], '--seed needs a value'],
    [['--users', '1000', '--seed', '1.5'], '--seed must be a whole number, got "1.5"'],
    [['--users', '1000', '--payers', '0'], '--payers must be a number in (0, 4], got "0"'],
    [['--users', '1000', '--payers', 'lots'], '--payers must be a number in (0, 4], got "lots"'],
    [['--users', '1000', '--rows', '5'], 'Unknown option --rows'],
    [['--users', '1000', '--users', '5'], '--users is given twice'],
    [['--users', '1000', '--out'], '--out needs a value'],
    [['--users', '1000', '--csv=yes'], '--csv takes no value'],
    [['1000'], 'Unexpected argument "1000" (flags start with --)'],
  ])('rejects %j: %s', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new UsageError(message))
  })
})

describe('cli', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join('datasets', 'generator', 'cli.ts'), ...args], { encoding: 'utf8', timeout: 30_000 })

  it('exits 2 with the message and the usage on a bad flag', () => {
    const result = run('--users', '10')
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('error: --users must be between 100 and 20000000, got 10')
    expect(result.stderr).toContain('Usage: npm run datasets -- --users N')
  })

  it('prints the usage with --help and exits 0', () => {
    const result = run('--help')
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('--payers X')
  })
})
