// Project switcher: the menu button's ARIA, the menu's content (current, recent, missing), the
// keyboard (arrows, Home/End, letters, Enter, Escape), picking a project, the desktop-only
// "Open folder…", and the "New project…" dialog with the engine's verdict on the name.
import { flushPromises, mount, type DOMWrapper, type VueWrapper } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import type { ProjectRef } from '../../../common/contract'
import { setFileClient } from '../../../renderer/api/fileClient'
import ProjectSwitcher from '../../../renderer/components/ProjectSwitcher.vue'
import { useEngineStore } from '../../../renderer/stores/engine'
import { CURRENT_PROJECT, RECENT_PROJECT, deferred, okResult, type FakeEngineClient } from '../support/fakeEngineClient'
import type { FakeFileClient } from '../support/fakeFileClient'
import { freshEnvironment, teardown } from '../support/setup'

let pinia: Pinia
let client: FakeEngineClient
let files: FakeFileClient
let reload: Mock<() => void>
let wrapper: VueWrapper | undefined

beforeEach(() => {
  ;({ pinia, client, files, reload } = freshEnvironment())
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  teardown(pinia)
})

async function mountSwitcher(): Promise<VueWrapper> {
  wrapper = mount(ProjectSwitcher, { global: { plugins: [pinia] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const button = () => wrapper!.get<HTMLButtonElement>('[data-testid="project-switcher"]')
const menu = (): DOMWrapper<Element> | null => {
  const found = wrapper!.find('[role="menu"]')
  return found.exists() ? found : null
}
const items = (): HTMLElement[] => [...document.querySelectorAll<HTMLElement>('[role="menu"] [role^="menuitem"]')]
const focusedLabel = (): string | undefined => (document.activeElement as HTMLElement | null)?.dataset.label
const keydown = async (target: Pick<DOMWrapper<Element>, 'trigger'>, key: string): Promise<void> => {
  await target.trigger('keydown', { key })
  await flushPromises()
}
const onMenu = (key: string): Promise<void> => keydown(menu()!, key)

describe('ProjectSwitcher', () => {
  it('is a menu button named after the open project (engine info until the list answers)', async () => {
    const held = deferred<Awaited<ReturnType<FakeEngineClient['listProjects']>>>()
    client.listProjects.mockReturnValueOnce(held.promise)
    await mountSwitcher()
    expect(button().text()).toContain('Project')
    await useEngineStore().loadInfo()
    await flushPromises()
    expect(wrapper!.get('[data-testid="project-switcher-name"]').text()).toBe('pix-pilot')
    held.resolve(okResult({ current: { ...CURRENT_PROJECT, name: 'Pix pilot 2026' }, recent: [] }))
    await flushPromises()
    expect(wrapper!.get('[data-testid="project-switcher-name"]').text()).toBe('Pix pilot 2026')
    expect(button().attributes('aria-haspopup')).toBe('menu')
    expect(button().attributes('aria-expanded')).toBe('false')
    expect(button().attributes('title')).toBe(`Pix pilot 2026 — ${CURRENT_PROJECT.dir}`)
    expect(menu()).toBeNull()
  })

  it('opens on click with the current project checked, the recent ones, and the actions; lists again on every open', async () => {
    await mountSwitcher()
    expect(client.listProjects).toHaveBeenCalledTimes(1)
    await button().trigger('click')
    await flushPromises()
    expect(client.listProjects).toHaveBeenCalledTimes(2)
    expect(button().attributes('aria-expanded')).toBe('true')
    expect(button().attributes('aria-controls')).toBe(menu()!.attributes('id'))
    expect(menu()!.attributes('aria-labelledby')).toBe(button().attributes('id'))
    expect(items().map((item) => item.dataset.label)).toEqual(['pix-pilot', 'UPI March study', 'Old pilot', 'New project'])
    expect(document.activeElement).toBe(items()[0])

    const current = wrapper!.get('[data-testid="project-current"]')
    expect(current.attributes('role')).toBe('menuitemradio')
    expect(current.attributes('aria-checked')).toBe('true')
    expect(current.text()).toContain('…/projects/pix-pilot')

    const recent = wrapper!.get('[data-testid="project-recent-UPI March study"]')
    expect(recent.attributes('aria-checked')).toBe('false')
    expect(recent.attributes('aria-disabled')).toBeUndefined()
    expect(recent.text()).toContain('…/projects/upi-march-study')
    expect(recent.attributes('title')).toBe(RECENT_PROJECT.dir)

    const missing = wrapper!.get('[data-testid="project-recent-Old pilot"]')
    expect(missing.attributes('aria-disabled')).toBe('true')
    expect(missing.get('.badge').text()).toBe('missing')
    expect(missing.text()).toContain('/mnt/usb/old-pilot')

    expect(wrapper!.text()).toContain('New project…')
    expect(wrapper!.find('[data-testid="project-open-folder"]').exists()).toBe(false) // web mode
    await button().trigger('click')
    expect(menu()).toBeNull()
  })

  it('moves with the arrows, Home, End and letters, and Escape closes back onto the button', async () => {
    await mountSwitcher()
    await keydown(button(), 'ArrowDown')
    expect(focusedLabel()).toBe('pix-pilot')
    await onMenu('ArrowDown')
    expect(focusedLabel()).toBe('UPI March study')
    await onMenu('ArrowDown')
    expect(focusedLabel()).toBe('Old pilot') // disabled, but focusable so it can be read
    await onMenu('End')
    expect(focusedLabel()).toBe('New project')
    await onMenu('ArrowDown')
    expect(focusedLabel()).toBe('pix-pilot') // wraps
    await onMenu('ArrowUp')
    expect(focusedLabel()).toBe('New project')
    await onMenu('Home')
    expect(focusedLabel()).toBe('pix-pilot')
    await onMenu('u')
    expect(focusedLabel()).toBe('UPI March study')
    await onMenu('n')
    expect(focusedLabel()).toBe('New project')
    await onMenu('Escape')
    expect(menu()).toBeNull()
    expect(document.activeElement).toBe(button().element)
    expect(button().attributes('aria-expanded')).toBe('false')

    await keydown(button(), 'ArrowUp')
    expect(focusedLabel()).toBe('New project') // ArrowUp opens on the last item
  })

  it('Enter on a recent project opens it and reloads; a missing one cannot be picked', async () => {
    await mountSwitcher()
    await keydown(button(), 'ArrowDown')
    await onMenu('End')
    await onMenu('ArrowUp') // Old pilot (missing)
    await onMenu('Enter')
    expect(menu()).not.toBeNull()
    expect(client.openProject).not.toHaveBeenCalled()
    await onMenu('ArrowUp') // UPI March study
    await onMenu('Enter')
    expect(menu()).toBeNull()
    expect(client.openProject).toHaveBeenCalledWith({ projectRef: RECENT_PROJECT.projectRef })
    expect(reload).toHaveBeenCalledTimes(1)
    expect(button().attributes('aria-busy')).toBe('true')
  })

  it('picking the current project just closes the menu; so do Tab and a click elsewhere', async () => {
    await mountSwitcher()
    await button().trigger('click')
    await flushPromises()
    await wrapper!.get('[data-testid="project-current"]').trigger('click')
    expect(menu()).toBeNull()
    expect(client.openProject).not.toHaveBeenCalled()

    await button().trigger('click')
    await flushPromises()
    await onMenu('Tab')
    expect(menu()).toBeNull()

    await button().trigger('click')
    await flushPromises()
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }))
    await flushPromises()
    expect(menu()).toBeNull()
    expect(reload).not.toHaveBeenCalled()
  })

  it('offers "Open folder…" on the desktop: the dialog’s project is opened and the page reloads', async () => {
    const choose = vi.fn(async () => okResult<ProjectRef | null>(RECENT_PROJECT))
    setFileClient({ ...files, kind: 'desktop', chooseProjectFolder: choose })
    await mountSwitcher()
    await button().trigger('click')
    await flushPromises()
    expect(items().at(-1)?.dataset.label).toBe('Open folder')
    await wrapper!.get('[data-testid="project-open-folder"]').trigger('click')
    await flushPromises()
    expect(choose).toHaveBeenCalledTimes(1)
    expect(client.openProject).toHaveBeenCalledWith({ projectRef: RECENT_PROJECT.projectRef })
    expect(reload).toHaveBeenCalledTimes(1)
  })

  describe('New project…', () => {
    async function openDialog() {
      await mountSwitcher()
      await keydown(button(), 'ArrowDown')
      await onMenu('End')
      await onMenu('Enter')
      expect(menu()).toBeNull()
      return wrapper!.get<HTMLDialogElement>('[data-testid="new-project-dialog"]')
    }
    const nameInput = () => wrapper!.get<HTMLInputElement>('[data-testid="new-project-name"]')
    const createButton = () => wrapper!.get<HTMLButtonElement>('[data-testid="new-project-create"]')

    it('is a modal dialog with the name focused; Create waits for a name, then creates and reloads', async () => {
      const dialog = await openDialog()
      expect(dialog.element.open).toBe(true)
      expect(document.getElementById(dialog.attributes('aria-labelledby')!)?.textContent).toBe('New project')
      expect(document.activeElement).toBe(nameInput().element)
      expect(createButton().element.disabled).toBe(true)
      await nameInput().setValue('   ')
      expect(createButton().element.disabled).toBe(true)
      await nameInput().setValue('Second study')
      expect(createButton().element.disabled).toBe(false)
      await wrapper!.get('form').trigger('submit')
      await flushPromises()
      expect(client.createProject).toHaveBeenCalledWith({ name: 'Second study' })
      expect(reload).toHaveBeenCalledTimes(1)
      expect(createButton().text()).toBe('Creating…')
    })

    it('shows the engine’s verdict on the name under the field until the name changes', async () => {
      client.createProject.mockResolvedValueOnce({
        ok: false,
        error: { code: 'INVALID_REQUEST', message: 'Invalid request for createProject: name: Use letters, digits, spaces, - and _.', details: { issues: [{ path: 'name', message: 'Use letters, digits, spaces, - and _.' }] } },
      })
      client.createProject.mockResolvedValueOnce({ ok: false, error: { code: 'CONFLICT', message: 'A project named “pix-pilot” already exists.' } })
      await openDialog()
      await nameInput().setValue('a/b')
      await wrapper!.get('form').trigger('submit')
      await flushPromises()
      const error = wrapper!.get('[data-testid="new-project-error"]')
      expect(error.text()).toBe('Use letters, digits, spaces, - and _.')
      expect(error.attributes('role')).toBe('alert')
      expect(nameInput().attributes('aria-invalid')).toBe('true')
      expect(nameInput().attributes('aria-describedby')).toBe(error.attributes('id'))
      expect(document.activeElement).toBe(nameInput().element)
      expect(reload).not.toHaveBeenCalled()

      await nameInput().setValue('pix-pilot')
      expect(wrapper!.find('[data-testid="new-project-error"]').exists()).toBe(false)
      expect(nameInput().attributes('aria-invalid')).toBe('false')
      await wrapper!.get('form').trigger('submit')
      await flushPromises()
      expect(wrapper!.get('[data-testid="new-project-error"]').text()).toBe('A project named “pix-pilot” already exists.')
    })

    it('shows other failures with the error notice', async () => {
      client.createProject.mockResolvedValueOnce({ ok: false, error: { code: 'IO_ERROR', message: 'The projects folder is read-only.' } })
      await openDialog()
      await nameInput().setValue('Second study')
      await wrapper!.get('form').trigger('submit')
      await flushPromises()
      const notice = wrapper!.get('[data-testid="error-notice"]')
      expect(notice.text()).toContain('The project could not be created')
      expect(notice.text()).toContain('The projects folder is read-only.')
      expect(wrapper!.find('[data-testid="new-project-error"]').exists()).toBe(false)
    })

    it('Escape and Cancel close it without creating, and focus goes back to the button', async () => {
      await (await openDialog()).trigger('cancel')
      expect(wrapper!.find('[data-testid="new-project-dialog"]').exists()).toBe(false)
      expect(document.activeElement).toBe(button().element)

      await keydown(button(), 'ArrowUp')
      await onMenu('Enter')
      expect(wrapper!.find('[data-testid="new-project-dialog"]').exists()).toBe(true)
      await nameInput().setValue('Never made')
      await wrapper!.get('[data-testid="new-project-cancel"]').trigger('click')
      expect(wrapper!.find('[data-testid="new-project-dialog"]').exists()).toBe(false)
      expect(document.activeElement).toBe(button().element)
      expect(client.createProject).not.toHaveBeenCalled()
    })
  })
})
