// Engine start-up: createEngine on an existing project (open file, apply settings, read them back)
// against the bare DuckDB baseline (DuckDBInstance.create + connect on the same file).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { createEngine } from '../electron/engine/engine'
import { time, type BenchRow } from './measure'

export async function benchStartup(runs: number): Promise<BenchRow> {
  const dir = mkdtempSync(join(tmpdir(), 'cbl-bench-startup-'))
  try {
    const subject = await time(runs, async () => {
      const engine = await createEngine({ projectDir: dir, host: 'test' })
      const info = await engine.getEngineInfo({})
      if (!info.ok) throw new Error(info.error.message)
      await engine.close()
    })
    const baseline = await time(runs, async () => {
      const instance = await DuckDBInstance.create(join(dir, 'project.duckdb'))
      const connection = await instance.connect()
      await connection.run('SELECT version()')
      connection.closeSync()
      instance.closeSync()
    })
    return { bench: 'engine start-up (open project + getEngineInfo)', size: 'empty project', subject, baseline, baselineName: 'DuckDBInstance.create+connect' }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
