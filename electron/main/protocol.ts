// The app:// protocol: serves the built renderer (out/renderer) to our windows with the CSP, so
// pages never load from file://. Layer: electron/main; URL → file resolution is a pure function.
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { CustomScheme, Protocol } from 'electron'
import { CONTENT_SECURITY_POLICY, contentTypeOf, safeRelativePath } from '../../common/web/staticPaths'
import { APP_HOST, APP_SCHEME } from './appOrigin'

/** standard + secure: a real origin with `self` in CSP, fetch() allowed, treated like https. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
}

/** Must run before app 'ready' (Electron only accepts privileged schemes then). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])
}

/** What an app:// request asks for: a file relative to the renderer folder, or an error status. */
export type AppRequestTarget =
  | { kind: 'file'; relativePath: string }
  | { kind: 'error'; status: 400 | 404 | 405; message: string }

/**
 * Resolve a request URL to a file of the renderer folder. Pure. Only GET/HEAD on
 * app://cashback-lab/ are served; paths that try to leave the folder (`..`, encoded
 * separators or dots, backslashes, NUL) are 400; "/" is index.html.
 */
export function resolveAppRequest(url: string, method = 'GET'): AppRequestTarget {
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'error', status: 405, message: 'Only GET and HEAD are served.' }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { kind: 'error', status: 400, message: 'Bad URL.' }
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) {
    return { kind: 'error', status: 404, message: 'Not found.' }
  }
  const relativePath = safeRelativePath(parsed.pathname)
  if (relativePath === null) return { kind: 'error', status: 400, message: 'Bad path.' }
  return { kind: 'file', relativePath }
}

/** The protocol handler: resolves the URL, reads the file and answers with CSP and nosniff. */
export function createAppRequestHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const target = resolveAppRequest(request.url, request.method)
    if (target.kind === 'error') return plain(target.status, target.message)
    const file = join(rendererDir, target.relativePath)
    let body: Buffer
    try {
      const info = await stat(file)
      if (!info.isFile()) return plain(404, 'Not found.')
      body = await readFile(file)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT' || code === 'ENOTDIR') return plain(404, 'Not found.')
      return plain(500, 'The file could not be read.')
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': contentTypeOf(file),
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': target.relativePath === 'index.html' ? 'no-store' : 'max-age=3600',
      },
    })
  }
}

/** Serve out/renderer on app://cashback-lab/ (after app 'ready'). */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir))
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  })
}
