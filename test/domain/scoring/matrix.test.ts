// The scoring matrix (issue 14 part 7): tables for each stage's rule, then properties over random clusters.
import t from 'tap'
import fc from 'fast-check'
import {
  breakdown, compileScheme, computeScorecards, matrixRows, type ClusterUnit, type CompiledScheme, type CriterionScore,
  type MatrixCard, type MatrixRow
} from '../../../src/domain/scoring/index.js'
import { reviewedPoints } from '../../../src/domain/scoring/scorecard-lifecycle.js'
import { compiled, fullUnit } from './fixtures.js'
import { entries, quantity } from './arbitraries.js'

/** The matrix of `units`, each scored by the engine with its card's reviews, as loadInputs gives them. */
function matrixOf (scheme: CompiledScheme, units: ReadonlyArray<{ unit: ClusterUnit, card?: MatrixCard }>): MatrixRow[] {
  const results = computeScorecards(scheme, units.map(({ unit, card }) => ({ ...unit, reviewed: reviewedPoints(card) })))
  return [...matrixRows(scheme, units.map(({ unit, card }) => ({ result: results.find((r) => r.unitId === unit.unitId)!, card })))]
}

const cellAt = (rows: MatrixRow[], code: string, u = 0) => {
  const { self, reviewed, secondReview, final, notApplicable } = rows.find((r) => r.code === code)!.cells[u]
  return [self, reviewed, secondReview, final, notApplicable]
}

const draft: MatrixCard = { review: null, secondReview: null }
const reviewed = (review: MatrixCard['review'], secondReview: MatrixCard['secondReview'] = null): MatrixCard => ({ review, secondReview })

t.test('table: each stage of a leaf and of its groups', async (t) => {
  // [what, unit, card, code, [self, reviewed, secondReview, final, notApplicable]]
  const rows: Array<[string, ClusterUnit, MatrixCard | undefined, string, unknown[]]> = [
    ['no scorecard: no stage reached, the final 0 the ranking counts', { unitId: 'u' }, undefined, 'I.1', [null, null, null, 0, false]],
    ['no scorecard: the group alike', { unitId: 'u' }, undefined, 'I', [null, null, null, 0, false]],
    ['a draft: the self score is final', fullUnit('u'), draft, 'I.1', [20, null, null, 20, false]],
    ['a draft: the group sums its children', fullUnit('u'), draft, 'I', [60, null, null, 60, false]],
    ['a leaf without an entry scores 0 at self', { unitId: 'u', entries: [{ code: 'II', achieved: true }] }, draft, 'I.3.b', [0, null, null, 0, false]],
    ['reviewed down to 5', fullUnit('u'), reviewed([{ code: 'I.3.b', points: 5 }]), 'I.3.b', [20, 5, null, 5, false]],
    ['a leaf the review does not list keeps its self score', fullUnit('u'), reviewed([{ code: 'I.3.b', points: 5 }]), 'I.1', [20, 20, null, 20, false]],
    ['the subgroup and the group follow', fullUnit('u'), reviewed([{ code: 'I.3.b', points: 5 }]), 'I.3', [30, 15, null, 15, false]],
    ['… up to the top', fullUnit('u'), reviewed([{ code: 'I.3.b', points: 5 }]), 'I', [60, 45, null, 45, false]],
    ['an empty review accepts every self score', fullUnit('u'), reviewed([]), 'I', [60, 60, null, 60, false]],
    ['the second review replaces the first', fullUnit('u'), reviewed([{ code: 'I.3.b', points: 5 }], [{ code: 'I.3.b', points: 12.5 }]), 'I.3.b', [20, 5, 12.5, 12.5, false]],
    ['a leaf it does not list keeps the first review\'s points', fullUnit('u'), reviewed([{ code: 'I.3.a', points: 4 }], [{ code: 'I.3.b', points: 12.5 }]), 'I.3.a', [10, 4, 4, 4, false]],
    ['the group after the second review', fullUnit('u'), reviewed([{ code: 'I.3.b', points: 5 }], [{ code: 'I.3.b', points: 12.5 }]), 'I', [60, 45, 52.5, 52.5, false]],
    ['a leaf that does not apply: not applicable, no value, not 0', fullUnit('u', { notApplicable: ['I.3.a'] }), reviewed([]), 'I.3.a', [null, null, null, null, true]],
    ['its group sums the others', fullUnit('u', { notApplicable: ['I.3.a'] }), reviewed([]), 'I.3', [20, 20, null, 20, false]],
    ['a group all of whose leaves do not apply', fullUnit('u', { notApplicable: ['I.3'] }), draft, 'I.3', [null, null, null, null, true]],
    ['… leaves its parent the rest', fullUnit('u', { notApplicable: ['I.3'] }), draft, 'I', [30, null, null, 30, false]],
    ['a bonus', fullUnit('u', { entries: [{ code: 'B', bonusCount: 2 }] }), draft, 'B', [2, null, null, 2, false]],
    ['a deduction is negative', fullUnit('u', { entries: [{ code: 'D', deductionCount: 1 }] }), reviewed([{ code: 'D', points: -4 }]), 'D', [-2, -4, null, -4, false]]
  ]
  for (const [what, unit, card, code, expected] of rows) t.same(cellAt(matrixOf(compiled, [{ unit, card }]), code), expected, what)
})

