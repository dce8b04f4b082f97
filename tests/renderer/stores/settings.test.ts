// Settings store: theme preference persisted in localStorage and applied as data-theme on <html>.
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SETTINGS_STORAGE_KEY, useSettingsStore } from '../../../renderer/stores/settings'
import { freshEnvironment, teardown } from '../support/setup'

let pinia: Pinia
const themeAttribute = (): string | undefined => document.documentElement.dataset.theme

beforeEach(() => {
  ;({ pinia } = freshEnvironment())
})
afterEach(() => teardown(pinia))

describe('useSettingsStore', () => {
  it('follows the system by default and applies the theme at once', () => {
    const store = useSettingsStore()
    expect(store.themePreference).toBe('system')
    expect(store.theme).toBe(store.systemPrefersDark ? 'dark' : 'light')
    expect(themeAttribute()).toBe(store.theme)
  })

  it('toggles between light and dark, updating <html> and localStorage', () => {
    const store = useSettingsStore()
    store.setThemePreference('light')
    store.toggleTheme()
    expect(store.theme).toBe('dark')
    expect(themeAttribute()).toBe('dark')
    expect(document.documentElement.style.colorScheme).toBe('dark')
    expect(JSON.parse(localStorage.getItem(SETTINGS_STORAGE_KEY) ?? '{}')).toEqual({ theme: 'dark' })
    store.toggleTheme()
    expect(themeAttribute()).toBe('light')
  })

  it('restores the saved choice in a new session', () => {
    localStorage.setItem(SETTINGS_STORAGE_KEY, JSON.stringify({ theme: 'dark' }))
    setActivePinia(createPinia())
    expect(useSettingsStore().theme).toBe('dark')
    expect(themeAttribute()).toBe('dark')
  })

  it('ignores unreadable or unknown saved values', () => {
    for (const stored of ['{not json', JSON.stringify({ theme: 'purple' })]) {
      localStorage.setItem(SETTINGS_STORAGE_KEY, stored)
      setActivePinia(createPinia())
      expect(useSettingsStore().themePreference).toBe('system')
    }
  })

  it('follows a change of the system setting while on "system"', () => {
    const store = useSettingsStore()
    store.systemPrefersDark = true
    expect(themeAttribute()).toBe('dark')
    store.systemPrefersDark = false
    expect(themeAttribute()).toBe('light')
  })
})
