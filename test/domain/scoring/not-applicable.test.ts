// Criteria that do not apply to a unit (issue 14 part 5): tables for each rule, then properties.
import t from 'tap'
import fc from 'fast-check'
import {
  breakdown, compileScheme, computeScorecards, rankCluster, validateTargets, type ClusterUnit, type UnitResult
} from '../../../src/domain/scoring/index.js'
import { DomainError } from '../../../src/domain/errors.js'
import { toPoints } from '../../../src/domain/decimal.js'
import { compiled, fullUnit } from './fixtures.js'

const at = (r: UnitResult, code: string) => toPoints(r.points[compiled.index.get(code) as number])
const one = (unit: ClusterUnit, rescaleNotApplicable?: boolean) => computeScorecards(compiled, [unit], { rescaleNotApplicable })[0]

t.test('table: a not-applicable leaf leaves the maximum and the base is rescaled to 100', async (t) => {
  // [what, unit, applicableMax, base, total]
  const rows: Array<[string, ClusterUnit, number, number, number]> = [
    ['full marks on every applicable criterion reach the maximum', fullUnit('u', { notApplicable: ['I.1'] }), 80, 100, 100],
    ['50 of 80 applicable points: 50 × 100 / 80 = 62.5', {
      unitId: 'u', notApplicable: ['I.1'], entries: [{ code: 'I.3.a', achieved: true }, { code: 'II', achieved: true }]
    }, 80, 62.5, 62.5],
    ['a marked group marks its leaves: 40 of 70 → 57.14 (57.142857… rounded)', {
      unitId: 'u', notApplicable: ['I.3'], entries: [{ code: 'II', achieved: true }]
    }, 70, 57.14, 57.14],
    ['half-up: 0.02 of 80 → 0.025 → 0.03', {
      unitId: 'u', notApplicable: ['I.2', 'I.3.a'], reviewed: [{ code: 'I.1', points: 0.02 }]
    }, 80, 0.03, 0.03],
    ['0.01 of 80 → 0.0125 → 0.01', {
      unitId: 'u', notApplicable: ['I.2', 'I.3.a'], reviewed: [{ code: 'I.1', points: 0.01 }]
    }, 80, 0.01, 0.01],
    ['entries and reviewed points of a not-applicable leaf are ignored', {
      unitId: 'u', notApplicable: ['II'], entries: [{ code: 'II', achieved: true }], reviewed: [{ code: 'II', points: 40 }]
    }, 60, 0, 0],
    ['nothing marked: unchanged', fullUnit('u'), 100, 100, 100]
  ]
  for (const [what, unit, applicableMax, base, total] of rows) {
    const r = one(unit)
    t.same([toPoints(r.applicableMax), toPoints(r.base), toPoints(r.total)], [applicableMax, base, total], what)
  }
})

t.test('table: rescaling off is the plain sum', async (t) => {
  const r = one({ unitId: 'u', notApplicable: ['I.1'], entries: [{ code: 'I.3.a', achieved: true }, { code: 'II', achieved: true }] }, false)
  t.same([toPoints(r.applicableMax), toPoints(r.base), toPoints(r.total)], [80, 50, 50])
  t.same(r.notApplicable, ['I.1'])
})

t.test('table: bonus and deductions are added after rescaling, capped as before', async (t) => {
  const base = [{ code: 'I.3.a', achieved: true }, { code: 'II', achieved: true }]
  // [what, bonus events, deduction events, total]: base 50 of 80 → 62.5; bonus 1 each (cap 3), deduction 2 each (cap 4)
  const rows: Array<[string, number, number, number]> = [
    ['+2 −2', 2, 1, 62.5],
    ['bonus capped at 3', 5, 0, 65.5],
    ['deduction capped at 4', 0, 3, 58.5]
  ]
  for (const [what, bonusCount, deductionCount, total] of rows) {
    const r = one({ unitId: 'u', notApplicable: ['I.1'], entries: [...base, { code: 'B', bonusCount }, { code: 'D', deductionCount }] })
    t.equal(toPoints(r.total), total, what)
  }
  const top = one(fullUnit('u', { notApplicable: ['I.1'], entries: [...fullUnit('u').entries!, { code: 'B', bonusCount: 9 }] }))
  t.equal(top.total, compiled.maxTotal, 'full marks and the bonus cap reach maxTotal, never more')
})

