// Navigation store: the current section and location.hash stay in step in both directions.
import type { Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sectionFromHash, useNavigationStore } from '../../../renderer/stores/navigation'
import { freshEnvironment, teardown } from '../support/setup'

let pinia: Pinia

beforeEach(() => {
  ;({ pinia } = freshEnvironment())
})
afterEach(() => teardown(pinia))

const hashChange = (hash: string): Promise<void> =>
  new Promise((done) => {
    window.addEventListener('hashchange', () => done(), { once: true })
    location.hash = hash
  })

describe('useNavigationStore', () => {
  it('starts from the section in the URL', () => {
    history.replaceState(null, '', '#/compare')
    expect(useNavigationStore().current).toBe('compare')
  })

  it('defaults to Data and writes the canonical hash for an empty or unknown one', () => {
    history.replaceState(null, '', '#/nowhere')
    const store = useNavigationStore()
    expect(store.current).toBe('data')
    expect(location.hash).toBe('#/data')
  })

  it('go() sets the section and the hash', () => {
    const store = useNavigationStore()
    store.go('results')
    expect(store.current).toBe('results')
    expect(store.currentSection.title).toBe('Results')
    expect(location.hash).toBe('#/results')
  })

  it('follows hash changes (Back/Forward, links)', async () => {
    const store = useNavigationStore()
    await hashChange('#/reports')
    expect(store.current).toBe('reports')
    await hashChange('#/campaigns')
    expect(store.current).toBe('campaigns')
  })

  it('maps shortcut digits 1–5 to sections and refuses others', () => {
    const store = useNavigationStore()
    expect(store.goToShortcut(4)).toBe(true)
    expect(store.current).toBe('compare')
    expect(store.goToShortcut(9)).toBe(false)
    expect(store.current).toBe('compare')
  })
})

describe('sectionFromHash', () => {
  it('reads #/id, #id and ignores anything after the id', () => {
    expect(sectionFromHash('#/results')).toBe('results')
    expect(sectionFromHash('#data')).toBe('data')
    expect(sectionFromHash('#/campaigns/123?x=1')).toBe('campaigns')
    expect(sectionFromHash('')).toBeNull()
    expect(sectionFromHash('#/settings')).toBeNull()
  })
})
