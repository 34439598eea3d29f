import t from 'tap'
import fc from 'fast-check'
import { DomainError } from '../../src/domain/errors.js'
import { assertLeadership, flagHandover } from '../../src/domain/term.js'
import type { Period } from '../../src/domain/membership.js'
import { outcome } from '../helpers/outcome.js'

type Member = Period & { unitId: string }

t.test('flagHandover: the flag passes only to a different head', async (t) => {
  const table: Array<[string | null | undefined, string, ReturnType<typeof flagHandover>]> = [
    [undefined, 'yte', null], // no term last year
    [null, 'yte', null],
    ['yte', 'yte', null], // re-elected: the flag stays
    ['ctct', 'haucan', { fromUnitId: 'ctct', toUnitId: 'haucan', year: 2017 }]
  ]
  for (const [previous, head, expected] of table) t.same(flagHandover(previous, 2017, head), expected, `${previous} → ${head}`)
})

t.test('assertLeadership: two different units, each a member on some day of the year', async (t) => {
  const members: Member[] = [
    { unitId: 'yte', from: '2018-10-04', until: null },
    { unitId: 'haucan', from: '2018-10-04', until: '2024-01-01' }, // left when 2024 began
    { unitId: 'bv199', from: '2024-12-31', until: null }, // joined on the last day of 2024
    { unitId: 'cnan', from: '2025-01-01', until: null }
  ]
  const table: Array<[number, string, string, string]> = [
    [2024, 'yte', 'yte', 'rule:head_and_deputy_must_differ'],
    [2023, 'yte', 'haucan', 'ok'],
    [2024, 'yte', 'haucan', 'rule:term_unit_not_member'],
    [2024, 'bv199', 'yte', 'ok'],
    [2024, 'cnan', 'yte', 'rule:term_unit_not_member'],
    [2018, 'stranger', 'yte', 'rule:term_unit_not_member'],
    [2017, 'yte', 'haucan', 'rule:term_unit_not_member'] // before the cluster existed
  ]
  for (const [year, head, deputy, expected] of table) {
    t.equal(outcome(() => assertLeadership(year, { headUnitId: head, deputyUnitId: deputy }, members)), expected, `${year} ${head}/${deputy}`)
  }
  try {
    assertLeadership(2017, { headUnitId: 'yte', deputyUnitId: 'haucan' }, members)
  } catch (error) {
    t.same((error as DomainError).details, { unitIds: ['yte', 'haucan'] }, 'names every outsider')
    t.match((error as DomainError).message, /^Units yte and haucan are not/)
  }
})

t.test('property: a unit whose membership covers one day of the year is accepted', async (t) => {
  const dayOf2020 = fc.integer({ min: 0, max: 365 }).map((n) => new Date(Date.UTC(2020, 0, 1 + n)).toISOString().slice(0, 10))
  fc.assert(fc.property(dayOf2020, dayOf2020, (a, b) => {
    const members: Member[] = [
      { unitId: 'head', from: a, until: null },
      // The deputy's membership is exactly the one day b.
      { unitId: 'deputy', from: b, until: new Date(Date.parse(b) + 86_400_000).toISOString().slice(0, 10) }
    ]
    return outcome(() => assertLeadership(2020, { headUnitId: 'head', deputyUnitId: 'deputy' }, members)) === 'ok' &&
      outcome(() => assertLeadership(2021, { headUnitId: 'head', deputyUnitId: 'deputy' }, members)) === 'rule:term_unit_not_member'
  }))
  t.pass('held')
})
