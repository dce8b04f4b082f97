// Results fixtures: the analysis inputs and the IN-KA rollout answer the engine gave on the
// bundled sample (datasets/sample; windows 2024-09-02..09-30, pre 08-05..09-02, post 09-30..10-28;
// numbers rounded to 10 significant digits), and helpers that derive answers from them with the
// same pure analyzeStats the engine uses.
import { analyzeStats } from '../../../common/analysis'
import type { AnalysisInputs, ExperimentAnalysis } from '../../../common/domain/analysis'
import type { ProjectMapping } from '../../../common/domain/mapping'
import type { PaymentsOverview } from '../../../common/domain/profile'
import type { RolloutResult } from '../../../common/domain/rollout'
import inputsJson from './analysisInputs.json'
import rolloutJson from './rolloutResult.json'

export const SAMPLE_INPUTS = inputsJson as unknown as AnalysisInputs
export const SAMPLE_ROLLOUT = rolloutJson as unknown as RolloutResult

export function sampleAnswer(inputs: AnalysisInputs = SAMPLE_INPUTS): ExperimentAnalysis {
  return analyzeStats(structuredClone(inputs), {})
}

/** The sample with India's control arm cut by a fifth: the country's SRM check fails. */
export function srmInputs(): AnalysisInputs {
  const inputs = structuredClone(SAMPLE_INPUTS)
  inputs.stats.cells = inputs.stats.cells.map((c) => (c.dimension === 'country' && c.segment === 'IN' && c.arm === 'control' ? { ...c, n: Math.round(c.n * 0.8) } : c))
  return inputs
}

/** The sample costed with a flat ₹35 / R$ 5 scenario paid to every treatment arm (made-up reward sums). */
export function scenarioInputs(): AnalysisInputs {
  const inputs = structuredClone(SAMPLE_INPUTS)
  const arms = ['flat_large', 'flat_small', 'pct10']
  inputs.campaign = { id: '6f1c8f0e-3d5b-4c1a-9a63-2f7f4d8e1b20', name: 'Flat ₹35' }
  inputs.rewards = arms.flatMap((arm) => [
    { arm, country: 'IN', currency: 'INR', rewardedUsers: 3000, rewardedPayments: 7000, cashbackLocal: 245000, cashbackUsd: 2858.5 },
    { arm, country: 'BR', currency: 'BRL', rewardedUsers: 2000, rewardedPayments: 5000, cashbackLocal: 25000, cashbackUsd: 3974.7 },
  ])
  return inputs
}

export const RESULTS_MAPPING: ProjectMapping = {
  roles: {
    payments: { dataset: 'payments', columns: { user_id: 'user_id', ts: 'ts', amount: 'amount', country: 'country' }, constants: {}, values: {}, timestamps: 'utc' },
    users: { dataset: 'users', columns: { user_id: 'user_id', arm: 'arm', country: 'country', region: 'region' }, constants: {}, values: {}, timestamps: 'utc' },
  },
  countries: { IN: { currency: 'INR', timeZone: 'Asia/Kolkata' }, BR: { currency: 'BRL', timeZone: 'America/Sao_Paulo' } },
}

export const RESULTS_OVERVIEW: PaymentsOverview = {
  rows: 1183564,
  users: 160000,
  firstLocal: '2024-08-05 00:00:54',
  lastLocal: '2024-10-27 23:59:55',
  byCountry: [],
  byRail: [],
  byKind: [],
  byStatus: [],
  daily: [],
}
