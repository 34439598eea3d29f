import t, { type Test } from 'tap'
import { EXPECTED, JOURNAL } from '../../bench/baseline-sql.js'
import {
  explainScorecard, finalizeScores, readRanking, readScorecard, reviewScorecard, saveScorecard, submitScorecard
} from '../../src/services/scorecards.js'
import { insertUnit } from '../../src/db/units-repository.js'
import { CLUSTER_9_ENTRIES } from '../helpers/scorecards.js'
import { READER, secretariatOf, seedCluster, seedPublishedScheme, services, unitActor, type Services } from '../helpers/services.js'

const refusal = (code: string) => ({ name: 'DomainError', code })

/** A cluster of three members with Cụm 9's scheme published for 2024. */
async function scored (t: Test) {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const ids = Object.values(units)
  const schemeId = await seedPublishedScheme(s, clusterId, ids)
  return { s, clusterId, ids, schemeId }
}

const count = async (s: Services, table: string, where: Record<string, string> = {}) =>
  Number((await s.db(table).where(where).count({ n: '*' }).first())!.n)

/** The unit's self-assessment, submitted and reviewed (its first review). */
async function reviewed (s: Services, clusterId: string, schemeId: string, unitId: string, i: number) {
  await s.write((ctx) => saveScorecard(ctx, { schemeId, unitId, entries: CLUSTER_9_ENTRIES[i] as any }), unitActor(unitId))
  await s.write((ctx) => submitScorecard(ctx, { schemeId, unitId }), unitActor(unitId))
  return s.write((ctx) => reviewScorecard(ctx, { schemeId, unitId, entries: [{ code: 'I.3', points: 7.5 }] }), secretariatOf(clusterId))
}

t.test('a scorecard goes draft → submitted → reviewed → explained → second_reviewed, each step journaled', async (t) => {
  const { s, clusterId, ids: [yte], schemeId } = await scored(t)
  const unit = unitActor(yte)
  const secretariat = secretariatOf(clusterId)

  const first = await s.write((ctx) => saveScorecard(ctx, { schemeId, unitId: yte, entries: CLUSTER_9_ENTRIES[0] as any }), unit)
  t.equal(first.created, true)
  t.match(first.scorecard, { schemeId, unitId: yte, status: 'draft', version: 1, review: null })
  t.equal(first.scorecard.breakdown.length, 3, 'with the points of each top criterion')
  const again = await s.write((ctx) => saveScorecard(ctx, { schemeId, unitId: yte, entries: CLUSTER_9_ENTRIES[1] as any, ifMatch: '"v1"' }), unit)
  t.equal(again.created, false)
  t.equal(again.scorecard.version, 2)

  t.match(await s.write((ctx) => submitScorecard(ctx, { schemeId, unitId: yte, ifMatch: '"v2"' }), unit), { status: 'submitted', version: 3 })
  const review = await s.write((ctx) => reviewScorecard(ctx, { schemeId, unitId: yte, entries: [{ code: 'I.3', points: 7.5 }] }), secretariat)
  t.match(review, { status: 'reviewed', review: [{ code: 'I.3', points: 7.5 }], secondReview: null })
  t.match(review.breakdown[0].children![2], { code: 'I.3', points: 7.5, selfPoints: 10, reviewed: true })
  const explained = await s.write((ctx) => explainScorecard(ctx, { schemeId, unitId: yte, entries: [{ code: 'I.3', comment: 'Bốn sáng kiến được công nhận' }] }), unit)
  t.match(explained, { status: 'explained', explanation: [{ code: 'I.3' }] })
  const second = await s.write((ctx) => reviewScorecard(ctx, { schemeId, unitId: yte, entries: [{ code: 'I.3', points: 10 }] }), secretariat)
  t.match(second, { status: 'second_reviewed', review: [{ code: 'I.3', points: 7.5 }], secondReview: [{ code: 'I.3', points: 10 }] })
  t.equal(second.breakdown[0].children![2].points, 10, 'the second review replaces the first')
  t.same(await readScorecard(s.read(READER), { schemeId, unitId: yte }), second)

  const actions = await s.db('audit_events').where({ resource_type: 'scorecard' }).orderBy('id').pluck('action')
  t.same(actions, ['scorecard.saved', 'scorecard.saved', 'scorecard.submitted', 'scorecard.reviewed', 'scorecard.explained', 'scorecard.reviewed'])
})

