// Scheme validation and compilation share one walk of the tree: the walk reports every problem it finds and,
// when there is none, its by-products are the compiled scheme. Compiled form = flat typed arrays in post-order
// (children before their group), so scoring a unit is one tight loop with no per-leaf allocation.
import { problemsFound } from '../errors.js'
import { MAX_POINTS, QUANTITY_RULE, formatPoints, parsePoints, parseQuantity, type Hundredths } from '../decimal.js'
import { CRITERION_KINDS, DIRECTIONS, type CriterionKind, type CriterionNode, type Problem, type Scheme } from './scheme.js'

/** Kind codes of the compiled arrays. */
export const GROUP = 0
export const QUANTITATIVE = 1
export const QUALITATIVE = 2
export const PER_OCCURRENCE = 3
export const BONUS_DEDUCTION = 4
const KIND_CODE: Record<CriterionKind, number> = {
  group: GROUP, quantitative: QUANTITATIVE, qualitative: QUALITATIVE, per_occurrence: PER_OCCURRENCE, bonus_deduction: BONUS_DEDUCTION
}

/** Fields that only some kinds take; a field on the wrong kind is almost always a mistake in the scheme. */
const KIND_FIELDS: Record<string, CriterionKind> = {
  children: 'group', direction: 'quantitative', defaultTarget: 'quantitative', pointsEach: 'per_occurrence',
  bonusEach: 'bonus_deduction', deductionEach: 'bonus_deduction', minPoints: 'bonus_deduction'
}

/**
 * How many levels a criteria tree may nest (the top level is 1): the contract's limit, which its recursive
 * `CriterionNode` schema cannot state, and no real scheme comes near.
 */
export const MAX_DEPTH = 5

export type CompiledTieBreak = { kind: 'node', node: number } | { kind: 'fewer_deductions' } | { kind: 'more_bonus' }

export interface CompiledBand {
  code: string
  name: string
  minTotal: Hundredths
}

/** A validated scheme as flat arrays indexed by node, in post-order. Points are hundredths. */
export interface CompiledScheme {
  readonly source: Scheme
  readonly size: number
  readonly codes: readonly string[]
  readonly names: readonly string[]
  readonly kinds: Uint8Array
  readonly max: Float64Array
  /** Lowest score: 0, or `minPoints` for a bonus/deduction leaf. */
  readonly min: Float64Array
  /** `pointsEach` or `bonusEach`. */
  readonly each: Float64Array
  readonly deductionEach: Float64Array
  /** 1 for a lower-is-better quantitative leaf. */
  readonly lower: Uint8Array
  /** Scaled `defaultTarget`, NaN when none. */
  readonly defaultTarget: Float64Array
  readonly parent: Int32Array
  readonly children: ReadonlyArray<readonly number[]>
  /** Top-level nodes in the scheme's order. */
  readonly roots: readonly number[]
  readonly quantitative: readonly number[]
  readonly index: ReadonlyMap<string, number>
  readonly baseMax: Hundredths
  /** Infinity when the scheme sets no cap. */
  readonly bonusCap: number
  readonly deductionCap: number
  /** Highest reachable total: baseMax plus the reachable bonus. */
  readonly maxTotal: Hundredths
  /** Highest `minTotal` first. */
  readonly bands: readonly CompiledBand[]
  readonly ministryFlagBand: CompiledBand
  readonly tieBreaks: readonly CompiledTieBreak[]
}

function pointsField (value: unknown, path: string, problems: Problem[], { min = 0, required = true } = {}): Hundredths {
  if (value === undefined && !required) return 0
  const h = parsePoints(value)
  if (h === null) problems.push({ path, message: 'must be a number with at most two decimals' })
  else if (h < min * 100 || h > MAX_POINTS * 100) problems.push({ path, message: `must be between ${min} and ${MAX_POINTS}` })
  else return h
  return 0
}

