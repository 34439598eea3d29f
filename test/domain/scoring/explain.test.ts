// The explanation of a quantitative leaf (domain/scoring/explain.ts): every branch in both directions, target 0,
// a review, a criterion that does not apply; and, as properties, that the formula it writes out gives exactly its
// points and that its `best` is the cluster's best reported actual.
import t from 'tap'
import fc from 'fast-check'
import {
  breakdown, compileScheme, computeScorecards, MAX_FORMULA_LENGTH, QUANTITATIVE_BRANCHES,
  type ClusterUnit, type CompiledScheme, type CriterionScore, type ScoreExplanation
} from '../../../src/domain/scoring/index.js'
import { evaluate } from './rational.js'

type Direction = 'higher_is_better' | 'lower_is_better'

/** One quantitative leaf Q (MS `max`) beside a qualitative K, so that Q alone may be marked not applicable. */
const schemeOf = (direction: Direction, max: number): CompiledScheme => compileScheme({
  criteria: [
    { code: 'Q', name: 'Tỷ lệ giải quyết tin báo (%)', maxPoints: max, kind: 'quantitative', direction },
    { code: 'K', name: 'Không có CBCS vi phạm', maxPoints: 10, kind: 'qualitative' }
  ],
  bands: [{ code: 'x', name: 'Đạt', minTotal: 0 }],
  tieBreak: []
})

/** Every unit's explanation of Q, in the order of `actuals` (unit i reports actuals[i]; undefined: not reported). */
function explain (scheme: CompiledScheme, target: number, actuals: ReadonlyArray<number | undefined>, extra: Partial<ClusterUnit> = {}): ScoreExplanation[] {
  const units: ClusterUnit[] = actuals.map((actual, i) => ({
    unitId: `u${i}`,
    targets: { Q: target },
    entries: actual === undefined ? [] : [{ code: 'Q', actual }],
    ...(i === 0 ? extra : {})
  }))
  return computeScorecards(scheme, units).map((r) => (breakdown(scheme, r, { explain: true })[0] as CriterionScore).explanation!)
}