t.test('saveScorecard refuses, and changes nothing', async (t) => {
  const { s, clusterId, ids: [yte, haucan], schemeId } = await scored(t)
  const entries = CLUSTER_9_ENTRIES[0] as any
  const save = (unitId: string, command: object = {}, actor = unitActor(unitId)) =>
    s.write((ctx) => saveScorecard(ctx, { schemeId, unitId, entries, ...command }), actor)
  const outsider = await s.write(({ trx }) => insertUnit(trx, { name: 'Cục Công nghệ thông tin' }))

  await t.rejects(save(yte, {}, unitActor(haucan)), refusal('forbidden'), 'a unit saves its own scorecard only')
  await t.rejects(save(yte, {}, secretariatOf(clusterId)), refusal('forbidden'), 'the secretariat does not self-assess')
  await t.rejects(save(outsider.id), refusal('unit_not_member'), 'not a member in the scheme\'s year')
  await t.rejects(save(yte, { ifMatch: '"v1"' }), refusal('precondition_failed'), 'no scorecard yet to match')
  const invalid = await save(yte, { entries: [{ code: 'X', actual: 1 }, { code: 'I.2', count: 2 }] }).catch((error) => error)
  t.equal(invalid.code, 'invalid_entries')
  t.same(invalid.details.errors.map((e: { path: string }) => e.path), ['/body/entries/0/code', '/body/entries/1/count'], 'every problem, at its body path')
  const draft = await seedPublishedScheme(s, clusterId, [yte, haucan], 2025, { publish: false })
  await t.rejects(s.write((ctx) => saveScorecard(ctx, { schemeId: draft, unitId: yte, entries: [] }), unitActor(yte)), refusal('scheme_not_published'))
  t.equal(await count(s, 'scorecards'), 0)
  t.equal(await count(s, 'events', { resource_type: 'scorecard' }), 0, 'nothing journaled')

  await save(yte)
  await s.write((ctx) => submitScorecard(ctx, { schemeId, unitId: yte }), unitActor(yte))
  await t.rejects(save(yte), refusal('scorecard_wrong_state'), 'submitted entries no longer change')
  t.match(await readScorecard(s.read(), { schemeId, unitId: yte }), { status: 'submitted', version: 2 })
})

t.test('the steps refuse the wrong taker, the wrong state and a bad explanation, and change nothing', async (t) => {
  const { s, clusterId, ids: [yte, haucan], schemeId } = await scored(t)
  await s.write((ctx) => saveScorecard(ctx, { schemeId, unitId: yte, entries: CLUSTER_9_ENTRIES[0] as any }), unitActor(yte))
  await t.rejects(s.write((ctx) => submitScorecard(ctx, { schemeId, unitId: yte }), unitActor(haucan)), refusal('forbidden'))
  await t.rejects(s.write((ctx) => submitScorecard(ctx, { schemeId, unitId: haucan }), unitActor(haucan)), refusal('scorecard_not_found'))
  await t.rejects(s.write((ctx) => reviewScorecard(ctx, { schemeId, unitId: yte, entries: [] }), secretariatOf(clusterId)),
    refusal('scorecard_wrong_state'), 'a draft is not reviewed')
  await s.write((ctx) => submitScorecard(ctx, { schemeId, unitId: yte }), unitActor(yte))
  await t.rejects(s.write((ctx) => reviewScorecard(ctx, { schemeId, unitId: yte, entries: [] }), secretariatOf('another-cluster')),
    refusal('forbidden'), 'another cluster\'s secretariat')
  await t.rejects(s.write((ctx) => reviewScorecard(ctx, { schemeId, unitId: yte, entries: [] }), unitActor(yte)), refusal('forbidden'))
  await t.rejects(s.write((ctx) => reviewScorecard(ctx, { schemeId, unitId: yte, entries: [{ code: 'I.3', points: 99 }] }), secretariatOf(clusterId)),
    refusal('invalid_entries'), 'points beyond the leaf\'s range')
  await s.write((ctx) => reviewScorecard(ctx, { schemeId, unitId: yte, entries: [] }), secretariatOf(clusterId))
  await t.rejects(s.write((ctx) => explainScorecard(ctx, { schemeId, unitId: yte, entries: [{ code: 'I', comment: 'Nhóm' }] }), unitActor(yte)),
    refusal('invalid_entries'), 'a group is not explained')
  await t.rejects(s.write((ctx) => explainScorecard(ctx, { schemeId, unitId: yte, entries: [{ code: 'I.1', comment: 'Lần hai' }], ifMatch: '"v2"' }), unitActor(yte)),
    refusal('precondition_failed'))
  t.match(await readScorecard(s.read(), { schemeId, unitId: yte }), { status: 'reviewed', version: 3, explanation: null })
})