t.test('table: the rows, in the scheme\'s order with their depth, kind and maximum; the cells in the units\' order', async (t) => {
  const rows = matrixOf(compiled, [{ unit: fullUnit('z'), card: draft }, { unit: { unitId: 'a' } }])
  t.same(rows.map((r) => [r.code, r.depth, r.kind, r.maxPoints]), [
    ['I', 1, 'group', 60], ['I.1', 2, 'quantitative', 20], ['I.2', 2, 'quantitative', 10], ['I.3', 2, 'group', 30],
    ['I.3.a', 3, 'qualitative', 10], ['I.3.b', 3, 'per_occurrence', 20], ['II', 1, 'qualitative', 40],
    ['B', 1, 'bonus_deduction', 5], ['D', 1, 'bonus_deduction', 0]
  ])
  t.same(rows[0].cells.map((c) => c.unitId), ['z', 'a'], 'the order given, not the engine\'s')
  t.equal(rows[0].name, 'Công tác chuyên môn')
  t.same(matrixOf(compiled, []).map((r) => r.cells), compiled.codes.map(() => []), 'no member: every row, no cell')
})

t.test('table: an overfull group is capped at its maximum at every stage, as the engine caps it', async (t) => {
  const overfull = compileScheme({
    criteria: [{
      code: 'G', name: 'Nhóm chọn một trong hai', maxPoints: 10, kind: 'group',
      children: [{ code: 'a', name: 'a', maxPoints: 10, kind: 'qualitative' }, { code: 'b', name: 'b', maxPoints: 10, kind: 'qualitative' }]
    }],
    bands: [{ code: 'x', name: 'x', minTotal: 0 }],
    tieBreak: []
  }, { allowOverfullGroups: true })
  const unit = { unitId: 'u', entries: [{ code: 'a', achieved: true }, { code: 'b', achieved: true }] }
  t.same(cellAt(matrixOf(overfull, [{ unit, card: reviewed([{ code: 'a', points: 2 }]) }]), 'G'), [10, 10, null, 10, false])
})

// Random clusters of the fixture scheme: entries, targets, criteria that do not apply, and either no scorecard, a
// draft, a first review or both reviews, each listing some leaves (II always applies: at least one criterion must).
const LEAVES = [{ code: 'I.1', max: 20 }, { code: 'I.2', max: 10 }, { code: 'I.3.a', max: 10 }, { code: 'I.3.b', max: 20 }, { code: 'II', max: 40 }]
const review = fc.subarray(LEAVES).chain((leaves) =>
  fc.tuple(...leaves.map((l) => fc.integer({ min: 0, max: l.max * 100 }).map((n) => ({ code: l.code, points: n / 100 })))))
const card: fc.Arbitrary<MatrixCard | undefined> = fc.oneof(
  fc.constant(undefined), fc.constant(draft), review.map((r) => reviewed(r)), fc.tuple(review, review).map(([r, s]) => reviewed(r, s)))
const member = (unitId: string) => fc.record({
  entries, targets: fc.record({ 'I.1': quantity, 'I.2': quantity }, { requiredKeys: [] }),
  notApplicable: fc.subarray(['I.1', 'I.2', 'I.3', 'I.3.a']), card
}).map(({ card, notApplicable, ...inputs }) => ({
  // A unit without a scorecard has no entries.
  unit: { unitId, ...inputs, entries: card ? inputs.entries : [], ...(notApplicable.length > 0 ? { notApplicable } : {}) },
  card
}))
const cluster = fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => member(`unit-${i}`))))

const STAGES = ['self', 'reviewed', 'secondReview', 'final'] as const
const hundredths = (v: number | null) => (v === null ? null : Math.round(v * 100))

t.test('property: a group\'s value at each stage is the sum of its children\'s (capped at its maximum), null when none has one', async (t) => {
  fc.assert(fc.property(cluster, (units) => {
    const rows = matrixOf(compiled, units)
    const byCode = new Map(rows.map((r) => [r.code, r]))
    return compiled.codes.every((code, k) => compiled.children[k].length === 0 || units.every((_, u) => STAGES.every((stage) => {
      const values = compiled.children[k].map((c) => hundredths(byCode.get(compiled.codes[c])!.cells[u][stage])).filter((v) => v !== null)
      const cell = byCode.get(code)!.cells[u]
      const expected = cell.notApplicable || values.length === 0 ? null : Math.min(compiled.max[k], values.reduce((a, b) => a + b, 0))
      return hundredths(cell[stage]) === expected
    })))
  }))
  t.pass('held')
})

t.test('property: the final points are the ranking\'s breakdown, and the last stage reached', async (t) => {
  fc.assert(fc.property(cluster, (units) => {
    const results = computeScorecards(compiled, units.map(({ unit, card }) => ({ ...unit, reviewed: reviewedPoints(card) })))
    const rows = new Map(matrixOf(compiled, units).map((r) => [r.code, r]))
    return units.every(({ unit, card }, u) => {
      const flat = (nodes: CriterionScore[]): CriterionScore[] => nodes.flatMap((n) => [n, ...flat(n.children ?? [])])
      return flat(breakdown(compiled, results.find((r) => r.unitId === unit.unitId)!)).every((score) => {
        const cell = rows.get(score.code)!.cells[u]
        if (score.notApplicable === true) return cell.notApplicable && STAGES.every((s) => cell[s] === null)
        const last = cell.secondReview ?? cell.reviewed ?? cell.self
        return !cell.notApplicable && cell.final === score.points && (card === undefined ? last === null : last === score.points)
      })
    })
  }))
  t.pass('held')
})
