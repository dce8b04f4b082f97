// Session and web-contents hardening: deny permissions, keep every frame on our own origin,
// deny new windows and <webview>. Layer: electron/main (takes electron objects as arguments).
import type { Session, WebContents } from 'electron'

/**
 * Origins (https only) whose links may open in the user's browser from window.open or
 * target=_blank. Empty: the app links nowhere yet. Add exact origins, never patterns.
 */
export const EXTERNAL_URL_ALLOW_LIST: readonly string[] = []

/** The parts of a Session that hardenSession touches (a fake in tests). */
export type HardenableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> &
  Partial<Pick<Session, 'setDevicePermissionHandler'>>

/** Deny every permission request and check (camera, notifications, USB, HID, serial, …). */
export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler?.(() => false)
}

/** What hardenContents needs to know about the outside world. */
export interface ContentsPolicy {
  /** True for URLs of our own app (see appOrigin.ts). */
  isAppUrl: (url: string) => boolean
  /** Opens a URL in the OS browser (shell.openExternal); called only for allow-listed URLs. */
  openExternal: (url: string) => void
  /** Origins allowed to open externally; defaults to EXTERNAL_URL_ALLOW_LIST. */
  externalAllowList?: readonly string[]
}

/** The parts of a WebContents that hardenContents touches (a fake in tests). */
export type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>

/**
 * Keep a web contents on our origin: navigation and redirects elsewhere are prevented, new
 * windows are always denied (allow-listed https links go to the OS browser instead), and
 * <webview> cannot be attached.
 */
export function hardenContents(contents: HardenableContents, policy: ContentsPolicy): void {
  const allowList = policy.externalAllowList ?? EXTERNAL_URL_ALLOW_LIST
  const blockForeign = (event: { url: string; preventDefault: () => void }): void => {
    if (!policy.isAppUrl(event.url)) event.preventDefault()
  }
  contents.on('will-navigate', (event) => blockForeign(event))
  contents.on('will-frame-navigate', (event) => blockForeign(event))
  contents.on('will-redirect', (event) => blockForeign(event))
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url, allowList)) policy.openExternal(url)
    return { action: 'deny' }
  })
}

/** True when `url` is https and its origin is exactly one of `allowList`. */
export function isAllowedExternalUrl(url: string, allowList: readonly string[] = EXTERNAL_URL_ALLOW_LIST): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  return parsed.protocol === 'https:' && parsed.username === '' && allowList.includes(parsed.origin)
}
