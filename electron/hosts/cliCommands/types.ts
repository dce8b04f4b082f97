// What a CLI command is: its options, how it runs on an engine, how its result reads as text.
// Layer: electron/hosts.
import type { Result } from '../../../common/contract'
import type { Engine } from '../../engine/engine'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env?: NodeJS.ProcessEnv
}

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; description: string; multiple?: boolean }>
export type OptionValues = Record<string, string | boolean | string[] | undefined>

export interface CliCommand {
  summary: string
  usage: string
  options: OptionSpec
  run: (engine: Engine, positionals: string[], options: OptionValues, io: CliIo & { json: boolean }) => Promise<Result<unknown>>
  /** The result as text: human by default; a command may honour its own options (e.g. --csv). */
  human: (value: never, options: OptionValues) => string
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US')
}