t.test('table: a not-applicable actual is left out of the best in the cluster', async (t) => {
  const a: ClusterUnit = { unitId: 'a', entries: [{ code: 'I.1', actual: 200 }] }
  const b: ClusterUnit = { unitId: 'b', entries: [{ code: 'I.1', actual: 150 }] }
  const i1 = (units: ClusterUnit[]) => at(computeScorecards(compiled, units).find((r) => r.unitId === 'b')!, 'I.1')
  t.equal(i1([a, b]), 15, 'a is the best: b earns 10 + 10 × 50/100')
  t.equal(i1([{ ...a, notApplicable: ['I.1'] }, b]), 20, 'a does not count: b is the best')
  t.equal(i1([{ ...a, notApplicable: ['II'] }, b]), 15, 'another criterion marked changes nothing for b')
})

t.test('breakdown and ranking say which criteria did not apply', async (t) => {
  const r = one({ unitId: 'u', notApplicable: ['I.3'], entries: [{ code: 'II', achieved: true }] })
  const tree = breakdown(compiled, r)
  t.match(tree[0], { code: 'I', children: [{ code: 'I.1' }, { code: 'I.2' }, { code: 'I.3', notApplicable: true, children: [{ notApplicable: true }, { notApplicable: true }] }] })
  t.notOk('notApplicable' in tree[0], 'a group with applicable leaves applies')
  t.notOk('notApplicable' in tree[1])
  const [item] = rankCluster(compiled, [{ unitId: 'u', notApplicable: ['I.3'], entries: [{ code: 'II', achieved: true }] }])
  t.match(item, { notApplicable: ['I.3'], applicableMax: 70, total: 57.14, base: 57.14 })
  const [plain] = rankCluster(compiled, [fullUnit('v')])
  t.match(plain, { notApplicable: [], applicableMax: 100, total: 100 })
  t.match(rankCluster(compiled, [{ unitId: 'u', notApplicable: ['I.3'], entries: [{ code: 'II', achieved: true }] }], { rescaleNotApplicable: false })[0],
    { total: 40, applicableMax: 70 })
})

t.test('refusals: unknown, repeated, bonus/deduction, everything marked, not a list', async (t) => {
  const rows: Array<[string, unknown, string[]]> = [
    ['unknown code', ['X'], ['/notApplicable/u/0']],
    ['repeated code', ['II', 'II'], ['/notApplicable/u/1']],
    ['bonus/deduction', ['B'], ['/notApplicable/u/0']],
    ['every criterion (groups)', ['I', 'II'], ['/notApplicable/u']],
    ['every criterion (leaves)', ['I.1', 'I.2', 'I.3.a', 'I.3.b', 'II'], ['/notApplicable/u']],
    ['not a list', 'II', ['/notApplicable/u']],
    ['too many', Array.from({ length: 201 }, (_, i) => `c${i}`), ['/notApplicable/u']],
    ['fine', ['I', 'I.3.b'], []]
  ]
  for (const [what, na, paths] of rows) {
    const found = validateTargets(compiled, ['u'], {}, false, { u: na as string[] })
    t.same(found.map((p) => p.path), paths, what)
  }
  let refused: unknown
  try { computeScorecards(compiled, [{ unitId: 'u', notApplicable: ['I', 'II'] }]) } catch (e) { refused = e }
  t.ok(refused instanceof DomainError && refused.code === 'invalid_scoring_input', 'the engine refuses it too')
})

t.test('a not-applicable quantitative criterion needs no target', async (t) => {
  const noDefault = compileScheme({
    criteria: [
      { code: 'Q', name: 'Tỷ lệ vi phạm giao thông', maxPoints: 50, kind: 'quantitative' },
      { code: 'R', name: 'Phong trào', maxPoints: 50, kind: 'qualitative' }
    ],
    bands: [{ code: 'all', name: 'Tất cả', minTotal: 0 }],
    tieBreak: []
  })
  t.same(validateTargets(noDefault, ['u'], {}).map((p) => p.path), ['/targets/u/Q'])
  t.same(validateTargets(noDefault, ['u'], {}, true, { u: ['Q'] }), [])
  const [r] = computeScorecards(noDefault, [{ unitId: 'u', notApplicable: ['Q'], entries: [{ code: 'R', achieved: true }] }])
  t.equal(toPoints(r.total), 100, 'R 50 of 50 applicable → 100')
})

