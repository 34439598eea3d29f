// Scorecards of a whole cluster at once: "best in cluster" makes a quantitative leaf depend on every member's
// actual, so one call takes every member's inputs and returns every member's result.
//
// Criteria that do not apply to a unit (its targets' `notApplicable`): a not-applicable leaf scores nothing (its
// entry and any reviewed points are ignored) and its maximum leaves the unit's applicable maximum. A group's
// applicable maximum is its own when nothing under it is marked, 0 when every leaf under it is, and otherwise
// min(its max, the sum of its children's applicable maxima). The unit's applicable maximum is the sum over the
// top-level criteria other than bonus/deduction. A unit's not-applicable quantitative leaf is left out of that
// leaf's "best in cluster", so marking it never changes another unit's points.
// Rescaling (cluster rule `rescaleNotApplicable`, default on): the unit's base (the non-bonus criteria) becomes
// round_half_up(base × baseMax / applicableMax), exact on integers (hundredths; BigInt past 2^53), so a unit
// scored on 80 applicable points out of 100 is compared on the same 100-point scale as the others. Bonus and
// deductions are NOT rescaled: they are events worth the same points to every unit, capped by `bonusCap` and
// `deductionCap` as before, and added to the rescaled base: total = max(0, rescaled base + bonus − deduction).
// Since base ≤ applicableMax, the rescaled base never exceeds baseMax and the total never exceeds `maxTotal`.
// Rescaling off: the total is the plain sum, as if the criterion had been scored 0.
import { problemsFound } from '../errors.js'
import { mulDivRound, toPoints, type Hundredths } from '../decimal.js'
import { BONUS_DEDUCTION, GROUP, PER_OCCURRENCE, QUALITATIVE, QUANTITATIVE, type CompiledScheme } from './compile.js'
import { bonusDeductionScore, perOccurrenceScore, qualitativeScore, quantitativeScore } from './formulas.js'
import { explainQuantitative, type ScoreExplanation } from './explain.js'
import { allocate, readEntries, readNotApplicable, readReview, readTargets, type ClusterArrays } from './inputs.js'
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
  /** Codes of the criteria that do not apply to this unit (leaves, or groups marking their leaves). */
  notApplicable?: readonly string[]
  /** Under discipline, pending or in force; only the ranking reads it. */
  underDiscipline?: boolean
}

export interface ScoringOptions {
  /** The cluster rule `rescaleNotApplicable`: rescale a unit's base to the scheme's maximum (default true). */
  rescaleNotApplicable?: boolean
}

/** One member's scores. Points are hundredths; node arrays are indexed like the compiled scheme. */
export interface UnitResult {
  unitId: string
  total: Hundredths
  /** Sum of the top-level criteria other than bonus/deduction; rescaled when criteria do not apply (see above). */
  base: Hundredths
  /** The base's highest reachable value for this unit: `baseMax` less the criteria that do not apply. */
  applicableMax: Hundredths
  /** Codes the unit's targets mark not applicable, as marked (empty when none). */
  notApplicable: readonly string[]
  /** 1 for each node that does not apply to the unit (a group when every leaf under it is marked). */
  na: Uint8Array
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
  /**
   * What a quantitative leaf was scored from, for its explanation (explain.ts): the unit's actuals (NaN: not
   * reported) and targets (NaN: none), and the cluster's best actuals (NaN: nobody reported), shared by every unit.
   * Views of the cluster's arrays, read at quantitative leaves only.
   */
  actuals: Float64Array
  targets: Float64Array
  best: Float64Array
}

const byUnitId = (a: { unitId: string }, b: { unitId: string }) => a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0

