// shortcutDigit: which key events count as "jump to section N".
import { describe, expect, it } from 'vitest'
import { shortcutDigit } from '../../../renderer/composables/useSectionShortcuts'

const key = (init: KeyboardEventInit): KeyboardEvent => new KeyboardEvent('keydown', init)

describe('shortcutDigit', () => {
  it('reads Ctrl or Cmd with a top-row or keypad digit', () => {
    expect(shortcutDigit(key({ key: '1', code: 'Digit1', ctrlKey: true }))).toBe(1)
    expect(shortcutDigit(key({ key: '4', code: 'Digit4', metaKey: true }))).toBe(4)
    expect(shortcutDigit(key({ key: '2', code: 'Numpad2', ctrlKey: true }))).toBe(2)
    // Layouts where the digit row yields other characters (AZERTY): the physical key decides.
    expect(shortcutDigit(key({ key: '&', code: 'Digit1', ctrlKey: true }))).toBe(1)
  })

  it('ignores plain digits and combinations with Alt or Shift', () => {
    expect(shortcutDigit(key({ key: '1', code: 'Digit1' }))).toBeNull()
    expect(shortcutDigit(key({ key: '1', code: 'Digit1', ctrlKey: true, altKey: true }))).toBeNull()
    expect(shortcutDigit(key({ key: '!', code: 'Digit1', ctrlKey: true, shiftKey: true }))).toBeNull()
    expect(shortcutDigit(key({ key: 'k', code: 'KeyK', ctrlKey: true }))).toBeNull()
  })
})
