// A small mapped UPI project for the CLI tests (two payments, one user id that starts with "=" to
// exercise the formula guard) and a runner of `cashback-lab` against it.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createEngine, type Engine } from '../../electron/engine/engine'
import { runCli } from '../../electron/hosts/cli'

export interface CliProject {
  project: string
  cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }>
}

/** `root`/project imported and mapped; `extra` runs on the open engine before it closes. */
export async function mappedCliProject(root: string, extra: (engine: Engine) => Promise<void> = async () => undefined): Promise<CliProject> {
  const project = join(root, 'project')
  const engine = await createEngine({ projectDir: project, host: 'test', threads: 1 })
  try {
    const path = join(root, 'upi.csv')
    writeFileSync(path, ['payment_id,user_id,paid_at,amount,status', 'p1,u1,2022-04-01 10:00:00,100.00,SUCCESS', 'p2,=u2,2022-04-02 23:00:00,50.00,SUCCESS', ''].join('\n'))
    const staged = await engine.stageImport({ fileId: engine.registerFile(path).fileId, datasetName: 'upi' })
    if (!staged.ok) throw new Error(staged.error.message)
    await engine.commitImport({ importId: staged.value.importId })
    const mapped = await engine.saveMapping({
      mapping: { roles: { payments: { dataset: 'upi', columns: { payment_id: 'payment_id', user_id: 'user_id', ts: 'paid_at', amount: 'amount', status: 'status' }, constants: { country: 'IN', rail: 'UPI', kind: 'P2P' } } } },
    })
    if (!mapped.ok) throw new Error(mapped.error.message)
    await extra(engine)
  } finally {
    await engine.close()
  }
  return {
    project,
    async cli(...argv) {
      let stdout = ''
      let stderr = ''
      const code = await runCli([...argv, '--project', project, '--threads', '1'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { CASHBACK_LAB_HOME: join(root, 'home') } })
      return { code, stdout, stderr }
    },
  }
}
