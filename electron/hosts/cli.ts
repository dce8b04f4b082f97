// The batch command line: `cashback-lab <command> [--project DIR] [--json]`. Layer: electron/hosts.
// Prints human text by default and one JSON Result with --json; exit 0 ok, 1 failed, 2 bad usage.
import { parseArgs } from 'node:util'
import type { Result } from '../../common/contract'
import { createEngine, type Engine } from '../engine/engine'
import { toErrorInfo } from '../engine/engineError'
import { defaultProjectDir } from '../engine/project/paths'
import { APP_VERSION } from '../engine/version'
import { analyzeCommand } from './cliCommands/analyze'
import { evaluateCommand } from './cliCommands/evaluate'
import { importCommand } from './cliCommands/import'
import { infoCommand } from './cliCommands/info'
import { mapCommand } from './cliCommands/map'
import { profileCommand } from './cliCommands/profile'
import { reportCommand } from './cliCommands/report'
import type { CliCommand, CliIo, OptionSpec, OptionValues } from './cliCommands/types'

export type { CliIo }

const COMMANDS: Record<string, CliCommand> = {
  info: infoCommand,
  import: importCommand,
  map: mapCommand,
  profile: profileCommand,
  evaluate: evaluateCommand,
  analyze: analyzeCommand,
  report: reportCommand,
}

const GLOBAL_OPTIONS: OptionSpec = {
  project: { type: 'string', description: "project folder (default: the app's default project)" },
  json: { type: 'boolean', description: 'print one machine-readable JSON result on stdout' },
  'memory-limit': { type: 'string', description: "DuckDB memory limit, e.g. 4GB (default: half of this machine's memory)" },
  threads: { type: 'string', description: 'DuckDB worker threads (default: all cores)' },
  version: { type: 'boolean', description: 'print the version' },
  help: { type: 'boolean', description: 'print this help' },
}

function optionLines(spec: OptionSpec): string {
  return Object.entries(spec)
    .map(([name, o]) => `  --${`${name}${o.type === 'string' ? ' X' : ''}`.padEnd(20)} ${o.description}`)
    .join('\n')
}

const USAGE = `Usage: cashback-lab <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(10)} ${command.summary}\n             cashback-lab ${command.usage}`)
  .join('\n')}

Options for every command:
${optionLines(GLOBAL_OPTIONS)}
${Object.entries(COMMANDS)
  .filter(([, c]) => Object.keys(c.options).length > 0)
  .map(([name, c]) => `\nOptions for ${name}:\n${optionLines(c.options)}`)
  .join('\n')}
`

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json')
  const usageError = (message: string): number => {
    if (json) io.stdout(`${JSON.stringify({ ok: false, error: { code: 'INVALID_REQUEST', message } }, null, 2)}\n`)
    io.stderr(`cashback-lab: ${message}\n\n${USAGE}`)
    return 2
  }
  const allOptions: OptionSpec = Object.assign({}, GLOBAL_OPTIONS, ...Object.values(COMMANDS).map((c) => c.options))
  // Commands may give the same option a different multiplicity (evaluate --campaign vs report
  // --campaign …): a first pass finds the command, the second parses with its own options.
  const parse = (spec: OptionSpec, multipleAnywhere: boolean) =>
    parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(
        Object.entries(spec).map(([k, o]) => [k, { type: o.type, multiple: multipleAnywhere ? Object.values(COMMANDS).some((c) => c.options[k]?.multiple === true) : (o.multiple ?? false), ...(k === 'help' ? { short: 'h' } : {}) }]),
      ),
    })
  let parsed
  try {
    parsed = parse(allOptions, true)
    const named = parsed.positionals[0] === undefined ? undefined : COMMANDS[parsed.positionals[0]]
    if (named !== undefined && Object.keys(parsed.values).every((k) => k in GLOBAL_OPTIONS || k in named.options)) parsed = parse({ ...GLOBAL_OPTIONS, ...named.options }, false)
  } catch (error) {
    return usageError((error as Error).message)
  }
  const { values, positionals } = parsed
  if (values.help === true) {
    io.stdout(USAGE)
    return 0
  }
  if (values.version === true) {
    io.stdout(`${APP_VERSION}\n`)
    return 0
  }
  const [name, ...rest] = positionals
  if (name === undefined) return usageError('No command given.')
  const command = COMMANDS[name]
  if (command === undefined) return usageError(`Unknown command "${name}".`)
  const foreign = Object.keys(values).filter((k) => !(k in GLOBAL_OPTIONS) && !(k in command.options))
  if (foreign.length > 0) return usageError(`${foreign.map((f) => `--${f}`).join(', ')} does not apply to "${name}".`)
  const threads = values.threads === undefined ? undefined : Number(values.threads)
  if (threads !== undefined && !Number.isInteger(threads)) return usageError(`--threads takes a whole number, got "${String(values.threads)}".`)

  let engine: Engine | undefined
  let result: Result<unknown>
  try {
    engine = await createEngine({
      projectDir: typeof values.project === 'string' ? values.project : defaultProjectDir(io.env),
      host: 'cli',
      memoryLimit: typeof values['memory-limit'] === 'string' ? values['memory-limit'] : undefined,
      threads,
    })
    result = await command.run(engine, rest, values as OptionValues, { ...io, json })
  } catch (error) {
    result = { ok: false, error: toErrorInfo(error) }
  } finally {
    await engine?.close()
  }

  if (json) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`)
  } else if (result.ok) {
    io.stdout(`${command.human(result.value as never, values as OptionValues)}\n`)
  } else {
    const outcomes = (result.error.details as { outcomes?: unknown[] } | undefined)?.outcomes
    if (outcomes !== undefined) io.stdout(`${command.human({ imports: outcomes } as never, values as OptionValues)}\n`)
    io.stderr(`cashback-lab ${name}: ${result.error.message} [${result.error.code}]\n`)
  }
  return result.ok ? 0 : 1
}
