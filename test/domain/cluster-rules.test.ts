import t from 'tap'
import fc from 'fast-check'
import { DEFAULT_RULES, meetsThreshold, mergeRules, titleSeatsFor, type Threshold } from '../../src/domain/cluster-rules.js'

t.test('mergeRules: defaults, then stored rules, then changes', async (t) => {
  t.same(mergeRules({}), DEFAULT_RULES)
  t.same(DEFAULT_RULES.quorum, { numerator: 2, denominator: 3, comparison: 'at_least' })
  t.same(DEFAULT_RULES.voteThreshold, { numerator: 1, denominator: 2, comparison: 'more_than' })
  t.equal(DEFAULT_RULES.disciplinedUnitMayRankFirst, false)
  const stored = mergeRules({ selfVoteAllowed: false })
  const changed = mergeRules(stored, { quorum: { numerator: 3, denominator: 4, comparison: 'at_least' } })
  t.equal(changed.selfVoteAllowed, false, 'a stored rule survives a change to another')
  t.same(changed.quorum, { numerator: 3, denominator: 4, comparison: 'at_least' })
  t.throws(() => mergeRules({}, { voteThreshold: { numerator: 3, denominator: 2, comparison: 'at_least' } }),
    { kind: 'invalid', code: 'invalid_threshold', details: { field: 'rules.voteThreshold' } })
  t.throws(() => mergeRules({}, { voteQuorum: { numerator: 4, denominator: 4, comparison: 'more_than' } }),
    { kind: 'invalid', code: 'invalid_threshold', details: { field: 'rules.voteQuorum' } }, 'no share is more than the whole')
  t.same(mergeRules({}, { voteThreshold: { numerator: 1, denominator: 1, comparison: 'at_least' } }).voteThreshold.numerator, 1, 'all of it is a threshold some count meets')
})

t.test('titleSeatsFor: only the seats the cluster lists, never a property every object inherits', async (t) => {
  const listed = { ministry_flag: 1, constructor: 3 }
  const table: Array<[string, Record<string, number>, number | undefined]> = [
    ['ministry_flag', listed, 1],
    ['ministry_certificate', listed, undefined],
    ['constructor', listed, 3],
    ['constructor', {}, undefined],
    ['__proto__', {}, undefined],
    ['toString', {}, undefined],
    ['hasOwnProperty', {}, undefined],
    ['valueOf', {}, undefined]
  ]
  for (const [titleCode, titleSeats, expected] of table) {
    t.equal(titleSeatsFor({ titleSeats }, titleCode), expected, `${titleCode} in ${JSON.stringify(titleSeats)}`)
  }
  const parsed = JSON.parse('{"__proto__": 2}') as Record<string, number>
  t.equal(titleSeatsFor({ titleSeats: parsed }, '__proto__'), 2, 'a title code stored as an own key, whatever its name, is found')
})

t.test('meetsThreshold: exact fractions, at least versus more than', async (t) => {
  const twoThirds: Threshold = DEFAULT_RULES.quorum
  const half: Threshold = DEFAULT_RULES.voteThreshold
  const table: Array<[number, number, Threshold, boolean]> = [
    [5, 7, twoThirds, true], // 5/7 ≥ 2/3 (cluster 9: five of seven units present)
    [4, 7, twoThirds, false],
    [4, 6, twoThirds, true], // exactly 2/3 is enough
    [3, 6, half, false], // exactly half is not more than half
    [4, 6, half, true],
    [0, 0, twoThirds, false]
  ]
  for (const [count, total, threshold, expected] of table) {
    t.equal(meetsThreshold(count, total, threshold), expected, `${count}/${total} vs ${threshold.comparison} ${threshold.numerator}/${threshold.denominator}`)
  }
})

t.test('property: meeting a threshold is monotonic in the count', async (t) => {
  const threshold = fc.record({
    denominator: fc.integer({ min: 1, max: 20 }),
    numerator: fc.integer({ min: 0, max: 20 }),
    comparison: fc.constantFrom('at_least' as const, 'more_than' as const)
  }).filter((x) => x.numerator <= x.denominator)
  fc.assert(fc.property(threshold, fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 199 }), (th, total, c) => {
    const count = c % total
    return !meetsThreshold(count, total, th) || meetsThreshold(count + 1, total, th)
  }))
  t.pass('held')
})
