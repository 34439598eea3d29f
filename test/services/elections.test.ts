// Elections without HTTP: drafting, opening, casting and closing on a real database, the term a deputy election
// writes, the proposals a title election makes, and every refusal the service owns (which changes nothing).
import t from 'tap'
import { EXPECTED, JOURNAL } from '../../bench/baseline-sql.js'
import type { Actor } from '../../src/auth/tokens.js'
import { vietnamDate } from '../../src/domain/dates.js'
import {
  admitBallot, cancelElection, castBallot, closeElection, deleteElection, draftElection, electionTag, listClusterElections, listTitleProposals, openElection,
  readElection, readElectionResult, verifyReceipt, type ElectionDraftCommand
} from '../../src/services/elections.js'
import { createConference } from '../../src/services/conferences.js'
import { readTerm } from '../../src/services/terms.js'
import { assertDeleted } from '../helpers/deletion.js'
import { ADMIN, READER, secretariatOf, seedCluster, services, unitActor, type Services } from '../helpers/services.js'

const refusal = (code: string) => ({ name: 'DomainError', code })

/** Casts `voter`'s ballot as a request does: checked outside the transaction, stored in it. */
async function vote (s: Services, electionId: string, voterUnitId: string, choices: string[], actor: Actor = unitActor(voterUnitId)) {
  const ballot = await admitBallot(s.read(actor), { electionId, voterUnitId, choices })
  return s.write((ctx) => castBallot(ctx, ballot), actor)
}

async function drafted (s: Services, command: ElectionDraftCommand, actor: Actor = ADMIN) {
  return s.write((ctx) => draftElection(ctx, command), actor)
}

async function opened (s: Services, command: ElectionDraftCommand) {
  const { id } = await drafted(s, command)
  return s.write((ctx) => openElection(ctx, { electionId: id }))
}

const count = async (s: Services, table: string) => Number((await s.db(table).count({ n: '*' }).first())!.n)

t.test('a head election: drafted, opened on the members of the day, voted by all, closed with its winner', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan, cnan] = Object.values(units)
  const draft = await drafted(s, { clusterId, kind: 'leadership', office: 'head', termYear: 2027, candidateUnitIds: [yte.toUpperCase(), haucan] }, secretariatOf(clusterId))
  t.match(draft, { status: 'draft', seats: 1, round: 0, turnout: null, candidateUnitIds: [yte, haucan] }, 'ids are kept lower-case')

  const open = await s.write((ctx) => openElection(ctx, { electionId: draft.id }))
  t.match(open, { status: 'open', round: 1, turnout: { round: 1, electorate: 3, voted: 0, votedUnitIds: [] } })
  const receipts = [
    (await vote(s, draft.id, yte, [yte])).receipt,
    (await vote(s, draft.id, haucan, [yte])).receipt,
    (await vote(s, draft.id, cnan, [], ADMIN)).receipt
  ]
  t.same((await readElection(s.read(READER), { electionId: draft.id })).turnout!.votedUnitIds, [yte, haucan, cnan].sort(), 'turnout says who voted')
  await t.rejects(readElectionResult(s.read(), { electionId: draft.id }), refusal('election_not_closed'), 'no tally while the round is open')

  const { election, result } = await s.write((ctx) => closeElection(ctx, { electionId: draft.id }), secretariatOf(clusterId))
  t.match(election, { status: 'decided', winners: [{ unitId: yte, votes: 2, round: 1, decidedBy: 'votes' }] })
  t.match(result, { status: 'decided', nextRound: null, termWritten: false, proposals: [], rounds: [{ ballotsCast: 3, blankBallots: 1, outcome: 'decided' }] })
  t.same((await readElectionResult(s.read(READER), { electionId: draft.id })).result, result, 'the result reads back as closed')
  for (const receipt of receipts) {
    t.same(await verifyReceipt(s.read(READER), { electionId: draft.id, receipt }), { electionId: draft.id, round: 1, counted: true, roundClosed: true })
  }
  await t.rejects(verifyReceipt(s.read(), { electionId: draft.id, receipt: 'not-a-receipt' }), refusal('receipt_not_found'))
  t.same((await listClusterElections(s.read(), { clusterId })).items.map((e) => e.status), ['decided'])
})

