// Files the user chose (dialog, drop, upload, CLI argument), known to the engine by an opaque id,
// so that no transport ever carries a raw path from the renderer. Layer: electron/engine.
import { randomUUID } from 'node:crypto'
import { accessSync, constants, openSync, closeSync, readdirSync, statSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { EngineError } from '../engineError'

export interface RegisteredFile {
  fileId: string
  name: string
  path: string
  sizeBytes: number
  /** A folder of Parquet files (imported or linked as one dataset). */
  isFolder: boolean
}

export class FileRegistry {
  private readonly files = new Map<string, RegisteredFile>()

  /** Check the path can be read and remember it. Errors say what is wrong and what to do. */
  register(rawPath: string): RegisteredFile {
    const path = resolve(rawPath)
    const stats = statSync(path, { throwIfNoEntry: false })
    if (stats === undefined) {
      throw new EngineError('NOT_FOUND', `No file at ${path}. Check the path, or choose the file again.`, { details: { path } })
    }
    if (stats.isDirectory()) return this.remember(path, parquetFolderSize(path), true)
    if (!stats.isFile()) {
      throw new EngineError('INVALID_REQUEST', `${path} is not a regular file (a device, socket or pipe). Choose a data file.`, { details: { path } })
    }
    assertReadable(path)
    return this.remember(path, stats.size, false)
  }

  get(fileId: string): RegisteredFile {
    const file = this.files.get(fileId)
    if (file === undefined) {
      throw new EngineError('NOT_FOUND', 'That file is no longer known to this session; choose it again.', { details: { fileId } })
    }
    return file
  }

  private remember(path: string, sizeBytes: number, isFolder: boolean): RegisteredFile {
    const file: RegisteredFile = { fileId: randomUUID(), name: basename(path), path, sizeBytes, isFolder }
    this.files.set(file.fileId, file)
    return file
  }
}

function assertReadable(path: string): void {
  try {
    accessSync(path, constants.R_OK)
    // access() can say yes where open() says no (ACLs, network shares): really open it.
    closeSync(openSync(path, 'r'))
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code
    throw new EngineError('IO_ERROR', `${path} cannot be read (${code ?? 'unknown error'}). Check its permissions, or copy it somewhere you can read.`, {
      cause,
      details: { path, errno: code },
    })
  }
}

/** Total size of the Parquet files in a folder (recursively); a folder without any is refused. */
function parquetFolderSize(folder: string): number {
  let total = 0
  let count = 0
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.toLowerCase().endsWith('.parquet')) {
      total += statSync(resolve(entry.parentPath, entry.name)).size
      count += 1
    }
  }
  if (count === 0) {
    throw new EngineError('INVALID_REQUEST', `${folder} is a folder with no .parquet files in it. Choose a data file, or a folder of Parquet files.`, {
      details: { path: folder },
    })
  }
  return total
}
