// Projects store: the list, creating and opening (each followed by a reload), the engine's refusals,
// the desktop folder dialog, and the helpers for names and folders.
import type { Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import type { ProjectRef, Result } from '../../../common/contract'
import { setFileClient } from '../../../renderer/api/fileClient'
import { nameProblemText, shortDir, useProjectsStore } from '../../../renderer/stores/projects'
import { CURRENT_PROJECT, MISSING_PROJECT, RECENT_PROJECT, deferred, okResult, type FakeEngineClient } from '../support/fakeEngineClient'
import type { FakeFileClient } from '../support/fakeFileClient'
import { freshEnvironment, teardown } from '../support/setup'

let pinia: Pinia
let client: FakeEngineClient
let files: FakeFileClient
let reload: Mock<() => void>

beforeEach(() => {
  ;({ pinia, client, files, reload } = freshEnvironment())
})
afterEach(() => teardown(pinia))

const NAME_RULE = 'Project names are 1–80 characters: letters, digits, spaces, - and _.'

describe('useProjectsStore', () => {
  it('loads the current project and the recent ones, without the current one among the others', async () => {
    const store = useProjectsStore()
    expect(store.status).toBe('idle')
    const pending = store.load()
    expect(store.status).toBe('loading')
    await pending
    expect(client.listProjects).toHaveBeenCalledWith({})
    expect(store.status).toBe('ready')
    expect(store.current).toEqual(CURRENT_PROJECT)
    expect(store.others.map((p) => p.name)).toEqual(['UPI March study', 'Old pilot'])
    expect(store.problem).toBeNull()
  })

  it('keeps a failed listing as a problem and clears it when a later listing works', async () => {
    client.listProjects.mockResolvedValueOnce({ ok: false, error: { code: 'IO_ERROR', message: 'The projects folder cannot be read.' } })
    const store = useProjectsStore()
    await store.load()
    expect(store.status).toBe('error')
    expect(store.problem).toEqual({ title: 'The project list could not be loaded', error: { code: 'IO_ERROR', message: 'The projects folder cannot be read.' } })
    await store.load()
    expect(store.status).toBe('ready')
    expect(store.problem).toBeNull()
  })

  it('ignores a slow earlier listing that answers after a newer one', async () => {
    const slow = deferred<Result<{ current: ProjectRef; recent: ProjectRef[] }>>()
    client.listProjects.mockReturnValueOnce(slow.promise)
    const store = useProjectsStore()
    const first = store.load()
    await store.load()
    slow.resolve(okResult({ current: MISSING_PROJECT, recent: [] }))
    await first
    expect(store.current?.name).toBe('pix-pilot')
  })

  it('creates a project with the trimmed name and reloads the page', async () => {
    const store = useProjectsStore()
    expect(await store.create('  Second study ')).toBe(true)
    expect(client.createProject).toHaveBeenCalledWith({ name: 'Second study' })
    expect(reload).toHaveBeenCalledTimes(1)
    expect(store.pending).toBe('create') // stays until the reload replaces the page
    expect(await store.create('Third')).toBe(false) // one switch at a time
    expect(client.createProject).toHaveBeenCalledTimes(1)
  })

  it('keeps the engine’s refusal of a name for the dialog and does not reload', async () => {
    client.createProject.mockResolvedValueOnce({ ok: false, error: { code: 'CONFLICT', message: 'A project named “pix-pilot” already exists.' } })
    const store = useProjectsStore()
    expect(await store.create('pix-pilot')).toBe(false)
    expect(store.createError).toEqual({ code: 'CONFLICT', message: 'A project named “pix-pilot” already exists.' })
    expect(store.pending).toBeNull()
    expect(reload).not.toHaveBeenCalled()
    store.clearCreateError()
    expect(store.createError).toBeNull()
  })

  it('opens a recent project and reloads; the open one needs no switch', async () => {
    const store = useProjectsStore()
    await store.load()
    expect(await store.open(CURRENT_PROJECT.projectRef)).toBe(true)
    expect(client.openProject).not.toHaveBeenCalled()
    expect(reload).not.toHaveBeenCalled()
    expect(await store.open(RECENT_PROJECT.projectRef)).toBe(true)
    expect(client.openProject).toHaveBeenCalledWith({ projectRef: RECENT_PROJECT.projectRef })
    expect(reload).toHaveBeenCalledTimes(1)
    expect(store.pending).toBe('open')
  })

  it('shows why a project could not be opened and lists again, so a vanished folder shows as missing', async () => {
    const store = useProjectsStore()
    await store.load()
    client.openProject.mockResolvedValueOnce({ ok: false, error: { code: 'NOT_FOUND', message: 'The folder /x is gone.' } })
    client.listProjects.mockResolvedValueOnce(okResult({ current: CURRENT_PROJECT, recent: [{ ...RECENT_PROJECT, exists: false }] }))
    expect(await store.open(RECENT_PROJECT.projectRef)).toBe(false)
    expect(store.problem).toEqual({ title: 'The project could not be opened', error: { code: 'NOT_FOUND', message: 'The folder /x is gone.' } })
    expect(store.pending).toBeNull()
    expect(reload).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(store.others[0]?.exists).toBe(false))
    store.dismissProblem()
    expect(store.problem).toBeNull()
  })

  it('has no folder dialog in web mode', async () => {
    const store = useProjectsStore()
    expect(store.canOpenFolder).toBe(false)
    expect(await store.openFolder()).toBe(false)
    expect(client.openProject).not.toHaveBeenCalled()
  })

  describe('on the desktop', () => {
    let choose: Mock<NonNullable<FakeFileClient['chooseProjectFolder']>>
    beforeEach(() => {
      choose = vi.fn(async () => okResult<ProjectRef | null>(RECENT_PROJECT))
      setFileClient({ ...files, kind: 'desktop', chooseProjectFolder: choose })
    })

    it('opens the folder the dialog chose and reloads', async () => {
      const store = useProjectsStore()
      expect(store.canOpenFolder).toBe(true)
      expect(await store.openFolder()).toBe(true)
      expect(client.openProject).toHaveBeenCalledWith({ projectRef: RECENT_PROJECT.projectRef })
      expect(reload).toHaveBeenCalledTimes(1)
    })

    it('does nothing when the dialog is cancelled, and shows a failing dialog as a problem', async () => {
      const store = useProjectsStore()
      choose.mockResolvedValueOnce(okResult(null))
      expect(await store.openFolder()).toBe(false)
      expect(store.problem).toBeNull()
      choose.mockResolvedValueOnce({ ok: false, error: { code: 'INVALID_REQUEST', message: 'That folder is not a Cashback Lab project.' } })
      expect(await store.openFolder()).toBe(false)
      expect(store.problem?.title).toBe('The folder could not be opened as a project')
      expect(store.problem?.error.message).toBe('That folder is not a Cashback Lab project.')
      expect(client.openProject).not.toHaveBeenCalled()
      expect(reload).not.toHaveBeenCalled()
    })
  })
})

