// Closing the engine waits for its tasks: a task still holding a connection keeps DuckDB's instance
// alive, and the next instance on the same file (the CLI's next command, the project opened again)
// met the old one removing its WAL ("Cannot open file project.duckdb.wal", a CI failure).
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sql } from '../../electron/engine/db/sql'
import { createEngine } from '../../electron/engine/engine'
import { mappedCliProject } from '../helpers/cliProject'
import { CREATE_BIG, SLOW_SCAN } from '../helpers/slowScan'
import { tempDir } from '../helpers/tempDir'

describe('Engine.close', () => {
  it('interrupts a running task and returns only after it let go of the database', async () => {
    const dir = tempDir('close-running')
    const engine = await createEngine({ projectDir: dir, host: 'test', threads: 1 })
    await engine.internals.database.run(CREATE_BIG(1_000_000))
    const started = new Promise<void>((resolve) => engine.onEvent((e) => e.phase === 'started' && resolve()))
    const order: string[] = []
    const run = engine.internals.tasks.run('Slow scan', (task) => task.connection.run(SLOW_SCAN.text)).catch((error: { code?: string }) => {
      order.push(`task ${error.code}`)
    })
    await started
    await engine.close()
    order.push('closed')
    await run
    expect(order).toEqual(['task CANCELLED', 'closed'])
    // The instance is gone: its checkpoint has folded the WAL into the file and removed it.
    expect(existsSync(join(dir, 'project.duckdb.wal'))).toBe(false)
    const again = await createEngine({ projectDir: dir, host: 'test', threads: 1 })
    try {
      expect(await again.internals.database.rows(sql`SELECT count(*)::INTEGER AS n FROM big`)).toEqual([{ n: 1000000 }])
    } finally {
      await again.close()
    }
  }, 60_000)

  it('does not start a task that was connecting when close began, nor one asked afterwards', async () => {
    const engine = await createEngine({ projectDir: tempDir('close-connecting'), host: 'test', threads: 1 })
    let worked = false
    const connecting = engine.internals.tasks.run('Late', async () => {
      worked = true
    })
    await engine.close()
    await expect(connecting).rejects.toMatchObject({ code: 'CANCELLED', message: 'Late was cancelled.' })
    await expect(engine.internals.tasks.run('After', async () => (worked = true))).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(worked).toBe(false)
    expect(engine.internals.tasks.size).toBe(0)
  })

  it('lets calls being answered finish on the open database, and refuses calls after it', async () => {
    const { project } = await mappedCliProject(tempDir('close-calls'))
    const engine = await createEngine({ projectDir: project, host: 'test', threads: 1 })
    const order: string[] = []
    const validating = engine.validateData({}).then((r) => order.push(`validate ${r.ok ? 'ok' : r.error.message}`))
    const listing = engine.listDatasets({}).then((r) => order.push(`list ${r.ok ? r.value.map((d) => d.name).join() : r.error.message}`))
    // A second close() waits for the same shutdown instead of returning at once.
    await Promise.all([engine.close().then(() => order.push('closed')), engine.close().then(() => order.push('closed again'))])
    await Promise.all([validating, listing])
    expect(order.slice(0, 2).sort()).toEqual(['list upi', 'validate ok'])
    expect(order.slice(2)).toEqual(['closed', 'closed again'])
    expect(await engine.listDatasets({})).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'The engine has been closed.' } })
  })

  it('lets the next CLI command open the project at once, after an evaluation queued its background preparation', async () => {
    const root = tempDir('close-cli')
    const { cli, project } = await mappedCliProject(root)
    const campaign = join(root, 'campaign.json')
    writeFileSync(campaign, JSON.stringify({ name: 'Flat', countries: ['IN'], window: { start: '2022-03-31T18:30:00Z', end: '2022-04-30T18:30:00Z' }, reward: { type: 'flat', amount: 11 } }))
    for (let i = 0; i < 3; i++) {
      const evaluated = await cli('evaluate', '--campaign', campaign)
      expect(evaluated.stderr).toBe('')
      // Before the fix the "Preparing quick estimates" task still held the instance here.
      expect(existsSync(join(project, 'project.duckdb.wal'))).toBe(false)
      const profiled = await cli('profile')
      expect(profiled.stderr).toBe('')
    }
  }, 60_000)
})
