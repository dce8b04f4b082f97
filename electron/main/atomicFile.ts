// Atomic file writes in main: a temp file beside the target, fsync, rename. A reader (or a crash)
// sees the old file or the new one, never half of one. Layer: electron/main.
import { randomUUID } from 'node:crypto'
import { copyFile, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** The temp path used for `target`: hidden, beside it (same folder, so rename stays atomic). */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomUUID().slice(0, 8)}.tmp`)
}

/** Write `bytes` to `target` atomically (temp + fsync + rename). Replaces an existing target. */
export async function writeFileAtomic(target: string, bytes: Uint8Array): Promise<void> {
  const temp = tempPathFor(target)
  try {
    const handle = await open(temp, 'wx')
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

/**
 * Copy `from` to `to` atomically (copy to a temp file beside `to`, fsync, rename). Replaces an
 * existing `to`: callers ask the user first (the OS save dialog confirms overwriting).
 */
export async function copyFileAtomic(from: string, to: string): Promise<void> {
  const temp = tempPathFor(to)
  try {
    await copyFile(from, temp)
    const handle = await open(temp, 'r+')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, to)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