t.test('finalizeScores needs every member reviewed, then freezes every scorecard and the ranking\'s members', async (t) => {
  const { s, clusterId, ids, schemeId } = await scored(t)
  const secretariat = secretariatOf(clusterId)
  await reviewed(s, clusterId, schemeId, ids[0], 0)
  await reviewed(s, clusterId, schemeId, ids[1], 1)
  const notReady = await s.write((ctx) => finalizeScores(ctx, { schemeId }), secretariat).catch((error) => error)
  t.equal(notReady.code, 'scorecards_not_ready')
  t.same(notReady.details.units.map((u: { unitId: string, status: string | null }) => [u.unitId, u.status]), [[ids[2], null]], 'the unit without a scorecard')
  await t.rejects(s.write((ctx) => finalizeScores(ctx, { schemeId }), secretariatOf('another-cluster')), refusal('forbidden'))
  t.equal(await count(s, 'scorecard_finalizations'), 0)
  t.equal(await count(s, 'scorecards', { status: 'finalized' }), 0)

  await reviewed(s, clusterId, schemeId, ids[2], 2)
  const fellow = unitActor(ids[1])
  await t.rejects(readScorecard(s.read(fellow), { schemeId, unitId: ids[0] }), refusal('scorecard_not_found'), 'a fellow member\'s draft scores are hidden')
  await t.rejects(readRanking(s.read(fellow), { schemeId }), refusal('forbidden'))

  const finalized = await s.write((ctx) => finalizeScores(ctx, { schemeId }), secretariat)
  t.match(finalized, { schemeId, finalizedBy: 'test-secretariat', scorecards: 3 })
  t.same(await s.db('scorecards').distinct('status').pluck('status'), ['finalized'])
  t.equal(await count(s, 'audit_events', { action: 'scorecard.finalized' }), 3)
  await t.rejects(s.write((ctx) => finalizeScores(ctx, { schemeId }), secretariat), refusal('scores_finalized'))
  await t.rejects(s.write((ctx) => saveScorecard(ctx, { schemeId, unitId: ids[0], entries: [] }), unitActor(ids[0])), refusal('scores_finalized'))

  // Once final, the members read each other's scores and the ranking.
  t.match(await readScorecard(s.read(fellow), { schemeId, unitId: ids[0] }), { status: 'finalized' })
  const ranking = await readRanking(s.read(fellow), { schemeId, breakdown: true })
  t.equal(ranking.final, true)
  const lines = [...ranking.items()]
  t.same(lines.map((l) => l.rank), [1, 2, 3])
  t.same(new Set(lines.map((l) => l.unitId)), new Set(ids))
  t.ok(lines.every((l) => l.status === 'finalized' && l.breakdown !== undefined && l.unitName !== ''))
})

t.test('readRanking refuses a draft scheme and answers a unit without a scorecard with zero points', async (t) => {
  const { s, clusterId, ids, schemeId } = await scored(t)
  await s.write((ctx) => saveScorecard(ctx, { schemeId, unitId: ids[0], entries: CLUSTER_9_ENTRIES[0] as any }), unitActor(ids[0]))
  const ranking = await readRanking(s.read(secretariatOf(clusterId)), { schemeId })
  const lines = [...ranking.items()]
  t.equal(ranking.final, false)
  t.match(lines[0], { unitId: ids[0], rank: 1, status: 'draft' })
  t.same(lines.slice(1).map((l) => [l.status, l.total]), [[null, 0], [null, 0]])
  t.notOk('breakdown' in lines[0], 'no breakdown unless asked')
  await t.rejects(readRanking(s.read(secretariatOf('another-cluster')), { schemeId }), refusal('forbidden'))
  const draft = await seedPublishedScheme(s, clusterId, ids, 2025, { publish: false })
  await t.rejects(readRanking(s.read(), { schemeId: draft }), refusal('scheme_not_published'))
})

t.test('a save and a ranking run exactly the benchmarked statements, in order', async (t) => {
  const { s, ids: [yte], schemeId } = await scored(t)
  await s.write((ctx) => saveScorecard(ctx, { schemeId, unitId: yte, entries: CLUSTER_9_ENTRIES[0] as any }), unitActor(yte))
  const statements: string[] = []
  const listen = (query: { sql: string }) => { if (!JOURNAL.test(query.sql)) statements.push(query.sql) }
  s.db.on('query', listen)
  t.teardown(() => { s.db.off('query', listen) })

  await s.write((ctx) => saveScorecard(ctx, { schemeId, unitId: yte, entries: CLUSTER_9_ENTRIES[1] as any, ifMatch: '"v1"' }), unitActor(yte))
  t.same(statements, EXPECTED.save, 'save')
  statements.length = 0
  await readRanking(s.read(READER), { schemeId })
  t.same(statements, EXPECTED.ranking, 'ranking')
})
