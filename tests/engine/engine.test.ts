// createEngine over a real DuckDB file: settings applied and read back, JSON-safe DTOs,
// request validation, and clear errors for unusable project folders.
import { spawn } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { responseSchemas } from '../../common/contract'
import { createEngine, type Engine } from '../../electron/engine/engine'
import { tempDir } from '../helpers/tempDir'
import { expectJsonSafe } from '../helpers/jsonSafe'

describe('createEngine', () => {
  const projectDir = join(tempDir('engine'), 'my project')
  let engine: Engine
  beforeAll(async () => {
    engine = await createEngine({ projectDir, host: 'test', memoryLimit: '1GB', threads: 1 })
  })
  afterAll(() => engine.close())

  it('opens a real database file in the project folder', async () => {
    expect(existsSync(join(projectDir, 'project.duckdb'))).toBe(true)
    const info = await engine.getEngineInfo({})
    if (!info.ok) throw new Error(info.error.message)
    expect(info.value.project).toEqual({ name: 'my project', dir: projectDir, databasePath: join(projectDir, 'project.duckdb') })
    expect(info.value.duckdbVersion).toMatch(/^v1\.\d+\.\d+/)
    expect(info.value.host).toBe('test')
  })

  it('applies the settings and reports what DuckDB actually runs with', async () => {
    const info = await engine.getEngineInfo({})
    if (!info.ok) throw new Error(info.error.message)
    // DuckDB reports 1GB (10^9 bytes) as "953.6 MiB".
    expect(info.value.settings).toEqual({
      memoryLimit: '953.6 MiB',
      threads: 1,
      tempDirectory: join(projectDir, '.tmp'),
      autoinstallKnownExtensions: false,
      autoloadKnownExtensions: false,
    })
    expect(existsSync(join(projectDir, '.tmp'))).toBe(true)
  })

  it('returns JSON-safe DTOs that match the response schema', async () => {
    const info = await engine.getEngineInfo({})
    expectJsonSafe(info)
    expect(responseSchemas.getEngineInfo.safeParse(info.ok && info.value).success).toBe(true)
  })

  it('answers a schema-failing request with INVALID_REQUEST instead of throwing', async () => {
    const result = await engine.cancelTask({ taskId: "x'; DROP" } as never)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INVALID_REQUEST')
    expect(result.error.message).toContain('taskId')
    const missing = await engine.cancelTask({} as never)
    expect(!missing.ok && missing.error.code).toBe('INVALID_REQUEST')
  })

  it('reports that an unknown task was not cancelled', async () => {
    expect(await engine.cancelTask({ taskId: 'no-such-task' })).toEqual({ ok: true, value: { cancelled: false } })
  })
})

describe('createEngine with bad project folders and settings', () => {
  const root = tempDir('engine-bad')

  it('refuses a project path that is a file', async () => {
    const file = join(root, 'not-a-folder.txt')
    writeFileSync(file, 'x')
    await expect(createEngine({ projectDir: file, host: 'test' })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('is a file, not a folder'),
    })
  })

  it('refuses a memory limit that is not a size', async () => {
    await expect(createEngine({ projectDir: join(root, 'p1'), host: 'test', memoryLimit: 'lots' })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('write it like 4GB'),
    })
  })

  it('refuses a thread count that is not a positive whole number', async () => {
    await expect(createEngine({ projectDir: join(root, 'p2'), host: 'test', threads: 0 })).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
  })

  it('says the project is open elsewhere when another process holds the database', async () => {
    const projectDir = join(root, 'locked')
    const holder = await createEngine({ projectDir, host: 'test', threads: 1 })
    await holder.close()
    // A second process opens the file and keeps it open; DuckDB locks it against other processes.
    const child = spawn(process.execPath, [
      '--input-type=module',
      '-e',
      `import { DuckDBInstance } from '@duckdb/node-api'
       const db = await DuckDBInstance.create(${JSON.stringify(join(projectDir, 'project.duckdb'))})
       await db.connect(); console.log('open'); setTimeout(() => {}, 20000)`,
    ], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] })
    try {
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
      await expect(createEngine({ projectDir, host: 'test', threads: 1 })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining('open in another Cashback Lab process'),
      })
    } finally {
      child.kill()
    }
  })
})

describe('a closed engine', () => {
  it('answers CONFLICT rather than touching a closed database', async () => {
    const engine = await createEngine({ projectDir: tempDir('closed'), host: 'test', threads: 1 })
    await engine.close()
    const result = await engine.getEngineInfo({})
    expect(!result.ok && result.error.code).toBe('CONFLICT')
  })
})