t.test('a ballot is secret: its choices are in no audit record or event', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan] = Object.values(units)
  const { id } = await opened(s, { clusterId, kind: 'leadership', office: 'head', termYear: 2027, candidateUnitIds: [yte, haucan] })
  await vote(s, id, haucan, [yte])
  const audit = await s.db('audit_events').where({ action: 'ballot.cast' }).first()
  const event = await s.db('events').where({ type: 'ballot.cast' }).first()
  t.same(audit.after, { round: 1, voterUnitId: haucan })
  t.same(event.data, { round: 1, voterUnitId: haucan })
})

t.test('a ballot runs the benchmarked statements, in order: one read, then one statement storing it with its journal while its round is held open', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan] = Object.values(units)
  const { id } = await opened(s, { clusterId, kind: 'leadership', office: 'head', termYear: 2027, candidateUnitIds: [yte, haucan] })
  const statements: string[] = []
  const capture = (query: { sql: string }) => { if (!JOURNAL.test(query.sql)) statements.push(query.sql) }
  s.db.on('query', capture)
  await vote(s, id, yte, [haucan])
  s.db.off('query', capture)
  t.same(statements, EXPECTED.ballot)
  t.match(statements[2], /for share/, 'the round is held open by a share lock')
})

t.test('a deputy election, after the head\'s, writes next year\'s term', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan, cnan] = Object.values(units)
  const deputy = await drafted(s, { clusterId, kind: 'leadership', office: 'deputy', termYear: 2027, candidateUnitIds: [haucan, cnan] })
  await t.rejects(s.write((ctx) => openElection(ctx, { electionId: deputy.id })), refusal('head_not_elected'), 'the head is elected first')

  const head = await opened(s, { clusterId, kind: 'leadership', office: 'head', termYear: 2027, candidateUnitIds: [yte, haucan] })
  for (const voter of [yte, haucan, cnan]) await vote(s, head.id, voter, [yte])
  await s.write((ctx) => closeElection(ctx, { electionId: head.id }))

  await s.write((ctx) => openElection(ctx, { electionId: deputy.id }))
  for (const [voter, choice] of [[yte, haucan], [haucan, cnan], [cnan, haucan]]) await vote(s, deputy.id, voter, [choice])
  const now = new Date()
  const { result } = await s.write((ctx) => closeElection(ctx, { electionId: deputy.id }), ADMIN, now)
  t.equal(result.termWritten, true)
  t.match(await readTerm(s.read(), { clusterId, year: 2027 }), {
    headUnitId: yte, deputyUnitId: haucan, chosenBy: 'election', decidedOn: vietnamDate(now), note: `Elected by ballot: head in election ${head.id}, deputy in election ${deputy.id}.`
  })
  t.same(await s.db('audit_events').where({ resource_type: 'term' }).pluck('action'), ['term.elected'])
})

t.test('a tie leaves the election closed, and the next round opens among the tied', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan, cnan] = Object.values(units)
  const title = { clusterId, kind: 'title' as const, titleCode: 'ministry_certificate', termYear: 2026, candidateUnitIds: [yte, haucan, cnan], eligibilityOverride: { reason: 'Thành tích đột xuất' } }
  const { id } = await opened(s, title)
  await vote(s, id, yte, [haucan])
  await vote(s, id, haucan, [yte])
  await vote(s, id, cnan, [])
  const { election, result } = await s.write((ctx) => closeElection(ctx, { electionId: id }))
  t.equal(election.status, 'closed')
  t.same(result.nextRound, { candidateUnitIds: [haucan, yte].sort(), seats: 1 })
  const next = await s.write((ctx) => openElection(ctx, { electionId: id }))
  t.match(next, { status: 'open', round: 2, turnout: { round: 2, electorate: 3, voted: 0 } })
  await t.rejects(vote(s, id, yte, [cnan]), refusal('not_a_candidate'), 'only the tied stand in the next round')
})

t.test('a decided title election proposes its winners', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan, cnan] = Object.values(units)
  const title = { clusterId, kind: 'title' as const, titleCode: 'ministry_certificate', termYear: 2026, candidateUnitIds: [yte, haucan], eligibilityOverride: { reason: 'Thành tích đột xuất' } }
  const draft = await drafted(s, title)
  t.same(draft.eligibilityOverride, { reason: 'Thành tích đột xuất', by: ADMIN.sub }, 'the override is recorded with its admin')
  await s.write((ctx) => openElection(ctx, { electionId: draft.id }))
  for (const voter of [yte, haucan, cnan]) await vote(s, draft.id, voter, [haucan])
  const { result } = await s.write((ctx) => closeElection(ctx, { electionId: draft.id }))
  t.match(result.proposals, [{ unitId: haucan, titleCode: 'ministry_certificate', year: 2026, votes: 3, ballotsCast: 3, electorate: 3, decidedBy: 'votes' }])
  t.match((await listTitleProposals(s.read(READER), { clusterId })).items, [{ unitId: haucan, electionId: draft.id }])
  t.same(await s.db('events').where({ type: 'title.proposed' }).pluck('resource_id'), [`${clusterId}/2026/ministry_certificate/${haucan}`])
  await t.rejects(drafted(s, { ...title, candidateUnitIds: [haucan] }), refusal('already_proposed'), 'a unit is proposed once a year')
})

