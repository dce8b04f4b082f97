// The campaign evaluation aggregates over a materialised rewards table. Layer: electron/engine.
export { evaluationFromRewards, type EvaluationExtras } from './evaluationFromRewards'
