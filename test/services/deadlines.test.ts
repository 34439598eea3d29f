// Deadlines (issue 14, part 3): a scheme's deadlines stored and copied, late steps refused or marked late under the
// cluster's rule, a card's dueOn and late, and the list of what a cluster's members are due next. Dates are judged in
// Asia/Ho_Chi_Minh from the request's clock.
import t, { type Test } from 'tap'
import { createScheme, newSchemeVersion, readScheme, updateScheme, type NewScheme } from '../../src/services/scoring-schemes.js'
import * as returnedOnMigration from '../../src/db/migrations/016_returned_on.js'
import { explainScorecard, readScorecard, returnScorecard, reviewScorecard, saveScorecard, submitScorecard } from '../../src/services/scorecards.js'
import { listClusterDeadlines } from '../../src/services/deadlines.js'
import type { SchemeDeadlines } from '../../src/domain/scoring/deadlines.js'
import { insertUnit } from '../../src/db/units-repository.js'
import { CLUSTER_9_SCHEME } from '../helpers/scoring.js'
import { CLUSTER_9_ENTRIES } from '../helpers/scorecards.js'
import { READER, secretariatOf, seedCluster, seedPublishedScheme, services, unitActor, type Services } from '../helpers/services.js'

const refusal = (code: string) => ({ name: 'DomainError', code })
const D: SchemeDeadlines = { selfAssessmentDue: '2024-11-15', explanationDays: 5, secondReviewDue: '2024-12-05' }
/** An instant in Việt Nam (UTC+7): `vn('2024-11-15 23:59')`. */
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`)

async function withDeadlines (t: Test, lateSteps: 'refuse' | 'mark_late' = 'refuse') {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const ids = Object.values(units)
  const schemeId = await seedPublishedScheme(s, clusterId, ids)
  await s.db('scoring_schemes').where({ id: schemeId }).update({ body: s.db.raw('body || ?::jsonb', [JSON.stringify({ deadlines: D })]) })
  await s.db('clusters').where({ id: clusterId }).update({ rules: JSON.stringify({ lateSteps }) })
  return { s, clusterId, ids, schemeId }
}

const save = (s: Services, schemeId: string, unitId: string, now: Date) =>
  s.write((ctx) => saveScorecard(ctx, { schemeId, unitId, entries: CLUSTER_9_ENTRIES[0] as any }), unitActor(unitId), now)
const submit = (s: Services, schemeId: string, unitId: string, now: Date) =>
  s.write((ctx) => submitScorecard(ctx, { schemeId, unitId }), unitActor(unitId), now)
const review = (s: Services, clusterId: string, schemeId: string, unitId: string, now: Date) =>
  s.write((ctx) => reviewScorecard(ctx, { schemeId, unitId, entries: [{ code: 'I.3', points: 7.5 }] }), secretariatOf(clusterId), now)
const giveBack = (s: Services, clusterId: string, schemeId: string, unitId: string, now: Date) =>
  s.write((ctx) => returnScorecard(ctx, { schemeId, unitId, reason: 'Tiêu chí I.3 thiếu quyết định công nhận sáng kiến; đề nghị bổ sung.' }), secretariatOf(clusterId), now)
const explain = (s: Services, schemeId: string, unitId: string, now: Date) =>
  s.write((ctx) => explainScorecard(ctx, { schemeId, unitId, entries: [{ code: 'I.3', comment: 'Bốn sáng kiến được công nhận' }] }), unitActor(unitId), now)

t.test('a scheme keeps its deadlines: created, validated, patched, cleared, copied to a new version', async (t) => {
  const s = await services(t)
  const { clusterId } = await seedCluster(s)
  const draft = { ...structuredClone(CLUSTER_9_SCHEME), clusterId, deadlines: D } as NewScheme
  const scheme = await s.write((ctx) => createScheme(ctx, draft))
  t.same(scheme.deadlines, D)
  t.same((await readScheme(s.read(), { schemeId: scheme.id })).deadlines, D, 'stored')
  const bad = await s.write((ctx) => createScheme(ctx, { ...draft, year: 2025, deadlines: { ...D, secondReviewDue: '2024-11-01', explanationDays: 0 } }))
    .catch((error) => error)
  t.match(bad, { code: 'invalid_deadlines', kind: 'rule' })
  t.same(bad.details.errors.map((e: { path: string }) => e.path), ['/body/deadlines/explanationDays', '/body/deadlines/secondReviewDue'])
  t.equal(Number((await s.db('scoring_schemes').count({ n: '*' }).first())!.n), 1, 'nothing created')

  const patched = await s.write((ctx) => updateScheme(ctx, { schemeId: scheme.id, deadlines: { ...D, explanationDays: 10 } }))
  t.equal(patched.deadlines?.explanationDays, 10)
  const untouched = await s.write((ctx) => updateScheme(ctx, { schemeId: scheme.id, bonusCap: 5 }))
  t.equal(untouched.deadlines?.explanationDays, 10, 'a patch without deadlines keeps them')
  await t.rejects(s.write((ctx) => updateScheme(ctx, { schemeId: scheme.id, deadlines: { ...D, selfAssessmentDue: '2024-02-30' } })), refusal('invalid_deadlines'))
  const copy = await s.write((ctx) => newSchemeVersion(ctx, { schemeId: scheme.id }))
  t.same(copy.deadlines, { ...D, explanationDays: 10 }, 'a new version copies them')
  const cleared = await s.write((ctx) => updateScheme(ctx, { schemeId: scheme.id, deadlines: null }))
  t.equal(cleared.deadlines, null, 'null clears them')
  const none = await s.write((ctx) => createScheme(ctx, { ...structuredClone(CLUSTER_9_SCHEME), clusterId, year: 2026 } as NewScheme))
  t.equal(none.deadlines, null, 'deadlines are optional')
})

t.test('under refuse: a step on its due date is on time, the day after is 409 deadline_passed (Việt Nam dates, not UTC)', async (t) => {
  const { s, clusterId, ids: [yte, haucan], schemeId } = await withDeadlines(t, 'refuse')
  await save(s, schemeId, yte, vn('2024-11-10 08:00'))
  const draft = await readScorecard(s.read(READER, vn('2024-11-15 23:59')), { schemeId, unitId: yte })
  t.match(draft, { dueOn: '2024-11-15', late: false, lateSteps: [] })
  t.match(await readScorecard(s.read(READER, vn('2024-11-16 00:00')), { schemeId, unitId: yte }), { dueOn: '2024-11-15', late: true },
    'a draft past its due date is late')

  // 2024-11-15T16:59Z is 23:59 on the 15th in Việt Nam: on time, though UTC is still the 15th either way.
  const submitted = await submit(s, schemeId, yte, new Date('2024-11-15T16:59:00Z'))
  t.match(submitted, { status: 'submitted', late: false, lateSteps: [], dueOn: null })

  await save(s, schemeId, haucan, vn('2024-11-10 08:00'))
  // 2024-11-15T17:00Z is still the 15th in UTC but already the 16th in Việt Nam: late.
  const refused = await submit(s, schemeId, haucan, new Date('2024-11-15T17:00:00Z')).catch((error) => error)
  t.match(refused, { code: 'deadline_passed', kind: 'conflict', details: { step: 'submit', dueOn: '2024-11-15' } })
  t.match(refused.message, /self-assessment \(submit\) was due on 2024-11-15/)
  t.match(await readScorecard(s.read(), { schemeId, unitId: haucan }), { status: 'draft' }, 'nothing changed')

  // The explanation window: 5 days after the first review (27 Nov) ends on 2 Dec.
  const reviewed = await review(s, clusterId, schemeId, yte, vn('2024-11-27 09:00'))
  t.match(reviewed, { status: 'reviewed', reviewedOn: '2024-11-27', dueOn: '2024-12-02', late: false })
  await t.rejects(explain(s, schemeId, yte, vn('2024-12-03 07:00')), { code: 'deadline_passed', details: { step: 'explain', dueOn: '2024-12-02' } })
  t.match(await readScorecard(s.read(READER, vn('2024-12-03 07:00')), { schemeId, unitId: yte }), { dueOn: null, late: false },
    'the explanation is optional: a closed window leaves nothing due')
  const explained = await explain(s, schemeId, yte, vn('2024-12-02 23:00'))
  t.match(explained, { status: 'explained', dueOn: '2024-12-05', late: false })
  await t.rejects(review(s, clusterId, schemeId, yte, vn('2024-12-06 00:01')), { code: 'deadline_passed', details: { step: 'second_review', dueOn: '2024-12-05' } })
  t.match(await review(s, clusterId, schemeId, yte, vn('2024-12-05 17:00')), { status: 'second_reviewed', dueOn: null, late: false, reviewedOn: '2024-11-27' })
})

t.test('under mark_late: the late step is accepted and the card remembers it was late', async (t) => {
  const { s, clusterId, ids: [yte], schemeId } = await withDeadlines(t, 'mark_late')
  await save(s, schemeId, yte, vn('2024-11-10 08:00'))
  const late = await submit(s, schemeId, yte, vn('2024-11-16 08:00'))
  t.match(late, { status: 'submitted', lateSteps: ['submit'], late: true, dueOn: null })
  const reviewed = await review(s, clusterId, schemeId, yte, vn('2024-11-27 09:00'))
  t.match(reviewed, { lateSteps: ['submit'], late: true, dueOn: '2024-12-02' }, 'still late: it was submitted late')
  const explained = await explain(s, schemeId, yte, vn('2024-12-04 09:00'))
  t.same(explained.lateSteps, ['submit', 'explain'])
  const event = await s.db('events').where({ type: 'scorecard.explained' }).first()
  t.same(event.data.lateSteps, ['submit', 'explain'], 'the event carries the late steps')
  t.notOk('dueOn' in event.data, 'but not dueOn, which depends on the day it is read')
})

t.test('a scheme without deadlines has nothing due and nothing late', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte] = Object.values(units)
  const schemeId = await seedPublishedScheme(s, clusterId, Object.values(units))
  await save(s, schemeId, yte, vn('2030-01-01 08:00'))
  t.match(await submit(s, schemeId, yte, vn('2030-01-01 08:00')), { dueOn: null, late: false, lateSteps: [] })
  t.same((await listClusterDeadlines(s.read(), { clusterId })).items, [])
})

t.test('the cluster\'s deadlines: what each member is due next, earliest first, by scope, paged', async (t) => {
  const { s, clusterId, ids: [yte, haucan, cnan], schemeId } = await withDeadlines(t, 'mark_late')
  await save(s, schemeId, yte, vn('2024-11-10 08:00'))
  await submit(s, schemeId, yte, vn('2024-11-14 08:00'))
  await review(s, clusterId, schemeId, yte, vn('2024-11-12 09:00'))
  await save(s, schemeId, haucan, vn('2024-11-10 08:00'))
  const today = vn('2024-11-16 10:00')
  const list = await listClusterDeadlines(s.read(READER, today), { clusterId })
  const names = Object.fromEntries((await s.db('units').select('id', 'name')).map((u: { id: string, name: string }) => [u.id, u.name]))
  t.same(list.items.map((r) => [names[r.unitId], r.step, r.dueOn, r.late]), [
    // Two members with nothing submitted (one has no scorecard), due on the 15th and late on the 16th, by unit id.
    ...[haucan, cnan].sort().map((id) => [names[id], 'submit', '2024-11-15', true]),
    [names[yte], 'explain', '2024-11-17', false]
  ])
  t.match(list.items[0], { schemeId, year: 2024, period: 'annual' })
  t.equal(list.nextCursor, null)

  const first = await listClusterDeadlines(s.read(READER, today), { clusterId, limit: 2 })
  t.equal(first.items.length, 2)
  const rest = await listClusterDeadlines(s.read(READER, today), { clusterId, limit: 2, cursor: first.nextCursor! })
  t.same([...first.items, ...rest.items], list.items, 'pages follow each other')
  t.equal(rest.nextCursor, null)
  await t.rejects(listClusterDeadlines(s.read(READER, today), { clusterId, cursor: 'bm9wZQ' }), refusal('invalid_cursor'))

  t.same((await listClusterDeadlines(s.read(secretariatOf(clusterId), today), { clusterId })).items, list.items, 'its own secretariat')
  await t.rejects(listClusterDeadlines(s.read(secretariatOf('5b7a4c1e-8d2f-4e3a-b6c9-1a2b3c4d5e6f'), today), { clusterId }), refusal('forbidden'), 'another cluster\'s secretariat')
  t.same((await listClusterDeadlines(s.read(unitActor(yte), today), { clusterId })).items.map((r) => r.unitId), [yte], 'a unit: its own row')
  const outsider = (await s.write(({ trx }) => insertUnit(trx, { name: 'Cục Công nghệ thông tin' }))).id
  t.same((await listClusterDeadlines(s.read(unitActor(outsider), today), { clusterId })).items, [], 'a unit of another cluster: nothing')
  await t.rejects(listClusterDeadlines(s.read(), { clusterId: '00000000-0000-4000-8000-000000000000' }), refusal('cluster_not_found'))

  // Finalized scores have nothing due.
  await s.db('scorecard_finalizations').insert({ scheme_id: schemeId, finalized_by: 'test-admin', member_unit_ids: JSON.stringify([]) })
  t.same((await listClusterDeadlines(s.read(READER, today), { clusterId })).items, [])
})

t.test('a returned card is due again explanationDays after the return (or on selfAssessmentDue if later); the next review restarts the window', async (t) => {
  const { s, clusterId, ids: [yte, haucan], schemeId } = await withDeadlines(t, 'refuse')
  await save(s, schemeId, yte, vn('2024-11-10 08:00'))
  await submit(s, schemeId, yte, vn('2024-11-14 08:00'))
  t.match(await review(s, clusterId, schemeId, yte, vn('2024-11-27 09:00')), { reviewedOn: '2024-11-27', returnedOn: null, dueOn: '2024-12-02' })

  // Returned on 28 November (evening in Hà Nội, still the 28th): due again 5 days later, on 3 December.
  const returned = await giveBack(s, clusterId, schemeId, yte, vn('2024-11-28 22:00'))
  t.match(returned, { status: 'returned', returnedOn: '2024-11-28', reviewedOn: null, dueOn: '2024-12-03', late: false },
    'the return dates the card and clears the day of the review it undid')
  const list = async (local: string) => (await listClusterDeadlines(s.read(READER, vn(local)), { clusterId })).items.filter((r) => r.unitId === yte)
  t.match(await list('2024-12-01 08:00'), [{ step: 'submit', dueOn: '2024-12-03', late: false }], 'the cluster\'s deadlines list the resubmission')
  t.match(await list('2024-12-04 08:00'), [{ step: 'submit', dueOn: '2024-12-03', late: true }], 'and late the day after')
  t.match(await readScorecard(s.read(READER, vn('2024-12-04 00:00')), { schemeId, unitId: yte }), { dueOn: '2024-12-03', late: true })

  const refused = await submit(s, schemeId, yte, vn('2024-12-04 00:00')).catch((error) => error)
  t.match(refused, { code: 'deadline_passed', details: { step: 'submit', dueOn: '2024-12-03' } })
  t.match(refused.message, /^The resubmission after the return for revision \(submit\) was due on 2024-12-03/)
  t.match(await readScorecard(s.read(), { schemeId, unitId: yte }), { status: 'returned', lateSteps: [] }, 'nothing changed')

  // On time on the 3rd (each call has its own clock). Then reviewed again on 6 December: the explanation window
  // runs from that review (to the 11th), not from 27 November's, which would have closed on 2 December.
  t.match(await submit(s, schemeId, yte, vn('2024-12-03 23:59')), { status: 'submitted', reviewedOn: null, dueOn: null, late: false })
  const again = await review(s, clusterId, schemeId, yte, vn('2024-12-06 09:00'))
  t.match(again, { status: 'reviewed', reviewedOn: '2024-12-06', returnedOn: '2024-11-28', dueOn: '2024-12-11', late: false })
  t.match(await explain(s, schemeId, yte, vn('2024-12-11 20:00')), { status: 'explained', lateSteps: [] }, 'explained within the new window')

  // Returned before the self-assessment was due: the unit keeps its time until 15 November.
  await save(s, schemeId, haucan, vn('2024-11-01 08:00'))
  await submit(s, schemeId, haucan, vn('2024-11-02 08:00'))
  t.match(await giveBack(s, clusterId, schemeId, haucan, vn('2024-11-03 08:00')), { returnedOn: '2024-11-03', dueOn: '2024-11-15' })
})

t.test('under mark_late: a late resubmission is accepted and marked late', async (t) => {
  const { s, clusterId, ids: [yte], schemeId } = await withDeadlines(t, 'mark_late')
  await save(s, schemeId, yte, vn('2024-11-10 08:00'))
  await submit(s, schemeId, yte, vn('2024-11-14 08:00'))
  await giveBack(s, clusterId, schemeId, yte, vn('2024-11-20 08:00'))
  t.match(await submit(s, schemeId, yte, vn('2024-11-26 08:00')), { status: 'submitted', lateSteps: ['submit'], late: true, dueOn: null })
  const event = await s.db('events').where({ type: 'scorecard.submitted' }).orderBy('position', 'desc').first()
  t.same([event.data.lateSteps, event.data.returnedOn], [['submit'], '2024-11-20'], 'the event carries the late step and the day of the return')
})

t.test('migration 016 dates the cards returned before it from their history, and clears the day of a review a return undid', async (t) => {
  const { s, clusterId, ids: [yte, haucan], schemeId } = await withDeadlines(t, 'mark_late')
  for (const unitId of [yte, haucan]) {
    await save(s, schemeId, unitId, vn('2024-11-10 08:00'))
    await submit(s, schemeId, unitId, vn('2024-11-14 08:00'))
    await review(s, clusterId, schemeId, unitId, vn('2024-11-27 09:00'))
  }
  // 2024-11-29T18:30Z is already 30 November in Việt Nam.
  await s.write((ctx) => returnScorecard(ctx, { schemeId, unitId: yte, reason: 'Bổ sung tài liệu kiểm chứng.' }), secretariatOf(clusterId), new Date('2024-11-29T18:30:00Z'))
  await returnedOnMigration.down(s.db)
  await s.db('scorecards').where({ unit_id: yte }).update({ reviewed_on: '2024-11-27' }) // as the earlier version left it
  await returnedOnMigration.up(s.db)
  const rows = await s.db('scorecards').whereIn('unit_id', [yte, haucan]).select('unit_id', 'reviewed_on', 'returned_on')
  const row = (unitId: string) => rows.find((r: { unit_id: string }) => r.unit_id === unitId)
  t.match(row(yte), { reviewed_on: null, returned_on: '2024-11-30' }, 'the returned card: dated from its history, in Việt Nam')
  t.match(row(haucan), { reviewed_on: '2024-11-27', returned_on: null }, 'a card under review keeps its day')
})
