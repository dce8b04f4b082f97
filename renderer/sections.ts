// The app's five sections in workflow order: ids (also the URL hash), titles, one-line summaries
// and icons. Layer: renderer. The navigation store, sidebar, header and shortcuts all read this.
import type { IconName } from './components/iconPaths'

export const SECTION_IDS = ['data', 'campaigns', 'results', 'compare', 'reports'] as const

export type SectionId = (typeof SECTION_IDS)[number]

export interface Section {
  id: SectionId
  title: string
  /** Shown under the title in the header. */
  summary: string
  icon: IconName
  /** Ctrl/Cmd + this digit jumps to the section. */
  shortcut: number
}

export const SECTIONS: readonly Section[] = [
  { id: 'data', title: 'Data', summary: 'Import, map, validate and profile payment datasets', icon: 'data', shortcut: 1 },
  { id: 'campaigns', title: 'Campaigns', summary: 'Design cashback rules and cost them on real payments', icon: 'campaigns', shortcut: 2 },
  { id: 'results', title: 'Results', summary: 'Experiment readouts: uplift, SRM, segments, unit economics', icon: 'results', shortcut: 3 },
  { id: 'compare', title: 'Compare', summary: 'Scenarios side by side: reward level against effect', icon: 'compare', shortcut: 4 },
  { id: 'reports', title: 'Reports', summary: 'Export PDF/HTML reports and XLSX/CSV tables', icon: 'reports', shortcut: 5 },
]

export function isSectionId(value: string): value is SectionId {
  return (SECTION_IDS as readonly string[]).includes(value)
}

export function sectionById(id: SectionId): Section {
  const section = SECTIONS.find((s) => s.id === id)
  if (section === undefined) throw new Error(`Unknown section ${id}`)
  return section
}

/** "Ctrl+3" or "⌘3", for tooltips and aria-keyshortcuts' human twin. */
export function shortcutLabel(digit: number, mac: boolean): string {
  return mac ? `⌘${digit}` : `Ctrl+${digit}`
}

export function isMacPlatform(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent)
}
