// Projects for the app (desktop and web): one engine per open project, switched in place when
// the user creates or opens another, with a recent-projects list. To its hosts it is an Engine
// like any other; events keep flowing across switches. Layer: electron/engine.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { ENGINE_METHODS, validateRequest, type EngineApi, type EngineEvent, type EngineEventListener, type HostKind, type ProjectRef, type Result } from '../../../common/contract'
import type { DatabaseSettingsInput } from '../db/settings'
import { createEngine, type Engine } from '../engine'
import { EngineError, toErrorInfo } from '../engineError'
import { RECIPE_FILE_NAME } from './recipeFile'
import { projectRefOf, RecentProjects } from './recentProjects'

export interface ProjectHostOptions extends DatabaseSettingsInput {
  appDataDir: string
  defaultProjectDir: string
  initialProjectDir: string
  host: HostKind
  /** The bundled sample, used only the first time the default project is opened. */
  seedFrom?: string | undefined
  now?: () => Date
}

export interface ProjectHost extends Engine {
  /** Desktop only: a folder the user picked in a dialog, as a reference openProject accepts. */
  registerProjectFolder(path: string): ProjectRef
}

export async function createProjectHost(options: ProjectHostOptions): Promise<ProjectHost> {
  const now = options.now ?? (() => new Date())
  const recent = new RecentProjects(options.appDataDir, resolve(options.defaultProjectDir))
  const picked = new Map<string, string>()
  const listeners = new Set<EngineEventListener>()
  const forward = (event: EngineEvent): void => {
    for (const listener of listeners) listener(event)
  }
  const open = (dir: string, name?: string): Promise<Engine> =>
    createEngine({
      projectDir: dir,
      host: options.host,
      memoryLimit: options.memoryLimit,
      threads: options.threads,
      tempDirectory: options.tempDirectory,
      seedFrom: resolve(dir) === resolve(options.defaultProjectDir) ? options.seedFrom : undefined,
      projectName: name,
    })

  let current = await open(options.initialProjectDir)
  let unsubscribe = current.onEvent(forward)
  const currentDir = (): string => current.internals.projectDir
  recent.touch(currentDir(), current.internals.recipe().name, now())

  /** Open the new project first; only when that worked is the old one closed. */
  async function switchTo(dir: string, name?: string): Promise<ProjectRef> {
    if (resolve(dir) === currentDir()) return currentRef()
    const next = await open(dir, name)
    unsubscribe()
    await current.close()
    current = next
    unsubscribe = current.onEvent(forward)
    recent.touch(currentDir(), current.internals.recipe().name, now())
    return currentRef()
  }

  function currentRef(): ProjectRef {
    const entry = recent.entries().find((e) => e.dir === currentDir())
    return recent.refOf({ dir: currentDir(), name: current.internals.recipe().name, lastOpenedAt: entry?.lastOpenedAt ?? null })
  }

  const projectMethods = {
    async listProjects() {
      return { current: currentRef(), recent: recent.entries().filter((e) => e.dir !== currentDir()).map((e) => recent.refOf(e)) }
    },
    async createProject({ name }: { name: string }) {
      const dir = join(options.appDataDir, 'projects', folderName(name))
      if (existsSync(join(dir, RECIPE_FILE_NAME))) {
        throw new EngineError('CONFLICT', `There is already a project called "${name}" (${dir}); open it from the list, or choose another name.`, { details: { name } })
      }
      return switchTo(dir, name)
    },
    async openProject({ projectRef }: { projectRef: string }) {
      const dir = picked.get(projectRef) ?? recent.find(projectRef)?.dir
      if (dir === undefined) throw new EngineError('NOT_FOUND', 'That project is not in the list of recent projects; open its folder again.', { details: { projectRef } })
      if (!existsSync(join(dir, RECIPE_FILE_NAME)) && picked.get(projectRef) === undefined) {
        throw new EngineError('NOT_FOUND', `The project folder ${dir} is gone or no longer holds a project.`, { details: { dir } })
      }
      return switchTo(dir)
    },
  }

  const call = async (method: (typeof ENGINE_METHODS)[number], payload: unknown): Promise<Result<unknown>> => {
    if (method !== 'listProjects' && method !== 'createProject' && method !== 'openProject') {
      return (current[method] as (request: unknown) => Promise<Result<unknown>>)(payload)
    }
    const request = validateRequest(method, payload)
    if (!request.ok) return request
    try {
      return { ok: true, value: await (projectMethods[method] as (r: unknown) => Promise<unknown>)(request.value) }
    } catch (error) {
      return { ok: false, error: toErrorInfo(error) }
    }
  }
  const api = Object.fromEntries(ENGINE_METHODS.map((method) => [method, (payload: unknown) => call(method, payload)])) as unknown as EngineApi

  return {
    ...api,
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async close() {
      unsubscribe()
      listeners.clear()
      await current.close()
    },
    registerFile: (path) => current.registerFile(path),
    exportedFile: (fileId) => current.exportedFile(fileId),
    get internals() {
      return current.internals
    },
    registerProjectFolder(path) {
      const dir = resolve(path)
      const stats = statSync(dir, { throwIfNoEntry: false })
      if (stats === undefined || !stats.isDirectory()) throw new EngineError('INVALID_REQUEST', `${dir} is not a folder; choose a folder for the project.`, { details: { dir } })
      const ref = projectRefOf(dir)
      picked.set(ref, dir)
      return recent.refOf({ dir, name: projectName(dir), lastOpenedAt: null })
    },
  }
}

/** A folder name for a project name: readable, safe on every OS. */
function folderName(name: string): string {
  const slug = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
  return slug === '' ? 'project' : slug.slice(0, 60)
}

/** The name in a folder's recipe, or the folder's own name for a new project. */
function projectName(dir: string): string {
  try {
    const recipe = JSON.parse(readFileSync(join(dir, RECIPE_FILE_NAME), 'utf8')) as { name?: unknown }
    if (typeof recipe.name === 'string') return recipe.name
  } catch {
    // No recipe yet: a folder that will become a project.
  }
  return basename(dir)
}
