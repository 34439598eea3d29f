import t from 'tap'
import {
  compileScheme, MAX_DEPTH, validateEntries, validateReview, validateScheme, validateTargets, type CriterionNode, type Scheme
} from '../../../src/domain/scoring/index.js'
import { DomainError } from '../../../src/domain/errors.js'
import { compiled, scheme } from './fixtures.js'

const leaf = (code: string, maxPoints: number, more: Partial<CriterionNode> = {}): CriterionNode =>
  ({ code, name: code, maxPoints, kind: 'qualitative', ...more })
const base = (over: Partial<Scheme>): Scheme => ({
  criteria: [leaf('A', 60), leaf('B', 40)],
  bands: [{ code: 'ok', name: 'Đạt', minTotal: 50 }, { code: 'ko', name: 'Không đạt', minTotal: 0 }],
  tieBreak: [],
  ...over
})

t.test('validateScheme: the fixture is valid', async (t) => {
  t.same(validateScheme(scheme), [])
  t.equal(compiled.maxTotal, 10300, 'base 100 + bonus up to its cap of 3')
  t.same(compiled.bands.map((b) => b.code), ['excellent', 'good', 'fair', 'not_achieved'], 'bands highest first')
  t.equal(compiled.ministryFlagBand.code, 'excellent', 'the top band by default')
})

