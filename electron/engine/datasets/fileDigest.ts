// The SHA-256 of a file as it is on disk, which the recipe keeps to tell a changed file.
// Layer: electron/engine.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { EngineError } from '../engineError'

/**
 * `signal`: stops the read (the promise then rejects with the AbortError), e.g. when the import it
 * is for was cancelled. A file that cannot be read is named with what to do, not Node's bare errno.
 */
export async function sha256Of(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256')
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, ...(signal === undefined ? {} : { signal }) })) hash.update(chunk as Buffer)
  } catch (cause) {
    if ((cause as Error).name === 'AbortError') throw cause
    throw readFailure(path, cause)
  }
  return hash.digest('hex')
}

function readFailure(path: string, cause: unknown): EngineError {
  const code = (cause as NodeJS.ErrnoException).code ?? 'unknown error'
  if (code === 'ENOENT') {
    return new EngineError('NOT_FOUND', `${path} was moved or deleted while it was being imported, so its contents cannot be checked. Put it back (or choose it again) and import again; nothing was imported.`, { cause, details: { path, errno: code } })
  }
  return new EngineError('IO_ERROR', `${path} could not be read to the end (${code}). Check that it is still there and readable, then import again; nothing was imported.`, { cause, details: { path, errno: code } })
}
