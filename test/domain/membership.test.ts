import t from 'tap'
import fc from 'fast-check'
import { DomainError } from '../../src/domain/errors.js'
import { assertMayEnd, assertMayJoin, covers, coversThroughout, overlaps, yearPeriod, type BlockMembership, type Period } from '../../src/domain/membership.js'
import { outcome } from '../helpers/outcome.js'

const p = (from: string, until: string | null = null): Period => ({ from, until })

t.test('overlaps: periods are [from, until), open when until is null', async (t) => {
  const table: Array<[Period, Period, boolean]> = [
    [p('2019-01-01', '2020-01-01'), p('2020-01-01'), false], // until is exclusive: the next may start that day
    [p('2019-01-01', '2020-01-01'), p('2019-12-31'), true],
    [p('2019-01-01'), p('2030-05-05'), true], // open runs for ever
    [p('2019-01-01', '2019-06-01'), p('2019-03-01', '2019-04-01'), true], // inside
    [p('2019-03-01', '2019-04-01'), p('2019-01-01', '2019-03-01'), false],
    [p('2019-01-01', '2019-01-02'), p('2019-01-01', '2019-01-02'), true] // one day
  ]
  for (const [a, b, expected] of table) {
    t.equal(overlaps(a, b), expected, `${JSON.stringify(a)} × ${JSON.stringify(b)}`)
    t.equal(overlaps(b, a), expected, 'symmetric')
  }
})

t.test('covers: the first day is in, the until day is out', async (t) => {
  t.ok(covers(p('2019-01-01', '2020-01-01'), '2019-01-01'))
  t.ok(covers(p('2019-01-01', '2020-01-01'), '2019-12-31'))
  t.notOk(covers(p('2019-01-01', '2020-01-01'), '2020-01-01'))
  t.notOk(covers(p('2019-01-01'), '2018-12-31'))
  t.ok(covers(p('2019-01-01'), '2099-12-31'))
})

t.test('coversThroughout: every day of the period is in some membership; an open period needs an open membership', async (t) => {
  const table: Array<[string, Period[], Period, boolean]> = [
    ['no membership', [], p('2024-01-01', '2024-02-01'), false],
    ['inside one', [p('2024-01-01')], p('2024-03-01', '2024-04-01'), true],
    ['the same period', [p('2024-01-01', '2024-07-01')], p('2024-01-01', '2024-07-01'), true],
    ['starts a day early', [p('2024-01-02')], p('2024-01-01', '2024-04-01'), false],
    ['ends a day late', [p('2024-01-01', '2024-07-01')], p('2024-03-01', '2024-07-02'), false],
    ['open record, ended membership', [p('2024-01-01', '2030-01-01')], p('2024-03-01'), false],
    ['open record, open membership', [p('2024-01-01')], p('2024-03-01'), true],
    ['two adjoining memberships', [p('2024-06-01'), p('2024-01-01', '2024-06-01')], p('2024-03-01', '2024-09-01'), true],
    ['a gap of one day', [p('2024-01-01', '2024-06-01'), p('2024-06-02')], p('2024-03-01', '2024-09-01'), false],
    ['a gap after the period', [p('2024-01-01', '2024-06-01'), p('2024-07-01')], p('2024-03-01', '2024-06-01'), true],
    ['a membership only before', [p('2020-01-01', '2021-01-01')], p('2024-03-01'), false]
  ]
  for (const [name, memberships, period, expected] of table) t.equal(coversThroughout(memberships, period), expected, name)
})

t.test('property: coversThroughout is false exactly when some day of the period is in no membership', async (t) => {
  const farFuture = '2100-01-01' // later than every generated day: stands for "for ever" in an open period
  fc.assert(fc.property(fc.array(period, { maxLength: 4 }), period, (memberships, record) => {
    // The days that can be uncovered: the first, each day a membership ends on, and for ever when open.
    const candidates = [record.from, ...memberships.map((m) => m.until).filter((d): d is string => d !== null && covers(record, d)),
      ...(record.until === null ? [farFuture] : [])]
    const expected = candidates.every((d) => memberships.some((m) => covers(m, d)))
    return coversThroughout(memberships, record) === expected
  }))
  t.pass('held')
})

t.test('yearPeriod is the calendar year', async (t) => {
  t.same(yearPeriod(2024), { from: '2024-01-01', until: '2025-01-01' })
})

