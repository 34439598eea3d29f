import t from 'tap'
import fc from 'fast-check'
import {
  assertDecisionDate, assertReviewers, changesBetween, contentDigest, placeOf, resolveMembers, type AdvisoryMember
} from '../../src/domain/advisory-group.js'
import { outcome } from '../helpers/outcome.js'

const member = (id: string, name = `Cán bộ ${id}`): AdvisoryMember => ({ id, name, rank: null, position: 'Chuyên viên', unitId: 'yte' })
const decision = { number: '15/QĐ-H06', date: '2024-01-05', issuer: 'Cục Y tế' }

t.test('assertDecisionDate: dated in the year or the year before', async (t) => {
  const table: Array<[number, string, string]> = [
    [2024, '2024-01-05', 'ok'],
    [2024, '2024-12-31', 'ok'],
    [2024, '2023-12-20', 'ok'],
    [2024, '2023-01-01', 'ok'],
    [2024, '2022-12-31', 'rule:advisory_decision_date_outside_year'],
    [2024, '2025-01-01', 'rule:advisory_decision_date_outside_year']
  ]
  for (const [year, date, expected] of table) t.equal(outcome(() => assertDecisionDate(year, date)), expected, `${year} ${date}`)
})

t.test('resolveMembers: ids kept when sent back, new ones minted, unknown and repeated ids refused', async (t) => {
  const current = [member('a'), member('b')]
  let n = 0
  const mint = () => `new-${++n}`
  const resolved = resolveMembers(current, [{ id: 'b', name: '  Trần   Thị Mai ', rank: ' ', position: 'Phó phòng', unitId: 'yte' }, { name: 'Lê Văn Nam', position: 'Cán bộ', unitId: 'hc' }], mint)
  t.same(resolved, [
    { id: 'b', name: 'Trần Thị Mai', rank: null, position: 'Phó phòng', unitId: 'yte' },
    { id: 'new-1', name: 'Lê Văn Nam', rank: null, position: 'Cán bộ', unitId: 'hc' }
  ])
  t.equal(outcome(() => resolveMembers(current, [{ id: 'zz', name: 'X', position: 'Y', unitId: 'u' }], mint)), 'rule:advisory_member_unknown')
  t.equal(outcome(() => resolveMembers(current, [{ id: 'a', name: 'X', position: 'Y', unitId: 'u' }, { id: 'a', name: 'X', position: 'Y', unitId: 'u' }], mint)), 'rule:advisory_member_repeated')
  t.equal(outcome(() => resolveMembers([], [{ id: 'a', name: 'X', position: 'Y', unitId: 'u' }], mint)), 'rule:advisory_member_unknown', 'a new group has no ids to keep')
})

t.test('changesBetween: what a version added, removed and updated', async (t) => {
  const v1 = { decision, members: [member('a'), member('b')] }
  t.same(changesBetween(undefined, v1), { decisionChanged: true, addedMemberIds: ['a', 'b'], removedMemberIds: [], updatedMemberIds: [] })
  const v2 = { decision, members: [member('a', 'Tên mới'), member('c')] }
  t.same(changesBetween(v1, v2), { decisionChanged: false, addedMemberIds: ['c'], removedMemberIds: ['b'], updatedMemberIds: ['a'] })
  t.same(changesBetween(v2, { decision: { ...decision, number: '16/QĐ-H06' }, members: v2.members }),
    { decisionChanged: true, addedMemberIds: [], removedMemberIds: [], updatedMemberIds: [] })
})

t.test('changesBetween (property): every id of either version is counted once, and a version has no changes from itself', async (t) => {
  const ids = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 6 })
  fc.assert(fc.property(ids, ids, fc.boolean(), (before, after, rename) => {
    const b = { decision, members: before.map((id) => member(id)) }
    const a = { decision, members: after.map((id) => member(id, rename ? `Khác ${id}` : undefined)) }
    const c = changesBetween(b, a)
    const kept = after.filter((id) => before.includes(id))
    const none = changesBetween(a, a)
    return c.addedMemberIds.length + kept.length === after.length &&
      c.removedMemberIds.length + kept.length === before.length &&
      c.updatedMemberIds.length === (rename ? kept.length : 0) &&
      !none.decisionChanged && none.addedMemberIds.length + none.removedMemberIds.length + none.updatedMemberIds.length === 0
  }))
})

t.test('assertReviewers: every reviewer is a member of the year\'s group', async (t) => {
  const members = new Set(['a', 'b'])
  const table: Array<[Array<{ code: string, reviewerIds?: string[] }>, ReadonlySet<string> | undefined, string]> = [
    [[{ code: 'I.1' }], undefined, 'ok'],
    [[{ code: 'I.1', reviewerIds: [] }], undefined, 'ok'],
    [[{ code: 'I.1', reviewerIds: ['a'] }], undefined, 'rule:reviewer_not_in_advisory_group'],
    [[{ code: 'I.1', reviewerIds: ['a', 'b'] }, { code: 'I.2' }], members, 'ok'],
    [[{ code: 'I.1', reviewerIds: ['a'] }, { code: 'I.2', reviewerIds: ['c'] }], members, 'rule:reviewer_not_in_advisory_group']
  ]
  for (const [entries, ids, expected] of table) t.equal(outcome(() => assertReviewers(2024, entries, ids)), expected, JSON.stringify(entries))
  let refused: unknown
  try { assertReviewers(2024, [{ code: 'I.2', reviewerIds: ['c'] }], members) } catch (error) { refused = error }
  t.match(refused, { details: { reviewerId: 'c', path: '/body/entries/0/reviewerIds' } }, 'the refusal names the reviewer')
})

t.test('placeOf and contentDigest', async (t) => {
  t.equal(placeOf('Công an tỉnh Lào Cai'), 'Lào Cai')
  t.equal(placeOf('Công an thành phố Hải Phòng'), 'Hải Phòng')
  t.equal(placeOf('Cục Y tế'), 'Hà Nội')
  const group = { clusterId: 'c', year: 2024, version: 1, decision, members: [member('a')] }
  t.match(contentDigest(group), /^[0-9a-f]{64}$/)
  t.equal(contentDigest(group), contentDigest({ ...group }))
  t.not(contentDigest(group), contentDigest({ ...group, version: 2 }))
})
