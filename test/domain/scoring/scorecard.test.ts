import t from 'tap'
import { breakdown, compileScheme, computeScorecards, validateScheme, type ClusterUnit, type Scheme, type UnitResult } from '../../../src/domain/scoring/index.js'
import { toPoints } from '../../../src/domain/decimal.js'
import { compiled, fullUnit } from './fixtures.js'

/** A unit's score for `code` in points. */
const at = (r: UnitResult, code: string) => toPoints(r.points[compiled.index.get(code) as number])
const byId = (results: UnitResult[]) => Object.fromEntries(results.map((r) => [r.unitId, r]))

t.test('computeScorecards: leaves, groups, bonus and deduction caps, reviews, total', async (t) => {
  const units: ClusterUnit[] = [
    // Caps hit: bonus 5 × 1 = 5 → capped at 3; deduction 3 × 2 = 6 → capped at 4.
    fullUnit('u1', { entries: [...fullUnit('u1').entries!, { code: 'B', bonusCount: 5 }, { code: 'D', deductionCount: 3 }] }),
    {
      unitId: 'u2',
      entries: [{ code: 'I.1', actual: 110 }, { code: 'I.2', actual: 3 }, { code: 'I.3.a', achieved: false }, { code: 'I.3.b', count: 3 }, { code: 'II', achieved: false }]
    },
    {
      unitId: 'u3',
      targets: { 'I.1': 200 },
      entries: [{ code: 'I.1', actual: 50 }, { code: 'I.3.a', achieved: false }, { code: 'II', achieved: true }],
      reviewed: [{ code: 'II', points: 33.33 }, { code: 'I.3.a', points: 10 }]
    }
  ]
  const { u1, u2, u3 } = byId(computeScorecards(compiled, units))
  const table: Array<[UnitResult, string, number, string]> = [
    [u1, 'I.1', 20, 'above target and best'],
    [u1, 'I.2', 10, 'lower is better, actual 0: best'],
    [u1, 'I.3.b', 20, '8 × 2.5 = 20, the max'],
    [u1, 'I.3', 30, 'group sum'],
    [u1, 'I', 60, 'nested group sum'],
    [u2, 'I.1', 15, 'above target, not best: 10 + 10·10/20'],
    [u2, 'I.2', 7, 'better than 5, not best: 5 + 5·2/5'],
    [u2, 'I.3', 7.5, '3 × 2.5'],
    [u2, 'I', 29.5, 'sum with a half point'],
    [u3, 'I.1', 2.5, 'own target 200: 0.5·20·50/200'],
    [u3, 'I.2', 0, 'not reported: 0'],
    [u3, 'I.3.a', 10, 'reviewed points replace the self score'],
    [u3, 'II', 33.33, 'reviewed points replace the self score']
  ]
  for (const [r, code, expected, name] of table) t.equal(at(r, code), expected, `${r.unitId} ${code}: ${name}`)
  t.same([u1.base, u1.bonus, u1.deduction, u1.total], [10000, 300, 400, 9900], 'u1: 100 + 3 (cap) − 4 (cap) = 99')
  t.same([u2.total, u3.total], [2950, 4583])
  t.equal(toPoints(u3.selfPoints[compiled.index.get('II') as number]), 40, 'the self score is kept beside the review')
  t.same(breakdown(compiled, u3).map((n) => n.code), ['I', 'II', 'B', 'D'])
  t.match(breakdown(compiled, u3)[1], { code: 'II', points: 33.33, selfPoints: 40, reviewed: true })
  t.match(breakdown(compiled, u3)[0], { code: 'I', points: 12.5, children: [{ code: 'I.1' }, { code: 'I.2' }, { code: 'I.3', children: [{ code: 'I.3.a', reviewed: true }, { code: 'I.3.b', reviewed: false }] }] })
  t.equal(JSON.stringify(breakdown(compiled, u3)[0].points), '12.5')
})

t.test('computeScorecards: quantitative across the cluster', async (t) => {
  const cluster = (actuals: Array<number | undefined>) => computeScorecards(compiled, actuals.map((actual, i) => ({
    unitId: `u${i}`, entries: actual === undefined ? [] : [{ code: 'I.1', actual }]
  }))).map((r) => at(r, 'I.1'))
  const table: Array<[string, Array<number | undefined>, number[]]> = [
    ['everyone below target: nobody gets the max', [40, 60, 99.99], [4, 6, 10]],
    ['the best tied with another: both get the max', [120, 120, 110], [20, 20, 15]],
    ['one reporter above target is the best', [150, undefined], [20, 0]],
    ['an unreported actual is not the best', [undefined, 100], [0, 10]]
  ]
  for (const [name, actuals, expected] of table) t.same(cluster(actuals), expected, name)
})

t.test('computeScorecards: a group is capped at its max', async (t) => {
  const overfull: Scheme = {
    criteria: [{
      code: 'G', name: 'Chọn tốt nhất', maxPoints: 10, kind: 'group',
      children: [{ code: 'a', name: 'a', maxPoints: 8, kind: 'qualitative' }, { code: 'b', name: 'b', maxPoints: 8, kind: 'qualitative' }]
    }],
    bands: [{ code: 'x', name: 'x', minTotal: 0 }],
    tieBreak: []
  }
  t.match(validateScheme(overfull), [{ path: '/criteria/0/maxPoints' }], 'refused unless allowed')
  const scheme = compileScheme(overfull, { allowOverfullGroups: true })
  const results = computeScorecards(scheme, [
    { unitId: 'both', entries: [{ code: 'a', achieved: true }, { code: 'b', achieved: true }] },
    { unitId: 'one', entries: [{ code: 'b', achieved: true }] }
  ])
  t.same(results.map((r) => [r.unitId, r.total]), [['both', 1000], ['one', 800]], '16 capped at 10; 8 stays 8')
  t.equal(scheme.maxTotal, 1000)
})

t.test('computeScorecards: deduction never takes the total below 0', async (t) => {
  const [r] = computeScorecards(compiled, [{ unitId: 'u', entries: [{ code: 'D', deductionCount: 3 }] }])
  t.same([r.base, r.deduction, r.total], [0, 400, 0])
})

t.test('computeScorecards: every problem of every unit in one refusal', async (t) => {
  t.throws(() => computeScorecards(compiled, [
    { unitId: 'u1', entries: [{ code: 'nope' }], reviewed: [{ code: 'II', points: 41 }] },
    { unitId: 'u2', targets: { 'I.1': -1 } },
    { unitId: 'u1' },
    { unitId: '' }
  ]), {
    kind: 'rule',
    code: 'invalid_scoring_input',
    details: {
      errors: [
        { path: '/units/0/unitId' },
        { path: '/units/u1/entries/0/code' },
        { path: '/units/u1/reviewed/0/points' },
        { path: '/units/u1', message: 'appears more than once' },
        { path: '/units/u2/targets/I.1' }
      ]
    }
  })
  t.throws(() => computeScorecards(compiled, Array.from({ length: 7 }, (_, i) => ({ unitId: `u${i}`, entries: [{ code: 'x' }] }))),
    { message: /has 7 problems: .*; …\.$/ })
  t.same(computeScorecards(compiled, []), [], 'an empty cluster has no scorecards')
})
