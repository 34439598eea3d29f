import t from 'tap'
import { assertDisciplinePeriod, assertWithinMembership, normalizeNote } from '../../src/domain/discipline.js'
import type { Period } from '../../src/domain/membership.js'
import { outcome } from '../helpers/outcome.js'

t.test('assertDisciplinePeriod: an end, when given, comes after the start', async (t) => {
  const table: Array<[string, string | null, string]> = [
    ['2024-03-15', null, 'ok'], // open-ended
    ['2024-03-15', '2024-03-16', 'ok'], // one day
    ['2024-03-15', '2024-03-15', 'rule:discipline_period_invalid'], // no day at all
    ['2024-03-15', '2024-01-01', 'rule:discipline_period_invalid']
  ]
  for (const [from, until, expected] of table) t.equal(outcome(() => assertDisciplinePeriod({ from, until })), expected, `${from} → ${until}`)
})

t.test('assertWithinMembership: a secretariat records only for days the unit is in its cluster, every one of them', async (t) => {
  const memberships: Period[] = [
    { from: '2022-01-01', until: '2023-01-01' },
    { from: '2023-01-01', until: '2024-06-01' }, // contiguous with the one before
    { from: '2024-09-01', until: null } // back after a gap
  ]
  const table: Array<[string | undefined, Period, string]> = [
    ['c9', { from: '2022-03-01', until: '2024-01-01' }, 'ok'], // across two contiguous memberships
    ['c9', { from: '2024-09-01', until: null }, 'ok'], // open-ended within an open membership
    ['c9', { from: '2024-05-01', until: '2024-10-01' }, 'forbidden:discipline_outside_membership'], // across the gap
    ['c9', { from: '2023-05-01', until: null }, 'forbidden:discipline_outside_membership'],
    ['c9', { from: '2021-12-31', until: '2022-02-01' }, 'forbidden:discipline_outside_membership'], // a day before joining
    [undefined, { from: '2022-03-01', until: '2022-04-01' }, 'forbidden:discipline_outside_membership'] // a token without a cluster
  ]
  for (const [clusterId, period, expected] of table) {
    t.equal(outcome(() => assertWithinMembership(clusterId, 'u1', memberships, period)), expected, `${clusterId} ${period.from} → ${period.until}`)
  }
  t.throws(() => assertWithinMembership('c9', 'u1', [], { from: '2024-01-01', until: null }), {
    details: { unitId: 'u1', clusterId: 'c9', from: '2024-01-01', until: null }, message: /from 2024-01-01 on, with no end/
  }, 'names the unit and the period')
})

t.test('normalizeNote: NFC and trimmed, line breaks kept', async (t) => {
  t.equal(normalizeNote('  Khiển trách\nlần 1  '), 'Khiển trách\nlần 1')
  t.equal(normalizeNote('Ky\u0300 lua\u0323t'), 'K\u1EF3 lu\u1EA1t', 'decomposed marks composed')
})