describe('nameProblemText', () => {
  it('prefers the schema’s own words over the request preamble', () => {
    const invalid = {
      code: 'INVALID_REQUEST' as const,
      message: `Invalid request for createProject: name: ${NAME_RULE}`,
      details: { issues: [{ path: 'name', message: NAME_RULE }] },
    }
    expect(nameProblemText(invalid)).toBe(NAME_RULE)
    const lowercase = { code: 'INVALID_REQUEST' as const, message: 'x', details: { issues: [{ path: 'name', message: 'give the project a name' }] } }
    expect(nameProblemText(lowercase)).toBe('Give the project a name.')
    expect(nameProblemText({ code: 'INVALID_REQUEST', message: 'Bad name.' })).toBe('Bad name.')
    expect(nameProblemText({ code: 'CONFLICT', message: 'Taken.', details: { issues: [{ message: 'ignored' }] } })).toBe('Taken.')
  })
})

describe('shortDir', () => {
  it('keeps the last two folders of a long path, and short paths whole', () => {
    expect(shortDir('/home/analyst/Cashback Lab/projects/second-study')).toBe('…/projects/second-study')
    expect(shortDir('C:\\Users\\ana\\Cashback Lab\\projects\\pilot')).toBe('…\\projects\\pilot')
    expect(shortDir('/mnt/pilot')).toBe('/mnt/pilot')
    expect(shortDir('/mnt/usb/pilot')).toBe('/mnt/usb/pilot')
  })
})
