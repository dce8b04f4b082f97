// A real engine project holding the synthetic campaign data, set up the way users do it: import
// (or link) the Parquet files through stageImport/commitImport, then saveMapping.
import type { Result } from '../common/contract'
import { createEngine, type Engine } from '../electron/engine/engine'
import type { CampaignDataFiles } from './campaignData'

export function ok<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${result.error.code} ${result.error.message}`)
  return result.value
}

async function importFile(engine: Engine, path: string, datasetName: string, mode: 'copy' | 'link'): Promise<void> {
  const file = engine.registerFile(path)
  const staged = ok(await engine.stageImport({ fileId: file.fileId, datasetName, mode }), `stage ${datasetName}`)
  if (!staged.reconciled || staged.rejectedRows > 0) throw new Error(`${datasetName} did not import cleanly: ${JSON.stringify(staged)}`)
  ok(await engine.commitImport({ importId: staged.importId }), `commit ${datasetName}`)
}

/**
 * Open (create) the project in `dir`, import payments (copied, or linked in place), users and FX
 * rates, and map them. Timestamps in the files are UTC. Returns the open engine.
 */
export async function setUpProject(dir: string, files: CampaignDataFiles, paymentsMode: 'copy' | 'link'): Promise<Engine> {
  const engine = await createEngine({ projectDir: dir, host: 'test' })
  try {
    await importFile(engine, files.payments, 'payments', paymentsMode)
    await importFile(engine, files.users, 'users', 'copy')
    await importFile(engine, files.fx, 'fx_rates', 'copy')
    const same = (...names: string[]): Record<string, string> => Object.fromEntries(names.map((n) => [n, n]))
    ok(
      await engine.saveMapping({
        mapping: {
          roles: {
            payments: {
              dataset: 'payments',
              columns: same('payment_id', 'user_id', 'ts', 'amount', 'currency', 'country', 'rail', 'kind', 'status', 'counterparty_id', 'entry_method'),
              constants: {},
              values: {},
              timestamps: 'utc',
            },
            users: { dataset: 'users', columns: same('user_id', 'country', 'signup_ts', 'arm'), constants: {}, values: {}, timestamps: 'utc' },
            fx_rates: { dataset: 'fx_rates', columns: same('date', 'currency', 'usd_per_unit'), constants: {}, values: {}, timestamps: 'utc' },
          },
          countries: { IN: { currency: 'INR', timeZone: 'Asia/Kolkata' }, BR: { currency: 'BRL', timeZone: 'America/Sao_Paulo' } },
        },
      }),
      'save mapping',
    )
    return engine
  } catch (error) {
    await engine.close()
    throw error
  }
}
