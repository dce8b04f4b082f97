// Uplift analysis on DuckDB: per-user payments aggregates (cached) and per-arm sufficient statistics.
// Layer: electron/engine. The statistics themselves are pure functions in common/stats.
export { computeSufficientStats, type UpliftRelations } from './computeSufficientStats'
