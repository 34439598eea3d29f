// The leaf formulas of DOMAIN.md "Criterion kinds", on integers: points in hundredths, quantities in
// ten-thousandths (so A/T is a ratio of integers). Each result is the exact value rounded once, half-up.
//
// Quantitative, higher is better (MS = max, A = actual, T = target, B = the best actual in the cluster):
//   A < T: 0.5·MS·A/T        A = T: 0.5·MS        A > T, A = B: MS        A > T, A < B: 0.5·MS + 0.5·MS·(A−T)/(B−T)
//   (short_of_target)        (at_target)          (best_in_cluster)       (between_target_and_best)
// Lower is better mirrors it with B the lowest actual:
//   A > T: 0.5·MS·T/A        A = T: 0.5·MS        A < T, A = B: MS        A < T, A > B: 0.5·MS + 0.5·MS·(T−A)/(T−B)
// Target 0 (decided here; DOMAIN.md asks for an explicit rule):
// - higher is better, T = 0: the general formulas already hold and never divide by zero. A = 0 is "at target"
//   (0.5·MS); A > 0 is above target: MS for the best, 0.5·MS + 0.5·MS·A/B for the others.
// - lower is better, T = 0 means zero tolerance: A = 0 earns MS (nothing can do better than none, and the target
//   was met: zero_tolerance_met); any A > 0 is worse than target (short_of_target) and 0.5·MS·0/A = 0.
// Actual 0 with lower is better and T > 0: better than target and necessarily the lowest, so MS (the formulas
// give it without a special case). Ties for the best all earn MS.
// The best value B is taken over the units that reported an actual; an unreported actual scores 0 (not_reported).
//
// The rule is split in two, the branch that applies and its formula, so the ranking's explanation of a score
// (explain.ts) names the very branch the score was computed by.
import { mulDivRound, type Hundredths } from '../decimal.js'

/**
 * The branches of a quantitative leaf, as the API names them. The first five are the formulas above, named for
 * either direction ("short of" the target is below it when higher is better, above it when lower is better);
 * the last two score 0 without a formula.
 */
export const QUANTITATIVE_BRANCHES = [
  'short_of_target', 'at_target', 'between_target_and_best', 'best_in_cluster', 'zero_tolerance_met', 'not_reported', 'not_applicable'
] as const
export type QuantitativeBranch = typeof QUANTITATIVE_BRANCHES[number]
/** The branches of a leaf that applies to the unit (whether it does is the unit's, not the formula's, to say). */
export type ScoredBranch = Exclude<QuantitativeBranch, 'not_applicable'>

/** Which formula scores the actual A (NaN: not reported) against the target T and the cluster's best B. */
export function quantitativeBranch (lowerIsBetter: boolean, actual: number, target: number, best: number): ScoredBranch {
  if (actual !== actual) return 'not_reported' // x !== x only for NaN
  if (lowerIsBetter && target === 0 && actual === 0) return 'zero_tolerance_met'
  if (actual === target) return 'at_target'
  if (lowerIsBetter ? actual > target : actual < target) return 'short_of_target'
  return actual === best ? 'best_in_cluster' : 'between_target_and_best'
}

/** The points of `branch` (as quantitativeBranch chose it for these A, T and B). */
export function branchScore (branch: ScoredBranch, max: Hundredths, lowerIsBetter: boolean, actual: number, target: number, best: number): Hundredths {
  switch (branch) {
    case 'short_of_target':
      // Higher: A < T, so T > 0. Lower: A > T ≥ 0, so A > 0 (T = 0 gives 0: zero tolerance missed).
      return lowerIsBetter ? mulDivRound(max, target, 2 * actual) : mulDivRound(max, actual, 2 * target)
    case 'at_target':
      return mulDivRound(max, 1, 2)
    case 'best_in_cluster':
    case 'zero_tolerance_met':
      return max
    case 'between_target_and_best':
      // Higher: 0.5·MS + 0.5·MS·(A−T)/(B−T) = MS·(A + B − 2T) / (2(B − T)); B > A > T, so both parts are positive.
      // Lower: 0.5·MS + 0.5·MS·(T−A)/(T−B) = MS·(2T − A − B) / (2(T − B)); T > A > B.
      return lowerIsBetter
        ? mulDivRound(max, 2 * target - actual - best, 2 * (target - best))
        : mulDivRound(max, actual + best - 2 * target, 2 * (best - target))
    case 'not_reported':
      return 0
  }
}

/** The points of an actual (NaN: not reported, 0 points). */
export const quantitativeScore = (max: Hundredths, lowerIsBetter: boolean, actual: number, target: number, best: number): Hundredths =>
  branchScore(quantitativeBranch(lowerIsBetter, actual, target, best), max, lowerIsBetter, actual, target, best)

/** Achieved → MS, otherwise 0. */
export const qualitativeScore = (max: Hundredths, achieved: boolean): Hundredths => achieved ? max : 0

/** count × points each, capped at MS. */
export const perOccurrenceScore = (max: Hundredths, pointsEach: Hundredths, count: number): Hundredths =>
  Math.min(count * pointsEach, max)

/** bonus count × bonus each − deduction count × deduction each, clamped to [min, max]. */
export function bonusDeductionScore (
  min: Hundredths, max: Hundredths, bonusEach: Hundredths, bonusCount: number, deductionEach: Hundredths, deductionCount: number
): Hundredths {
  const net = bonusCount * bonusEach - deductionCount * deductionEach
  return net < min ? min : net > max ? max : net
}
