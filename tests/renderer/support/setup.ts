// Shared reset for renderer tests: a fresh Pinia with fake engine and file clients, clean URL,
// storage and theme.
import { createPinia, disposePinia, setActivePinia, type Pinia } from 'pinia'
import { setEngineClient } from '../../../renderer/api/engineClient'
import { setFileClient } from '../../../renderer/api/fileClient'
import { createFakeClient, type FakeEngineClient } from './fakeEngineClient'
import { createFakeFileClient, type FakeFileClient } from './fakeFileClient'

export function freshEnvironment(hash = '#/data'): { pinia: Pinia; client: FakeEngineClient; files: FakeFileClient } {
  localStorage.clear()
  document.documentElement.removeAttribute('data-theme')
  history.replaceState(null, '', hash)
  const pinia = createPinia()
  setActivePinia(pinia)
  const client = createFakeClient()
  setEngineClient(client)
  const files = createFakeFileClient()
  setFileClient(files)
  return { pinia, client, files }
}

export function teardown(pinia: Pinia): void {
  disposePinia(pinia)
  setEngineClient(null)
  setFileClient(null)
}
