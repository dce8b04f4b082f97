// Command-line flags of `npm run datasets`: parsing and validation with clear messages.
// Layer: datasets (build-time generator). Pure: no I/O, so tests can call it directly.
import { join } from 'node:path'
import type { GenerateOptions } from './generate'

export const USAGE = `Usage: npm run datasets -- --users N [options]

Generates payments.parquet, users.parquet, fx_rates.parquet and manifest.json
(India/UPI and Brazil/Pix, with a cashback experiment of known true effects).

Options:
  --users N        number of users, ${100} … ${(20_000_000).toLocaleString('en-US')} (required)
  --seed S         random seed, integer 0 … 4294967295 (default 42)
  --out DIR        output folder (default datasets/out/users-N-seed-S)
  --payers X       scales the share of users who already pay, 0 < X ≤ 4 (default 1: IN 22 %,
                   BR 18 %, ≈ 11 payments per user; the committed sample uses 0.5)
  --threads T      DuckDB threads (default: all cores)
  --csv            also write CSV copies (for import benchmarks)
  -h, --help       show this help`

export class UsageError extends Error {}

export interface CliOptions extends GenerateOptions {
  help: boolean
}

const VALUED = new Set(['users', 'seed', 'out', 'payers', 'threads'])
const BOOLEAN = new Set(['csv', 'help'])

function integer(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw.replaceAll('_', ''))) throw new UsageError(`--${name} must be a whole number, got "${raw}"`)
  const value = Number(raw.replaceAll('_', ''))
  if (value < min || value > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${value}`)
  return value
}

/** Parses argv (without node and script); throws UsageError with a message for the user. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const seen = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '-h') { seen.set('help', 'true'); continue }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg)
    if (match === null) throw new UsageError(`Unexpected argument "${arg}" (flags start with --)`)
    const name = match[1] ?? ''
    if (!VALUED.has(name) && !BOOLEAN.has(name)) throw new UsageError(`Unknown option --${name}`)
    if (seen.has(name)) throw new UsageError(`--${name} is given twice`)
    if (BOOLEAN.has(name)) {
      if (match[2] !== undefined) throw new UsageError(`--${name} takes no value`)
      seen.set(name, 'true')
      continue
    }
    const value = match[2] ?? argv[++i]
    if (value === undefined || value === '' || value.startsWith('--')) throw new UsageError(`--${name} needs a value`)
    seen.set(name, value)
  }
  const help = seen.has('help')
  const rawUsers = seen.get('users')
  if (rawUsers === undefined && !help) throw new UsageError('--users is required')
  const users = rawUsers === undefined ? 0 : integer('users', rawUsers, 100, 20_000_000)
  const seed = integer('seed', seen.get('seed') ?? '42', 0, 4_294_967_295)
  const rawPayers = seen.get('payers') ?? '1'
  const payers = /^\d*\.?\d+$/.test(rawPayers) ? Number(rawPayers) : Number.NaN
  if (!(payers > 0 && payers <= 4)) throw new UsageError(`--payers must be a number in (0, 4], got "${rawPayers}"`)
  const rawThreads = seen.get('threads')
  const threads = rawThreads === undefined ? undefined : integer('threads', rawThreads, 1, 256)
  const outDir = seen.get('out') ?? join('datasets', 'out', `users-${users}-seed-${seed}`)
  return { help, users, seed, payers, outDir, csv: seen.has('csv'), threads }
}