function textField (value: unknown, path: string, problems: Problem[]): string {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push({ path, message: 'must be a non-empty text' })
    return ''
  }
  return value
}

/** One walk over the scheme: every problem, and the compiled arrays (meaningful only without problems). */
export interface SchemeOptions {
  /**
   * Accept groups whose children's maxima add up to more than the group's own (a "best of" group: the unit
   * earns at most the group's max whatever mix of children it scores in). Off by default, since it is far more
   * often a typing mistake in the scheme; the group cap applies either way.
   */
  allowOverfullGroups?: boolean
}

function analyse (scheme: Scheme, options: SchemeOptions): { problems: Problem[], compiled: CompiledScheme } {
  const problems: Problem[] = []
  const codes: string[] = []
  const names: string[] = []
  const kinds: number[] = []
  const max: number[] = []
  const min: number[] = []
  const each: number[] = []
  const deductionEach: number[] = []
  const lower: number[] = []
  const defaultTarget: number[] = []
  const parent: number[] = []
  const children: number[][] = []
  const roots: number[] = []
  const index = new Map<string, number>()
  const firstPath = new Map<string, string>()

  // Returns the node's index in post-order.
  const visit = (node: CriterionNode, path: string, depth: number): number => {
    const code = textField(node?.code, `${path}/code`, problems)
    if (code !== '') {
      const seen = firstPath.get(code)
      if (seen !== undefined) problems.push({ path: `${path}/code`, message: `duplicates the code "${code}" of ${seen}` })
      else firstPath.set(code, path)
    }
    const name = textField(node?.name, `${path}/name`, problems)
    const kind = node?.kind
    const known = (CRITERION_KINDS as readonly string[]).includes(kind)
    if (!known) problems.push({ path: `${path}/kind`, message: `must be one of ${CRITERION_KINDS.join(', ')}` })
    const nodeMax = pointsField(node?.maxPoints, `${path}/maxPoints`, problems)
    for (const [field, owner] of Object.entries(KIND_FIELDS)) {
      if (known && owner !== kind && (node as unknown as Record<string, unknown>)[field] !== undefined) {
        problems.push({ path: `${path}/${field}`, message: `applies only to ${owner} criteria` })
      }
    }
    let nodeMin = 0
    let nodeEach = 0
    let nodeDeduction = 0
    let nodeLower = 0
    let nodeTarget = NaN
    const kids: number[] = []
    if (kind === 'group') {
      if (!Array.isArray(node.children) || node.children.length === 0) {
        problems.push({ path: `${path}/children`, message: 'a group needs at least one criterion' })
      } else if (depth >= MAX_DEPTH) {
        problems.push({ path: `${path}/children`, message: `groups may nest at most ${MAX_DEPTH} levels deep` })
      } else {
        let sum = 0
        node.children.forEach((child, i) => {
          const k = visit(child, `${path}/children/${i}`, depth + 1)
          kids.push(k)
          sum += max[k]
          if (kinds[k] === BONUS_DEDUCTION) {
            problems.push({ path: `${path}/children/${i}/kind`, message: 'bonus_deduction criteria belong at the top level, not inside a group' })
          }
        })
        if (sum > nodeMax && options.allowOverfullGroups !== true) {
          problems.push({ path: `${path}/maxPoints`, message: `the children's maxima add up to ${formatPoints(sum)}, more than the group's ${formatPoints(nodeMax)}` })
        }
      }
    } else if (kind === 'quantitative') {
      if (node.direction !== undefined && !(DIRECTIONS as readonly string[]).includes(node.direction)) {
        problems.push({ path: `${path}/direction`, message: `must be one of ${DIRECTIONS.join(', ')}` })
      }
      nodeLower = node.direction === 'lower_is_better' ? 1 : 0
      if (node.defaultTarget !== undefined) {
        const t = parseQuantity(node.defaultTarget)
        if (t === null) problems.push({ path: `${path}/defaultTarget`, message: QUANTITY_RULE })
        else nodeTarget = t
      }
    } else if (kind === 'per_occurrence') {
      nodeEach = pointsField(node.pointsEach, `${path}/pointsEach`, problems)
      if (parsePoints(node.pointsEach) === 0) problems.push({ path: `${path}/pointsEach`, message: 'must be more than 0' })
    } else if (kind === 'bonus_deduction') {
      nodeEach = pointsField(node.bonusEach, `${path}/bonusEach`, problems, { required: false })
      nodeDeduction = pointsField(node.deductionEach, `${path}/deductionEach`, problems, { required: false })
      if (node.minPoints !== undefined) {
        const m = parsePoints(node.minPoints)
        if (m === null || m > 0 || m < -MAX_POINTS * 100) {
          problems.push({ path: `${path}/minPoints`, message: `must be a number from -${MAX_POINTS} to 0 with at most two decimals` })
        } else nodeMin = m
      }
      if (nodeEach === 0 && nodeDeduction === 0) {
        problems.push({ path, message: 'a bonus_deduction criterion needs bonusEach or deductionEach' })
      }
    }
    const i = codes.length
    codes.push(code); names.push(name); kinds.push(known ? KIND_CODE[kind] : GROUP); max.push(nodeMax); min.push(nodeMin)
    each.push(nodeEach); deductionEach.push(nodeDeduction); lower.push(nodeLower); defaultTarget.push(nodeTarget)
    parent.push(-1); children.push(kids)
    for (const k of kids) parent[k] = i
    if (code !== '' && !index.has(code)) index.set(code, i)
    return i
  }

  if (!Array.isArray(scheme?.criteria) || scheme.criteria.length === 0) {
    problems.push({ path: '/criteria', message: 'a scheme needs at least one criterion' })
  } else {
    scheme.criteria.forEach((node, i) => roots.push(visit(node, `/criteria/${i}`, 1)))
  }

  let baseMax = 0
  let bonusReach = 0
  for (const r of roots) {
    if (kinds[r] === BONUS_DEDUCTION) bonusReach += max[r]
    else baseMax += max[r]
  }
  const bonusCap = scheme?.bonusCap === undefined ? Infinity : pointsField(scheme.bonusCap, '/bonusCap', problems)
  const deductionCap = scheme?.deductionCap === undefined ? Infinity : pointsField(scheme.deductionCap, 'deductionCap', problems)
  const maxTotal = baseMax + Math.min(bonusReach, bonusCap)

  // With broken criteria the reachable total means little; checking bands against it would only add noise.
  const { bands, ministryFlagBand } = analyseBands(scheme, problems.length === 0 ? maxTotal : Infinity, problems)
  const tieBreaks = analyseTieBreaks(scheme, index, kinds, problems)

  const compiled: CompiledScheme = {
    source: scheme,
    size: codes.length,
    codes,
    names,
    kinds: Uint8Array.from(kinds),
    max: Float64Array.from(max),
    min: Float64Array.from(min),
    each: Float64Array.from(each),
    deductionEach: Float64Array.from(deductionEach),
    lower: Uint8Array.from(lower),
    defaultTarget: Float64Array.from(defaultTarget),
    parent: Int32Array.from(parent),
    children,
    roots,
    quantitative: kinds.flatMap((k, i) => k === QUANTITATIVE ? [i] : []),
    index,
    baseMax,
    bonusCap,
    deductionCap,
    maxTotal,
    bands,
    ministryFlagBand,
    tieBreaks
  }
  return { problems, compiled }
}

