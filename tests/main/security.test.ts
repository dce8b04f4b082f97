// Session and web-contents hardening, driven through fake Electron objects.
import { describe, expect, it, vi } from 'vitest'
import { createAppUrlCheck } from '../../electron/main/appOrigin'
import {
  EXTERNAL_URL_ALLOW_LIST,
  hardenContents,
  hardenSession,
  isAllowedExternalUrl,
  type HardenableContents,
  type HardenableSession,
} from '../../electron/main/security'

type Listener = (event: { url: string; preventDefault: () => void }, ...rest: unknown[]) => void

function fakeContents() {
  const listeners = new Map<string, Listener>()
  let openHandler: ((details: { url: string }) => { action: string }) | undefined
  const contents = {
    on(name: string, listener: Listener) {
      listeners.set(name, listener)
      return contents
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      openHandler = handler
    },
  }
  /** Emit an event the way Electron does; returns whether the default was prevented. */
  const emit = (name: string, url: string): boolean => {
    const listener = listeners.get(name)
    if (listener === undefined) throw new Error(`no listener for ${name}`)
    const event = { url, preventDefault: vi.fn() }
    listener(event, url)
    return event.preventDefault.mock.calls.length > 0
  }
  const open = (url: string) => {
    if (openHandler === undefined) throw new Error('no window open handler')
    return openHandler({ url })
  }
  return { contents: contents as unknown as HardenableContents, emit, open, listeners }
}

function harden(externalAllowList?: readonly string[]) {
  const fake = fakeContents()
  const openExternal = vi.fn()
  hardenContents(fake.contents, { isAppUrl: createAppUrlCheck(null), openExternal, ...(externalAllowList ? { externalAllowList } : {}) })
  return { ...fake, openExternal }
}

describe('hardenSession', () => {
  it('denies every permission request, check and device permission', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    }
    hardenSession(session as unknown as HardenableSession)

    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (c: unknown, p: string, cb: (granted: boolean) => void) => void
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn()
      request({}, permission, callback)
      expect(callback).toHaveBeenCalledExactlyOnceWith(false)
    }
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean
    expect(check(null, 'media', 'app://cashback-lab', {})).toBe(false)
    const device = session.setDevicePermissionHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean
    expect(device({ deviceType: 'usb', origin: 'app://cashback-lab' })).toBe(false)
  })

  it('works on a session without setDevicePermissionHandler', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() }
    expect(() => hardenSession(session as unknown as HardenableSession)).not.toThrow()
    expect(session.setPermissionCheckHandler).toHaveBeenCalledOnce()
  })
})

describe('hardenContents', () => {
  it('prevents navigation to a foreign origin and allows our own', () => {
    const { emit } = harden()
    expect(emit('will-navigate', 'https://evil.example/phish')).toBe(true)
    expect(emit('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(emit('will-navigate', 'app://other-host/index.html')).toBe(true)
    expect(emit('will-navigate', 'app://cashback-lab/index.html')).toBe(false)
  })

  it('checks sub-frame navigation and redirects the same way', () => {
    const { emit } = harden()
    expect(emit('will-frame-navigate', 'https://evil.example/')).toBe(true)
    expect(emit('will-frame-navigate', 'app://cashback-lab/index.html')).toBe(false)
    expect(emit('will-redirect', 'https://evil.example/')).toBe(true)
    expect(emit('will-redirect', 'app://cashback-lab/index.html')).toBe(false)
  })

  it('never attaches a <webview>', () => {
    const { emit } = harden()
    expect(emit('will-attach-webview', 'app://cashback-lab/index.html')).toBe(true)
  })

  it('denies window.open, even for our own origin, and opens nothing with the empty allow-list', () => {
    const { open, openExternal } = harden()
    expect(EXTERNAL_URL_ALLOW_LIST).toEqual([])
    expect(open('https://duckdb.org/docs')).toEqual({ action: 'deny' })
    expect(open('app://cashback-lab/index.html')).toEqual({ action: 'deny' })
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('opens allow-listed https URLs in the OS browser and still denies the window', () => {
    const { open, openExternal } = harden(['https://duckdb.org'])
    expect(open('https://duckdb.org/docs')).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://duckdb.org/docs')
    expect(open('http://duckdb.org/docs')).toEqual({ action: 'deny' })
    expect(open('https://duckdb.org.evil.example/')).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledOnce()
  })
})

describe('isAllowedExternalUrl', () => {
  const list = ['https://duckdb.org']
  it('matches exact https origins only', () => {
    expect(isAllowedExternalUrl('https://duckdb.org/why_duckdb', list)).toBe(true)
    expect(isAllowedExternalUrl('http://duckdb.org/', list)).toBe(false)
    expect(isAllowedExternalUrl('https://sub.duckdb.org/', list)).toBe(false)
    expect(isAllowedExternalUrl('https://user@duckdb.org/', list)).toBe(false)
    expect(isAllowedExternalUrl('https://duckdb.org:8443/', list)).toBe(false)
    expect(isAllowedExternalUrl('nonsense', list)).toBe(false)
  })
})
