// Where projects live when the user has not chosen a folder. Layer: electron/engine.
// Mirrors Electron's app.getPath('userData') so the desktop app, web mode and CLI share projects.
import { homedir } from 'node:os'
import { join } from 'node:path'

export const PRODUCT_NAME = 'Cashback Lab'

export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.CASHBACK_LAB_HOME) return env.CASHBACK_LAB_HOME
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME)
}

export function defaultProjectDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return join(appDataDir(env, platform), 'projects', 'default')
}
