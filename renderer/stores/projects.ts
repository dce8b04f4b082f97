// Projects: the one the engine has open, the recently opened ones, and switching between them
// (create a new project, open a recent one, or — on the desktop — open a folder). After a
// successful switch every other store holds the old project's data, so the page reloads and
// starts afresh on the new project. Layer: renderer/stores.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { EngineErrorInfo, ProjectRef } from '../../common/contract'
import { useEngineClient } from '../api/engineClient'
import { useFileClient } from '../api/fileClient'
import { reloadPage } from '../api/pageReload'
import type { LoadStatus } from './engine'

/** A failure worth a notice: what the analyst tried, and the engine's answer. */
export interface ProjectProblem {
  title: string
  error: EngineErrorInfo
}

export type ProjectAction = 'create' | 'open'

const LIST_TITLE = 'The project list could not be loaded'

/**
 * The line to show under the name field: the schema's own words for INVALID_REQUEST (without the
 * "Invalid request for createProject:" preamble), as sentences; the message otherwise.
 */
export function nameProblemText(error: EngineErrorInfo): string {
  const issues = error.details?.issues
  if (error.code === 'INVALID_REQUEST' && Array.isArray(issues)) {
    const messages = issues
      .map((issue: unknown) => (typeof issue === 'object' && issue !== null ? (issue as { message?: unknown }).message : undefined))
      .filter((message): message is string => typeof message === 'string' && message !== '')
    if (messages.length > 0) return messages.map(sentence).join(' ')
  }
  return error.message
}

/** "use at most 80 characters" → "Use at most 80 characters." */
function sentence(text: string): string {
  const trimmed = text.trim()
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1)
  return /[.!?…]$/.test(capitalised) ? capitalised : `${capitalised}.`
}

/** "/home/ana/Cashback Lab/projects/pix-pilot" → "…/projects/pix-pilot": the end says the most. */
export function shortDir(dir: string, keep = 2): string {
  const separator = dir.includes('\\') && !dir.includes('/') ? '\\' : '/'
  const parts = dir.split(/[\\/]+/).filter((part) => part !== '')
  if (parts.length <= keep + 1) return dir
  return `…${separator}${parts.slice(-keep).join(separator)}`
}

export const useProjectsStore = defineStore('projects', () => {
  const status = ref<LoadStatus>('idle')
  const current = shallowRef<ProjectRef | null>(null)
  const recent = shallowRef<ProjectRef[]>([])
  /** The switch under way; the page reloads when it succeeds, so it stays set until then. */
  const pending = ref<ProjectAction | null>(null)
  /** Why listing, opening or choosing a folder failed (shown as a notice). */
  const problem = shallowRef<ProjectProblem | null>(null)
  /** Why the last createProject failed (shown under the name field of the dialog). */
  const createError = shallowRef<EngineErrorInfo | null>(null)
  let latestRequest = 0

  /** The recent projects other than the open one, in the engine's order (most recent first). */
  const others = computed(() => recent.value.filter((p) => p.projectRef !== current.value?.projectRef))
  const canOpenFolder = computed(() => useFileClient().chooseProjectFolder !== null)

  async function load(): Promise<void> {
    const request = ++latestRequest
    status.value = 'loading'
    const result = await useEngineClient().listProjects({})
    if (request !== latestRequest) return
    if (result.ok) {
      current.value = result.value.current
      recent.value = result.value.recent
      status.value = 'ready'
      if (problem.value?.title === LIST_TITLE) problem.value = null
    } else {
      status.value = 'error'
      problem.value = { title: LIST_TITLE, error: result.error }
    }
  }

  /** Create a project and switch to it; false (with createError set) when the engine refused. */
  async function create(name: string): Promise<boolean> {
    if (pending.value !== null) return false
    pending.value = 'create'
    createError.value = null
    const result = await useEngineClient().createProject({ name: name.trim() })
    if (!result.ok) {
      pending.value = null
      createError.value = result.error
      return false
    }
    reloadPage()
    return true
  }

  /** Switch to a recent project (its ref from the list or the folder dialog). */
  async function open(projectRef: string): Promise<boolean> {
    if (pending.value !== null) return false
    if (projectRef === current.value?.projectRef) return true
    pending.value = 'open'
    problem.value = null
    const result = await useEngineClient().openProject({ projectRef })
    if (!result.ok) {
      pending.value = null
      problem.value = { title: 'The project could not be opened', error: result.error }
      void load() // a folder that has gone shows as missing from now on
      return false
    }
    reloadPage()
    return true
  }

  /** Desktop: the folder dialog, then open what was chosen; nothing happens when cancelled. */
  async function openFolder(): Promise<boolean> {
    const choose = useFileClient().chooseProjectFolder
    if (choose === null || pending.value !== null) return false
    problem.value = null
    const result = await choose()
    if (!result.ok) {
      problem.value = { title: 'The folder could not be opened as a project', error: result.error }
      return false
    }
    if (result.value === null) return false
    return open(result.value.projectRef)
  }

  function clearCreateError(): void {
    createError.value = null
  }

  function dismissProblem(): void {
    problem.value = null
  }

  return { status, current, recent, pending, problem, createError, others, canOpenFolder, load, create, open, openFolder, clearCreateError, dismissProblem }
})
