// Which section is on screen, kept in location.hash (#/results) so Back/Forward, reloads and
// links work the same in Electron and in the browser. Layer: renderer/stores.
import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref } from 'vue'
import { SECTIONS, isSectionId, sectionById, type SectionId } from '../sections'

const DEFAULT_SECTION: SectionId = 'data'

/** The section named by a hash like "#/campaigns", or null for anything else. */
export function sectionFromHash(hash: string): SectionId | null {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? ''
  return isSectionId(id) ? id : null
}

export function hashOf(id: SectionId): string {
  return `#/${id}`
}

export const useNavigationStore = defineStore('navigation', () => {
  const current = ref<SectionId>(sectionFromHash(location.hash) ?? DEFAULT_SECTION)
  if (location.hash !== hashOf(current.value)) {
    // Canonical URL without adding a history entry, so the first Back leaves the app as usual.
    history.replaceState(history.state, '', hashOf(current.value))
  }

  const currentSection = computed(() => sectionById(current.value))

  function syncFromHash(): void {
    const id = sectionFromHash(location.hash)
    if (id !== null) current.value = id
    else history.replaceState(history.state, '', hashOf(current.value))
  }
  window.addEventListener('hashchange', syncFromHash)
  onScopeDispose(() => window.removeEventListener('hashchange', syncFromHash))

  /** Show a section; a new history entry, so Back returns to the previous one. */
  function go(id: SectionId): void {
    if (id === current.value) return
    current.value = id
    location.hash = hashOf(id)
  }

  /** Show the section with this Ctrl/Cmd shortcut digit; false when no section has it. */
  function goToShortcut(digit: number): boolean {
    const section = SECTIONS.find((s) => s.shortcut === digit)
    if (section === undefined) return false
    go(section.id)
    return true
  }

  return { current, currentSection, go, goToShortcut }
})
