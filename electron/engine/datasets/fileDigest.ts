// The SHA-256 of a file as it is on disk, which the recipe keeps to tell a changed file.
// Layer: electron/engine.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

/** `signal`: stops the read (the promise then rejects), e.g. when the import it is for was cancelled. */
export async function sha256Of(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, ...(signal === undefined ? {} : { signal }) })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
