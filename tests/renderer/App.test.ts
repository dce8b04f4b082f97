// The whole shell in happy-dom: navigation swaps the view, Ctrl/Cmd+digit shortcuts, the engine
// alert with Retry, the project switcher in the header with its failures above the section, and
// event listening tied to the app's lifetime.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import App from '../../renderer/App.vue'
import { SECTIONS } from '../../renderer/sections'
import type { FakeEngineClient } from './support/fakeEngineClient'
import { freshEnvironment, teardown } from './support/setup'

let pinia: Pinia
let client: FakeEngineClient
let wrapper: VueWrapper | undefined

beforeEach(() => {
  ;({ pinia, client } = freshEnvironment())
})
afterEach(() => {
  wrapper?.unmount()
  teardown(pinia)
})

async function mountApp(): Promise<VueWrapper> {
  const mounted = mount(App, { global: { plugins: [pinia] }, attachTo: document.body })
  wrapper = mounted
  await flushPromises()
  return mounted
}

const title = (): string => wrapper!.get('[data-testid="section-title"]').text()
const press = (init: KeyboardEventInit): boolean => window.dispatchEvent(new KeyboardEvent('keydown', { cancelable: true, ...init }))

describe('App', () => {
  it('switches the view, title, aria-current and document title when a nav item is clicked', async () => {
    const app = await mountApp()
    expect(title()).toBe('Data')
    expect(app.text()).toContain('No payment data yet')
    for (const section of SECTIONS) {
      await app.get(`[data-testid="nav-${section.id}"]`).trigger('click')
      expect(title()).toBe(section.title)
      expect(app.get('main').attributes('data-section')).toBe(section.id)
      expect(app.get(`[data-testid="nav-${section.id}"]`).attributes('aria-current')).toBe('page')
      expect(document.title).toBe(`${section.title} — Cashback Lab`)
    }
    expect(app.text()).toContain('Export a report')
  })

  it('Ctrl+digit and Cmd+digit jump to sections; other combinations are left alone', async () => {
    await mountApp()
    expect(press({ key: '3', code: 'Digit3', ctrlKey: true })).toBe(false) // default prevented
    await flushPromises()
    expect(title()).toBe('Results')
    press({ key: '5', code: 'Numpad5', metaKey: true })
    await flushPromises()
    expect(title()).toBe('Reports')
    expect(press({ key: '2', code: 'Digit2' })).toBe(true)
    expect(press({ key: '9', code: 'Digit9', ctrlKey: true })).toBe(true)
    await flushPromises()
    expect(title()).toBe('Reports')
  })

  it('loads engine info on mount and shows an alert with Retry when it fails', async () => {
    client.getEngineInfo.mockResolvedValueOnce({ ok: false, error: { code: 'IO_ERROR', message: 'Cannot reach the engine.' } })
    const app = await mountApp()
    const alert = app.get('[data-testid="engine-alert"]')
    expect(alert.attributes('role')).toBe('alert')
    expect(alert.text()).toContain('Cannot reach the engine.')
    expect(alert.text()).toContain('IO_ERROR')
    await app.get('[data-testid="engine-alert-retry"]').trigger('click')
    await flushPromises()
    expect(app.find('[data-testid="engine-alert"]').exists()).toBe(false)
    expect(app.get('[data-testid="engine-status"]').text()).toBe('Engine ready')
  })

  it('has the project switcher in the header and shows a failed switch above the section until dismissed', async () => {
    client.openProject.mockResolvedValueOnce({ ok: false, error: { code: 'NOT_FOUND', message: 'The folder of “UPI March study” is gone.' } })
    const app = await mountApp()
    expect(app.get('header [data-testid="project-switcher"]').text()).toContain('pix-pilot')
    expect(app.find('[data-testid="project-problem"]').exists()).toBe(false)
    await app.get('[data-testid="project-switcher"]').trigger('click')
    await flushPromises()
    await app.get('[data-testid="project-recent-UPI March study"]').trigger('click')
    await flushPromises()
    const notice = app.get('main [data-testid="project-problem"]')
    expect(notice.attributes('role')).toBe('alert')
    expect(notice.text()).toContain('The project could not be opened')
    expect(notice.text()).toContain('The folder of “UPI March study” is gone.')
    await notice.get('button').trigger('click')
    expect(app.find('[data-testid="project-problem"]').exists()).toBe(false)
  })

  it('leaves a failed project list to the engine alert while the engine is unavailable', async () => {
    client.getEngineInfo.mockResolvedValueOnce({ ok: false, error: { code: 'IO_ERROR', message: 'Cannot reach the engine.' } })
    client.listProjects.mockResolvedValueOnce({ ok: false, error: { code: 'IO_ERROR', message: 'Cannot reach the engine.' } })
    const app = await mountApp()
    expect(app.find('[data-testid="engine-alert"]').exists()).toBe(true)
    expect(app.find('[data-testid="project-problem"]').exists()).toBe(false)
    expect(app.get('[data-testid="project-switcher"]').text()).toContain('Project')
  })

  it('listens to engine events while mounted', async () => {
    const app = await mountApp()
    expect(client.listenerCount()).toBe(1)
    app.unmount()
    wrapper = undefined
    expect(client.listenerCount()).toBe(0)
  })
})
