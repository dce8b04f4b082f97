// Long tasks: progress events while DuckDB works, and cancel through connection.interrupt().
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EngineEvent, ProgressEvent } from '../../common/contract'
import { sql } from '../../electron/engine/db/sql'
import { createEngine, type Engine } from '../../electron/engine/engine'
import { CREATE_BIG, SLOW_SCAN } from '../helpers/slowScan'
import { tempDir } from '../helpers/tempDir'


describe('TaskRunner', () => {
  let engine: Engine
  const events: EngineEvent[] = []
  beforeAll(async () => {
    engine = await createEngine({ projectDir: tempDir('tasks'), host: 'test', threads: 2 })
    engine.onEvent((event) => events.push(event))
    await engine.internals.database.run(CREATE_BIG(2_000_000))
  })
  afterAll(() => engine.close())

  const progressOf = (taskId: string): ProgressEvent[] => events.filter((e) => e.taskId === taskId)

  it('emits started, running and finished events with the task id', async () => {
    let taskId = ''
    const value = await engine.internals.tasks.run('Counting', async (context) => {
      taskId = context.taskId
      await context.connection.run('SELECT count(*) FROM big')
      return 42
    })
    expect(value).toBe(42)
    const phases = progressOf(taskId).map((e) => e.phase)
    expect(phases[0]).toBe('started')
    expect(phases.at(-1)).toBe('finished')
    expect(progressOf(taskId).at(-1)).toMatchObject({ label: 'Counting', percentage: 100 })
    expect(engine.internals.tasks.size).toBe(0)
  })

  it('names the step a task starts over on, then goes back to its label', async () => {
    let taskId = ''
    await engine.internals.tasks.run('Importing x.csv', async (context) => {
      taskId = context.taskId
      context.step('reading the file again')
      await context.connection.run('SELECT 1')
      context.step(null)
    })
    const labels = progressOf(taskId).map((e) => [e.phase, e.label])
    expect(labels).toContainEqual(['running', 'Importing x.csv: reading the file again'])
    expect(labels.at(-1)).toEqual(['finished', 'Importing x.csv'])
  })

  it('ticks at least every second during a long query and can be cancelled from the contract', async () => {
    // Cancel once DuckDB reports a percentage (the scan runs ~25 s here). On a loaded machine the
    // first percentage can take seconds (a CI run saw none in 3 s), so wait up to 15 s for it.
    const started = new Promise<string>((resolve) => {
      let firstTick: number | null = null
      const off = engine.onEvent((event) => {
        if (event.label !== 'Slow scan' || event.phase !== 'running') return
        firstTick ??= event.elapsedMs
        if (event.percentage !== null || event.elapsedMs - firstTick > 15_000) {
          off()
          resolve(event.taskId)
        }
      })
    })
    const run = engine.internals.tasks.run('Slow scan', (context) => context.connection.run(SLOW_SCAN.text))
    const taskId = await started
    const cancel = await engine.cancelTask({ taskId })
    expect(cancel).toEqual({ ok: true, value: { cancelled: true } })
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED', message: 'Slow scan was cancelled.' })

    const mine = progressOf(taskId)
    expect(mine.at(-1)?.phase).toBe('cancelled')
    const running = mine.filter((e) => e.phase === 'running')
    expect(running.length).toBeGreaterThan(0)
    for (const [a, b] of running.slice(1).map((e, i) => [running[i]!, e] as const)) {
      expect(b.elapsedMs - a.elapsedMs).toBeLessThan(1000)
    }
    expect(running.some((e) => (e.percentage ?? 0) > 0)).toBe(true)
    // The engine stays usable after an interrupt.
    const [row] = await engine.internals.database.rows(sql`SELECT 41 + 1 AS answer`)
    expect(row?.answer).toBe(42)
    expect(engine.internals.tasks.size).toBe(0)
  })

  it('reports a failure as failed and passes the error on', async () => {
    let taskId = ''
    await expect(
      engine.internals.tasks.run('Broken', async (context) => {
        taskId = context.taskId
        await context.connection.run('SELECT * FROM no_such_table')
      }),
    ).rejects.toThrow(/no_such_table/)
    expect(progressOf(taskId).at(-1)?.phase).toBe('failed')
  })
})
