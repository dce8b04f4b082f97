// The file hash the recipe keeps: Node's read errors become messages naming the file and what to do.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sha256Of } from '../../../electron/engine/datasets/fileDigest'
import { tempDir } from '../../helpers/tempDir'

describe('sha256Of', () => {
  it('says a file that vanished before its hash was read was moved or deleted', async () => {
    const path = join(tempDir('digest'), 'gone.csv.gz')
    await expect(sha256Of(path)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `${path} was moved or deleted while it was being imported, so its contents cannot be checked. Put it back (or choose it again) and import again; nothing was imported.`,
      details: { path, errno: 'ENOENT' },
    })
  })

  it('names any other read failure with its errno', async () => {
    const path = join(tempDir('digest'), 'now-a-folder.csv')
    mkdirSync(path)
    await expect(sha256Of(path)).rejects.toMatchObject({ code: 'IO_ERROR', message: `${path} could not be read to the end (EISDIR). Check that it is still there and readable, then import again; nothing was imported.` })
  })
})
