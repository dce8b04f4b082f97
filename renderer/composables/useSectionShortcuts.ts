// Ctrl+1…5 (⌘1…5 on macOS) jump to a section from anywhere in the window.
// Layer: renderer/composables. The listener is removed with the component that installed it.
import { onScopeDispose } from 'vue'
import { useNavigationStore } from '../stores/navigation'

/** The digit of Ctrl/Cmd+digit (top row or keypad), or null for any other key combination. */
export function shortcutDigit(event: KeyboardEvent): number | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return null
  const match = /^(?:Digit|Numpad)([0-9])$/.exec(event.code) ?? /^([0-9])$/.exec(event.key)
  return match?.[1] === undefined ? null : Number(match[1])
}

export function useSectionShortcuts(): void {
  const navigation = useNavigationStore()
  const onKeydown = (event: KeyboardEvent): void => {
    const digit = shortcutDigit(event)
    if (digit !== null && navigation.goToShortcut(digit)) event.preventDefault()
  }
  window.addEventListener('keydown', onKeydown)
  onScopeDispose(() => window.removeEventListener('keydown', onKeydown))
}
