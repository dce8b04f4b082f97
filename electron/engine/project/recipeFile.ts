// Read, migrate and save the project recipe (cashback-project.json). Layer: electron/engine.
import { existsSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { z } from 'zod'
import { RECIPE_FORMAT, RECIPE_VERSION, recipeSchema, type Recipe } from '../../../common/domain/project'
import { EngineError } from '../engineError'
import { writeFileAtomic } from './atomicFile'

export const RECIPE_FILE_NAME = 'cashback-project.json'

/** Each migration turns version N into N+1; index N-1 holds the step from N. */
const MIGRATIONS: ReadonlyArray<(old: Record<string, unknown>) => Record<string, unknown>> = []

export function newRecipe(projectDir: string, now: Date): Recipe {
  const at = now.toISOString()
  return { format: RECIPE_FORMAT, version: RECIPE_VERSION, name: basename(projectDir), createdAt: at, updatedAt: at, sources: [], mapping: null, campaigns: [], analyses: [] }
}

/** The recipe of a project folder; a new one when the folder has none yet. */
export function loadRecipe(projectDir: string, now: Date = new Date()): Recipe {
  const path = join(projectDir, RECIPE_FILE_NAME)
  if (!existsSync(path)) return newRecipe(projectDir, now)
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch (cause) {
    throw new EngineError('INVALID_REQUEST', `The project file ${path} is not valid JSON (${(cause as Error).message}). Restore it from a backup, or move it away to start the project afresh.`, { cause, details: { path } })
  }
  const head = z.object({ format: z.literal(RECIPE_FORMAT), version: z.number().int().positive() }).safeParse(raw)
  if (!head.success) throw new EngineError('INVALID_REQUEST', `${path} is not a Cashback Lab project file.`, { details: { path } })
  if (head.data.version > RECIPE_VERSION) {
    throw new EngineError('UNSUPPORTED', `${path} was written by a newer Cashback Lab (project format ${head.data.version}; this version reads up to ${RECIPE_VERSION}). Update the app to open it.`, { details: { path } })
  }
  let migrated = raw as Record<string, unknown>
  for (let version = head.data.version; version < RECIPE_VERSION; version++) {
    migrated = { ...MIGRATIONS[version - 1]!(migrated), version: version + 1 }
  }
  const parsed = recipeSchema.safeParse(migrated)
  if (!parsed.success) {
    throw new EngineError('INVALID_REQUEST', `The project file ${path} is damaged: ${z.prettifyError(parsed.error).split('\n').slice(0, 3).join('; ')}`, { details: { path } })
  }
  return parsed.data
}

export function saveRecipe(projectDir: string, recipe: Recipe, now: Date = new Date()): Recipe {
  const next = { ...recipe, updatedAt: now.toISOString() }
  try {
    writeFileAtomic(join(projectDir, RECIPE_FILE_NAME), `${JSON.stringify(next, null, 2)}\n`)
  } catch (cause) {
    throw new EngineError('IO_ERROR', `Cannot save the project file in ${projectDir}: ${(cause as Error).message}`, { cause })
  }
  return next
}
