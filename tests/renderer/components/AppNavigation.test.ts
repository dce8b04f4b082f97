// Sidebar: buttons per section, aria-current on the active one, roving tab stop, arrow keys.
import { mount, type VueWrapper } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import AppNavigation from '../../../renderer/components/AppNavigation.vue'
import { SECTIONS } from '../../../renderer/sections'
import { useNavigationStore } from '../../../renderer/stores/navigation'
import { freshEnvironment, teardown } from '../support/setup'

let pinia: Pinia
let wrapper: VueWrapper

beforeEach(() => {
  ;({ pinia } = freshEnvironment())
  wrapper = mount(AppNavigation, { global: { plugins: [pinia] }, attachTo: document.body })
})
afterEach(() => {
  wrapper.unmount()
  teardown(pinia)
})

const item = (id: string) => wrapper.get(`[data-testid="nav-${id}"]`)
const focusedTestId = (): string | null => document.activeElement?.getAttribute('data-testid') ?? null

describe('AppNavigation', () => {
  it('renders the five sections as buttons with shortcut tooltips, Data current', () => {
    const buttons = wrapper.findAll('nav button')
    expect(buttons.map((b) => b.text().replace(/Ctrl\+\d/, '').trim())).toEqual(SECTIONS.map((s) => s.title))
    expect(buttons.every((b) => b.attributes('type') === 'button')).toBe(true)
    expect(item('data').attributes('aria-current')).toBe('page')
    expect(item('results').attributes('title')).toBe('Results (Ctrl+3)')
    expect(item('results').attributes('aria-keyshortcuts')).toBe('Control+3')
    expect(wrapper.get('nav').attributes('aria-label')).toBe('Sections')
  })

  it('clicking an item opens its section and moves aria-current', async () => {
    await item('compare').trigger('click')
    expect(useNavigationStore().current).toBe('compare')
    expect(item('compare').attributes('aria-current')).toBe('page')
    expect(item('data').attributes('aria-current')).toBeUndefined()
    expect(wrapper.findAll('[aria-current="page"]')).toHaveLength(1)
  })

  it('has one tab stop, on the active section', async () => {
    const tabStops = () => wrapper.findAll('nav button').filter((b) => b.attributes('tabindex') === '0')
    expect(tabStops().map((b) => b.attributes('data-testid'))).toEqual(['nav-data'])
    useNavigationStore().go('reports')
    await nextTick()
    expect(tabStops().map((b) => b.attributes('data-testid'))).toEqual(['nav-reports'])
  })

  it('ArrowDown/ArrowUp/Home/End move focus (wrapping) without opening the section', async () => {
    ;(item('data').element as HTMLElement).focus()
    await item('data').trigger('keydown', { key: 'ArrowDown' })
    await nextTick()
    expect(focusedTestId()).toBe('nav-campaigns')
    expect(item('campaigns').attributes('tabindex')).toBe('0')
    expect(useNavigationStore().current).toBe('data')
    await item('campaigns').trigger('keydown', { key: 'ArrowUp' })
    await item('data').trigger('keydown', { key: 'ArrowUp' })
    await nextTick()
    expect(focusedTestId()).toBe('nav-reports')
    await item('reports').trigger('keydown', { key: 'Home' })
    await nextTick()
    expect(focusedTestId()).toBe('nav-data')
    await item('data').trigger('keydown', { key: 'End' })
    await nextTick()
    expect(focusedTestId()).toBe('nav-reports')
  })
})