t.test('validateScheme: one problem each', async (t) => {
  const table: Array<[string, Scheme, Array<{ path: string, message: RegExp }>]> = [
    ['no criteria', base({ criteria: [] }), [{ path: '/criteria', message: /at least one/ }]],
    ['duplicate code', base({ criteria: [leaf('A', 60), { code: 'G', name: 'G', kind: 'group', maxPoints: 40, children: [leaf('A', 40)] }] }),
      [{ path: '/criteria/1/children/0/code', message: /duplicates the code "A" of \/criteria\/0/ }]],
    ['empty name', base({ criteria: [leaf('A', 60), { ...leaf('B', 40), name: ' ' }] }), [{ path: '/criteria/1/name', message: /non-empty/ }]],
    ['three decimals', base({ criteria: [leaf('A', 60.005), leaf('B', 39.995)] }),
      [{ path: '/criteria/0/maxPoints', message: /two decimals/ }, { path: '/criteria/1/maxPoints', message: /two decimals/ }]],
    ['negative max', base({ criteria: [leaf('A', -1), leaf('B', 40)], bands: [{ code: 'ko', name: 'x', minTotal: 0 }] }),
      [{ path: '/criteria/0/maxPoints', message: /between 0 and/ }]],
    ['unknown kind', base({ criteria: [leaf('A', 60, { kind: 'magic' as never }), leaf('B', 40)] }), [{ path: '/criteria/0/kind', message: /one of/ }]],
    ['children over the group max', base({
      criteria: [{ code: 'G', name: 'G', kind: 'group', maxPoints: 60, children: [leaf('A', 40), leaf('B', 20.01)] }, leaf('C', 40)]
    }), [{ path: '/criteria/0/maxPoints', message: /add up to 60.01, more than the group's 60.00/ }]],
    ['empty group', base({ criteria: [{ code: 'G', name: 'G', kind: 'group', maxPoints: 60, children: [] }, leaf('C', 40)] }),
      [{ path: '/criteria/0/children', message: /at least one/ }]],
    ['a field of another kind', base({ criteria: [leaf('A', 60, { pointsEach: 1 }), leaf('B', 40, { children: [] })] }),
      [{ path: '/criteria/0/pointsEach', message: /only to per_occurrence/ }, { path: '/criteria/1/children', message: /only to group/ }]],
    ['bad direction and target', base({ criteria: [leaf('A', 60, { kind: 'quantitative', direction: 'up' as never, defaultTarget: -1 }), leaf('B', 40)] }),
      [{ path: '/criteria/0/direction', message: /one of/ }, { path: '/criteria/0/defaultTarget', message: /from 0 to/ }]],
    ['per occurrence without points each', base({ criteria: [leaf('A', 60, { kind: 'per_occurrence' }), leaf('B', 40, { kind: 'per_occurrence', pointsEach: 0 })] }),
      [{ path: '/criteria/0/pointsEach', message: /two decimals/ }, { path: '/criteria/1/pointsEach', message: /more than 0/ }]],
    ['bonus/deduction without either amount, positive floor', base({ criteria: [leaf('A', 60), leaf('B', 40), leaf('X', 5, { kind: 'bonus_deduction', minPoints: 1 })] }),
      [{ path: '/criteria/2/minPoints', message: /from -1000000 to 0/ }, { path: '/criteria/2', message: /needs bonusEach or deductionEach/ }]],
    ['bonus/deduction inside a group', base({
      criteria: [{ code: 'G', name: 'G', kind: 'group', maxPoints: 60, children: [leaf('A', 60), leaf('X', 0, { kind: 'bonus_deduction', deductionEach: 1, minPoints: -2 })] }, leaf('B', 40)]
    }), [{ path: '/criteria/0/children/1/kind', message: /top level/ }]],
    ['caps', base({ bonusCap: -1, deductionCap: 0.001 }), [{ path: 'bonusCap', message: /between/ }, { path: 'deductionCap', message: /two decimals/ }]],
    ['no bands', base({ bands: [] }), [{ path: '/bands', message: /at least one band/ }]],
    ['a gap below the lowest band', base({ bands: [{ code: 'ok', name: 'Đạt', minTotal: 50 }] }), [{ path: '/bands', message: /below 50.00 without a band/ }]],
    ['two bands from the same total', base({ bands: [{ code: 'a', name: 'a', minTotal: 0 }, { code: 'b', name: 'b', minTotal: 0 }] }),
      [{ path: '/bands/1/minTotal', message: /overlaps bands.0/ }]],
    ['a band above the reachable total', base({ bands: [{ code: 'a', name: 'a', minTotal: 0 }, { code: 'b', name: 'b', minTotal: 100.01 }] }),
      [{ path: '/bands/1/minTotal', message: /above the highest reachable total 100.00/ }]],
    ['duplicate band code', base({ bands: [{ code: 'a', name: 'a', minTotal: 0 }, { code: 'a', name: 'b', minTotal: 10 }] }),
      [{ path: '/bands/1/code', message: /duplicates/ }]],
    ['unknown ministry flag band', base({ ministryFlagBand: 'gold' }), [{ path: '/ministryFlagBand', message: /names no band/ }]],
    ['tie-breaks', base({ criteria: [leaf('A', 60), leaf('B', 40), leaf('X', 5, { kind: 'bonus_deduction', bonusEach: 1 })], tieBreak: ['group:Z', 'group:X', 'more_bonus', 'more_bonus', 'alphabetical' as never] }), [
      { path: '/tieBreak/0', message: /names no criterion/ },
      { path: '/tieBreak/1', message: /cannot name a bonus_deduction/ },
      { path: '/tieBreak/3', message: /repeats/ },
      { path: '/tieBreak/4', message: /must be/ }
    ]],
    ['tie-break not a list', base({ tieBreak: 'more_bonus' as never }), [{ path: '/tieBreak', message: /list/ }]]
  ]
  for (const [name, input, expected] of table) t.match(validateScheme(input), expected, name)
  for (const [name, input, expected] of table) t.equal(validateScheme(input).length, expected.length, `${name}: nothing more`)
})

t.test('validateScheme: nesting is bounded', async (t) => {
  let node: CriterionNode = leaf('L', 1)
  const bands = [{ code: 'a', name: 'a', minTotal: 0 }]
  for (let d = 0; d < MAX_DEPTH - 1; d++) node = { code: `G${d}`, name: 'g', kind: 'group', maxPoints: 1, children: [node] }
  t.same(validateScheme(base({ criteria: [node], bands })), [], `${MAX_DEPTH} levels are a scheme`)
  node = { code: 'G', name: 'g', kind: 'group', maxPoints: 1, children: [node] }
  t.match(validateScheme(base({ criteria: [node], bands })), [{ path: `/criteria/0${'/children/0'.repeat(MAX_DEPTH - 1)}/children`, message: new RegExp(`at most ${MAX_DEPTH} levels`) }])
})

t.test('validateScheme returns every problem; compileScheme refuses with all of them', async (t) => {
  const bad = base({ criteria: [leaf('A', 60), leaf('A', -4)], bands: [{ code: 'ok', name: '', minTotal: 10 }], tieBreak: ['group:Q'] })
  const problems = validateScheme(bad)
  t.same(problems.map((p) => p.path), ['/criteria/1/code', '/criteria/1/maxPoints', '/bands/0/name', '/bands', '/tieBreak/0'])
  try {
    compileScheme(bad)
    t.fail('compiled')
  } catch (error) {
    t.ok(error instanceof DomainError)
    t.match(error, { kind: 'rule', code: 'invalid_scheme', details: { errors: problems } })
    t.match((error as Error).message, /^The scoring scheme has 5 problems: \/criteria\/1\/code duplicates/)
  }
  t.throws(() => compileScheme(base({ criteria: [] })), { message: /has 1 problem: \/criteria a scheme needs/ })
})

t.test('validateEntries: codes, fields by kind, values', async (t) => {
  t.same(validateEntries(compiled, [{ code: 'I.1', actual: 97.25 }, { code: 'I.3.a', achieved: false }, { code: 'B', bonusCount: 2, deductionCount: 0 }]), [])
  const problems = validateEntries(compiled, [
    { code: 'Z' },
    { code: 'I' },
    { code: 'I.1', actual: 1.00001 },
    { code: 'I.1', actual: 2 },
    { code: 'I.2', count: 3 },
    { code: 'I.3.a', achieved: 'yes' as never },
    { code: 'I.3.b', count: 1.5 },
    { code: 'D', deductionCount: -1, bonusCount: 2_000_000 }
  ])
  t.same(problems.map((p) => p.path), [
    '/entries/0/code', '/entries/1/code', '/entries/2/actual', '/entries/3/code', '/entries/4/count', '/entries/5/achieved',
    '/entries/6/count', '/entries/7/bonusCount', '/entries/7/deductionCount'
  ])
  t.match(problems[1].message, /is a group/)
  t.match(problems[4].message, /does not apply to a quantitative criterion/)
  t.match(validateEntries(compiled, 'x' as never), [{ path: '/entries', message: /list/ }])
})

t.test('validateReview: leaves only, within [min, max]', async (t) => {
  t.same(validateReview(compiled, [{ code: 'I.1', points: 20 }, { code: 'D', points: -6 }, { code: 'II', points: 0 }]), [])
  const problems = validateReview(compiled, [
    { code: 'I.1', points: 20.01 }, { code: 'D', points: -6.5 }, { code: 'I.3', points: 1 }, { code: 'II', points: 0.333 }, { code: 'II', points: 1 }
  ])
  t.same(problems, [
    { path: '/entries/0/points', message: 'must be a number from 0.00 to 20.00 with at most two decimals' },
    { path: '/entries/1/points', message: 'must be a number from -6.00 to 0.00 with at most two decimals' },
    { path: '/entries/2/code', message: 'is a group; give points for its criteria instead' },
    { path: '/entries/3/points', message: 'must be a number from 0.00 to 40.00 with at most two decimals' },
    { path: '/entries/4/code', message: 'repeats the review of "II"' }
  ])
  t.match(validateReview(compiled, {} as never), [{ path: '/entries' }])
})

t.test('validateTargets: every quantitative leaf, every member, unless a default covers it', async (t) => {
  const noDefaults = compileScheme({
    ...scheme,
    tieBreak: [],
    criteria: [{ code: 'Q', name: 'Q', maxPoints: 100, kind: 'quantitative' }, { code: 'R', name: 'R', maxPoints: 0, kind: 'quantitative', defaultTarget: 3 }]
  })
  t.same(validateTargets(compiled, ['u1', 'u2'], {}), [], 'the fixture has defaults everywhere')
  t.same(validateTargets(noDefaults, ['u1', 'u2', 'u3'], { u1: { Q: 5 }, u2: { Q: -1, R: 4, S: 1 } }), [
    { path: '/targets/u2/Q', message: 'must be a number from 0 to 100000000000 with at most four decimals' },
    { path: '/targets/u2/S', message: 'names no quantitative criterion of this scheme' },
    { path: '/targets/u2/Q', message: 'has no target for this unit, and the criterion has no defaultTarget' },
    { path: '/targets/u3/Q', message: 'has no target for this unit, and the criterion has no defaultTarget' }
  ])
  t.same(validateTargets(noDefaults, ['u3'], { u3: { R: 1 } }, false), [], 'one body on its own need not be complete')
  t.match(validateTargets(noDefaults, ['u1'], { u1: [] as never }, false), [{ path: '/targets/u1', message: /object/ }])
})
