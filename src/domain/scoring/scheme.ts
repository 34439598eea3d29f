// The shapes of a scoring scheme (quy định chấm điểm) and of what units enter against it, exactly as the API's
// "Scoring shapes" name them, so the HTTP layer maps JSON onto these types field for field.
//
// The model:
// - `criteria` is a tree. A `group` node's score is the sum of its children, capped at its `maxPoints`; the
//   children's maxima must add up to no more than the group's. Leaves score within [0, maxPoints].
// - `bonus_deduction` leaves sit at the top level only: they are the scorecard's bonus/deduction section, not
//   part of any group. A positive net counts as bonus, a negative net as deduction; the scheme's `bonusCap` and
//   `deductionCap` cap the two totals. total = max(0, base + bonus − deduction), where base is the sum of the
//   other top-level nodes.
// - `bands` classify the total: a unit is in the band with the highest `minTotal` not above its total.
// - `tieBreak` orders units with equal totals; units still equal after every tie-break share a rank.

export const CRITERION_KINDS = ['group', 'quantitative', 'qualitative', 'per_occurrence', 'bonus_deduction'] as const
export type CriterionKind = typeof CRITERION_KINDS[number]

export const DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const
export type Direction = typeof DIRECTIONS[number]

/** A node of the criteria tree. Points are JSON numbers with at most two decimals. */
export interface CriterionNode {
  code: string
  name: string
  maxPoints: number
  kind: CriterionKind
  /** Only for `group`. */
  children?: CriterionNode[]
  /** `quantitative`: default `higher_is_better`. */
  direction?: Direction
  /** `quantitative`: the target of a unit that has none of its own (at most four decimals). */
  defaultTarget?: number
  /** `per_occurrence`: points per occurrence; the score is capped at `maxPoints`. */
  pointsEach?: number
  /** `bonus_deduction`: points added per bonus event. */
  bonusEach?: number
  /** `bonus_deduction`: points taken per deduction event. */
  deductionEach?: number
  /** `bonus_deduction`: the floor of the net (≤ 0, default 0); `maxPoints` is the ceiling. */
  minPoints?: number
}

export interface Band {
  code: string
  name: string
  minTotal: number
}

/**
 * `group:<code>`: higher score of that criterion (any non-bonus node, usually a group) first;
 * `fewer_deductions`: lower capped deduction total first; `more_bonus`: higher capped bonus total first.
 */
export type TieBreak = `group:${string}` | 'fewer_deductions' | 'more_bonus'

export interface Scheme {
  criteria: CriterionNode[]
  /** Cap on the bonus total (points); none when absent. */
  bonusCap?: number
  /** Cap on the deduction total (points); none when absent. */
  deductionCap?: number
  bands: Band[]
  tieBreak: TieBreak[]
  /** The band whose `minTotal` is the Ministry-flag standard; default the top band. */
  ministryFlagBand?: string
}

/** What a unit enters for one leaf (self-assessment); the field that matters depends on the leaf's kind. */
export interface Entry {
  code: string
  /** `quantitative`: the achieved value (≥ 0, at most four decimals); absent means not reported (scores 0). */
  actual?: number
  /** `qualitative`: absent means not achieved. */
  achieved?: boolean
  /** `per_occurrence`: whole number of occurrences. */
  count?: number
  /** `bonus_deduction`: whole numbers of bonus and deduction events. */
  bonusCount?: number
  deductionCount?: number
}

/** The reviewer's points for a leaf; they replace the score computed from the unit's own entry. */
export interface ReviewedPoints {
  code: string
  points: number
}

/** Per-unit targets: criterion code → target (at most four decimals). */
export type Targets = Readonly<Record<string, number>>

/** One validation problem; `path` is dotted from the body (`criteria.0.children.2.maxPoints`). */
export interface Problem {
  path: string
  message: string
}
