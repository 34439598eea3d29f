// Scorecards of a whole cluster at once: "best in cluster" makes a quantitative leaf depend on every member's
// actual, so one call takes every member's inputs and returns every member's result.
import { problemsFound } from '../errors.js'
import { toPoints, type Hundredths } from '../decimal.js'
import { BONUS_DEDUCTION, GROUP, PER_OCCURRENCE, QUALITATIVE, QUANTITATIVE, type CompiledScheme } from './compile.js'
import { bonusDeductionScore, perOccurrenceScore, qualitativeScore, quantitativeScore } from './formulas.js'
import { allocate, readEntries, readReview, readTargets, type ClusterArrays } from './inputs.js'
import type { Entry, Problem, ReviewedPoints, Targets } from './scheme.js'

/** One member's inputs. */
export interface ClusterUnit {
  unitId: string
  /** Self-assessment entries; a leaf without one scores 0. */
  entries?: readonly Entry[]
  /** This unit's targets; a quantitative leaf without one uses its `defaultTarget`. */
  targets?: Targets
  /** Reviewed points per leaf, each replacing the score computed from the unit's entry. */
  reviewed?: readonly ReviewedPoints[]
  /** Under discipline, pending or in force; only the ranking reads it. */
  underDiscipline?: boolean
}

/** One member's scores. Points are hundredths; node arrays are indexed like the compiled scheme. */
export interface UnitResult {
  unitId: string
  total: Hundredths
  /** Sum of the top-level criteria other than bonus/deduction. */
  base: Hundredths
  /** Bonus total after the scheme's `bonusCap`. */
  bonus: Hundredths
  /** Deduction total (a positive amount) after the scheme's `deductionCap`. */
  deduction: Hundredths
  /** Final score of every node: a leaf's reviewed points when given, else its computed score; groups capped. */
  points: Float64Array
  /** Each leaf's score computed from the unit's own entries (0 for groups). */
  selfPoints: Float64Array
  /** 1 where reviewed points replaced the computed score. */
  reviewed: Uint8Array
}

const byUnitId = (a: { unitId: string }, b: { unitId: string }) => a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0

function readCluster (scheme: CompiledScheme, units: readonly ClusterUnit[]): ClusterArrays {
  const problems: Problem[] = []
  const arrays = allocate(scheme, units.length)
  for (let u = 0; u < units.length; u++) {
    const { unitId, entries, targets, reviewed } = units[u]
    if (typeof unitId !== 'string' || unitId === '') problems.push({ path: `/units/${u}/unitId`, message: 'must be a non-empty text' })
    else if (u > 0 && units[u - 1].unitId === unitId) problems.push({ path: `/units/${unitId}`, message: 'appears more than once' })
    const offset = u * scheme.size
    readEntries(scheme, entries, arrays, offset, problems, `/units/${unitId}/entries`)
    readTargets(scheme, targets, arrays, offset, problems, `/units/${unitId}/targets`)
    readReview(scheme, reviewed, arrays, offset, problems, `/units/${unitId}/reviewed`)
  }
  if (problems.length > 0) {
    throw problemsFound('invalid_scoring_input', 'scoring input', problems, { listed: 5 })
  }
  return arrays
}

/** The best reported actual of every quantitative leaf (highest, or lowest when lower is better); NaN if none. */
function bestActuals (scheme: CompiledScheme, first: Float64Array, units: number): Float64Array {
  const best = new Float64Array(scheme.size).fill(NaN)
  for (const q of scheme.quantitative) {
    const lower = scheme.lower[q] === 1
    let b = NaN
    for (let at = q; at < units * scheme.size; at += scheme.size) {
      const a = first[at]
      if (a === a && (b !== b || (lower ? a < b : a > b))) b = a // x === x is false only for NaN
    }
    best[q] = b
  }
  return best
}

function scoreUnit (scheme: CompiledScheme, unitId: string, arrays: ClusterArrays, offset: number, best: Float64Array): UnitResult {
  const { size, kinds, max, min, each, deductionEach, lower, parent } = scheme
  const { first, second, target, review } = arrays
  const points = new Float64Array(size)
  const selfPoints = new Float64Array(size)
  const reviewed = new Uint8Array(size)
  let base = 0
  let bonus = 0
  let deduction = 0
  // Post-order: a group's children have already added their scores into points[group].
  for (let k = 0; k < size; k++) {
    const kind = kinds[k]
    let score: number
    if (kind === GROUP) {
      score = points[k] > max[k] ? max[k] : points[k]
    } else {
      const at = offset + k
      let self: number
      if (kind === QUANTITATIVE) {
        const actual = first[at]
        self = actual === actual ? quantitativeScore(max[k], lower[k] === 1, actual, target[at], best[k]) : 0
      } else if (kind === QUALITATIVE) {
        self = qualitativeScore(max[k], first[at] === 1)
      } else if (kind === PER_OCCURRENCE) {
        self = perOccurrenceScore(max[k], each[k], first[at])
      } else {
        self = bonusDeductionScore(min[k], max[k], each[k], first[at], deductionEach[k], second[at])
      }
      selfPoints[k] = self
      const r = review[at]
      if (r === r) {
        score = r
        reviewed[k] = 1
      } else score = self
    }
    points[k] = score
    const p = parent[k]
    if (p >= 0) points[p] += score
    else if (kind === BONUS_DEDUCTION) {
      if (score > 0) bonus += score
      else deduction -= score
    } else base += score
  }
  if (bonus > scheme.bonusCap) bonus = scheme.bonusCap
  if (deduction > scheme.deductionCap) deduction = scheme.deductionCap
  const total = base + bonus - deduction
  return { unitId, total: total > 0 ? total : 0, base, bonus, deduction, points, selfPoints, reviewed }
}

/**
 * Every member's scorecard, ordered by unitId whatever the input order. Refuses (422 `invalid_scoring_input`,
 * every problem in `errors`) unknown codes, malformed values, missing targets and repeated units.
 */
export function computeScorecards (scheme: CompiledScheme, units: readonly ClusterUnit[]): UnitResult[] {
  const sorted = [...units].sort(byUnitId)
  const arrays = readCluster(scheme, sorted)
  const best = bestActuals(scheme, arrays.first, sorted.length)
  return sorted.map((unit, u) => scoreUnit(scheme, unit.unitId, arrays, u * scheme.size, best))
}

/** A node's score for a response; points are JSON numbers exact to two decimals. */
export interface CriterionScore {
  code: string
  points: number
  /** Leaves: the score computed from the unit's entry, and whether a review replaced it. */
  selfPoints?: number
  reviewed?: boolean
  children?: CriterionScore[]
}

/** The scorecard as a tree in the scheme's order, for the API's `breakdown`. */
export function breakdown (scheme: CompiledScheme, result: UnitResult): CriterionScore[] {
  const node = (k: number): CriterionScore => scheme.kinds[k] === GROUP
    ? { code: scheme.codes[k], points: toPoints(result.points[k]), children: scheme.children[k].map(node) }
    : { code: scheme.codes[k], points: toPoints(result.points[k]), selfPoints: toPoints(result.selfPoints[k]), reviewed: result.reviewed[k] === 1 }
  return scheme.roots.map(node)
}
