// A cancelled evaluation leaves nothing half-built: the next evaluation of the same campaign (which
// reuses whatever the cancelled one cached) equals the totals computed from scratch.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { campaignSchema, type CampaignInput } from '../../../common/domain/campaign'
import { evaluateTotals } from '../../../electron/engine/campaigns'
import { sql } from '../../../electron/engine/db/sql'
import { createEngine, type Engine } from '../../../electron/engine/engine'
import { tempDir } from '../../helpers/tempDir'

const dir = tempDir('cancel-evaluation')
let engine: Engine

const campaign: CampaignInput = {
  name: '10 % capped, budget',
  countries: ['IN'],
  window: { start: '2024-09-01T00:00:00Z', end: '2024-10-01T00:00:00Z' },
  eligibility: { maxRewardedPaymentsPerUser: 3, uniqueCounterparty: true },
  reward: { type: 'percent', percent: 10 },
  perPaymentCap: 50,
  perUserCap: 100,
  budget: { amount: 2_000_000, currency: 'INR' },
}

beforeAll(async () => {
  engine = await createEngine({ projectDir: join(dir, 'project'), host: 'test', threads: 2 })
  const parquet = join(dir, 'payments.parquet')
  await engine.internals.database.run(sql`COPY (
      SELECT 'p' || i AS payment_id, 'u' || (hash(i) % 150000) AS user_id,
        TIMESTAMP '2024-09-01' + to_seconds(CAST(hash(i * 7) % (30 * 86400) AS BIGINT)) AS paid_at,
        CAST(1 + (hash(i * 13) % 500000) / 100.0 AS DECIMAL(18,2)) AS amount, 'c' || (hash(i * 3) % 5000) AS receiver
      FROM range(600000) t(i)) TO ${parquet} (FORMAT parquet)`)
  const staged = await engine.stageImport({ fileId: engine.registerFile(parquet).fileId, datasetName: 'payments' })
  if (!staged.ok) throw new Error(staged.error.message)
  await engine.commitImport({ importId: staged.value.importId })
  const mapped = await engine.saveMapping({
    mapping: { roles: { payments: { dataset: 'payments', columns: { payment_id: 'payment_id', user_id: 'user_id', ts: 'paid_at', amount: 'amount', counterparty_id: 'receiver' }, constants: { country: 'IN', rail: 'UPI', kind: 'P2P', status: 'SUCCESS' }, timestamps: 'utc' } } },
  })
  if (!mapped.ok) throw new Error(mapped.error.message)
}, 120_000)
afterAll(() => engine.close())

describe('cancelling an evaluation', () => {
  it('reports CANCELLED, and the next evaluation equals the totals computed from scratch', async () => {
    const stop = engine.onEvent((event) => {
      if (event.type === 'progress' && event.phase === 'started' && event.label.startsWith('Evaluating')) {
        setTimeout(() => void engine.cancelTask({ taskId: event.taskId }), 30)
      }
    })
    const cancelled = await engine.evaluateCampaign({ campaign, scope: 'all' })
    stop()
    expect(!cancelled.ok && cancelled.error.code).toBe('CANCELLED')

    const again = await engine.evaluateCampaign({ campaign, scope: 'all' })
    if (!again.ok) throw new Error(again.error.message)
    const fromScratch = await evaluateTotals(engine.internals.database, campaignSchema.parse(campaign), { payments: sql`canon.payments`, fx: sql`(SELECT CAST(NULL AS DATE) AS date, CAST(NULL AS VARCHAR) AS currency, CAST(NULL AS DOUBLE) AS usd_per_unit WHERE false)` })
    expect(again.value.totals).toEqual(fromScratch)
    expect(again.value.totals.rewardedPayments).toBeGreaterThan(0)
  }, 120_000)
})
