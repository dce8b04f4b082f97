// The main window's webPreferences follow the Electron security checklist, value by value.
import { describe, expect, it } from 'vitest'
import { secureWebPreferences } from '../../electron/main/webPreferences'

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and strips Node from the renderer', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs', false)).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: false,
    })
  })

  it('allows DevTools only when asked (unpackaged app)', () => {
    expect(secureWebPreferences('/p.cjs', true).devTools).toBe(true)
    expect(secureWebPreferences('/p.cjs', false).devTools).toBe(false)
  })
})
