// Files the engine wrote for the user (reject lists, later reports and tables) in the project's
// exports folder, known by id so a host can offer them for download or "Save as".
// Layer: electron/engine.
import { randomUUID } from 'node:crypto'
import { mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { ChosenFile } from '../../../common/contract/files'
import { EngineError } from '../engineError'

export class ExportFiles {
  private readonly files = new Map<string, { path: string; name: string }>()
  readonly dir: string

  constructor(projectDir: string) {
    this.dir = join(projectDir, 'exports')
  }

  /** A fresh path in the exports folder for a file to be called `name`. */
  pathFor(name: string): string {
    mkdirSync(this.dir, { recursive: true })
    return join(this.dir, `${Date.now()}-${name.replace(/[^\w.-]+/g, '_')}`)
  }

  register(path: string, name: string): ChosenFile {
    const fileId = randomUUID()
    this.files.set(fileId, { path, name })
    return { fileId, name, sizeBytes: statSync(path).size, isFolder: false }
  }

  get(fileId: string): { path: string; name: string } {
    const file = this.files.get(fileId)
    if (file === undefined) throw new EngineError('NOT_FOUND', 'That export is no longer available; export it again.', { details: { fileId } })
    return file
  }
}
