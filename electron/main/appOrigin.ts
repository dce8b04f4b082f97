// What counts as "our own" page: app://cashback-lab/ in every build, plus the electron-vite dev
// server while the app is not packaged. Layer: electron/main (pure: no electron import).

/** The privileged scheme the renderer is served from (see protocol.ts). */
export const APP_SCHEME = 'app'

/** The only host the app:// protocol answers for. */
export const APP_HOST = 'cashback-lab'

/** The page the main window opens in a packaged (or locally built) app. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * The renderer dev server URL (electron-vite sets ELECTRON_RENDERER_URL in `electron-vite dev`),
 * or null. Never trusted in a packaged app, and only on a loopback http(s) address.
 */
export function devServerUrl(isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): string | null {
  const raw = env.ELECTRON_RENDERER_URL
  if (isPackaged || raw === undefined || raw === '') return null
  const parsed = parseUrl(raw)
  if (parsed === null || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return null
  return LOOPBACK_HOSTS.has(parsed.hostname) ? parsed.href : null
}

/**
 * A predicate telling whether a URL belongs to our app: the app:// host exactly, or the dev
 * server's origin when there is one. Everything else (file://, https://, other hosts) is foreign.
 */
export function createAppUrlCheck(devUrl: string | null): (url: string) => boolean {
  const devOrigin = devUrl === null ? null : (parseUrl(devUrl)?.origin ?? null)
  return (url) => {
    const parsed = parseUrl(url)
    if (parsed === null) return false
    // Node gives non-special schemes an opaque origin ("null"), so compare scheme and host.
    if (parsed.protocol === `${APP_SCHEME}:`) {
      return parsed.host === APP_HOST && parsed.username === '' && parsed.password === ''
    }
    return devOrigin !== null && devOrigin !== 'null' && parsed.origin === devOrigin
  }
}

/** The URL the main window loads: the dev server in development, app:// otherwise. */
export function startUrl(devUrl: string | null): string {
  return devUrl ?? APP_ENTRY_URL
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text)
  } catch {
    return null
  }
}
