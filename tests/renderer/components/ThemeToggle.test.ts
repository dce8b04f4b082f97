// Theme toggle: flips data-theme on <html>, names its action, persists the choice.
import { mount } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import ThemeToggle from '../../../renderer/components/ThemeToggle.vue'
import { SETTINGS_STORAGE_KEY, useSettingsStore } from '../../../renderer/stores/settings'
import { freshEnvironment, teardown } from '../support/setup'

let pinia: Pinia

beforeEach(() => {
  ;({ pinia } = freshEnvironment())
  useSettingsStore().setThemePreference('light')
})
afterEach(() => teardown(pinia))

describe('ThemeToggle', () => {
  it('flips the theme on click, relabels itself and persists the choice', async () => {
    const wrapper = mount(ThemeToggle, { global: { plugins: [pinia] } })
    const button = wrapper.get('button')
    expect(button.attributes('aria-label')).toBe('Switch to dark theme')
    expect(button.attributes('aria-pressed')).toBe('false')
    await button.trigger('click')
    expect(document.documentElement.dataset.theme).toBe('dark')
    expect(button.attributes('aria-label')).toBe('Switch to light theme')
    expect(button.attributes('aria-pressed')).toBe('true')
    expect(JSON.parse(localStorage.getItem(SETTINGS_STORAGE_KEY) ?? '{}')).toEqual({ theme: 'dark' })
    await button.trigger('click')
    expect(document.documentElement.dataset.theme).toBe('light')
    wrapper.unmount()
  })
})
