// The list of recently opened projects (app data folder, recent-projects.json, saved atomically),
// and the opaque references the renderer uses for them. Layer: electron/engine.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { ProjectRef } from '../../../common/contract'
import { writeFileAtomic } from './atomicFile'
import { RECIPE_FILE_NAME } from './recipeFile'

const MAX_RECENT = 12
const entrySchema = z.object({ dir: z.string(), name: z.string(), lastOpenedAt: z.string() })
const fileSchema = z.object({ version: z.literal(1), projects: z.array(entrySchema) })
export type RecentEntry = z.infer<typeof entrySchema>

export function projectRefOf(dir: string): string {
  return createHash('sha256').update(dir).digest('hex').slice(0, 24)
}

export class RecentProjects {
  private readonly path: string

  constructor(private readonly appDataDir: string, private readonly defaultDir: string) {
    this.path = join(appDataDir, 'recent-projects.json')
  }

  /** The recorded list; an unreadable file is treated as empty (it only remembers, never holds data). */
  entries(): RecentEntry[] {
    if (!existsSync(this.path)) return []
    try {
      const parsed = fileSchema.safeParse(JSON.parse(readFileSync(this.path, 'utf8')))
      return parsed.success ? parsed.data.projects : []
    } catch {
      return []
    }
  }

  touch(dir: string, name: string, now: Date): void {
    const projects = [{ dir, name, lastOpenedAt: now.toISOString() }, ...this.entries().filter((e) => e.dir !== dir)].slice(0, MAX_RECENT)
    mkdirSync(this.appDataDir, { recursive: true })
    writeFileAtomic(this.path, `${JSON.stringify({ version: 1, projects }, null, 2)}\n`)
  }

  refOf(entry: { dir: string; name: string; lastOpenedAt: string | null }): ProjectRef {
    return {
      projectRef: projectRefOf(entry.dir),
      name: entry.name,
      dir: entry.dir,
      lastOpenedAt: entry.lastOpenedAt,
      exists: existsSync(join(entry.dir, RECIPE_FILE_NAME)),
      isDefault: entry.dir === this.defaultDir,
    }
  }

  find(projectRef: string): RecentEntry | undefined {
    return this.entries().find((e) => projectRefOf(e.dir) === projectRef)
  }
}
