// Why a quantitative leaf scored what it did, for the ranking's breakdown: the branch of the formula that applied
// (formulas.ts chooses it, and the score was computed by that very choice), the numbers it used, and the formula
// written out with them. Since the best actual of the cluster is one of those numbers, a unit sees its points move
// when another unit reports a better actual: its `best` changes, or its branch does.
import { formatPoints, toPoints, toQuantity } from '../decimal.js'
import type { CompiledScheme } from './compile.js'
import { quantitativeBranch, type QuantitativeBranch } from './formulas.js'
import type { Direction } from './scheme.js'
import type { UnitResult } from './scorecard.js'

/**
 * Bound of `formula`: the longest, between target and best with MS 999999.99 and quantities of 16 characters
 * (99999999999.9999), is 125 characters.
 */
export const MAX_FORMULA_LENGTH = 200

/** A quantitative leaf's explanation; quantities and points are JSON numbers exact to their decimals. */
export interface ScoreExplanation {
  branch: QuantitativeBranch
  direction: Direction
  /** The unit's target (its own, else the criterion's default); null when it has none (a leaf that does not apply). */
  target: number | null
  /** The unit's actual; null when not reported. */
  actual: number | null
  /** The cluster's best reported actual (highest, or lowest when lower is better); null when nobody reported one. */
  best: number | null
  maxPoints: number
  /** The branch's formula with the numbers in, ending in "= " and the computed points to two decimals. */
  formula: string
  /** The points the formula gives: the leaf's `selfPoints`. */
  computedPoints: number
  /** Whether reviewed points replaced the computed points (the leaf's `points` are then the review's). */
  replacedByReview: boolean
}

const orNull = (q: number): number | null => q === q ? toQuantity(q) : null // x === x is false only for NaN

/** The formula of `branch` in words and numbers, without its result. */
function formulaOf (branch: QuantitativeBranch, lower: boolean, ms: string, a: string, t: string, b: string): string {
  switch (branch) {
    case 'short_of_target': return lower ? `0.5 × ${ms} × ${t} / ${a}` : `0.5 × ${ms} × ${a} / ${t}`
    case 'at_target': return `0.5 × ${ms}`
    case 'best_in_cluster':
    case 'zero_tolerance_met': return ms
    case 'between_target_and_best':
      return `0.5 × ${ms} + 0.5 × ${ms} × ` + (lower ? `(${t} − ${a}) / (${t} − ${b})` : `(${a} − ${t}) / (${b} − ${t})`)
    case 'not_reported': return 'no actual reported'
    case 'not_applicable': return 'does not apply to the unit'
  }
}

/** The explanation of quantitative leaf `k` of the unit's result. */
export function explainQuantitative (scheme: CompiledScheme, result: UnitResult, k: number): ScoreExplanation {
  const lower = scheme.lower[k] === 1
  const actual = result.actuals[k]
  const target = result.targets[k]
  const best = result.best[k]
  const branch = result.na.length > 0 && result.na[k] === 1 ? 'not_applicable' : quantitativeBranch(lower, actual, target, best)
  const computed = result.selfPoints[k]
  const maxPoints = toPoints(scheme.max[k])
  const text = formulaOf(branch, lower, String(maxPoints), String(toQuantity(actual)), String(toQuantity(target)), String(toQuantity(best)))
  return {
    branch,
    direction: lower ? 'lower_is_better' : 'higher_is_better',
    target: orNull(target),
    actual: orNull(actual),
    best: orNull(best),
    maxPoints,
    formula: `${text} = ${formatPoints(computed)}`,
    computedPoints: toPoints(computed),
    replacedByReview: result.reviewed[k] === 1
  }
}
