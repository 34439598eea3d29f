// Returning a scorecard to its unit for revision (issue 14), without HTTP: the step, its history, what it clears,
// its refusals (which change nothing), its journal, and the finalisation it blocks.
import t, { type Test } from 'tap'
import * as historyMigration from '../../src/db/migrations/011_scorecard_history.js'
import {
  explainScorecard, finalizeScores, readScorecard, returnScorecard, reviewScorecard, saveScorecard, submitScorecard
} from '../../src/services/scorecards.js'
import { MAX_RETURNS } from '../../src/domain/scoring/scorecard-lifecycle.js'
import { CLUSTER_9_ENTRIES } from '../helpers/scorecards.js'
import { ADMIN, READER, secretariatOf, seedCluster, seedPublishedScheme, services, unitActor, type Services } from '../helpers/services.js'

const refusal = (code: string) => ({ name: 'DomainError', code })
const REASON = 'Tiêu chí I.2 thiếu tài liệu kiểm chứng; đề nghị đơn vị bổ sung và gửi lại.'

async function scored (t: Test) {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const ids = Object.values(units)
  const schemeId = await seedPublishedScheme(s, clusterId, ids)
  return { s, clusterId, ids, schemeId, secretariat: secretariatOf(clusterId) }
}

const count = async (s: Services, table: string, where: Record<string, string> = {}) =>
  Number((await s.db(table).where(where).count({ n: '*' }).first())!.n)

const save = (s: Services, schemeId: string, unitId: string, i = 0) =>
  s.write((ctx) => saveScorecard(ctx, { schemeId, unitId, entries: CLUSTER_9_ENTRIES[i] as any }), unitActor(unitId))
const submit = (s: Services, schemeId: string, unitId: string) => s.write((ctx) => submitScorecard(ctx, { schemeId, unitId }), unitActor(unitId))
const review = (s: Services, schemeId: string, unitId: string, clusterId: string, points = 7.5) =>
  s.write((ctx) => reviewScorecard(ctx, { schemeId, unitId, entries: [{ code: 'I.3', points }] }), secretariatOf(clusterId))

const steps = (history: ReadonlyArray<{ from: string, to: string }>) => history.map((h) => `${h.from}→${h.to}`)

t.test('a return sends the card back with its reason, clears the cycle\'s reviews, and the unit saves and submits again', async (t) => {
  const { s, clusterId, ids: [yte], schemeId, secretariat } = await scored(t)
  const now = new Date('2024-11-28T03:00:00.000Z')
  await save(s, schemeId, yte)
  await submit(s, schemeId, yte)
  await review(s, schemeId, yte, clusterId, 4)
  const explained = await s.write((ctx) => explainScorecard(ctx, { schemeId, unitId: yte, entries: [{ code: 'I.3', comment: 'Bốn sáng kiến được công nhận' }] }), unitActor(yte))

  const returned = await s.write((ctx) => returnScorecard(ctx, { schemeId, unitId: yte, reason: `  ${REASON}\n`, ifMatch: `"v${explained.version}"` }), secretariat, now)
  t.match(returned, {
    status: 'returned', version: explained.version + 1, review: null, explanation: null, secondReview: null,
    reviewedAt: null, explainedAt: null, secondReviewedAt: null, submittedAt: explained.submittedAt, entries: explained.entries
  })
  t.same(steps(returned.history), ['draft→submitted', 'submitted→reviewed', 'reviewed→explained', 'explained→returned'])
  t.same(returned.history[3], { from: 'explained', to: 'returned', at: now.toISOString(), by: 'test-secretariat', role: 'secretariat', reason: REASON }, 'who, role, when and the reason, trimmed')
  t.match(returned.history[0], { by: 'test-unit', role: 'unit' })
  const i3 = returned.breakdown[0].children![2]
  t.match(i3, { code: 'I.3', reviewed: false, points: i3.selfPoints }, 'the earlier review no longer counts')
  t.not(i3.points, 4)
  t.same(await readScorecard(s.read(READER), { schemeId, unitId: yte }), returned, 'the GET answers the same, history included')

  // Journaled like every step: the card as it was (its reviews) before, as returned after.
  const audit = await s.db('audit_events').where({ action: 'scorecard.returned' })
  t.equal(audit.length, 1)
  t.match(audit[0], { actor_sub: 'test-secretariat', actor_role: 'secretariat', resource_type: 'scorecard', resource_id: `${schemeId}/${yte}` })
  t.match(audit[0].before, { status: 'explained', review: [{ code: 'I.3', points: 4 }], explanation: [{ code: 'I.3' }] })
  t.match(audit[0].after, { status: 'returned', review: null, history: [{}, {}, {}, { reason: REASON }] })
  const event = await s.db('events').where({ type: 'scorecard.returned' }).first()
  t.match(event, { resource_type: 'scorecard', resource_id: `${schemeId}/${yte}`, data: { status: 'returned' } })

  // The unit edits (it stays returned: a save is no status change), submits, and a new cycle runs, explanation included.
  const edited = await save(s, schemeId, yte, 1)
  t.match(edited, { created: false, scorecard: { status: 'returned', entries: CLUSTER_9_ENTRIES[1] } })
  t.equal(edited.scorecard.history.length, 4, 'a save adds nothing to the history')
  const resubmitted = await submit(s, schemeId, yte)
  t.same(steps(resubmitted.history).slice(4), ['returned→submitted'])
  await review(s, schemeId, yte, clusterId, 5)
  await s.write((ctx) => explainScorecard(ctx, { schemeId, unitId: yte, entries: [{ code: 'I.3', comment: 'Đã bổ sung quyết định công nhận' }] }), unitActor(yte))
  const second = await review(s, schemeId, yte, clusterId, 10)
  t.match(second, { status: 'second_reviewed', review: [{ code: 'I.3', points: 5 }], secondReview: [{ code: 'I.3', points: 10 }] })
  t.same(steps(second.history).slice(4), ['returned→submitted', 'submitted→reviewed', 'reviewed→explained', 'explained→second_reviewed'])
  t.same(await s.db('audit_events').where({ resource_type: 'scorecard' }).orderBy('id').pluck('action'), [
    'scorecard.saved', 'scorecard.submitted', 'scorecard.reviewed', 'scorecard.explained', 'scorecard.returned',
    'scorecard.saved', 'scorecard.submitted', 'scorecard.reviewed', 'scorecard.explained', 'scorecard.reviewed'
  ])
})

