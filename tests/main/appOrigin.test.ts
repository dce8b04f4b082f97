// Which URLs count as our own origin, and when the dev server is trusted.
import { describe, expect, it } from 'vitest'
import { APP_ENTRY_URL, createAppUrlCheck, devServerUrl, startUrl } from '../../electron/main/appOrigin'

describe('createAppUrlCheck without a dev server', () => {
  const isAppUrl = createAppUrlCheck(null)

  it('accepts pages of app://cashback-lab/', () => {
    expect(isAppUrl('app://cashback-lab/index.html')).toBe(true)
    expect(isAppUrl('app://cashback-lab/#/campaigns')).toBe(true)
  })

  it.each([
    'app://evil/index.html',
    'app://cashback-lab.evil.com/index.html',
    'app://cashback-lab:8080/index.html',
    'app://user@cashback-lab/index.html',
    'file:///etc/passwd',
    'https://cashback-lab/',
    'http://localhost:5173/',
    'javascript:alert(1)',
    'about:blank',
    'not a url',
    '',
  ])('refuses %j', (url) => {
    expect(isAppUrl(url)).toBe(false)
  })
})

describe('createAppUrlCheck with a dev server', () => {
  const isAppUrl = createAppUrlCheck('http://localhost:5173/')

  it('accepts the dev server origin and still app://', () => {
    expect(isAppUrl('http://localhost:5173/src/main.ts')).toBe(true)
    expect(isAppUrl('app://cashback-lab/index.html')).toBe(true)
  })

  it('refuses other ports and hosts', () => {
    expect(isAppUrl('http://localhost:5174/')).toBe(false)
    expect(isAppUrl('http://127.0.0.1:5173/')).toBe(false)
    expect(isAppUrl('https://localhost:5173/')).toBe(false)
  })
})

describe('devServerUrl', () => {
  it('is null in a packaged app even when the variable is set', () => {
    expect(devServerUrl(true, { ELECTRON_RENDERER_URL: 'http://localhost:5173' })).toBeNull()
  })

  it('is the loopback dev server URL when unpackaged', () => {
    expect(devServerUrl(false, { ELECTRON_RENDERER_URL: 'http://localhost:5173' })).toBe('http://localhost:5173/')
    expect(devServerUrl(false, { ELECTRON_RENDERER_URL: 'http://127.0.0.1:5999/' })).toBe('http://127.0.0.1:5999/')
  })

  it('ignores missing, non-loopback and non-http values', () => {
    expect(devServerUrl(false, {})).toBeNull()
    expect(devServerUrl(false, { ELECTRON_RENDERER_URL: '' })).toBeNull()
    expect(devServerUrl(false, { ELECTRON_RENDERER_URL: 'http://example.com:5173' })).toBeNull()
    expect(devServerUrl(false, { ELECTRON_RENDERER_URL: 'file:///tmp/index.html' })).toBeNull()
    expect(devServerUrl(false, { ELECTRON_RENDERER_URL: '::nonsense' })).toBeNull()
  })
})

describe('startUrl', () => {
  it('loads app://cashback-lab/index.html unless there is a dev server', () => {
    expect(startUrl(null)).toBe('app://cashback-lab/index.html')
    expect(APP_ENTRY_URL).toBe('app://cashback-lab/index.html')
    expect(startUrl('http://localhost:5173/')).toBe('http://localhost:5173/')
  })
})
