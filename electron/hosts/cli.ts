// The batch command line: `cashback-lab <command> [--project DIR] [--json]`. Layer: electron/hosts.
// Prints human text by default and one JSON Result with --json; exit 0 ok, 1 failed, 2 bad usage.
import { parseArgs } from 'node:util'
import type { EngineInfo, Result } from '../../common/contract'
import { createEngine, type Engine } from '../engine/engine'
import { toErrorInfo } from '../engine/engineError'
import { defaultProjectDir } from '../engine/project/paths'
import { APP_VERSION } from '../engine/version'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env?: NodeJS.ProcessEnv
}

interface Command {
  summary: string
  run: (engine: Engine, positionals: string[]) => Promise<Result<unknown>>
  human: (value: never) => string
}

const COMMANDS: Record<string, Command> = {
  info: {
    summary: 'Show the engine, DuckDB version, project folder and database settings.',
    run: (engine) => engine.getEngineInfo({}),
    human: (info: EngineInfo) =>
      [
        `Cashback Lab ${info.appVersion} (${info.host}, ${info.platform}, Node ${info.nodeVersion})`,
        `DuckDB        ${info.duckdbVersion}`,
        `Project       ${info.project.name}  ${info.project.dir}`,
        `Database      ${info.project.databasePath}`,
        `Memory limit  ${info.settings.memoryLimit}`,
        `Threads       ${info.settings.threads}`,
        `Temp folder   ${info.settings.tempDirectory}`,
        `Extensions    autoinstall ${onOff(info.settings.autoinstallKnownExtensions)}, autoload ${onOff(info.settings.autoloadKnownExtensions)}`,
      ].join('\n'),
  },
}

const USAGE = `Usage: cashback-lab <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(10)} ${command.summary}`)
  .join('\n')}

Options:
  --project DIR        project folder (default: the app's default project)
  --json               print one machine-readable JSON result on stdout
  --memory-limit SIZE  DuckDB memory limit, e.g. 4GB (default: half of this machine's memory)
  --threads N          DuckDB worker threads (default: all cores)
  --version            print the version
  -h, --help           print this help
`

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json')
  const usageError = (message: string): number => {
    if (json) io.stdout(`${JSON.stringify({ ok: false, error: { code: 'INVALID_REQUEST', message } }, null, 2)}\n`)
    io.stderr(`cashback-lab: ${message}\n\n${USAGE}`)
    return 2
  }
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        project: { type: 'string' },
        json: { type: 'boolean', default: false },
        'memory-limit': { type: 'string' },
        threads: { type: 'string' },
        version: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (error) {
    return usageError((error as Error).message)
  }
  const { values, positionals } = parsed
  if (values.help) {
    io.stdout(USAGE)
    return 0
  }
  if (values.version) {
    io.stdout(`${APP_VERSION}\n`)
    return 0
  }
  const [name, ...rest] = positionals
  if (name === undefined) return usageError('No command given.')
  const command = COMMANDS[name]
  if (command === undefined) return usageError(`Unknown command "${name}".`)
  const threads = values.threads === undefined ? undefined : Number(values.threads)
  if (threads !== undefined && !Number.isInteger(threads)) return usageError(`--threads takes a whole number, got "${values.threads}".`)

  let engine: Engine | undefined
  let result: Result<unknown>
  try {
    engine = await createEngine({
      projectDir: values.project ?? defaultProjectDir(io.env),
      host: 'cli',
      memoryLimit: values['memory-limit'],
      threads,
    })
    result = await command.run(engine, rest)
  } catch (error) {
    result = { ok: false, error: toErrorInfo(error) }
  } finally {
    await engine?.close()
  }

  if (json) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`)
  } else if (result.ok) {
    io.stdout(`${command.human(result.value as never)}\n`)
  } else {
    io.stderr(`cashback-lab ${name}: ${result.error.message} [${result.error.code}]\n`)
  }
  return result.ok ? 0 : 1
}

function onOff(flag: boolean): string {
  return flag ? 'on' : 'off'
}
