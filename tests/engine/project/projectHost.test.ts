// Switching projects: create, open from the recent list, refuse duplicates and missing folders,
// keep events flowing, and never leave the old project half-closed when the new one fails.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../../common/contract'
import { createProjectHost, type ProjectHost } from '../../../electron/engine/project/projectHost'
import { tempDir } from '../../helpers/tempDir'

const home = tempDir('projects')
const defaultDir = join(home, 'projects', 'default')
let host: ProjectHost
const events: EngineEvent[] = []

beforeAll(async () => {
  host = await createProjectHost({ appDataDir: home, defaultProjectDir: defaultDir, initialProjectDir: defaultDir, host: 'test', threads: 1 })
  host.onEvent((event) => events.push(event))
})
afterAll(() => host.close())

describe('ProjectHost', () => {
  it('starts on the default project and lists it as current', async () => {
    const list = await host.listProjects({})
    if (!list.ok) throw new Error(list.error.message)
    expect(list.value.current).toMatchObject({ name: 'default', dir: defaultDir, exists: true, isDefault: true })
    expect(list.value.recent).toEqual([])
  })

  it('creates a project by name, switches to it, and names it in the engine info', async () => {
    const created = await host.createProject({ name: '  Pix cashback, Q3 ' })
    if (!created.ok) throw new Error(created.error.message)
    expect(created.value).toMatchObject({ name: 'Pix cashback, Q3', dir: join(home, 'projects', 'pix-cashback-q3'), exists: true, isDefault: false })
    const info = await host.getEngineInfo({})
    expect(info.ok && info.value.project).toMatchObject({ name: 'Pix cashback, Q3', dir: join(home, 'projects', 'pix-cashback-q3') })
    const list = await host.listProjects({})
    expect(list.ok && list.value.recent.map((r) => r.name)).toEqual(['default'])
  })

  it('refuses a second project with the same name, and bad names', async () => {
    const again = await host.createProject({ name: 'Pix cashback, Q3' })
    expect(!again.ok && again.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already a project called "Pix cashback, Q3"') })
    for (const name of ['', '../escape', 'a/b', 'x'.repeat(81)]) {
      const bad = await host.createProject({ name })
      expect(!bad.ok && bad.error.code, name).toBe('INVALID_REQUEST')
    }
  })

  it('opens a recent project again, with its data', async () => {
    const csv = join(home, 'a.csv')
    writeFileSync(csv, 'x,y\n1,2\n')
    const file = host.registerFile(csv)
    const staged = await host.stageImport({ fileId: file.fileId, datasetName: 'a' })
    if (!staged.ok) throw new Error(staged.error.message)
    expect((await host.commitImport({ importId: staged.value.importId })).ok).toBe(true)
    const list = await host.listProjects({})
    if (!list.ok) throw new Error(list.error.message)
    const back = await host.openProject({ projectRef: list.value.recent[0]!.projectRef })
    expect(back.ok && back.value.name).toBe('default')
    expect((await host.listDatasets({})).ok && ((await host.listDatasets({})) as { value: unknown[] }).value).toEqual([])
    const again = await host.listProjects({})
    const pix = again.ok ? again.value.recent.find((r) => r.name === 'Pix cashback, Q3') : undefined
    expect((await host.openProject({ projectRef: pix!.projectRef })).ok).toBe(true)
    const datasets = await host.listDatasets({})
    expect(datasets.ok && datasets.value.map((d) => d.name)).toEqual(['a'])
  })

  it('keeps delivering events after a switch', async () => {
    events.length = 0
    await host.internals.tasks.run('Probe', async (task) => void (await task.connection.run('SELECT 1')))
    expect(events.some((e) => e.label === 'Probe' && e.phase === 'finished')).toBe(true)
  })

  it('reports a project whose folder is gone, and an unknown reference', async () => {
    const gone = await host.createProject({ name: 'Short lived' })
    if (!gone.ok) throw new Error(gone.error.message)
    const list = await host.listProjects({})
    const defaultRef = list.ok ? list.value.recent.find((r) => r.isDefault)!.projectRef : ''
    expect((await host.openProject({ projectRef: defaultRef })).ok).toBe(true)
    rmSync(gone.value.dir, { recursive: true, force: true })
    const after = await host.listProjects({})
    const stale = after.ok ? after.value.recent.find((r) => r.name === 'Short lived') : undefined
    expect(stale?.exists).toBe(false)
    const result = await host.openProject({ projectRef: stale!.projectRef })
    expect(!result.ok && result.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('is gone') })
    const unknown = await host.openProject({ projectRef: 'nope' })
    expect(!unknown.ok && unknown.error.code).toBe('NOT_FOUND')
    // The current project is untouched by the failed opens.
    const info = await host.getEngineInfo({})
    expect(info.ok && info.value.project.name).toBe('default')
  })

  it('opens a folder the user picked (desktop), creating a project there', async () => {
    const folder = join(home, 'elsewhere', 'Study 7')
    mkdirSync(folder, { recursive: true })
    const ref = host.registerProjectFolder(folder)
    expect(ref).toMatchObject({ name: 'Study 7', dir: folder, exists: false })
    const opened = await host.openProject({ projectRef: ref.projectRef })
    expect(opened.ok && opened.value).toMatchObject({ name: 'Study 7', exists: true })
    expect(() => host.registerProjectFolder(join(home, 'a.csv'))).toThrow(/is not a folder/)
  })
})
