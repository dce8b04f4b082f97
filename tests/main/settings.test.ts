// The desktop settings file: the last save folder is written atomically, read back, and ignored
// when the file is corrupt, of the wrong shape, or names a folder that no longer exists.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DESKTOP_SETTINGS_FILE, desktopSettingsPath, lastSaveFolder, readDesktopSettings, rememberSaveFolder } from '../../electron/main/settings'

const root = mkdtempSync(join(tmpdir(), 'cbl-settings-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function fresh(name: string): { dir: string; file: string } {
  const dir = join(root, name)
  mkdirSync(dir, { recursive: true })
  return { dir, file: desktopSettingsPath(dir) }
}

describe('desktop settings', () => {
  it('lives in the userData folder', () => {
    expect(desktopSettingsPath('/home/asha/.config/Cashback Lab')).toBe(join('/home/asha/.config/Cashback Lab', DESKTOP_SETTINGS_FILE))
  })

  it('writes the last save folder and reads it back; no temp file is left', async () => {
    const { dir, file } = fresh('write')
    expect(await lastSaveFolder(file)).toBeNull()
    await rememberSaveFolder(file, root)
    expect(await lastSaveFolder(file)).toBe(root)
    expect(readdirSync(dir)).toEqual([DESKTOP_SETTINGS_FILE])
  })

  it('ignores a corrupt file, a wrong shape, a relative path and a folder that is gone', async () => {
    const { file } = fresh('corrupt')
    writeFileSync(file, '{"lastSaveFolder": "/tm')
    expect(await readDesktopSettings(file)).toEqual({ lastSaveFolder: null })
    expect(await lastSaveFolder(file)).toBeNull()
    writeFileSync(file, JSON.stringify({ lastSaveFolder: 42 }))
    expect(await lastSaveFolder(file)).toBeNull()
    writeFileSync(file, JSON.stringify(['not', 'an', 'object']))
    expect(await lastSaveFolder(file)).toBeNull()
    writeFileSync(file, JSON.stringify({ lastSaveFolder: 'relative/folder' }))
    expect(await lastSaveFolder(file)).toBeNull()
    writeFileSync(file, JSON.stringify({ lastSaveFolder: join(root, 'deleted-long-ago') }))
    expect(await lastSaveFolder(file)).toBeNull()
    writeFileSync(file, JSON.stringify({ lastSaveFolder: file })) // a file, not a folder
    expect(await lastSaveFolder(file)).toBeNull()
  })

  it('replaces a corrupt file on the next save', async () => {
    const { file } = fresh('repair')
    writeFileSync(file, 'garbage')
    await rememberSaveFolder(file, root)
    expect(await lastSaveFolder(file)).toBe(root)
  })
})