t.test('returnScorecard refuses the wrong taker, state, reason or version, and the limit; it changes nothing then', async (t) => {
  const { s, clusterId, ids: [yte, haucan], schemeId, secretariat } = await scored(t)
  const giveBack = (command: { unitId?: string, reason?: string, ifMatch?: string } = {}, actor = secretariat) =>
    s.write((ctx) => returnScorecard(ctx, { schemeId, unitId: yte, reason: REASON, ...command }), actor)

  await save(s, schemeId, yte)
  await t.rejects(giveBack(), refusal('scorecard_wrong_state'), 'a draft is the unit\'s already')
  await submit(s, schemeId, yte)
  await t.rejects(giveBack({}, unitActor(yte)), refusal('forbidden'), 'the unit does not return its own card')
  await t.rejects(giveBack({}, secretariatOf('another-cluster')), refusal('forbidden'), 'another cluster\'s secretariat')
  await t.rejects(giveBack({}, READER), refusal('forbidden'), 'a reader')
  await t.rejects(giveBack({ unitId: haucan }), refusal('scorecard_not_found'))
  await t.rejects(giveBack({ reason: ' \n ' }), refusal('invalid_return_reason'), 'a blank reason')
  await t.rejects(giveBack({ reason: 'x'.repeat(2001) }), refusal('invalid_return_reason'), 'a reason too long')
  await t.rejects(giveBack({ ifMatch: '"v1"' }), refusal('precondition_failed'))
  const unchanged = await readScorecard(s.read(), { schemeId, unitId: yte })
  t.match(unchanged, { status: 'submitted', version: 2 })
  t.equal(unchanged.history.length, 1)
  t.equal(await count(s, 'audit_events', { action: 'scorecard.returned' }), 0, 'nothing journaled')
  t.equal(await count(s, 'events', { type: 'scorecard.returned' }), 0)

  t.match(await giveBack({}, ADMIN), { status: 'returned', history: [{}, { by: 'test-admin', role: 'admin', reason: REASON }] }, 'an admin may return it')
  await t.rejects(giveBack(), refusal('scorecard_wrong_state'), 'already returned')
  await submit(s, schemeId, yte)
  await review(s, schemeId, yte, clusterId)
  await s.write((ctx) => explainScorecard(ctx, { schemeId, unitId: yte, entries: [{ code: 'I.3', comment: 'Giải trình' }] }), unitActor(yte))
  await review(s, schemeId, yte, clusterId)
  await t.rejects(giveBack(), refusal('scorecard_wrong_state'), 'a second review is final for the cycle')

  // The limit: a card already returned MAX_RETURNS times is reviewed as it stands.
  await save(s, schemeId, haucan, 1)
  await submit(s, schemeId, haucan)
  const many = Array.from({ length: MAX_RETURNS }, () => [
    { from: 'submitted', to: 'returned', at: '2024-11-20T02:00:00.000Z', by: 'test-secretariat', role: 'secretariat', reason: REASON },
    { from: 'returned', to: 'submitted', at: '2024-11-21T02:00:00.000Z', by: 'test-unit', role: 'unit' }
  ]).flat()
  await s.db('scorecards').where({ scheme_id: schemeId, unit_id: haucan }).update({ history: JSON.stringify(many) })
  await t.rejects(giveBack({ unitId: haucan }), refusal('scorecard_return_limit'))
  t.match(await readScorecard(s.read(), { schemeId, unitId: haucan }), { status: 'submitted', history: { length: 2 * MAX_RETURNS } })
  t.match(await review(s, schemeId, haucan, clusterId), { status: 'reviewed' }, 'still reviewed as usual')
})

