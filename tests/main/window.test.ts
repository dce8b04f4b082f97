// The main window, with BrowserWindow replaced by a fake (no Electron binary here).
import { describe, expect, it, vi } from 'vitest'
import { secureWebPreferences } from '../../electron/main/webPreferences'

/** What the tests look at on a fake BrowserWindow. */
interface FakeWindow {
  options: Record<string, unknown>
  show: ReturnType<typeof vi.fn>
  loadURL: ReturnType<typeof vi.fn>
  emit(name: string): boolean
  webContents: { emit(name: string): boolean }
}

const fakes = vi.hoisted(() => ({ windows: [] as FakeWindow[], nativeTheme: { shouldUseDarkColors: false } }))

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events')
  class BrowserWindow extends Emitter {
    readonly webContents = new Emitter()
    readonly show = vi.fn(() => void (this.visible = true))
    readonly loadURL = vi.fn(async (_url: string) => undefined)
    visible = false
    constructor(readonly options: Record<string, unknown>) {
      super()
      fakes.windows.push(this as unknown as FakeWindow)
    }
    isDestroyed = () => false
    isVisible = () => this.visible
  }
  return { BrowserWindow, nativeTheme: fakes.nativeTheme }
})

const { createMainWindow, WINDOW_TITLE } = await import('../../electron/main/window')

describe('createMainWindow', () => {
  it('creates a hidden, titled window with the secure webPreferences and loads the URL', () => {
    createMainWindow({ preloadPath: '/app/out/preload/index.cjs', url: 'app://cashback-lab/index.html', devTools: false })
    const window = fakes.windows.at(-1)
    expect(window?.options).toMatchObject({ title: 'Cashback Lab', show: false, backgroundColor: '#f5f6f8' })
    expect(WINDOW_TITLE).toBe('Cashback Lab')
    expect(window?.options.webPreferences).toEqual(secureWebPreferences('/app/out/preload/index.cjs', false))
    expect(window?.loadURL).toHaveBeenCalledExactlyOnceWith('app://cashback-lab/index.html')
  })

  it('paints the dark background when the OS uses dark colours', () => {
    fakes.nativeTheme.shouldUseDarkColors = true
    createMainWindow({ preloadPath: '/p.cjs', url: 'app://cashback-lab/index.html', devTools: false })
    fakes.nativeTheme.shouldUseDarkColors = false
    expect(fakes.windows.at(-1)?.options.backgroundColor).toBe('#14171c')
  })

  it('shows the window on ready-to-show, not before', () => {
    createMainWindow({ preloadPath: '/p.cjs', url: 'http://localhost:5173/', devTools: true })
    const window = fakes.windows.at(-1)
    expect(window?.show).not.toHaveBeenCalled()
    window?.emit('ready-to-show')
    expect(window?.show).toHaveBeenCalledOnce()
  })

  it('shows the window when the page fails to load, so the user sees something', () => {
    createMainWindow({ preloadPath: '/p.cjs', url: 'app://cashback-lab/index.html', devTools: false })
    const window = fakes.windows.at(-1)
    window?.webContents.emit('did-fail-load')
    expect(window?.show).toHaveBeenCalledOnce()
  })
})
