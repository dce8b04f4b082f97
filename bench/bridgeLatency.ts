// Bridge round trip: getEngineInfo over HTTP on 127.0.0.1 (JSON, validation, dispatch) against
// the same call made in-process on the engine.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEngine } from '../electron/engine/engine'
import { createBridge } from '../electron/hosts/bridge'
import { time, type BenchRow } from './measure'

export async function benchBridgeLatency(runs: number): Promise<BenchRow> {
  const dir = mkdtempSync(join(tmpdir(), 'cbl-bench-bridge-'))
  const engine = await createEngine({ projectDir: dir, host: 'test' })
  const bridge = createBridge({ engine })
  try {
    const base = await bridge.listen(0)
    const subject = await time(runs, async () => {
      const response = await fetch(`${base}api/getEngineInfo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
      const result = (await response.json()) as { ok: boolean }
      if (!result.ok) throw new Error('bridge call failed')
    }, 20)
    const baseline = await time(runs, async () => {
      const result = await engine.getEngineInfo({})
      if (!result.ok) throw new Error(result.error.message)
    }, 20)
    return { bench: 'bridge round trip (POST /api/getEngineInfo)', size: `${runs} calls`, subject, baseline, baselineName: 'in-process engine call' }
  } finally {
    await bridge.close()
    await engine.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
