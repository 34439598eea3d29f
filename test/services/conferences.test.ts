import t from 'tap'
import { insertBlock } from '../../src/db/blocks-repository.js'
import { insertCluster } from '../../src/db/clusters-repository.js'
import { insertMembership } from '../../src/db/memberships-repository.js'
import { insertUnit } from '../../src/db/units-repository.js'
import {
  conferenceTag, createConference, deleteConference, finalizeConference, listConferencesOfCluster, listConferencesOfUnit,
  readConference, updateConference, type ConferenceInput
} from '../../src/services/conferences.js'
import { conferenceMinutesData } from '../../src/services/conference-minutes.js'
import { draftElection } from '../../src/services/elections.js'
import { draftPledge } from '../../src/services/pledges.js'
import { DEFAULT_RULES } from '../../src/domain/cluster-rules.js'
import { assertDeleted } from '../helpers/deletion.js'
import { secretariatOf, seedCluster, services, type Services } from '../helpers/services.js'

const refusal = (code: string) => ({ name: 'DomainError', code })
const chair = { name: 'Đặng Xuân Hồng', rank: 'Trung tướng', position: 'Cục trưởng' }
const review = (attendingUnitIds: string[], heldAt = '2024-07-30T08:00:00+07:00'): ConferenceInput =>
  ({ kind: 'mid_year_review', title: 'Hội nghị  sơ kết 6 tháng', year: 2024, heldAt, chair, attendingUnitIds })
const eventTypes = async (s: Services) => s.db('events').orderBy('position').pluck('type')

/** A unit that joins the cluster after the seeded three. */
async function newMember (s: Services, clusterId: string, from: string) {
  return s.write(async ({ trx }) => {
    const unit = await insertUnit(trx, { name: 'Cục Đối ngoại' })
    const { blockId } = await trx('clusters').where({ id: clusterId }).first('block_id as blockId')
    await insertMembership(trx, { clusterId, blockId, unitId: unit.id, from })
    return unit.id
  })
}

/** A second cluster, in a block of its own, without members. */
async function anotherCluster (s: Services) {
  return s.write(async ({ trx }) => {
    const block = await insertBlock(trx, { name: 'Khối Công an các địa phương' })
    const cluster = await insertCluster(trx, {
      number: 1, name: 'Cụm thi đua số 1', blockId: block.id, foundedOn: '2018-01-01', foundingDecision: null, rules: DEFAULT_RULES
    })
    return cluster.id
  })
}

t.test('a conference is recorded as a draft, edited, and finalized with its quorum frozen', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan, cnan] = Object.values(units)

  const draft = await s.write((ctx) => createConference(ctx, { clusterId, ...review([yte]) }), secretariatOf(clusterId))
  t.match(draft, {
    clusterId, heldOn: '2024-07-30', status: 'draft', title: 'Hội nghị sơ kết 6 tháng', location: null, guests: [], links: { pledgeId: null, electionIds: [], flagHandover: null },
    chair: { ...chair, unitId: null },
    quorum: { members: 3, attending: 1, met: false }
  })
  t.notOk('quorumRule' in draft, 'the rule is judged with, not shown')

  const edited = await s.write((ctx) => updateConference(ctx, {
    conferenceId: draft.id, ifMatch: conferenceTag(draft), attendingUnitIds: [yte, haucan], guests: [{ name: 'Đinh Văn Toản' }]
  }))
  t.match(edited, { version: 2, attendingUnitIds: [yte, haucan], guests: [{ name: 'Đinh Văn Toản', rank: null }], quorum: { attending: 2, met: true } })

  const finalized = await s.write((ctx) => finalizeConference(ctx, { conferenceId: draft.id, ifMatch: conferenceTag(edited) }))
  t.match(finalized, { status: 'finalized', finalizedAt: String, quorum: { members: 3, attending: 2, met: true } })

  await newMember(s, clusterId, '2024-01-01')
  t.same((await readConference(s.read(), { conferenceId: draft.id })).quorum, finalized.quorum, 'a finalized quorum no longer follows the members')
  t.same(await eventTypes(s), ['conference.created', 'conference.updated', 'conference.finalized'])
  t.same((await listConferencesOfUnit(s.read(), { unitId: haucan })).items.map((c) => c.id), [draft.id])
  t.same((await listConferencesOfUnit(s.read(), { unitId: cnan })).items, [], 'a unit absent from it does not list it')
})

