// The scoring matrix (bảng tổng hợp điểm): every criterion of the scheme × every member × the four stages a leaf's
// points go through. The stages are the points as they stood after each step, so the columns of a unit read left to
// right as its scorecard went:
// - self: the score the engine computes from the unit's own entries (a leaf without an entry scores 0); null when
//   the unit has no scorecard;
// - reviewed: after the first review (thẩm định): the reviewer's points where the review lists the leaf, else the
//   self score it kept; null before the first review (or once a return has cleared it);
// - secondReview: after the review that follows the unit's explanation: its points where it lists the leaf, else
//   the first review's; null when there is none;
// - final: the points that count, the engine's (the ranking's breakdown): the last stage reached, and 0 for a unit
//   without a scorecard.
// A criterion that does not apply to the unit (its targets' `notApplicable`, or a group all of whose leaves are) has
// no value at any stage: it is shown as such, never as 0. A group's value at a stage is the sum of its children's
// values there, capped at its maxPoints as the engine caps it (a cap that bites only in an "overfull" scheme); null
// when none of its children has a value at that stage. Points are hundredths inside, JSON numbers outside.
import { parsePoints, toPoints, type Hundredths } from '../decimal.js'
import { BONUS_DEDUCTION, GROUP, PER_OCCURRENCE, QUALITATIVE, QUANTITATIVE, type CompiledScheme } from './compile.js'
import type { CriterionKind, ReviewedPoints } from './scheme.js'
import type { UnitResult } from './scorecard.js'

export const MATRIX_STAGES = ['self', 'reviewed', 'secondReview', 'final'] as const
export type MatrixStage = typeof MATRIX_STAGES[number]
/** The stages as the exported and printed tables head their columns, in MATRIX_STAGES' order. */
export const STAGE_NAMES = ['Tự chấm', 'Thẩm định', 'Thẩm định lại', 'Điểm cuối cùng'] as const

/** What the matrix reads of a unit's scorecard: its two reviews, each null before it is made. */
export interface MatrixCard {
  review: readonly ReviewedPoints[] | null
  secondReview: readonly ReviewedPoints[] | null
}

/** One member: its engine result (computeScorecards over the whole cluster) and its scorecard, if it has one. */
export interface MatrixUnit {
  result: UnitResult
  card?: MatrixCard
}

/** A criterion's points for one unit at each stage; null where it has none (see above). */
export interface MatrixCell {
  unitId: string
  self: number | null
  reviewed: number | null
  secondReview: number | null
  final: number | null
  /** The criterion does not apply to the unit: every stage is null. */
  notApplicable: boolean
}

/** One criterion's line: the criterion, then one cell per unit in the units' order. */
export interface MatrixRow {
  code: string
  name: string
  kind: CriterionKind
  /** 1 for a top-level criterion, 2 for its children, and so on. */
  depth: number
  maxPoints: number
  cells: MatrixCell[]
}

const KIND_NAMES: Record<number, CriterionKind> = {
  [GROUP]: 'group', [QUANTITATIVE]: 'quantitative', [QUALITATIVE]: 'qualitative', [PER_OCCURRENCE]: 'per_occurrence', [BONUS_DEDUCTION]: 'bonus_deduction'
}

/** A review's points by leaf code, in hundredths (the reviews were checked when they were made). */
function reviewedByCode (review: readonly ReviewedPoints[] | null | undefined): Map<string, Hundredths> | undefined {
  if (!review) return undefined
  const points = new Map<string, Hundredths>()
  for (const { code, points: p } of review) {
    const h = parsePoints(p)
    if (h !== null) points.set(code, h)
  }
  return points
}

/** A unit's value of every node at every stage (NaN: none), in the compiled scheme's post-order. */
function unitStages (scheme: CompiledScheme, { result, card }: MatrixUnit): Float64Array[] {
  const { size, kinds, codes, max, children } = scheme
  const first = reviewedByCode(card?.review)
  const second = reviewedByCode(card?.secondReview)
  const stages = MATRIX_STAGES.map(() => new Float64Array(size).fill(NaN))
  const [self, reviewed, secondReview, final] = stages
  for (let k = 0; k < size; k++) {
    if (result.na.length > 0 && result.na[k] === 1) continue
    if (kinds[k] === GROUP) {
      for (const values of stages) {
        let sum = NaN
        for (const c of children[k]) if (values[c] === values[c]) sum = sum === sum ? sum + values[c] : values[c] // x === x is false only for NaN
        values[k] = sum > max[k] ? max[k] : sum
      }
      continue
    }
    if (card) self[k] = result.selfPoints[k]
    if (first) reviewed[k] = first.get(codes[k]) ?? self[k]
    if (second) secondReview[k] = second.get(codes[k]) ?? (reviewed[k] === reviewed[k] ? reviewed[k] : self[k])
    final[k] = result.points[k]
  }
  return stages
}

const orNull = (h: number): number | null => (h === h ? toPoints(h) : null)

/** The nodes in the scheme's order, each group before its children, with its depth. */
function * preOrder (scheme: CompiledScheme): Generator<{ k: number, depth: number }> {
  const stack = [...scheme.roots].reverse().map((k) => ({ k, depth: 1 }))
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    yield next
    const { k, depth } = next
    for (let i = scheme.children[k].length - 1; i >= 0; i--) stack.push({ k: scheme.children[k][i], depth: depth + 1 })
  }
}

/**
 * The matrix's rows, one criterion at a time in the scheme's order (groups before their children), each with one
 * cell per unit in `units`' order. Memory: four numbers per unit and criterion, then one row at a time.
 */
export function * matrixRows (scheme: CompiledScheme, units: readonly MatrixUnit[]): Generator<MatrixRow> {
  const stages = units.map((unit) => unitStages(scheme, unit))
  for (const { k, depth } of preOrder(scheme)) {
    yield {
      code: scheme.codes[k],
      name: scheme.names[k],
      kind: KIND_NAMES[scheme.kinds[k]],
      depth,
      maxPoints: toPoints(scheme.max[k]),
      cells: units.map(({ result }, u) => {
        const [self, reviewed, secondReview, final] = stages[u]
        return {
          unitId: result.unitId,
          self: orNull(self[k]),
          reviewed: orNull(reviewed[k]),
          secondReview: orNull(secondReview[k]),
          final: orNull(final[k]),
          notApplicable: result.na.length > 0 && result.na[k] === 1
        }
      })
    }
  }
}
