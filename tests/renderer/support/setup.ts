// Shared reset for renderer tests: a fresh Pinia with the fake client, clean URL, storage and theme.
import { createPinia, disposePinia, setActivePinia, type Pinia } from 'pinia'
import { setEngineClient } from '../../../renderer/api/engineClient'
import { createFakeClient, type FakeEngineClient } from './fakeEngineClient'

export function freshEnvironment(hash = '#/data'): { pinia: Pinia; client: FakeEngineClient } {
  localStorage.clear()
  document.documentElement.removeAttribute('data-theme')
  history.replaceState(null, '', hash)
  const pinia = createPinia()
  setActivePinia(pinia)
  const client = createFakeClient()
  setEngineClient(client)
  return { pinia, client }
}

export function teardown(pinia: Pinia): void {
  disposePinia(pinia)
  setEngineClient(null)
}