t.test('draftElection refuses, and changes nothing', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan] = Object.values(units)
  const head = { clusterId, kind: 'leadership' as const, office: 'head' as const, termYear: 2027, candidateUnitIds: [yte, haucan] }
  const title = { clusterId, kind: 'title' as const, titleCode: 'ministry_flag', termYear: 2026, candidateUnitIds: [yte] }
  const cases: Array<[string, ElectionDraftCommand, Actor, { code: string, name?: string }]> = [
    ['a secretariat of another cluster', head, secretariatOf('00000000-0000-4000-8000-000000000000'), { code: 'forbidden' }],
    ['a reader', head, READER, { code: 'forbidden' }],
    ['an override by a secretariat', { ...title, eligibilityOverride: { reason: 'x' } }, secretariatOf(clusterId), { code: 'forbidden' }],
    ['an override of a leadership election', { ...head, eligibilityOverride: { reason: 'x' } }, ADMIN, refusal('override_for_titles_only')],
    ['a candidate that is not a member', { ...head, candidateUnitIds: [yte, '00000000-0000-4000-8000-000000000000'] }, ADMIN, refusal('candidate_not_member')],
    ['a title without a finalized ranking', title, ADMIN, refusal('ranking_not_final')],
    ['a leadership election of two seats', { ...head, seats: 2 }, ADMIN, refusal('one_seat_per_office')]
  ]
  for (const [name, command, actor, expected] of cases) await t.rejects(drafted(s, command, actor), expected, name)
  t.equal(await count(s, 'elections'), 0)
  t.equal(await count(s, 'events'), 0, 'no event from a refusal')
})

t.test('a ballot is refused, and nothing is stored', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan, cnan] = Object.values(units)
  const head = { clusterId, kind: 'leadership' as const, office: 'head' as const, termYear: 2027, candidateUnitIds: [yte, haucan] }
  const draft = await drafted(s, head)
  await t.rejects(vote(s, draft.id, yte, [yte]), refusal('election_not_open'), 'a draft takes no ballot')
  const { id } = await opened(s, head)
  const outsider = '00000000-0000-4000-8000-000000000000'
  await t.rejects(vote(s, id, outsider, [yte], ADMIN), refusal('voter_not_in_electorate'))
  await t.rejects(vote(s, id, yte, [haucan], unitActor(cnan)), { code: 'forbidden' }, 'a unit votes for itself only')
  await t.rejects(vote(s, id, yte, [haucan], READER), { code: 'forbidden' })
  await t.rejects(vote(s, id, yte, [yte, haucan]), refusal('too_many_choices'))
  await t.rejects(vote(s, id, yte, [cnan]), refusal('not_a_candidate'))
  t.equal(await count(s, 'election_voters'), 0)
  t.equal(await count(s, 'ballots'), 0)

  await vote(s, id, yte, [haucan])
  const again = vote(s, id, yte, [yte])
  await t.rejects(again, { constraint: 'election_voters_once', message: 'The ballot could not be stored.' }, 'one ballot per round, and the error carries no choice')
  t.equal(await count(s, 'ballots'), 1)

  const late = await admitBallot(s.read(unitActor(haucan)), { electionId: id, voterUnitId: haucan, choices: [yte] })
  await s.write((ctx) => closeElection(ctx, { electionId: id }))
  await t.rejects(s.write((ctx) => castBallot(ctx, late), unitActor(haucan)), refusal('election_not_open'), 'a ballot admitted before the close is refused after it')
  t.equal(await count(s, 'ballots'), 1)
  t.equal((await s.db('audit_events').where({ action: 'ballot.cast' })).length, 1, 'a refused ballot leaves no audit record')
  t.equal((await s.db('events').where({ type: 'ballot.cast' })).length, 1, 'and no event')
})