t.test('a draft\'s quorum follows the members on its date', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan] = Object.values(units)
  const draft = await s.write((ctx) => createConference(ctx, { clusterId, ...review([yte, haucan]) }))
  t.match(draft.quorum, { members: 3, attending: 2, met: true })
  await newMember(s, clusterId, '2024-01-01')
  const now = await readConference(s.read(), { conferenceId: draft.id })
  t.match(now.quorum, { members: 4, attending: 2, met: false })
  t.not(conferenceTag(now), conferenceTag(draft), 'the tag follows the quorum')
  await t.rejects(s.write((ctx) => finalizeConference(ctx, { conferenceId: draft.id, ifMatch: conferenceTag(draft) })), refusal('precondition_failed'))
})

t.test('a cluster\'s conferences, the latest first, in a date range', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte] = Object.values(units)
  const july = await s.write((ctx) => createConference(ctx, { clusterId, ...review([yte]) }))
  const december = await s.write((ctx) => createConference(ctx, { clusterId, ...review([yte], '2024-12-20T08:00:00+07:00'), kind: 'annual_review' }))
  t.same((await listConferencesOfCluster(s.read(), { clusterId })).items.map((c) => c.id), [december.id, july.id])
  t.same((await listConferencesOfCluster(s.read(), { clusterId, from: '2024-08-01' })).items.map((c) => c.id), [december.id])
  t.same((await listConferencesOfCluster(s.read(), { clusterId, kind: 'mid_year_review' })).items.map((c) => c.id), [july.id])
  await t.rejects(listConferencesOfCluster(s.read(), { clusterId, from: '2024-12-31', to: '2024-01-01' }), refusal('invalid_range'))
})

t.test('recording refuses, and changes nothing', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s, '2024-01-01')
  const [yte] = Object.values(units)
  const other = await anotherCluster(s)
  const foreignPledge = await s.write((ctx) => draftPledge(ctx, { clusterId: other, year: 2024, title: 'Giao ước', slogan: 'Vì an ninh Tổ quốc' }))
  const cases: Array<[string, ConferenceInput & { clusterId: string }, string, ReturnType<typeof secretariatOf>?]> = [
    ['an attendee not a member on the date', { clusterId, ...review([yte], '2023-12-20T08:00:00+07:00'), year: 2023 }, 'attendee_not_member'],
    ['a year far from the date', { clusterId, ...review([yte]), year: 2022 }, 'conference_year_mismatch'],
    ['another cluster\'s pledge', { clusterId, ...review([yte]), links: { pledgeId: foreignPledge.id } }, 'linked_pledge_not_in_cluster'],
    ['another cluster\'s secretariat', { clusterId, ...review([yte]) }, 'forbidden', secretariatOf(other)]
  ]
  const before = await eventTypes(s)
  for (const [name, command, code, actor] of cases) {
    await t.rejects(s.write((ctx) => createConference(ctx, command), actor), refusal(code), name)
  }
  t.equal((await listConferencesOfCluster(s.read(), { clusterId })).items.length, 0)
  t.same(await eventTypes(s), before, 'no event from a refusal')
})

t.test('finalizing refuses without a quorum, and a finalized record is locked', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan] = Object.values(units)
  const draft = await s.write((ctx) => createConference(ctx, { clusterId, ...review([yte]) }))
  await t.rejects(s.write((ctx) => finalizeConference(ctx, { conferenceId: draft.id })), refusal('quorum_not_met'))
  t.same(await readConference(s.read(), { conferenceId: draft.id }), draft, 'still the draft')

  // The chair's unit, a member, counts as present.
  const chaired = await s.write((ctx) => updateConference(ctx, { conferenceId: draft.id, chair: { ...chair, unitId: haucan } }))
  t.match(chaired.quorum, { attending: 2, met: true })
  const finalized = await s.write((ctx) => finalizeConference(ctx, { conferenceId: draft.id }))
  await t.rejects(s.write((ctx) => finalizeConference(ctx, { conferenceId: draft.id })), refusal('conference_finalized'))
  await t.rejects(s.write((ctx) => updateConference(ctx, { conferenceId: draft.id, title: 'Khác' })), refusal('conference_finalized'))
  t.same(await readConference(s.read(), { conferenceId: draft.id }), finalized, 'unchanged')
  t.same(await eventTypes(s), ['conference.created', 'conference.updated', 'conference.finalized'])
})

