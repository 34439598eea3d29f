// Reading what units enter (entries, targets, reviewed points) into a cluster's flat arrays. The same readers
// serve the validate* functions (for a 400/422 on the way in) and the computation, so both apply one rule set.
// Every reader records ALL its problems and writes only values that passed.
import { parsePoints, parseQuantity, QUANTITY_RULE, formatPoints } from '../decimal.js'
import { BONUS_DEDUCTION, GROUP, PER_OCCURRENCE, QUALITATIVE, QUANTITATIVE, type CompiledScheme } from './compile.js'
import type { Entry, Problem, ReviewedPoints, Targets } from './scheme.js'
import { pointerSegment } from '../errors.js'

/** Occurrence counts above this are refused (they keep count × points a safe integer). */
export const MAX_COUNT = 1_000_000

const KIND_NAMES = ['group', 'quantitative', 'qualitative', 'per_occurrence', 'bonus_deduction']
const ENTRY_FIELDS: ReadonlyArray<[keyof Entry, number]> = [
  ['actual', QUANTITATIVE], ['achieved', QUALITATIVE], ['count', PER_OCCURRENCE],
  ['bonusCount', BONUS_DEDUCTION], ['deductionCount', BONUS_DEDUCTION]
]

/**
 * One cluster's inputs, unit-major: the value of node k for the unit at position u is at [u·size + k].
 * `first`: actual (NaN = not reported), achieved (1/0), count or bonus count; `second`: deduction count;
 * `target`: scaled target (NaN = none); `review`: reviewed hundredths (NaN = not reviewed); `na`: 1 for a leaf
 * marked not applicable to the unit; `unitNa[u]`: 1 when the unit at position u has any leaf marked.
 */
export interface ClusterArrays {
  first: Float64Array
  second: Float64Array
  target: Float64Array
  review: Float64Array
  na: Uint8Array
  unitNa: Uint8Array
}

export function allocate (scheme: CompiledScheme, units: number): ClusterArrays {
  const n = units * scheme.size
  const arrays = {
    first: new Float64Array(n), second: new Float64Array(n), target: new Float64Array(n), review: new Float64Array(n).fill(NaN),
    na: new Uint8Array(n), unitNa: new Uint8Array(units)
  }
  for (let u = 0; u < units; u++) {
    for (const q of scheme.quantitative) arrays.first[u * scheme.size + q] = NaN
  }
  return arrays
}

function readCount (value: unknown, path: string, problems: Problem[]): number {
  if (Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_COUNT) return value as number
  problems.push({ path, message: `must be a whole number from 0 to ${MAX_COUNT}` })
  return 0
}

/** A leaf's index for `code`, or a problem at `path`. */
function leafOf (scheme: CompiledScheme, code: unknown, path: string, problems: Problem[]): number | undefined {
  const node = typeof code === 'string' ? scheme.index.get(code) : undefined
  if (node === undefined) problems.push({ path, message: 'names no criterion of this scheme' })
  else if (scheme.kinds[node] === GROUP) problems.push({ path, message: 'is a group; give points for its criteria instead' })
  else return node
  return undefined
}