t.test('assertMayJoin: one cluster of a block at any date, not before the founding', async (t) => {
  const inNine: BlockMembership = { clusterId: 'c9', from: '2018-10-04', until: '2021-01-01' }
  const table: Array<[string, { clusterId: string, from: string, clusterFoundedOn: string | null }, BlockMembership[], string]> = [
    ['first membership', { clusterId: 'c9', from: '2018-10-04', clusterFoundedOn: '2018-10-04' }, [], 'ok'],
    ['before the founding', { clusterId: 'c9', from: '2018-10-03', clusterFoundedOn: '2018-10-04' }, [], 'rule:membership_before_founding'],
    ['founding date unknown', { clusterId: 'c8', from: '1990-01-01', clusterFoundedOn: null }, [], 'ok'],
    ['moves to 8 the day 9 ends', { clusterId: 'c8', from: '2021-01-01', clusterFoundedOn: null }, [inNine], 'ok'],
    ['joins 8 while still in 9', { clusterId: 'c8', from: '2020-12-31', clusterFoundedOn: null }, [inNine], 'conflict:unit_already_in_block_cluster'],
    ['joins 8 before a later stay in 9', { clusterId: 'c8', from: '2015-01-01', clusterFoundedOn: null }, [inNine], 'conflict:unit_already_in_block_cluster'],
    ['again in 9 while open', { clusterId: 'c9', from: '2022-01-01', clusterFoundedOn: null }, [{ clusterId: 'c9', from: '2019-01-01', until: null }], 'conflict:unit_already_in_block_cluster']
  ]
  for (const [name, join, existing, expected] of table) t.equal(outcome(() => assertMayJoin(join, existing)), expected, name)

  const error = (() => { try { assertMayJoin({ clusterId: 'c8', from: '2020-01-01', clusterFoundedOn: null }, [inNine]) } catch (e) { return e as DomainError } })()
  t.same(error?.details, { clusterId: 'c9', from: '2018-10-04', until: '2021-01-01' }, 'names the clashing membership')
  t.match(error?.message, /cluster c9 of the same block/)
})

t.test('assertMayEnd: only an open membership, only after its start', async (t) => {
  t.equal(outcome(() => assertMayEnd(undefined, '2020-01-01')), 'conflict:membership_not_open')
  t.equal(outcome(() => assertMayEnd(p('2020-01-01'), '2020-01-01')), 'rule:membership_end_not_after_start')
  t.equal(outcome(() => assertMayEnd(p('2020-01-01'), '2019-12-31')), 'rule:membership_end_not_after_start')
  t.equal(outcome(() => assertMayEnd(p('2020-01-01'), '2020-01-02')), 'ok')
})

// Days between 1990 and 2040 as YYYY-MM-DD.
const day = fc.integer({ min: Date.UTC(1990, 0, 1) / 86_400_000, max: Date.UTC(2040, 0, 1) / 86_400_000 })
  .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10))
const period = fc.tuple(day, fc.option(day)).filter(([from, until]) => until === null || until > from)
  .map(([from, until]): Period => ({ from, until }))

t.test('property: overlaps means some day is covered by both', async (t) => {
  fc.assert(fc.property(period, period, day, (a, b, d) => {
    // A shared day implies overlap; an overlap always shares the later start.
    if (covers(a, d) && covers(b, d) && !overlaps(a, b)) return false
    const later = a.from > b.from ? a.from : b.from
    return overlaps(a, b) === (covers(a, later) && covers(b, later))
  }))
  t.pass('held')
})

t.test('property: memberships assertMayJoin accepts never overlap in a block', async (t) => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom('c8', 'c9'), day, fc.option(day))), (attempts) => {
    const held: BlockMembership[] = []
    for (const [clusterId, from, end] of attempts) {
      if (outcome(() => assertMayJoin({ clusterId, from, clusterFoundedOn: null }, held)) !== 'ok') continue
      const membership: BlockMembership = { clusterId, from, until: null }
      if (end !== null && outcome(() => assertMayEnd(membership, end)) === 'ok') membership.until = end
      held.push(membership)
    }
    return held.every((a, i) => held.every((b, j) => i === j || !overlaps(a, b)))
  }))
  t.pass('held')
})
