// Reloading the window, behind a seam: after the engine switched projects every store holds the old
// project's data, and a reload is the one way to start them all afresh. Tests swap in a spy.
// Layer: renderer.

let reloader: (() => void) | null = null

/** Reload the page (window.location.reload unless a test replaced it). */
export function reloadPage(): void {
  if (reloader !== null) reloader()
  else window.location.reload()
}

/** Replace the reload (tests pass a spy; null goes back to window.location.reload). */
export function setPageReloader(reload: (() => void) | null): void {
  reloader = reload
}