export function readEntries (scheme: CompiledScheme, entries: readonly Entry[] | undefined, arrays: ClusterArrays, offset: number, problems: Problem[], prefix: string): void {
  if (entries === undefined) return
  if (!Array.isArray(entries)) {
    problems.push({ path: prefix, message: 'must be a list' })
    return
  }
  const seen = new Set<number>()
  for (let j = 0; j < entries.length; j++) {
    const entry = entries[j]
    const path = `${prefix}/${j}`
    const node = leafOf(scheme, entry?.code, `${path}/code`, problems)
    if (node === undefined) continue
    if (seen.has(node)) problems.push({ path: `${path}/code`, message: `repeats the entry for "${entry.code}"` })
    seen.add(node)
    const kind = scheme.kinds[node]
    for (const [field, owner] of ENTRY_FIELDS) {
      if (owner !== kind && entry[field] !== undefined) {
        problems.push({ path: `${path}/${field}`, message: `does not apply to a ${KIND_NAMES[kind]} criterion` })
      }
    }
    const at = offset + node
    if (kind === QUANTITATIVE) {
      if (entry.actual === undefined) continue
      const q = parseQuantity(entry.actual)
      if (q === null) problems.push({ path: `${path}/actual`, message: QUANTITY_RULE })
      else arrays.first[at] = q
    } else if (kind === QUALITATIVE) {
      if (entry.achieved === undefined) continue
      if (typeof entry.achieved !== 'boolean') problems.push({ path: `${path}/achieved`, message: 'must be true or false' })
      else arrays.first[at] = entry.achieved ? 1 : 0
    } else if (kind === PER_OCCURRENCE) {
      if (entry.count !== undefined) arrays.first[at] = readCount(entry.count, `${path}/count`, problems)
    } else {
      if (entry.bonusCount !== undefined) arrays.first[at] = readCount(entry.bonusCount, `${path}/bonusCount`, problems)
      if (entry.deductionCount !== undefined) arrays.second[at] = readCount(entry.deductionCount, `${path}/deductionCount`, problems)
    }
  }
}

/** Targets of one unit; with `complete`, a quantitative leaf with neither a target nor a default is a problem. */
export function readTargets (scheme: CompiledScheme, targets: Targets | undefined, arrays: ClusterArrays, offset: number, problems: Problem[], prefix: string, complete = true): void {
  const { quantitative, defaultTarget, codes } = scheme
  for (const q of quantitative) arrays.target[offset + q] = defaultTarget[q]
  if (targets !== undefined && (typeof targets !== 'object' || targets === null || Array.isArray(targets))) {
    problems.push({ path: prefix, message: 'must be an object of criterion code → target' })
  } else if (targets !== undefined) {
    for (const code of Object.keys(targets)) {
      const node = scheme.index.get(code)
      if (node === undefined || scheme.kinds[node] !== QUANTITATIVE) {
        problems.push({ path: `${prefix}/${pointerSegment(code)}`, message: 'names no quantitative criterion of this scheme' })
        continue
      }
      const t = parseQuantity(targets[code])
      if (t === null) problems.push({ path: `${prefix}/${pointerSegment(code)}`, message: QUANTITY_RULE })
      else arrays.target[offset + node] = t
    }
  }
  if (!complete) return
  for (const q of quantitative) {
    if (arrays.na[offset + q] === 0 && Number.isNaN(arrays.target[offset + q])) {
      problems.push({ path: `${prefix}/${pointerSegment(codes[q])}`, message: 'has no target for this unit, and the criterion has no defaultTarget' })
    }
  }
}

/** How many criteria a unit may mark not applicable at once: the contract's `maxItems`, above any real scheme's count. */
export const MAX_NOT_APPLICABLE = 200

/**
 * The criteria marked not applicable to one unit (`notApplicable: [code]`), written into `arrays.na` (leaves) and
 * `arrays.unitNa[unit]`. A code may name a leaf or a group (a group marks every leaf under it); codes must be
 * unique. A bonus_deduction criterion cannot be marked: it is no part of the scheme's maximum, and a unit with no
 * bonus or deduction events already scores nothing there. Marking every criterion that counts towards the maximum
 * is refused too: such a unit would have nothing to be scored on (the rule is checked when targets are set).
 */
