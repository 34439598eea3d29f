// The scoring engine's public surface: schemes, validation, scorecards and ranking. Pure, no I/O.
export * from './scheme.js'
export { compileScheme, validateScheme, MAX_DEPTH, type CompiledScheme, type CompiledBand, type CompiledTieBreak, type SchemeOptions } from './compile.js'
export { validateEntries, validateReview, validateTargets, MAX_COUNT, MAX_NOT_APPLICABLE } from './inputs.js'
export {
  quantitativeScore, quantitativeBranch, branchScore, qualitativeScore, perOccurrenceScore, bonusDeductionScore,
  QUANTITATIVE_BRANCHES, type QuantitativeBranch
} from './formulas.js'
export { explainQuantitative, MAX_FORMULA_LENGTH, type ScoreExplanation } from './explain.js'
export { computeScorecards, breakdown, type ClusterUnit, type UnitResult, type CriterionScore, type ScoringOptions } from './scorecard.js'
export { rankCluster, rankResults, compareResults, type RankingItem, type RankingOptions } from './ranking.js'
export { matrixRows, MATRIX_STAGES, STAGE_NAMES, type MatrixCard, type MatrixCell, type MatrixRow, type MatrixStage, type MatrixUnit } from './matrix.js'
