import t from 'tap'
import fc from 'fast-check'
import { DEFAULT_RULES, meetsThreshold, type Threshold } from '../../src/domain/cluster-rules.js'
import {
  assertAttendeesAreMembers, assertConferenceYear, assertEditable, assertMayFinalize, assessQuorum, conferenceDate,
  CONFERENCE_STATUSES, isFinalized, presentUnitIds, type ConferenceStatus, type Quorum
} from '../../src/domain/conference.js'
import { DomainError } from '../../src/domain/errors.js'
import { outcome } from '../helpers/outcome.js'

const twoThirds = DEFAULT_RULES.quorum
const half: Threshold = { numerator: 1, denominator: 2, comparison: 'more_than' }
const units = (n: number, prefix = 'u') => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`)

t.test('presentUnitIds: the attending units and the chair\'s unit, each once, in order', async (t) => {
  t.same(presentUnitIds(['a', 'b'], 'c'), ['a', 'b', 'c'])
  t.same(presentUnitIds(['a', 'b'], 'a'), ['a', 'b'], 'a chair\'s unit that also attends counts once')
  t.same(presentUnitIds(['a'], null), ['a'])
  t.same(presentUnitIds([], undefined), [])
})

t.test('assessQuorum: members present against the threshold, at the 2/3 boundary', async (t) => {
  const six = units(6)
  const table: Array<[string, string[], string[], Threshold, Pick<Quorum, 'members' | 'attending' | 'met'>]> = [
    ['6 of 6', six, six, twoThirds, { members: 6, attending: 6, met: true }],
    ['4 of 6 is exactly 2/3: met', six, units(4), twoThirds, { members: 6, attending: 4, met: true }],
    ['3 of 6 is not', six, units(3), twoThirds, { members: 6, attending: 3, met: false }],
    ['5 of 7 meets 2/3 (cluster 9)', units(7), units(5), twoThirds, { members: 7, attending: 5, met: true }],
    ['4 of 7 does not', units(7), units(4), twoThirds, { members: 7, attending: 4, met: false }],
    ['3 of 6 is not more than half', six, units(3), half, { members: 6, attending: 3, met: false }],
    ['4 of 6 is more than half', six, units(4), half, { members: 6, attending: 4, met: true }],
    ['outsiders do not count', six, [...units(3), 'x1', 'x2'], twoThirds, { members: 6, attending: 3, met: false }],
    ['a cluster without members never has a quorum', [], ['x1'], twoThirds, { members: 0, attending: 0, met: false }],
    ['0/1 at least: nobody needed but nobody members', [], [], { numerator: 0, denominator: 1, comparison: 'at_least' }, { members: 0, attending: 0, met: false }]
  ]
  for (const [name, members, present, required, expected] of table) {
    const quorum = assessQuorum(members, present, required)
    t.same(quorum, { required, ...expected }, name)
  }
  const rule = { ...twoThirds }
  const quorum = assessQuorum(['a'], ['a'], rule)
  t.not(quorum.required, rule, 'the threshold is copied, not shared')
})

t.test('assertAttendeesAreMembers: every attending unit is a member on the date', async (t) => {
  t.equal(outcome(() => assertAttendeesAreMembers(['a', 'b'], ['a', 'b', 'c'], '2024-07-30')), 'ok')
  t.equal(outcome(() => assertAttendeesAreMembers([], [], '2024-07-30')), 'ok')
  t.equal(outcome(() => assertAttendeesAreMembers(['a', 'x'], ['a'], '2024-07-30')), 'rule:attendee_not_member')
  const refusal = (() => { try { assertAttendeesAreMembers(['x', 'a', 'y'], new Set(['a']), '2024-07-30') } catch (e) { return e as DomainError } })()
  t.same(refusal?.details, { unitIds: ['x', 'y'], heldOn: '2024-07-30' }, 'names every outsider')
  t.match(refusal?.message, /Units x, y are not a member/)
  const one = (() => { try { assertAttendeesAreMembers(['x'], [], '2024-07-30') } catch (e) { return e as DomainError } })()
  t.match(one?.message, /Unit x is not a member of the cluster on 2024-07-30/)
})

t.test('assertConferenceYear: the year held in, or the one before or after', async (t) => {
  const table: Array<[number, string, string]> = [
    [2024, '2024-07-30', 'ok'], // mid-year review
    [2025, '2024-12-20', 'ok'], // the 2025 pledge signed in December
    [2024, '2025-01-10', 'ok'], // the 2024 annual review held in January
    [2016, '2016-11-11', 'ok'],
    [2026, '2024-12-20', 'rule:conference_year_mismatch'],
    [2204, '2024-07-30', 'rule:conference_year_mismatch'],
    [2022, '2024-01-01', 'rule:conference_year_mismatch']
  ]
  for (const [year, heldOn, expected] of table) t.equal(outcome(() => assertConferenceYear(year, heldOn)), expected, `${year} on ${heldOn}`)
})

t.test('conferenceDate: the date in Việt Nam of an instant, refusing one Date cannot hold', async (t) => {
  t.equal(conferenceDate('2024-07-30T08:00:00+07:00'), '2024-07-30')
  t.equal(conferenceDate('2024-12-31T17:30:00Z'), '2025-01-01', 'past midnight in Việt Nam')
  t.equal(outcome(() => conferenceDate('2024-07-30T08:00:60Z')), 'invalid:invalid_instant')
})

t.test('isFinalized: only a finalized record is locked', async (t) => {
  t.same(CONFERENCE_STATUSES.filter(isFinalized), ['finalized'])
})

t.test('lifecycle: a draft may change and be finalized with a quorum; a finalized record is locked', async (t) => {
  const met = assessQuorum(units(6), units(4), twoThirds)
  const notMet = assessQuorum(units(6), units(3), twoThirds)
  const table: Array<[ConferenceStatus, Quorum, string, string]> = [
    ['draft', met, 'ok', 'ok'],
    ['draft', notMet, 'ok', 'rule:quorum_not_met'],
    ['finalized', met, 'conflict:conference_finalized', 'conflict:conference_finalized'],
    ['finalized', notMet, 'conflict:conference_finalized', 'conflict:conference_finalized']
  ]
  for (const [status, quorum, edit, finalize] of table) {
    t.equal(outcome(() => assertEditable(status)), edit, `edit a ${status} (${quorum.attending}/${quorum.members})`)
    t.equal(outcome(() => assertMayFinalize(status, quorum)), finalize, `finalize a ${status} (${quorum.attending}/${quorum.members})`)
  }
  const refusal = (() => { try { assertMayFinalize('draft', notMet) } catch (e) { return e as DomainError } })()
  t.same(refusal?.details, { quorum: notMet })
  t.match(refusal?.message, /3 of 6 member units present does not meet the quorum of at least 2\/3/)
  const strict = assessQuorum(units(4), units(2), half)
  t.match((() => { try { assertMayFinalize('draft', strict) } catch (e) { return (e as Error).message } })(), /more than 1\/2/)
})

const threshold = fc.record({
  denominator: fc.integer({ min: 1, max: 12 }),
  numerator: fc.integer({ min: 0, max: 12 }),
  comparison: fc.constantFrom('at_least' as const, 'more_than' as const)
}).filter((x) => x.numerator <= x.denominator)

// Members m1..mN; present: some members (by index, repeats allowed) and some outsiders.
const meeting = fc.integer({ min: 0, max: 30 }).chain((n) => fc.record({
  members: fc.constant(units(n, 'm')),
  present: fc.array(fc.oneof(
    fc.integer({ min: 1, max: Math.max(n, 1) }).map((i) => `m${i}`),
    fc.integer({ min: 1, max: 5 }).map((i) => `x${i}`)
  ), { maxLength: 40 })
}))

t.test('property: the count is the distinct members present, and met is the threshold on it', async (t) => {
  fc.assert(fc.property(meeting, threshold, ({ members, present }, th) => {
    const quorum = assessQuorum(members, present, th)
    const memberSet = new Set(members)
    const expected = new Set(present.filter((id) => memberSet.has(id))).size
    return quorum.members === members.length && quorum.attending === expected && quorum.attending <= quorum.members &&
      quorum.met === meetsThreshold(expected, members.length, th)
  }))
})

t.test('property: one more member present never loses the quorum; order and repeats do not matter', async (t) => {
  fc.assert(fc.property(meeting, threshold, ({ members, present }, th) => {
    const before = assessQuorum(members, present, th)
    const absent = members.find((id) => !present.includes(id))
    if (absent !== undefined && before.met && !assessQuorum(members, [...present, absent], th).met) return false
    const shuffled = assessQuorum([...members].reverse(), [...present, ...present].reverse(), th)
    return shuffled.attending === before.attending && shuffled.met === before.met
  }))
})

t.test('property: finalizing succeeds exactly for a draft that meets its quorum', async (t) => {
  fc.assert(fc.property(meeting, threshold, fc.constantFrom<ConferenceStatus>('draft', 'finalized'), ({ members, present }, th, status) => {
    const quorum = assessQuorum(members, present, th)
    const result = outcome(() => assertMayFinalize(status, quorum))
    if (status === 'finalized') return result === 'conflict:conference_finalized'
    return result === (quorum.met ? 'ok' : 'rule:quorum_not_met')
  }))
})

t.test('property: attendees pass exactly when each is a member', async (t) => {
  fc.assert(fc.property(meeting, ({ members, present }) => {
    const result = outcome(() => assertAttendeesAreMembers(present, members, '2024-07-30'))
    return result === (present.every((id) => members.includes(id)) ? 'ok' : 'rule:attendee_not_member')
  }))
})