function readCluster (scheme: CompiledScheme, units: readonly ClusterUnit[]): ClusterArrays {
  const problems: Problem[] = []
  const arrays = allocate(scheme, units.length)
  for (let u = 0; u < units.length; u++) {
    const { unitId, entries, targets, reviewed, notApplicable } = units[u]
    if (typeof unitId !== 'string' || unitId === '') problems.push({ path: `/units/${u}/unitId`, message: 'must be a non-empty text' })
    else if (u > 0 && units[u - 1].unitId === unitId) problems.push({ path: `/units/${unitId}`, message: 'appears more than once' })
    const offset = u * scheme.size
    readNotApplicable(scheme, notApplicable, arrays, u, problems, `/units/${unitId}/notApplicable`)
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
function bestActuals (scheme: CompiledScheme, first: Float64Array, na: Uint8Array, units: number): Float64Array {
  const best = new Float64Array(scheme.size).fill(NaN)
  for (const q of scheme.quantitative) {
    const lower = scheme.lower[q] === 1
    let b = NaN
    for (let at = q; at < units * scheme.size; at += scheme.size) {
      const a = first[at]
      if (na[at] === 0 && a === a && (b !== b || (lower ? a < b : a > b))) b = a // x === x is false only for NaN
    }
    best[q] = b
  }
  return best
}

function scoreUnit (
  scheme: CompiledScheme, unit: ClusterUnit, arrays: ClusterArrays, u: number, best: Float64Array, rescale: boolean
): UnitResult {
  const { size, kinds, max, min, each, deductionEach, lower, parent } = scheme
  const { first, second, target, review } = arrays
  const offset = u * size
  const unitId = unit.unitId
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
    } else if (arrays.na[offset + k] === 1) {
      score = 0
    } else {
      const at = offset + k
      let self: number
      if (kind === QUANTITATIVE) {
        self = quantitativeScore(max[k], lower[k] === 1, first[at], target[at], best[k])
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
  let applicableMax = scheme.baseMax
  let na: Uint8Array = NO_NA
  if (arrays.unitNa[u] === 1) {
    const applied = applicableMaxima(scheme, arrays.na, offset)
    na = applied.na
    applicableMax = applied.applicableMax
    if (rescale && applicableMax > 0 && applicableMax < scheme.baseMax) base = mulDivRound(base, scheme.baseMax, applicableMax)
  }
  const total = base + bonus - deduction
  return {
    unitId, total: total > 0 ? total : 0, base, applicableMax, notApplicable: na === NO_NA ? [] : [...(unit.notApplicable ?? [])],
    na, bonus, deduction, points, selfPoints, reviewed,
    actuals: first.subarray(offset, offset + size), targets: target.subarray(offset, offset + size), best
  }
}

/** Shared by every unit without a not-applicable criterion (never written). */
const NO_NA: Uint8Array = new Uint8Array(0)

/** The unit's applicable maximum and which nodes do not apply (groups included), from its marked leaves. */
function applicableMaxima (scheme: CompiledScheme, marked: Uint8Array, offset: number): { applicableMax: Hundredths, na: Uint8Array } {
  const { size, kinds, max, children, roots } = scheme
  const reach = new Float64Array(size)
  const na = new Uint8Array(size)
  const touched = new Uint8Array(size)
  for (let k = 0; k < size; k++) {
    if (kinds[k] !== GROUP) {
      na[k] = marked[offset + k]
      touched[k] = na[k]
      reach[k] = na[k] === 1 ? 0 : max[k]
      continue
    }
    let sum = 0
    let all = 1
    let any = 0
    for (const c of children[k]) { sum += reach[c]; all &= na[c]; any |= touched[c] }
    na[k] = all
    touched[k] = any
    reach[k] = all === 1 ? 0 : any === 1 ? Math.min(max[k], sum) : max[k]
  }
  let applicableMax = 0
  for (const r of roots) if (kinds[r] !== BONUS_DEDUCTION) applicableMax += reach[r]
  return { applicableMax, na }
}

/**
 * Every member's scorecard, ordered by unitId whatever the input order. Refuses (422 `invalid_scoring_input`,
 * every problem in `errors`) unknown codes, malformed values, missing targets and repeated units.
 */
export function computeScorecards (scheme: CompiledScheme, units: readonly ClusterUnit[], options: ScoringOptions = {}): UnitResult[] {
  const sorted = [...units].sort(byUnitId)
  const arrays = readCluster(scheme, sorted)
  const best = bestActuals(scheme, arrays.first, arrays.na, sorted.length)
  const rescale = options.rescaleNotApplicable !== false
  return sorted.map((unit, u) => scoreUnit(scheme, unit, arrays, u, best, rescale))
}

/** A node's score for a response; points are JSON numbers exact to two decimals. */
export interface CriterionScore {
  code: string
  points: number
  /** Leaves: the score computed from the unit's entry, and whether a review replaced it. */
  selfPoints?: number
  reviewed?: boolean
  /** Present (true) when the criterion does not apply to the unit: it scores nothing and leaves its maximum. */
  notApplicable?: true
  /** Quantitative leaves, when asked for: how the computed score came about. */
  explanation?: ScoreExplanation
  children?: CriterionScore[]
}

/**
 * The scorecard as a tree in the scheme's order, for the API's `breakdown`; `explain` adds each quantitative
 * leaf's explanation (the ranking's breakdown gives it).
 */
export function breakdown (scheme: CompiledScheme, result: UnitResult, { explain = false } = {}): CriterionScore[] {
  const marked = (k: number) => result.na.length > 0 && result.na[k] === 1 ? { notApplicable: true as const } : {}
  const node = (k: number): CriterionScore => scheme.kinds[k] === GROUP
    ? { code: scheme.codes[k], points: toPoints(result.points[k]), ...marked(k), children: scheme.children[k].map(node) }
    : {
        code: scheme.codes[k], points: toPoints(result.points[k]), selfPoints: toPoints(result.selfPoints[k]), reviewed: result.reviewed[k] === 1,
        ...marked(k),
        ...(explain && scheme.kinds[k] === QUANTITATIVE ? { explanation: explainQuantitative(scheme, result, k) } : {})
      }
  return scheme.roots.map(node)
}
