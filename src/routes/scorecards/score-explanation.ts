// The explanation of a quantitative leaf's score in the ranking's breakdown (domain/scoring/explain.ts): the branch
// of the formula that applied and the numbers it used, so a unit sees why its points moved when another unit
// reported a better actual.
import { Type } from 'typebox'
import { DIRECTIONS, MAX_FORMULA_LENGTH, QUANTITATIVE_BRANCHES } from '../../domain/scoring/index.js'

const Quantity = (description: string) => Type.Union([Type.Number(), Type.Null()], { description })

// Cụm thi đua số 9, 2024 (docs/how-scores-are-computed.md, "A worked example"): Bệnh viện 19.8 reported 93 % of its
// officers passing the drill inspection (I.2) against a target of 90, and Cục Y tế, with 96, was the cluster's best.
const example = {
  branch: 'between_target_and_best',
  direction: 'higher_is_better',
  target: 90,
  actual: 93,
  best: 96,
  maxPoints: 30,
  formula: '0.5 × 30 + 0.5 × 30 × (93 − 90) / (96 − 90) = 22.50',
  computedPoints: 22.5,
  replacedByReview: false
}

export const ScoreExplanation = Type.Object({
  branch: Type.Enum([...QUANTITATIVE_BRANCHES], {
    description: 'The branch of the formula that applied (MS the maximum, A the actual, T the target, B the best): ' +
      '`short_of_target` (worse than the target: 0.5·MS·A/T, or 0.5·MS·T/A when lower is better), `at_target` (0.5·MS), ' +
      '`between_target_and_best` (better than the target, not the best: 0.5·MS + 0.5·MS·(A−T)/(B−T), or ' +
      '0.5·MS + 0.5·MS·(T−A)/(T−B)), `best_in_cluster` (better than the target and the best, ties included: MS), ' +
      '`zero_tolerance_met` (lower is better, target 0 and actual 0: MS), `not_reported` (no actual: 0), ' +
      '`not_applicable` (the criterion does not apply to the unit: 0, and it leaves the unit\'s maximum).'
  }),
  direction: Type.Enum([...DIRECTIONS], { description: 'The criterion\'s direction.' }),
  target: Quantity('The unit\'s target (its own, else the criterion\'s `defaultTarget`); null when it has none (a criterion that does not apply).'),
  actual: Quantity('The actual the unit reported; null when not reported. Ignored when the branch is `not_applicable`.'),
  best: Quantity('The best actual reported in the cluster (the highest, or the lowest when lower is better), among the ' +
    'units the criterion applies to; null when nobody reported one. Another unit reporting a better actual changes it.'),
  maxPoints: Type.Number({ description: 'The criterion\'s `maxPoints` (MS).' }),
  formula: Type.String({
    maxLength: MAX_FORMULA_LENGTH,
    description: 'The branch\'s formula with the numbers filled in, then "=" and the computed points rounded half up ' +
      'to two decimals; for `not_reported` and `not_applicable`, those words instead of a formula.'
  }),
  computedPoints: Type.Number({ description: 'The points the formula gives, the leaf\'s `selfPoints`.' }),
  replacedByReview: Type.Boolean({ description: 'Whether reviewed points replaced the computed points: the leaf\'s `points` are then the review\'s.' })
}, {
  $id: 'ScoreExplanation',
  description: 'How a quantitative criterion\'s computed score came about (not the unit\'s giải trình, which is the scorecard\'s `explanation`).',
  examples: [example]
})