/** Bands must tile [0, maxTotal]: the lowest starts at 0, no two start at the same total, none starts above the max. */
function analyseBands (scheme: Scheme, maxTotal: number, problems: Problem[]): { bands: CompiledBand[], ministryFlagBand: CompiledBand } {
  const bands: CompiledBand[] = []
  if (!Array.isArray(scheme?.bands) || scheme.bands.length === 0) {
    problems.push({ path: '/bands', message: 'a scheme needs at least one band' })
  } else {
    const seenCode = new Map<string, number>()
    const seenMin = new Map<number, number>()
    scheme.bands.forEach((band, i) => {
      const path = `/bands/${i}`
      const code = textField(band?.code, `${path}/code`, problems)
      const name = textField(band?.name, `${path}/name`, problems)
      const minTotal = pointsField(band?.minTotal, `${path}/minTotal`, problems)
      if (seenCode.has(code)) problems.push({ path: `${path}/code`, message: `duplicates the code of bands.${seenCode.get(code)}` })
      else seenCode.set(code, i)
      if (seenMin.has(minTotal)) {
        problems.push({ path: `${path}/minTotal`, message: `overlaps bands.${seenMin.get(minTotal)}, which starts at the same total` })
      } else seenMin.set(minTotal, i)
      if (minTotal > maxTotal) {
        problems.push({ path: `${path}/minTotal`, message: `is above the highest reachable total ${formatPoints(maxTotal)}` })
      }
      bands.push({ code, name, minTotal })
    })
    bands.sort((a, b) => b.minTotal - a.minTotal)
    if (bands[bands.length - 1].minTotal !== 0) {
      problems.push({ path: '/bands', message: `leave totals below ${formatPoints(bands[bands.length - 1].minTotal)} without a band: the lowest band must start at 0` })
    }
  }
  const wanted = scheme?.ministryFlagBand
  const ministryFlagBand = wanted === undefined ? bands[0] : bands.find((b) => b.code === wanted)
  if (wanted !== undefined && ministryFlagBand === undefined) {
    problems.push({ path: '/ministryFlagBand', message: `names no band of this scheme ("${wanted}")` })
  }
  return { bands, ministryFlagBand: ministryFlagBand ?? { code: '', name: '', minTotal: Infinity } }
}