t.test('every branch, both directions, target 0', async (t) => {
  const table: Array<[string, Direction, number, number, Array<number | undefined>, Partial<ScoreExplanation>]> = [
    // name, direction, MS, T, actuals (the first unit's explanation is checked), expected
    ['short of target', 'higher_is_better', 20, 90, [85, 96], { branch: 'short_of_target', best: 96, formula: '0.5 × 20 × 85 / 90 = 9.44', computedPoints: 9.44 }],
    ['at target', 'higher_is_better', 20, 90, [90, 96], { branch: 'at_target', formula: '0.5 × 20 = 10.00', computedPoints: 10 }],
    ['at target and the best: still at target', 'higher_is_better', 20, 90, [90, 90], { branch: 'at_target', best: 90, computedPoints: 10 }],
    ['between target and best', 'higher_is_better', 20, 90, [96, 98],
      { branch: 'between_target_and_best', formula: '0.5 × 20 + 0.5 × 20 × (96 − 90) / (98 − 90) = 17.50', computedPoints: 17.5 }],
    ['the best', 'higher_is_better', 20, 90, [98, 96], { branch: 'best_in_cluster', best: 98, formula: '20 = 20.00', computedPoints: 20 }],
    ['tied for the best', 'higher_is_better', 20, 90, [98, 98], { branch: 'best_in_cluster', computedPoints: 20 }],
    ['not reported', 'higher_is_better', 20, 90, [undefined, 96],
      { branch: 'not_reported', actual: null, best: 96, formula: 'no actual reported = 0.00', computedPoints: 0 }],
    ['nobody reported', 'higher_is_better', 20, 90, [undefined], { branch: 'not_reported', actual: null, best: null }],
    ['target 0, actual 0: at target', 'higher_is_better', 20, 0, [0, 5], { branch: 'at_target', target: 0, computedPoints: 10 }],
    ['target 0, the best', 'higher_is_better', 20, 0, [5, 0], { branch: 'best_in_cluster', computedPoints: 20 }],
    ['target 0, not the best', 'higher_is_better', 20, 0, [5, 20],
      { branch: 'between_target_and_best', formula: '0.5 × 20 + 0.5 × 20 × (5 − 0) / (20 − 0) = 12.50', computedPoints: 12.5 }],
    ['four decimals kept', 'higher_is_better', 10, 0.3, [0.1, 0.3], { branch: 'short_of_target', formula: '0.5 × 10 × 0.1 / 0.3 = 1.67', actual: 0.1, target: 0.3 }],
    ['lower: short of target', 'lower_is_better', 30, 5, [8, 2], { branch: 'short_of_target', best: 2, formula: '0.5 × 30 × 5 / 8 = 9.38', computedPoints: 9.38 }],
    ['lower: at target', 'lower_is_better', 30, 5, [5, 2], { branch: 'at_target', formula: '0.5 × 30 = 15.00', computedPoints: 15 }],
    ['lower: between target and best', 'lower_is_better', 30, 5, [3, 2],
      { branch: 'between_target_and_best', formula: '0.5 × 30 + 0.5 × 30 × (5 − 3) / (5 − 2) = 25.00', computedPoints: 25 }],
    ['lower: the best (the lowest)', 'lower_is_better', 30, 5, [2, 3], { branch: 'best_in_cluster', best: 2, formula: '30 = 30.00', computedPoints: 30 }],
    ['lower: actual 0 under a positive target is the best', 'lower_is_better', 30, 5, [0, 3], { branch: 'best_in_cluster', computedPoints: 30 }],
    ['lower: target 0, actual 0: zero tolerance met', 'lower_is_better', 30, 0, [0, 0],
      { branch: 'zero_tolerance_met', target: 0, actual: 0, best: 0, formula: '30 = 30.00', computedPoints: 30 }],
    ['lower: target 0, actual 3: short of target, 0', 'lower_is_better', 30, 0, [3, 0],
      { branch: 'short_of_target', formula: '0.5 × 30 × 0 / 3 = 0.00', computedPoints: 0 }],
    ['lower: not reported', 'lower_is_better', 30, 5, [undefined, 3], { branch: 'not_reported', best: 3, computedPoints: 0 }]
  ]
  const seen = new Set<string>()
  for (const [name, direction, max, target, actuals, expected] of table) {
    const [first] = explain(schemeOf(direction, max), target, actuals)
    t.match(first, { direction, maxPoints: max, target, actual: actuals[0] ?? null, replacedByReview: false, ...expected }, name)
    seen.add(`${direction} ${first.branch}`)
  }
  for (const direction of ['higher_is_better', 'lower_is_better']) {
    for (const branch of QUANTITATIVE_BRANCHES) {
      if (branch === 'not_applicable' || (branch === 'zero_tolerance_met' && direction === 'higher_is_better')) continue
      t.ok(seen.has(`${direction} ${branch}`), `${direction}: ${branch} is in the table`)
    }
  }
})

t.test('a review keeps the computed points in the explanation and says it replaced them', async (t) => {
  const scheme = schemeOf('higher_is_better', 20)
  const [first] = explain(scheme, 90, [96, 98], { reviewed: [{ code: 'Q', points: 12 }] })
  t.match(first, { branch: 'between_target_and_best', computedPoints: 17.5, replacedByReview: true, formula: '0.5 × 20 + 0.5 × 20 × (96 − 90) / (98 − 90) = 17.50' })
  const [alone] = computeScorecards(scheme, [{ unitId: 'u0', targets: { Q: 90 }, entries: [{ code: 'Q', actual: 96 }], reviewed: [{ code: 'Q', points: 12 }] }])
  const [leaf] = breakdown(scheme, alone, { explain: true })
  t.match(leaf, { points: 12, selfPoints: 20, reviewed: true, explanation: { branch: 'best_in_cluster', computedPoints: 20, replacedByReview: true } })
})

