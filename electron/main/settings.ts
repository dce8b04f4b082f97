// The desktop app's own settings file (in app.getPath('userData')): today only the folder the
// last "Save as…" went to. Read defensively: a missing, corrupt or stale file (the folder was
// deleted) gives the defaults, never an error. Written atomically. Layer: electron/main.
import { readFile, stat } from 'node:fs/promises'
import { isAbsolute, join, resolve } from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from './atomicFile'

export const DESKTOP_SETTINGS_FILE = 'desktop-settings.json'

const settingsSchema = z.object({
  lastSaveFolder: z.string().min(1).max(4096).nullable().catch(null),
})

export type DesktopSettings = z.infer<typeof settingsSchema>

const DEFAULTS: DesktopSettings = { lastSaveFolder: null }

export function desktopSettingsPath(userDataDir: string): string {
  return join(userDataDir, DESKTOP_SETTINGS_FILE)
}

/** Read the settings; anything unreadable or invalid falls back to the defaults. */
export async function readDesktopSettings(file: string): Promise<DesktopSettings> {
  let raw: unknown
  try {
    raw = JSON.parse(await readFile(file, 'utf8'))
  } catch {
    return { ...DEFAULTS }
  }
  const parsed = settingsSchema.safeParse(raw)
  return parsed.success ? parsed.data : { ...DEFAULTS }
}

/** The remembered save folder, only if it is absolute and still an existing folder. */
export async function lastSaveFolder(file: string): Promise<string | null> {
  const { lastSaveFolder: folder } = await readDesktopSettings(file)
  if (folder === null || !isAbsolute(folder)) return null
  const info = await stat(folder).catch(() => null)
  return info?.isDirectory() === true ? resolve(folder) : null
}

/** Remember `folder` as the last save folder (atomic write; other keys are kept). */
export async function rememberSaveFolder(file: string, folder: string): Promise<void> {
  const current = await readDesktopSettings(file)
  const next: DesktopSettings = { ...current, lastSaveFolder: resolve(folder) }
  await writeFileAtomic(file, new TextEncoder().encode(`${JSON.stringify(next, null, 2)}\n`))
}
