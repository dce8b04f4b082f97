// Test double of the renderer's EngineClient: vi.fn methods with canned Results, and an emit()
// that pushes engine events to whoever subscribed. Used by store and component tests.
import { vi } from 'vitest'
import { ENGINE_METHODS, type EngineApi, type EngineEvent, type EngineEventListener, type EngineInfo, type ProgressEvent, type ProjectRef, type Result } from '../../../common/contract'
import type { EngineClient } from '../../../renderer/api/engineClient'

export const SAMPLE_INFO: EngineInfo = {
  appVersion: '0.1.0',
  duckdbVersion: 'v1.5.6',
  host: 'web',
  platform: 'linux-x64',
  nodeVersion: '20.20.2',
  startedAt: '2026-11-27T12:00:00.000Z',
  project: { name: 'pix-pilot', dir: '/home/analyst/projects/pix-pilot', databasePath: '/home/analyst/projects/pix-pilot/project.duckdb' },
  settings: { memoryLimit: '4GB', threads: 2, tempDirectory: '/tmp', autoinstallKnownExtensions: false, autoloadKnownExtensions: false },
}

/** The open project (the app's default one), a recent project, and one whose folder is gone. */
export const CURRENT_PROJECT: ProjectRef = {
  projectRef: 'ref-pix-pilot',
  name: 'pix-pilot',
  dir: '/home/analyst/projects/pix-pilot',
  lastOpenedAt: '2026-11-27T12:00:00.000Z',
  exists: true,
  isDefault: true,
}
export const RECENT_PROJECT: ProjectRef = {
  projectRef: 'ref-upi-march',
  name: 'UPI March study',
  dir: '/home/analyst/Cashback Lab/projects/upi-march-study',
  lastOpenedAt: '2026-11-20T09:30:00.000Z',
  exists: true,
  isDefault: false,
}
export const MISSING_PROJECT: ProjectRef = {
  projectRef: 'ref-old',
  name: 'Old pilot',
  dir: '/mnt/usb/old-pilot',
  lastOpenedAt: '2026-10-01T08:00:00.000Z',
  exists: false,
  isDefault: false,
}

export type FakeEngineClient = EngineClient & {
  getEngineInfo: ReturnType<typeof vi.fn<EngineClient['getEngineInfo']>>
  cancelTask: ReturnType<typeof vi.fn<EngineClient['cancelTask']>>
  listDatasets: ReturnType<typeof vi.fn<EngineClient['listDatasets']>>
  getMapping: ReturnType<typeof vi.fn<EngineClient['getMapping']>>
  listProjects: ReturnType<typeof vi.fn<EngineClient['listProjects']>>
  createProject: ReturnType<typeof vi.fn<EngineClient['createProject']>>
  openProject: ReturnType<typeof vi.fn<EngineClient['openProject']>>
  emit(event: EngineEvent): void
  listenerCount(): number
}

export function okResult<T>(value: T): Result<T> {
  return { ok: true, value }
}

/** Every contract method answers UNSUPPORTED unless the fake gives it a real answer. */
function unsupportedMethods(): EngineApi {
  const entries = ENGINE_METHODS.map((method) => [
    method,
    vi.fn(async () => ({ ok: false, error: { code: 'UNSUPPORTED', message: `${method} is not faked in this test.` } })),
  ])
  return Object.fromEntries(entries) as unknown as EngineApi
}

export function createFakeClient(info: EngineInfo = SAMPLE_INFO): FakeEngineClient {
  const listeners = new Set<EngineEventListener>()
  return {
    ...unsupportedMethods(),
    transport: 'http',
    getEngineInfo: vi.fn<EngineClient['getEngineInfo']>(async () => okResult(info)),
    cancelTask: vi.fn<EngineClient['cancelTask']>(async () => okResult({ cancelled: true })),
    // A new project: no datasets and no mapping yet.
    listDatasets: vi.fn<EngineClient['listDatasets']>(async () => okResult([])),
    getMapping: vi.fn<EngineClient['getMapping']>(async () => okResult(null)),
    // The current project first in the recent list, as the engine reports it.
    listProjects: vi.fn<EngineClient['listProjects']>(async () =>
      okResult({ current: CURRENT_PROJECT, recent: [CURRENT_PROJECT, RECENT_PROJECT, MISSING_PROJECT] }),
    ),
    createProject: vi.fn<EngineClient['createProject']>(async ({ name }) =>
      okResult({ projectRef: `ref-${name}`, name, dir: `/home/analyst/projects/${name}`, lastOpenedAt: SAMPLE_INFO.startedAt, exists: true, isDefault: false }),
    ),
    openProject: vi.fn<EngineClient['openProject']>(async ({ projectRef }) => {
      const known = [CURRENT_PROJECT, RECENT_PROJECT].find((p) => p.projectRef === projectRef)
      return known === undefined ? { ok: false, error: { code: 'NOT_FOUND', message: `No project ${projectRef}.` } } : okResult(known)
    }),
    onEngineEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    emit(event) {
      for (const listener of listeners) listener(event)
    },
    listenerCount: () => listeners.size,
  }
}

export function progress(taskId: string, phase: ProgressEvent['phase'], percentage: number | null = null): ProgressEvent {
  return { type: 'progress', taskId, label: `Importing ${taskId}.csv`, phase, percentage, rowsProcessed: null, rowsPerSecond: null, elapsedMs: 10 }
}

/** A promise with its resolve function, to hold a fake reply until the test releases it. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((done) => (resolve = done))
  return { promise, resolve }
}