t.test('a criterion that does not apply: the explanation says so, and its actual is no one\'s best', async (t) => {
  const scheme = schemeOf('higher_is_better', 20)
  const [first, second] = explain(scheme, 90, [99, 95], { notApplicable: ['Q'] })
  t.match(first, { branch: 'not_applicable', actual: 99, best: 95, formula: 'does not apply to the unit = 0.00', computedPoints: 0 })
  t.match(second, { branch: 'best_in_cluster', best: 95, computedPoints: 20 })
})

t.test('no explanation unless asked, and none on other kinds', async (t) => {
  const scheme = schemeOf('higher_is_better', 20)
  const [result] = computeScorecards(scheme, [{ unitId: 'u0', targets: { Q: 90 }, entries: [{ code: 'Q', actual: 96 }] }])
  t.notOk(breakdown(scheme, result).some((c) => 'explanation' in c))
  t.notOk('explanation' in breakdown(scheme, result, { explain: true })[1])
})

t.test('the longest formula fits its bound', async (t) => {
  const [first] = explain(schemeOf('higher_is_better', 999_999.99), 10_000_000_000.0001, [10_000_000_000.0002, 99_999_999_999.9999])
  t.equal(first.branch, 'between_target_and_best')
  t.equal(first.formula.length, 125)
  t.ok(first.formula.length <= MAX_FORMULA_LENGTH)
})

// Quantities on a small grid (ties, targets met, zeros) or anywhere with four decimals.
const quantity = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 2_000_000_000 }).map((n) => n / 10_000))
const cluster = fc.record({
  direction: fc.constantFrom<Direction>('higher_is_better', 'lower_is_better'),
  max: fc.integer({ min: 1, max: 100_000_000 }).map((h) => h / 100),
  units: fc.array(fc.record({ target: quantity, actual: fc.option(quantity, { freq: 4 }), na: fc.boolean() }), { minLength: 1, maxLength: 6 })
})

type Generated = Array<{ target: number, actual: number | null, na: boolean }>
const unitsOf = (units: Generated): ClusterUnit[] => units.map((u, i) => ({
  unitId: `u${i}`, targets: { Q: u.target }, entries: u.actual === null ? [] : [{ code: 'Q', actual: u.actual }], ...(u.na ? { notApplicable: ['Q'] } : {})
}))

t.test('property: the written-out formula, computed exactly, gives the points; the branch is the one its conditions name', async (t) => {
  fc.assert(fc.property(cluster, ({ direction, max, units }) => {
    const scheme = schemeOf(direction, max)
    const lower = direction === 'lower_is_better'
    const input = unitsOf(units)
    return computeScorecards(scheme, input).every((r) => {
      const [leaf] = breakdown(scheme, r, { explain: true })
      const e = leaf.explanation!
      const [text, result] = e.formula.split(' = ')
      if (e.computedPoints !== leaf.selfPoints || Number(result) !== e.computedPoints || result !== e.computedPoints.toFixed(2)) return false
      if (e.branch === 'not_applicable') return text === 'does not apply to the unit' && leaf.notApplicable === true
      if (e.branch === 'not_reported') return text === 'no actual reported' && e.actual === null
      const [A, T, B] = [e.actual!, e.target!, e.best!]
      const better = lower ? A < T : A > T
      const conditions = {
        zero_tolerance_met: lower && T === 0 && A === 0,
        at_target: A === T && !(lower && T === 0),
        short_of_target: lower ? A > T : A < T,
        best_in_cluster: better && A === B,
        between_target_and_best: better && A !== B
      }
      return conditions[e.branch] && evaluate(text) === Math.round(e.computedPoints * 100)
    })
  }))
  t.pass('held')
})

t.test('property: `best` is the best actual reported among the units the criterion applies to', async (t) => {
  fc.assert(fc.property(cluster, ({ direction, max, units }) => {
    const scheme = schemeOf(direction, max)
    const input = unitsOf(units)
    const reported = units.filter((u) => !u.na && u.actual !== null).map((u) => u.actual as number)
    const best = reported.length === 0 ? null : direction === 'lower_is_better' ? Math.min(...reported) : Math.max(...reported)
    return computeScorecards(scheme, input).every((r) => breakdown(scheme, r, { explain: true })[0].explanation!.best === best)
  }))
  t.pass('held')
})