t.test('open, close and cancel refuse what the election\'s status or the caller\'s scope does not allow', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan] = Object.values(units)
  const head = { clusterId, kind: 'leadership' as const, office: 'head' as const, termYear: 2027, candidateUnitIds: [yte, haucan] }
  const draft = await drafted(s, head)
  const stranger = secretariatOf('00000000-0000-4000-8000-000000000000')
  await t.rejects(s.write((ctx) => openElection(ctx, { electionId: draft.id }), ADMIN, new Date('2018-06-01T03:00:00Z')),
    refusal('no_electorate'), 'no member on the day, so no one could vote')
  await t.rejects(s.write((ctx) => openElection(ctx, { electionId: draft.id }), stranger), { code: 'forbidden' })
  await t.rejects(s.write((ctx) => closeElection(ctx, { electionId: draft.id })), refusal('election_not_open'), 'a draft has no round to close')
  await t.rejects(readElectionResult(s.read(), { electionId: draft.id }), refusal('election_not_closed'))
  const open = await s.write((ctx) => openElection(ctx, { electionId: draft.id }))
  await t.rejects(s.write((ctx) => openElection(ctx, { electionId: draft.id })), refusal('election_not_openable'))
  await t.rejects(s.write((ctx) => cancelElection(ctx, { electionId: draft.id, reason: 'x' })), refusal('election_not_cancellable'), 'close a round before cancelling')
  await t.rejects(s.write((ctx) => closeElection(ctx, { electionId: draft.id }), stranger), { code: 'forbidden' })
  t.match(await readElection(s.read(), { electionId: draft.id }), { status: 'open', version: open.version }, 'unchanged')

  const other = await drafted(s, head)
  const now = new Date('2026-11-30T03:00:00Z')
  const cancelled = await s.write((ctx) => cancelElection(ctx, { electionId: other.id, reason: '  Nhầm danh sách ' }), secretariatOf(clusterId), now)
  t.same(cancelled.cancellation, { reason: 'Nhầm danh sách', cancelledBy: 'test-secretariat', cancelledAt: now.toISOString() })
  await t.rejects(s.write((ctx) => cancelElection(ctx, { electionId: other.id, reason: 'x' })), refusal('election_not_cancellable'))
})

t.test('deleteElection removes a draft and journals it as it was', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan] = Object.values(units)
  const draft = await drafted(s, { clusterId, kind: 'leadership', office: 'head', termYear: 2025, candidateUnitIds: [yte, haucan] }, secretariatOf(clusterId))
  await s.write((ctx) => deleteElection(ctx, { electionId: draft.id, ifMatch: electionTag(draft) }), secretariatOf(clusterId))
  await assertDeleted(t, s, { table: 'elections', id: draft.id, action: 'election.deleted', before: draft })
  await t.rejects(readElection(s.read(), { electionId: draft.id }), refusal('election_not_found'))
  await t.rejects(s.write((ctx) => deleteElection(ctx, { electionId: draft.id })), refusal('election_not_found'))
})

t.test('deleteElection refuses an opened election, a draft a conference links, another cluster\'s secretariat and a stale tag', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan] = Object.values(units)
  const head: ElectionDraftCommand = { clusterId, kind: 'leadership', office: 'head', termYear: 2025, candidateUnitIds: [yte, haucan] }
  const open = await opened(s, head)
  await t.rejects(s.write((ctx) => deleteElection(ctx, { electionId: open.id })), { code: 'election_not_draft', details: { electionStatus: 'open' } })
  const draft = await drafted(s, head)
  await s.write((ctx) => createConference(ctx, {
    clusterId, kind: 'annual_review', title: 'Hội nghị tổng kết năm 2024', year: 2024, heldAt: '2024-12-20T08:00:00+07:00',
    chair: { name: 'Đặng Xuân Hồng', rank: 'Trung tướng', position: 'Cục trưởng' }, attendingUnitIds: [], links: { electionIds: [draft.id] }
  }))
  await t.rejects(s.write((ctx) => deleteElection(ctx, { electionId: draft.id })), {
    code: 'election_in_use',
    message: 'The head unit election for 2025 is linked from 1 conference, so it cannot be deleted: only an election nothing refers to can be.',
    details: { references: [{ kind: 'conference_link', count: 1 }] }
  })
  await t.rejects(s.write((ctx) => deleteElection(ctx, { electionId: draft.id }), secretariatOf('00000000-0000-4000-8000-000000000000')), refusal('forbidden'))
  await t.rejects(s.write((ctx) => deleteElection(ctx, { electionId: draft.id, ifMatch: '"v2"' })), refusal('precondition_failed'))
  t.equal(await count(s, 'elections'), 2)
  t.equal((await s.db('events').where({ type: 'election.deleted' })).length, 0)
})
