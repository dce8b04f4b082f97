// User settings that live in the renderer: the colour theme (light, dark or follow the system),
// persisted in localStorage and applied as data-theme on <html>. Layer: renderer/stores.
import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref, watch } from 'vue'

export type ThemePreference = 'light' | 'dark' | 'system'
export type Theme = 'light' | 'dark'

export const SETTINGS_STORAGE_KEY = 'cashback-lab.settings.v1'
const DARK_QUERY = '(prefers-color-scheme: dark)'

interface StoredSettings {
  theme?: unknown
}

function readStoredTheme(): ThemePreference {
  try {
    const stored = JSON.parse(localStorage.getItem(SETTINGS_STORAGE_KEY) ?? '{}') as StoredSettings
    return stored.theme === 'light' || stored.theme === 'dark' ? stored.theme : 'system'
  } catch {
    return 'system' // unreadable or blocked storage: fall back to the default, never fail startup
  }
}

function writeStoredTheme(theme: ThemePreference): void {
  try {
    localStorage.setItem(SETTINGS_STORAGE_KEY, JSON.stringify({ theme }))
  } catch {
    // Storage full or disabled: the choice still applies for this session.
  }
}

export const useSettingsStore = defineStore('settings', () => {
  const themePreference = ref<ThemePreference>(readStoredTheme())

  const media = typeof window.matchMedia === 'function' ? window.matchMedia(DARK_QUERY) : null
  const systemPrefersDark = ref(media?.matches ?? false)
  const onSystemChange = (event: MediaQueryListEvent): void => {
    systemPrefersDark.value = event.matches
  }
  media?.addEventListener('change', onSystemChange)
  onScopeDispose(() => media?.removeEventListener('change', onSystemChange))

  const theme = computed<Theme>(() =>
    themePreference.value === 'system' ? (systemPrefersDark.value ? 'dark' : 'light') : themePreference.value,
  )

  watch(
    theme,
    (value) => {
      document.documentElement.dataset.theme = value
      document.documentElement.style.colorScheme = value
    },
    { immediate: true, flush: 'sync' },
  )

  function setThemePreference(value: ThemePreference): void {
    themePreference.value = value
    writeStoredTheme(value)
  }

  /** Flip between light and dark; an explicit choice overrides the system setting from then on. */
  function toggleTheme(): void {
    setThemePreference(theme.value === 'dark' ? 'light' : 'dark')
  }

  return { themePreference, systemPrefersDark, theme, setThemePreference, toggleTheme }
})
