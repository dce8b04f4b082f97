// Shared reset for renderer tests: a fresh Pinia with fake engine and file clients, clean URL,
// storage and theme, and a spy instead of the page reload that follows a project switch.
import { createPinia, disposePinia, setActivePinia, type Pinia } from 'pinia'
import { vi, type Mock } from 'vitest'
import { setEngineClient } from '../../../renderer/api/engineClient'
import { setFileClient } from '../../../renderer/api/fileClient'
import { setPageReloader } from '../../../renderer/api/pageReload'
import { createFakeClient, type FakeEngineClient } from './fakeEngineClient'
import { createFakeFileClient, type FakeFileClient } from './fakeFileClient'

export interface TestEnvironment {
  pinia: Pinia
  client: FakeEngineClient
  files: FakeFileClient
  /** Called instead of window.location.reload. */
  reload: Mock<() => void>
}

export function freshEnvironment(hash = '#/data'): TestEnvironment {
  localStorage.clear()
  document.documentElement.removeAttribute('data-theme')
  history.replaceState(null, '', hash)
  const pinia = createPinia()
  setActivePinia(pinia)
  const client = createFakeClient()
  setEngineClient(client)
  const files = createFakeFileClient()
  setFileClient(files)
  const reload = vi.fn<() => void>()
  setPageReloader(reload)
  return { pinia, client, files, reload }
}

export function teardown(pinia: Pinia): void {
  disposePinia(pinia)
  setEngineClient(null)
  setFileClient(null)
  setPageReloader(null)
}
