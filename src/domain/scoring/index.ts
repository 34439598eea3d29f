// The scoring engine's public surface: schemes, validation, scorecards and ranking. Pure, no I/O.
export * from './scheme.js'
export { compileScheme, validateScheme, MAX_DEPTH, type CompiledScheme, type CompiledBand, type CompiledTieBreak, type SchemeOptions } from './compile.js'
export { validateEntries, validateReview, validateTargets, MAX_COUNT, MAX_NOT_APPLICABLE } from './inputs.js'
export { quantitativeScore, qualitativeScore, perOccurrenceScore, bonusDeductionScore } from './formulas.js'
export { computeScorecards, breakdown, type ClusterUnit, type UnitResult, type CriterionScore, type ScoringOptions } from './scorecard.js'
export { rankCluster, rankResults, compareResults, type RankingItem, type RankingOptions } from './ranking.js'
export { matrixRows, MATRIX_STAGES, STAGE_NAMES, type MatrixCard, type MatrixCell, type MatrixRow, type MatrixStage, type MatrixUnit } from './matrix.js'
