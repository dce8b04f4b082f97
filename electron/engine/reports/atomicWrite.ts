// Atomic writes of export files (text or bytes): temp file beside the target, fsync, rename.
// `overwrite: false` refuses an existing target (the CLI without --force). Layer: electron/engine.
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { EngineError } from '../engineError'

export function writeExportAtomic(target: string, content: string | Uint8Array, options: { overwrite: boolean } = { overwrite: true }): void {
  if (!options.overwrite && existsSync(target)) throw new EngineError('CONFLICT', `${target} already exists; choose another name or allow overwriting (--force).`)
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`)
  try {
    writeFileSync(temp, content, { flag: 'wx' })
    const fd = openSync(temp, 'r+')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    if (options.overwrite) renameSync(temp, target)
    else {
      // link() fails if the target appeared meanwhile: never replace a file we were told to keep.
      linkSync(temp, target)
      rmSync(temp, { force: true })
    }
  } catch (error) {
    rmSync(temp, { force: true })
    if (error instanceof EngineError) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw new EngineError('CONFLICT', `${target} already exists; choose another name or allow overwriting (--force).`)
    throw new EngineError('IO_ERROR', `Cannot write ${target}: ${code ?? (error as Error).message}.`, { cause: error })
  }
}