export function readNotApplicable (
  scheme: CompiledScheme, codes: readonly string[] | undefined, arrays: ClusterArrays, unit: number, problems: Problem[], prefix: string
): void {
  if (codes === undefined) return
  if (!Array.isArray(codes)) {
    problems.push({ path: prefix, message: 'must be a list of criterion codes' })
    return
  }
  if (codes.length > MAX_NOT_APPLICABLE) {
    problems.push({ path: prefix, message: `may list at most ${MAX_NOT_APPLICABLE} criteria` })
    return
  }
  const offset = unit * scheme.size
  const seen = new Set<number>()
  const marked: number[] = []
  for (let j = 0; j < codes.length; j++) {
    const path = `${prefix}/${j}`
    const node = typeof codes[j] === 'string' ? scheme.index.get(codes[j]) : undefined
    if (node === undefined) {
      problems.push({ path, message: 'names no criterion of this scheme' })
      continue
    }
    if (seen.has(node)) {
      problems.push({ path, message: `repeats "${codes[j]}"` })
      continue
    }
    seen.add(node)
    if (scheme.kinds[node] === BONUS_DEDUCTION) {
      problems.push({ path, message: 'is a bonus_deduction criterion, which always applies (no events score nothing)' })
      continue
    }
    marked.push(node)
  }
  if (marked.length === 0) return
  // Post-order: a node's leaves are the nodes just before it, from its first descendant up to itself.
  const under = (k: number): number => { let first = k; while (scheme.children[first].length > 0) first = scheme.children[first][0]; return first }
  for (const node of marked) {
    for (let k = under(node); k <= node; k++) if (scheme.kinds[k] !== GROUP) arrays.na[offset + k] = 1
  }
  arrays.unitNa[unit] = 1
  let applicable = false
  for (let k = 0; k < scheme.size && !applicable; k++) {
    applicable = scheme.kinds[k] !== GROUP && scheme.kinds[k] !== BONUS_DEDUCTION && arrays.na[offset + k] === 0
  }
  if (!applicable) problems.push({ path: prefix, message: 'marks every criterion not applicable: at least one must apply to the unit' })
}

/** Reviewed points: leaves only, within the leaf's [min, max], one per leaf. */
export function readReview (scheme: CompiledScheme, reviewed: readonly ReviewedPoints[] | undefined, arrays: ClusterArrays, offset: number, problems: Problem[], prefix: string): void {
  if (reviewed === undefined) return
  if (!Array.isArray(reviewed)) {
    problems.push({ path: prefix, message: 'must be a list' })
    return
  }
  const seen = new Set<number>()
  for (let j = 0; j < reviewed.length; j++) {
    const path = `${prefix}/${j}`
    const node = leafOf(scheme, reviewed[j]?.code, `${path}/code`, problems)
    if (node === undefined) continue
    const at = offset + node
    if (seen.has(node)) problems.push({ path: `${path}/code`, message: `repeats the review of "${reviewed[j].code}"` })
    seen.add(node)
    const h = parsePoints(reviewed[j].points)
    const min = scheme.min[node]
    const max = scheme.max[node]
    if (h === null || h < min || h > max) {
      problems.push({ path: `${path}/points`, message: `must be a number from ${formatPoints(min)} to ${formatPoints(max)} with at most two decimals` })
    } else arrays.review[at] = h
  }
}

/** Problems of one unit's self-assessment entries (`{entries: [...]}` body). */
export function validateEntries (scheme: CompiledScheme, entries: readonly Entry[]): Problem[] {
  const problems: Problem[] = []
  readEntries(scheme, entries, allocate(scheme, 1), 0, problems, '/entries')
  return problems
}

/** Problems of a review body (`{entries: [{code, points}]}`). */
export function validateReview (scheme: CompiledScheme, reviewed: readonly ReviewedPoints[]): Problem[] {
  const problems: Problem[] = []
  readReview(scheme, reviewed, allocate(scheme, 1), 0, problems, '/entries')
  return problems
}

/**
 * Problems of the targets of the given units (`targets.<unitId>.<code>`). `complete` (default true) also
 * requires a target, or a default, for every quantitative leaf and every unit: the check before publishing
 * or ranking. Pass false to check one unit's `PUT .../targets` body on its own.
 */
export function validateTargets (
  scheme: CompiledScheme, unitIds: readonly string[], targetsByUnit: Readonly<Record<string, Targets | undefined>>, complete = true,
  notApplicableByUnit: Readonly<Record<string, readonly string[] | undefined>> = {}
): Problem[] {
  const problems: Problem[] = []
  for (const unitId of unitIds) {
    const arrays = allocate(scheme, 1)
    readNotApplicable(scheme, notApplicableByUnit[unitId], arrays, 0, problems, `/notApplicable/${unitId}`)
    readTargets(scheme, targetsByUnit[unitId], arrays, 0, problems, `/targets/${unitId}`, complete)
  }
  return problems
}
