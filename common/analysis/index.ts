// Experiment analysis over sufficient statistics (issue 5): lift table, SRM, economics, curves.
// Pure, so the renderer recomputes a new control arm or CUPED without the engine. Layer: common.
export { analyzeStats, defaultControlArm, AnalysisInputError } from './analyzeStats'
export { armSizes, populationMetric } from './armSizes'
export { costPer, economicsRows, incremental } from './economics'
export { metricRows, indexCells } from './metricRows'
export { localDaysOf, windowMismatchNote } from './windowMismatch'
