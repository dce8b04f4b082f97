// The campaign engine's entry points: materialise per-payment rewards (two cached stages), the
// funnel, the gaming signal, and the totals. Layer: electron/engine.
export { campaignFunnel } from './campaignFunnel'
export { DEFAULT_TIME_ZONES, type CampaignContext, type CampaignContextInput } from './campaignContext'
export { estimateTotals, evaluateRewards, evaluateTotals, neverEvaluated, prepareEstimates, rewardTotals } from './evaluateRewards'
export { gamingSignal } from './gamingSignal'
export { materializeCandidates, materializeRewards, materializeStages } from './materializeRewards'