function analyseTieBreaks (scheme: Scheme, index: ReadonlyMap<string, number>, kinds: number[], problems: Problem[]): CompiledTieBreak[] {
  const result: CompiledTieBreak[] = []
  if (scheme?.tieBreak !== undefined && !Array.isArray(scheme.tieBreak)) {
    problems.push({ path: '/tieBreak', message: 'must be a list' })
    return result
  }
  const seen = new Set<string>()
  ;(scheme?.tieBreak ?? []).forEach((rule: unknown, i) => {
    const path = `/tieBreak/${i}`
    if (typeof rule === 'string' && seen.has(rule)) problems.push({ path, message: `repeats "${rule}"` })
    if (typeof rule === 'string') seen.add(rule)
    if (rule === 'fewer_deductions' || rule === 'more_bonus') {
      result.push({ kind: rule })
    } else if (typeof rule === 'string' && rule.startsWith('group:')) {
      const node = index.get(rule.slice(6))
      if (node === undefined) problems.push({ path, message: `names no criterion of this scheme ("${rule.slice(6)}")` })
      else if (kinds[node] === BONUS_DEDUCTION) problems.push({ path, message: 'cannot name a bonus_deduction criterion; use more_bonus or fewer_deductions' })
      else result.push({ kind: 'node', node })
    } else {
      problems.push({ path, message: 'must be "group:<code>", "fewer_deductions" or "more_bonus"' })
    }
  })
  return result
}

/** Every problem of the scheme (empty when it is valid), for a 422 with `errors`. */
export function validateScheme (scheme: Scheme, options: SchemeOptions = {}): Problem[] {
  return analyse(scheme, options).problems
}

/** The compiled scheme; a 422 `invalid_scheme` listing every problem when the scheme is not valid. */
export function compileScheme (scheme: Scheme, options: SchemeOptions = {}): CompiledScheme {
  const { problems, compiled } = analyse(scheme, options)
  if (problems.length > 0) {
    throw problemsFound('invalid_scheme', 'scoring scheme', problems)
  }
  return compiled
}
