// Engine settings: resolve options into the DuckDB configuration the project database opens with.
// Layer: electron/engine.
import { availableParallelism, totalmem } from 'node:os'
import { join } from 'node:path'
import { EngineError } from '../engineError'

export interface DatabaseSettingsInput {
  /** DuckDB size string such as "4GB" or "512MiB"; default: half of this machine's memory. */
  memoryLimit?: string | undefined
  /** Worker threads; default: the machine's available parallelism. */
  threads?: number | undefined
  /** Spill folder; default: `.tmp` inside the project folder. */
  tempDirectory?: string | undefined
}

export interface DatabaseSettings {
  memoryLimit: string
  threads: number
  tempDirectory: string
}

const SIZE_PATTERN = /^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i

export function resolveSettings(projectDir: string, input: DatabaseSettingsInput = {}): DatabaseSettings {
  const memoryLimit = input.memoryLimit?.trim() ?? defaultMemoryLimit()
  if (!SIZE_PATTERN.test(memoryLimit)) {
    throw new EngineError(
      'INVALID_REQUEST',
      `memory limit "${memoryLimit}" is not a size; write it like 4GB, 512MB or 2GiB.`,
      { details: { setting: 'memoryLimit', value: memoryLimit } },
    )
  }
  const threads = input.threads ?? availableParallelism()
  if (!Number.isInteger(threads) || threads < 1 || threads > 1024) {
    throw new EngineError('INVALID_REQUEST', `threads must be a whole number from 1 to 1024, got ${threads}.`, {
      details: { setting: 'threads', value: threads },
    })
  }
  return { memoryLimit, threads, tempDirectory: input.tempDirectory ?? join(projectDir, '.tmp') }
}

/** Half the machine's memory, in whole MiB: leaves room for the window and the analyst's other apps. */
function defaultMemoryLimit(): string {
  return `${Math.max(256, Math.floor(totalmem() / 2 / 2 ** 20))}MiB`
}

/** Options passed to DuckDBInstance.create. Extensions never auto-install (no network). */
export function duckdbConfig(settings: DatabaseSettings): Record<string, string> {
  return {
    memory_limit: settings.memoryLimit,
    threads: String(settings.threads),
    temp_directory: settings.tempDirectory,
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  }
}