t.test('a returned card blocks the finalisation, which names it; once reviewed again, every card\'s history ends finalized', async (t) => {
  const { s, clusterId, ids, schemeId, secretariat } = await scored(t)
  for (const [i, unitId] of ids.entries()) {
    await save(s, schemeId, unitId, i)
    await submit(s, schemeId, unitId)
    await review(s, schemeId, unitId, clusterId)
  }
  await s.write((ctx) => returnScorecard(ctx, { schemeId, unitId: ids[1], reason: REASON }), secretariat)
  const notReady = await s.write((ctx) => finalizeScores(ctx, { schemeId }), secretariat).catch((error) => error)
  t.equal(notReady.code, 'scorecards_not_ready')
  t.same(notReady.details.units.map((u: { unitId: string, status: string }) => [u.unitId, u.status]), [[ids[1], 'returned']])
  t.match(notReady.details.errors, [{ path: `/scorecards/${ids[1]}`, message: 'is returned to the unit for revision, not reviewed' }])
  t.equal(await count(s, 'scorecards', { status: 'finalized' }), 0, 'nothing frozen')

  await submit(s, schemeId, ids[1])
  await review(s, schemeId, ids[1], clusterId)
  const at = new Date('2024-12-05T02:00:00.000Z')
  await s.write((ctx) => finalizeScores(ctx, { schemeId }), secretariat, at)
  for (const unitId of ids) {
    const card = await readScorecard(s.read(), { schemeId, unitId })
    t.same(card.history.at(-1), { from: 'reviewed', to: 'finalized', at: at.toISOString(), by: 'test-secretariat', role: 'secretariat' })
  }
  t.same(steps((await readScorecard(s.read(), { schemeId, unitId: ids[1] })).history),
    ['draft→submitted', 'submitted→reviewed', 'reviewed→returned', 'returned→submitted', 'submitted→reviewed', 'reviewed→finalized'])
  await t.rejects(s.write((ctx) => returnScorecard(ctx, { schemeId, unitId: ids[0], reason: REASON }), secretariat), refusal('scores_finalized'))
})

t.test('the migration gives the cards of before the history their audit trail holds', async (t) => {
  const { s, clusterId, ids: [yte, haucan], schemeId, secretariat } = await scored(t)
  await save(s, schemeId, yte)
  await submit(s, schemeId, yte)
  await review(s, schemeId, yte, clusterId)
  await s.write((ctx) => returnScorecard(ctx, { schemeId, unitId: yte, reason: REASON }), secretariat)
  await save(s, schemeId, haucan, 1)
  const before = await s.db('scorecards').orderBy('unit_id').select('unit_id', 'status', 'history')

  await historyMigration.down(s.db)
  t.same(await s.db('scorecards').where({ unit_id: yte }).pluck('status'), ['draft'], 'down: a returned card goes back to a draft')
  await s.db('scorecards').where({ unit_id: yte }).update({ status: 'reviewed' }) // as it was before the return, in the earlier version
  await historyMigration.up(s.db)
  const after = await s.db('scorecards').orderBy('unit_id').select('unit_id', 'history')
  const fields = (h: Array<Record<string, string>>) => h.map(({ from, to, by, role }) => ({ from, to, by, role }))
  for (const [i, row] of after.entries()) t.same(fields(row.history), fields(before[i].history), `unit ${row.unit_id}`)
  t.ok(after.every((row) => row.history.every((h: { at: string }) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(h.at))), 'instants as ISO 8601 UTC')
  t.same(fields(after.find((r) => r.unit_id === haucan)!.history), [], 'a draft has no history')
})
