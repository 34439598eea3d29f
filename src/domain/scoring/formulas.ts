// The leaf formulas of DOMAIN.md "Criterion kinds", on integers: points in hundredths, quantities in
// ten-thousandths (so A/T is a ratio of integers). Each result is the exact value rounded once, half-up.
//
// Quantitative, higher is better (MS = max, A = actual, T = target, B = the best actual in the cluster):
//   A < T: 0.5·MS·A/T        A = T: 0.5·MS        A > T, A = B: MS        A > T, A < B: 0.5·MS + 0.5·MS·(A−T)/(B−T)
// Lower is better mirrors it with B the lowest actual:
//   A > T: 0.5·MS·T/A        A = T: 0.5·MS        A < T, A = B: MS        A < T, A > B: 0.5·MS + 0.5·MS·(T−A)/(T−B)
// Target 0 (decided here; DOMAIN.md asks for an explicit rule):
// - higher is better, T = 0: the general formulas already hold and never divide by zero. A = 0 is "at target"
//   (0.5·MS); A > 0 is above target: MS for the best, 0.5·MS + 0.5·MS·A/B for the others.
// - lower is better, T = 0 means zero tolerance: A = 0 earns MS (nothing can do better than none, and the target
//   was met); any A > 0 is worse than target and 0.5·MS·0/A = 0.
// Actual 0 with lower is better and T > 0: better than target and necessarily the lowest, so MS (the formulas
// give it without a special case). Ties for the best all earn MS.
// The best value B is taken over the units that reported an actual; an unreported actual scores 0.
import { mulDivRound, type Hundredths } from '../decimal.js'

export function quantitativeScore (max: Hundredths, lowerIsBetter: boolean, actual: number, target: number, best: number): Hundredths {
  if (!lowerIsBetter) {
    if (actual < target) return mulDivRound(max, actual, 2 * target)
    if (actual === target) return mulDivRound(max, 1, 2)
    if (actual === best) return max
    // 0.5·MS + 0.5·MS·(A−T)/(B−T) = MS·(A + B − 2T) / (2(B − T)); B > A > T, so both parts are positive.
    return mulDivRound(max, actual + best - 2 * target, 2 * (best - target))
  }
  if (target === 0 && actual === 0) return max
  if (actual > target) return mulDivRound(max, target, 2 * actual)
  if (actual === target) return mulDivRound(max, 1, 2)
  if (actual === best) return max
  // 0.5·MS + 0.5·MS·(T−A)/(T−B) = MS·(2T − A − B) / (2(T − B)); T > A > B.
  return mulDivRound(max, 2 * target - actual - best, 2 * (target - best))
}

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
