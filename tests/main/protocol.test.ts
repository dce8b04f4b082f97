// The app:// protocol: pure URL → file resolution, and the handler over a real temp folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../common/web/staticPaths'
import {
  APP_SCHEME_PRIVILEGES,
  createAppRequestHandler,
  registerAppScheme,
  resolveAppRequest,
  serveAppProtocol,
} from '../../electron/main/protocol'

describe('resolveAppRequest', () => {
  it('serves index.html for the root', () => {
    expect(resolveAppRequest('app://cashback-lab/')).toEqual({ kind: 'file', relativePath: 'index.html' })
    expect(resolveAppRequest('app://cashback-lab')).toEqual({ kind: 'file', relativePath: 'index.html' })
  })

  it('maps asset paths, ignoring query and hash', () => {
    expect(resolveAppRequest('app://cashback-lab/assets/index-abc.js?v=1#x')).toEqual({ kind: 'file', relativePath: 'assets/index-abc.js' })
  })

  it.each([
    'app://cashback-lab/..%2F..%2Fetc%2Fpasswd',
    'app://cashback-lab/assets/..%2f..%2f..%2fsecret.txt',
    'app://cashback-lab/%2e%2e%2fsecret.txt',
    'app://cashback-lab/..%5C..%5Csecret.txt',
    'app://cashback-lab/a%00.js',
    'app://cashback-lab/%E0%A4%A',
  ])('refuses the traversal or bad encoding in %s with 400', (url) => {
    expect(resolveAppRequest(url)).toMatchObject({ kind: 'error', status: 400 })
  })

  it('keeps plain ".." segments inside the folder (the URL parser folds them)', () => {
    expect(resolveAppRequest('app://cashback-lab/assets/../../../etc/passwd')).toEqual({ kind: 'file', relativePath: 'etc/passwd' })
  })

  it('answers only for the cashback-lab host on app://', () => {
    expect(resolveAppRequest('app://other/index.html')).toMatchObject({ kind: 'error', status: 404 })
    expect(resolveAppRequest('https://cashback-lab/index.html')).toMatchObject({ kind: 'error', status: 404 })
    expect(resolveAppRequest('not a url')).toMatchObject({ kind: 'error', status: 400 })
  })

  it('serves only GET and HEAD', () => {
    expect(resolveAppRequest('app://cashback-lab/', 'HEAD')).toEqual({ kind: 'file', relativePath: 'index.html' })
    expect(resolveAppRequest('app://cashback-lab/', 'POST')).toMatchObject({ kind: 'error', status: 405 })
  })
})

describe('createAppRequestHandler', () => {
  let root: string
  let handler: (request: Request) => Promise<Response>
  const get = (url: string, method = 'GET') => handler(new Request(url, { method }))

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'app-protocol-'))
    const renderer = join(root, 'renderer')
    mkdirSync(join(renderer, 'assets'), { recursive: true })
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Cashback Lab</title>')
    writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(root, 'secret.txt'), 'SECRET')
    handler = createAppRequestHandler(renderer)
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('serves index.html for "/" with the CSP, nosniff and no caching', async () => {
    const response = await get('app://cashback-lab/')
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('<title>Cashback Lab</title>')
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('cache-control')).toBe('no-store')
  })

  it('serves assets with their content type', async () => {
    const response = await get('app://cashback-lab/assets/app.js')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await response.text()).toBe('console.log(1)')
  })

  it('answers HEAD without a body', async () => {
    const response = await get('app://cashback-lab/assets/app.js', 'HEAD')
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
  })

  it('gives 404 for missing files and folders', async () => {
    expect((await get('app://cashback-lab/missing.js')).status).toBe(404)
    expect((await get('app://cashback-lab/assets')).status).toBe(404)
  })

  it('never serves the file next to the renderer folder', async () => {
    const encoded = await get('app://cashback-lab/..%2Fsecret.txt')
    expect(encoded.status).toBe(400)
    expect(encoded.headers.get('x-content-type-options')).toBe('nosniff')
    const folded = await get('app://cashback-lab/../secret.txt')
    expect(folded.status).toBe(404)
    expect(await folded.text()).not.toContain('SECRET')
  })

  it('gives 404 for another host and 405 for POST', async () => {
    expect((await get('app://elsewhere/index.html')).status).toBe(404)
    expect((await get('app://cashback-lab/', 'POST')).status).toBe(405)
  })
})

describe('scheme registration', () => {
  it('registers app:// as standard, secure and fetch-capable', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() }
    registerAppScheme(protocol)
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP')
  })

  it('handles the app scheme', () => {
    const protocol = { handle: vi.fn() }
    serveAppProtocol(protocol, '/nowhere')
    expect(protocol.handle).toHaveBeenCalledExactlyOnceWith('app', expect.any(Function))
  })
})