t.test('the printed minutes carry the record\'s hash once finalized', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan] = Object.values(units)
  const draft = await s.write((ctx) => createConference(ctx, { clusterId, ...review([yte, haucan]), chair: { ...chair, unitId: yte } }))
  const printed = await conferenceMinutesData(s.read(), { conferenceId: draft.id })
  t.equal(printed.fileName, 'bien-ban-hoi-nghi-2024-07-30')
  t.match(printed.data, { status: 'draft', hash: null, place: 'Hà Nội', chair: { unitName: 'Cục Y tế' }, secretary: null, elections: [] })
  t.same(printed.data.presentUnits, ['Cục Y tế', 'Cục Hậu cần'], 'the chair\'s unit first, each present member once')
  t.same(printed.data.absentUnits, ['Cục Công nghiệp an ninh'])
  await s.write((ctx) => finalizeConference(ctx, { conferenceId: draft.id }))
  t.match((await conferenceMinutesData(s.read(), { conferenceId: draft.id })).data, { status: 'finalized', hash: /^[0-9a-f]{64}$/ })
})

t.test('deleteConference removes a draft with its attendances and journals it as it was', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const draft = await s.write((ctx) => createConference(ctx, { clusterId, ...review(Object.values(units)) }), secretariatOf(clusterId))
  await s.write((ctx) => deleteConference(ctx, { conferenceId: draft.id, ifMatch: conferenceTag(draft) }), secretariatOf(clusterId))
  await assertDeleted(t, s, { table: 'conferences', id: draft.id, action: 'conference.deleted', before: draft })
  t.equal((await s.db('conference_attendances').where({ conference_id: draft.id })).length, 0, 'its attendances are gone')
  await t.rejects(readConference(s.read(), { conferenceId: draft.id }), refusal('conference_not_found'))
  await t.rejects(s.write((ctx) => deleteConference(ctx, { conferenceId: draft.id })), refusal('conference_not_found'))
})

t.test('deleteConference refuses a finalized record, a draft an election is held at, another cluster\'s secretariat and a stale tag', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan] = Object.values(units)
  const finalized = await s.write(async (ctx) => finalizeConference(ctx, { conferenceId: (await createConference(ctx, { clusterId, ...review([yte, haucan]) })).id }))
  await t.rejects(s.write((ctx) => deleteConference(ctx, { conferenceId: finalized.id })),
    { code: 'conference_not_draft', details: { conferenceStatus: 'finalized' } })
  const draft = await s.write((ctx) => createConference(ctx, { clusterId, ...review([yte]) }))
  await s.write((ctx) => draftElection(ctx, { clusterId, kind: 'leadership', office: 'head', termYear: 2025, candidateUnitIds: [yte, haucan], conferenceId: draft.id }))
  await t.rejects(s.write((ctx) => deleteConference(ctx, { conferenceId: draft.id })), {
    code: 'conference_in_use',
    message: 'The conference "Hội nghị sơ kết 6 tháng" has 1 election, so it cannot be deleted: only a conference nothing refers to can be.',
    details: { references: [{ kind: 'election', count: 1 }] }
  })
  await t.rejects(s.write((ctx) => deleteConference(ctx, { conferenceId: draft.id }), secretariatOf(await anotherCluster(s))), refusal('forbidden'))
  await t.rejects(s.write((ctx) => deleteConference(ctx, { conferenceId: draft.id, ifMatch: '"v1"' })), refusal('precondition_failed'))
  t.equal((await s.db('conferences').whereIn('id', [finalized.id, draft.id])).length, 2)
  t.notOk((await eventTypes(s)).includes('conference.deleted'))
})