// ---- properties

const CODES = ['I', 'I.1', 'I.2', 'I.3', 'I.3.a', 'I.3.b', 'II']
const marks = fc.subarray(CODES).filter((na) => validateTargets(compiled, ['u'], {}, false, { u: na }).length === 0)
const quantity = fc.integer({ min: 0, max: 3_000_000 }).map((n) => n / 10_000)
const unit = (unitId: string): fc.Arbitrary<ClusterUnit> => fc.record({
  entries: fc.record({
    i1: quantity, i2: quantity, a: fc.boolean(), b: fc.integer({ min: 0, max: 20 }), ii: fc.boolean(),
    bonus: fc.integer({ min: 0, max: 9 }), deduction: fc.integer({ min: 0, max: 9 })
  }).map((e) => [
    { code: 'I.1', actual: e.i1 }, { code: 'I.2', actual: e.i2 }, { code: 'I.3.a', achieved: e.a }, { code: 'I.3.b', count: e.b },
    { code: 'II', achieved: e.ii }, { code: 'B', bonusCount: e.bonus }, { code: 'D', deductionCount: e.deduction }
  ]),
  targets: fc.record({ 'I.1': quantity, 'I.2': quantity }, { requiredKeys: [] }),
  notApplicable: marks
}).map((u) => ({ unitId, ...u }))
const cluster = fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => unit(`unit-${i}`))))

const plainBase = (r: UnitResult) => compiled.roots.reduce((sum, k) => compiled.kinds[k] === 4 ? sum : sum + r.points[k], 0)

t.test('property: a rescaled total never exceeds the scheme maximum', async (t) => {
  fc.assert(fc.property(cluster, (units) => computeScorecards(compiled, units).every((r) =>
    Number.isInteger(r.total) && r.total >= 0 && r.total <= compiled.maxTotal && r.base <= compiled.baseMax &&
    r.applicableMax > 0 && r.applicableMax <= compiled.baseMax)))
  t.pass('held')
})

t.test('property: the rescaled base is round_half_up(plain base × baseMax / applicableMax), exactly', async (t) => {
  fc.assert(fc.property(cluster, (units) => computeScorecards(compiled, units).every((r) => {
    const plain = BigInt(plainBase(r))
    const n = plain * BigInt(compiled.baseMax)
    const d = BigInt(r.applicableMax)
    return BigInt(r.base) === n / d + (2n * (n % d) >= d ? 1n : 0n)
  })))
  t.pass('held')
})

/** Whether the leaf's code, or a group above it, is among `codes`. */
const covered = (code: string, codes: readonly string[]) => {
  for (let k = compiled.index.get(code)!; k >= 0; k = compiled.parent[k]) if (codes.includes(compiled.codes[k])) return true
  return false
}

// For the others, a unit to which a criterion does not apply is a unit that reported nothing there: whatever it
// entered for that criterion (even the cluster's best actual) never changes another unit's points.
t.test('property: marking a criterion not applicable for unit A never changes unit B\'s points', async (t) => {
  fc.assert(fc.property(cluster, marks, fc.nat(), (units, na, pick) => {
    const a = pick % units.length
    const before = computeScorecards(compiled, units.map((u, i) => i === a ? { ...u, notApplicable: [], entries: u.entries!.filter((e) => !covered(e.code, na)) } : u))
    const after = computeScorecards(compiled, units.map((u, i) => i === a ? { ...u, notApplicable: na } : u))
    return before.every((r, i) => i === a ||
      (r.total === after[i].total && String(r.points) === String(after[i].points) && String(r.selfPoints) === String(after[i].selfPoints)))
  }))
  t.pass('held')
})

t.test('property: rescaling off is the plain sum', async (t) => {
  fc.assert(fc.property(cluster, (units) => computeScorecards(compiled, units, { rescaleNotApplicable: false }).every((r) =>
    r.base === plainBase(r) && r.total === Math.max(0, r.base + r.bonus - r.deduction))))
  t.pass('held')
})
