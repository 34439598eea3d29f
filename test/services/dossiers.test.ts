// Award dossiers without HTTP, on a real database: made from the proposals of a decided title election, attachments,
// submission (eligibility and achievement reports checked again), return and resubmission, acceptance within the
// quota (and two acceptances racing), and the decision that closes a dossier; every refusal changes nothing.
import t, { type Test } from 'tap'
import type { Actor } from '../../src/auth/tokens.js'
import { insertBlock } from '../../src/db/blocks-repository.js'
import { insertCluster } from '../../src/db/clusters-repository.js'
import { postgresFileStore } from '../../src/db/file-store-postgres.js'
import { insertMembership } from '../../src/db/memberships-repository.js'
import { insertUnit } from '../../src/db/units-repository.js'
import { DEFAULT_RULES } from '../../src/domain/cluster-rules.js'
import { createDisciplineRecord } from '../../src/services/discipline.js'
import { createTitle } from '../../src/services/titles.js'
import { createAwardDecision } from '../../src/services/award-decisions.js'
import {
  acceptDossier, addAttachment, createDossier, dossierTag, listClusterDossiers, markProposalsDecided, readAwardRound, readDossier, removeAttachment, returnDossier,
  submitDossier
} from '../../src/services/dossiers.js'
import { admitBallot, castBallot, closeElection, draftElection, openElection } from '../../src/services/elections.js'
import { receiveFile, recordUpload } from '../../src/services/files.js'
import { finalizeScores, readRanking, reviewScorecard, saveScorecard, submitScorecard } from '../../src/services/scorecards.js'
import { CLUSTER_9_ENTRIES } from '../helpers/scorecards.js'
import { PNG_BYTES } from '../helpers/files.js'
import { ADMIN, READER, secretariatOf, seedPublishedScheme, services, unitActor, type Services } from '../helpers/services.js'

const refusal = (code: string) => ({ name: 'DomainError', code })
const MINISTRY: Actor = { sub: 'phong-thi-dua-bo', role: 'ministry' }

const count = async (s: Services, table: string, where: Record<string, string> = {}) =>
  Number((await s.db(table).where(where).count({ n: '*' }).first())!.n)

/**
 * A cluster of three members (numbered `number` in one block) with its 2024 scores finalized (Cụm 9's scheme), and a
 * decided election proposing its leader for `titleCode`. Returns the units in the ranking's order.
 */
async function seededYear (s: Services, blockId: string, number: number, titleCode = 'government_flag') {
  const { clusterId, unitIds } = await s.write(async ({ trx }) => {
    const cluster = await insertCluster(trx, { number, name: `Cụm thi đua số ${number}`, blockId, foundedOn: '2018-10-04', foundingDecision: null, rules: DEFAULT_RULES })
    const ids: string[] = []
    for (const name of ['Cục Y tế', 'Cục Hậu cần', 'Cục Công nghiệp an ninh']) {
      const unit = await insertUnit(trx, { name: `${name} ${number}` })
      await insertMembership(trx, { clusterId: cluster.id, blockId, unitId: unit.id, from: '2019-01-01' })
      ids.push(unit.id)
    }
    return { clusterId: cluster.id, unitIds: ids }
  })
  const schemeId = await seedPublishedScheme(s, clusterId, unitIds)
  for (const [i, unitId] of unitIds.entries()) {
    await s.write((ctx) => saveScorecard(ctx, { schemeId, unitId, entries: CLUSTER_9_ENTRIES[i] as any }), unitActor(unitId))
    await s.write((ctx) => submitScorecard(ctx, { schemeId, unitId }), unitActor(unitId))
    await s.write((ctx) => reviewScorecard(ctx, { schemeId, unitId, entries: [] }), secretariatOf(clusterId))
  }
  await s.write((ctx) => finalizeScores(ctx, { schemeId }), secretariatOf(clusterId))
  const lines = [...(await readRanking(s.read(), { schemeId })).items()]
  const ranked = lines.map((i) => i.unitId)
  const eligible = lines.filter((i) => titleCode === 'government_flag'
    ? i.eligibleForGovernmentFlag
    : titleCode === 'ministry_flag' ? i.eligibleForMinistryFlag : i.eligibleForTitles).map((i) => i.unitId)
  const election = await s.write((ctx) => draftElection(ctx, { clusterId, kind: 'title', titleCode, termYear: 2024, seats: eligible.length, candidateUnitIds: eligible }))
  await s.write((ctx) => openElection(ctx, { electionId: election.id }))
  for (const voter of unitIds) {
    const ballot = await admitBallot(s.read(unitActor(voter)), { electionId: election.id, voterUnitId: voter, choices: eligible })
    await s.write((ctx) => castBallot(ctx, ballot), unitActor(voter))
  }
  await s.write((ctx) => closeElection(ctx, { electionId: election.id }))
  return { clusterId, unitIds: ranked, eligible, schemeId }
}

async function world (t: Test) {
  const s = await services(t)
  const block = await s.write(({ trx }) => insertBlock(trx, { name: 'Khối các đơn vị trực thuộc Bộ trưởng' }))
  return { s, blockId: block.id }
}

/** A file uploaded by `actor`. */
async function upload (s: Services, actor: Actor, name = 'Báo cáo thành tích.png') {
  const store = postgresFileStore(s.db)
  const staged = await receiveFile(store, { source: (async function * () { yield PNG_BYTES })(), mediaType: 'image/png', maxBytes: 1_000_000 })
  return s.write((ctx) => recordUpload(ctx, store, { staged, name, mediaType: 'image/png' }), actor)
}

t.test('a dossier from draft to decided: made, reports attached, submitted, returned, submitted again, accepted, decided', async (t) => {
  const { s, blockId } = await world(t)
  const { clusterId, eligible: [leader], unitIds } = await seededYear(s, blockId, 5)
  const secretariat = secretariatOf(clusterId)

  await t.rejects(s.write((ctx) => createDossier(ctx, { clusterId, year: 2024, titleCode: 'government_flag' }), secretariatOf('5b7a4c1e-8d2f-4e3a-b6c9-1a2b3c4d5e6f')), refusal('forbidden'))
  await t.rejects(s.write((ctx) => createDossier(ctx, { clusterId, year: 2024, titleCode: 'no_such_title' }), secretariat), refusal('title_unknown'))
  await t.rejects(s.write((ctx) => createDossier(ctx, { clusterId, year: 2024, titleCode: 'ministry_certificate' }), secretariat), refusal('dossier_no_proposals'))
  await t.rejects(s.write((ctx) => createDossier(ctx, { clusterId, year: 2023, titleCode: 'government_flag' }), secretariat), refusal('dossier_no_proposals'))
  t.equal(await count(s, 'dossiers'), 0, 'the refusals made nothing')

  const draft = await s.write((ctx) => createDossier(ctx, { clusterId, year: 2024, titleCode: 'government_flag' }), secretariat)
  t.match(draft, { clusterId, year: 2024, titleCode: 'government_flag', status: 'draft', contentHash: null, version: 1, attachments: [], history: [] })
  t.match(draft.proposals, [{ unitId: leader, status: 'proposed', round: 1, votes: 3, ballotsCast: 3, electorate: 3, decidedBy: 'votes' }])
  t.match(draft.checklist, [{
    unitId: leader, ranking: { rank: 1 }, underDiscipline: false, vote: { votes: 3, ballotsCast: 3, electorate: 3 },
    standard: { met: true, reason: null, detail: null }, achievementReport: false
  }])
  await t.rejects(s.write((ctx) => createDossier(ctx, { clusterId, year: 2024, titleCode: 'government_flag' })), refusal('dossier_exists'))

  await t.rejects(s.write((ctx) => submitDossier(ctx, { dossierId: draft.id }), secretariat), refusal('achievement_report_missing'))
  const otherUnit = unitIds.find((id: string) => id !== leader)!
  const othersFile = await upload(s, unitActor(otherUnit))
  await t.rejects(s.write((ctx) => addAttachment(ctx, { dossierId: draft.id, fileId: othersFile.id, kind: 'achievement_report', unitId: otherUnit }), unitActor(otherUnit)),
    refusal('dossier_not_found'), 'a unit not proposed does not see the dossier')
  const own = await upload(s, unitActor(leader))
  await t.rejects(s.write((ctx) => addAttachment(ctx, { dossierId: draft.id, fileId: othersFile.id, kind: 'achievement_report', unitId: leader }), unitActor(leader)),
    refusal('attachment_file_not_found'), 'a unit attaches files it may read')
  await t.rejects(s.write((ctx) => addAttachment(ctx, { dossierId: draft.id, fileId: own.id, kind: 'other' }), unitActor(leader)), refusal('forbidden'))
  await t.rejects(s.write((ctx) => addAttachment(ctx, { dossierId: draft.id, fileId: own.id, kind: 'achievement_report' }), secretariat), refusal('attachment_unit_required'))
  const attached = await s.write((ctx) => addAttachment(ctx, { dossierId: draft.id, fileId: own.id, kind: 'achievement_report', unitId: leader }), unitActor(leader))
  t.match(attached, { version: 2, attachments: [{ fileId: own.id, sha256: own.sha256, kind: 'achievement_report', unitId: leader, addedBy: { role: 'unit' } }] })
  t.equal(attached.checklist[0].achievementReport, true)

  await t.rejects(s.write((ctx) => returnDossier(ctx, { dossierId: draft.id, reason: 'Thiếu' }), MINISTRY), refusal('dossier_wrong_state'), 'a draft is not returned')
  await t.rejects(s.write((ctx) => submitDossier(ctx, { dossierId: draft.id, ifMatch: dossierTag(draft) }), secretariat), refusal('precondition_failed'), 'a stale tag')
  await t.rejects(s.write((ctx) => submitDossier(ctx, { dossierId: draft.id, ifMatch: '"v2"' }), secretariat), refusal('precondition_failed'), 'a tag never given')
  const submitted = await s.write((ctx) => submitDossier(ctx, { dossierId: draft.id, ifMatch: dossierTag(attached) }), secretariat)
  t.match(submitted, { status: 'submitted', version: 3, contentHash: /^[0-9a-f]{64}$/, history: [{ from: 'draft', to: 'submitted', by: 'test-secretariat', role: 'secretariat' }] })
  t.equal(submitted.history[0].contentHash, submitted.contentHash)
  await t.rejects(s.write((ctx) => addAttachment(ctx, { dossierId: draft.id, fileId: own.id, kind: 'other' }), secretariat), refusal('dossier_not_editable'))
  await t.rejects(s.write((ctx) => submitDossier(ctx, { dossierId: draft.id }), secretariat), refusal('dossier_wrong_state'))

  await t.rejects(s.write((ctx) => returnDossier(ctx, { dossierId: draft.id, reason: '   ' }), MINISTRY), refusal('invalid_return_reason'))
  const returned = await s.write((ctx) => returnDossier(ctx, { dossierId: draft.id, reason: '  Bổ sung biên bản hội nghị.  ' }), MINISTRY)
  t.match(returned, { status: 'returned', contentHash: null, returnReason: 'Bổ sung biên bản hội nghị.' })
  t.match(returned.history.at(-1), { from: 'submitted', to: 'returned', role: 'ministry', reason: 'Bổ sung biên bản hội nghị.' })
  const minutes = await upload(s, secretariat, 'Biên bản hội nghị.png')
  await s.write((ctx) => addAttachment(ctx, { dossierId: draft.id, fileId: minutes.id, kind: 'other' }), secretariat)
  const again = await s.write((ctx) => submitDossier(ctx, { dossierId: draft.id }), secretariat)
  t.not(again.contentHash, submitted.contentHash, 'the new attachment is in the new hash')
  t.equal(again.returnReason, null)

  await t.rejects(s.write((ctx) => acceptDossier(ctx, { dossierId: draft.id, proposalIds: ['0f8e6b52-2c1d-4f4b-9a51-3d2b7c4e9a10'] }), MINISTRY), refusal('dossier_proposal_unknown'))
  // A decision cannot award a proposal the Ministry has not accepted yet; nothing of the decision is recorded.
  const decision = (number: string) => ({
    number, date: '2025-01-20', issuer: 'Thủ tướng Chính phủ', signer: { name: 'Phạm Minh Chính', position: 'Thủ tướng' }, year: 2024,
    awards: [{ titleCode: 'government_flag', unitId: draft.proposals[0].unitId, proposalId: draft.proposals[0].proposalId }]
  })
  await t.rejects(s.write((ctx) => createAwardDecision(ctx, decision('45/QĐ-TTg')), MINISTRY), refusal('award_proposal_not_accepted'))
  t.equal(await count(s, 'award_decisions', {}), 0, 'the refused decision is not recorded')
  // Five clusters in the year: floor(5 × 20 / 100) = 1 Government flag ministry-wide.
  await s.write(async ({ trx }) => {
    for (const n of [11, 12, 13, 14]) await insertCluster(trx, { number: n, name: `Cụm thi đua số ${n}`, blockId, foundedOn: '2020-01-01', foundingDecision: null, rules: DEFAULT_RULES })
  })
  const accepted = await s.write((ctx) => acceptDossier(ctx, { dossierId: draft.id, proposalIds: [draft.proposals[0].proposalId] }), MINISTRY)
  t.match(accepted, { status: 'accepted', proposals: [{ status: 'accepted' }], contentHash: again.contentHash })
  t.same(accepted.history.map((h) => h.to), ['submitted', 'returned', 'submitted', 'accepted'])

  const round = await readAwardRound(s.read(MINISTRY), { year: 2024 })
  t.match(round, { year: 2024, clustersActive: 5, titles: [{ titleCode: 'government_flag', quota: { basis: 'cluster_leading_units', limit: 1 }, accepted: 1, waiting: 0 }] })
  t.match(round.titles[0].proposals, [{ unitId: leader, ranking: { rank: 1, rankedUnits: 3 }, dossier: { dossierId: draft.id, status: 'accepted', proposalStatus: 'accepted' } }])

  t.same(await s.write((ctx) => markProposalsDecided(ctx, ['0f8e6b52-2c1d-4f4b-9a51-3d2b7c4e9a10'])), [], 'a proposal in no dossier changes nothing')
  await s.write((ctx) => createAwardDecision(ctx, decision('46/QĐ-TTg')), MINISTRY)
  const decided = await readDossier(s.read(MINISTRY), { dossierId: draft.id })
  t.match(decided, { status: 'decided', proposals: [{ status: 'decided' }] }, 'the decision awarding its accepted proposal decides the dossier')
  t.same(await s.write((ctx) => markProposalsDecided(ctx, [draft.proposals[0].proposalId])), [], 'deciding again changes nothing')

  t.same(await s.db('audit_events').where({ resource_type: 'dossier' }).orderBy('id').pluck('action'), [
    'dossier.created', 'dossier.attachment_added', 'dossier.submitted', 'dossier.returned', 'dossier.attachment_added', 'dossier.submitted',
    'dossier.accepted', 'dossier.decided'
  ])
  t.equal(await count(s, 'events', { type: 'dossier.decided' }), 1)
  // A decided dossier no longer holds the place, but its proposals are sent: nothing left to make another from.
  await t.rejects(s.write((ctx) => createDossier(ctx, { clusterId, year: 2024, titleCode: 'government_flag' })), refusal('dossier_no_proposals'))
  await t.rejects(s.write(async (ctx) => {
    const { deleteFile } = await import('../../src/services/files.js')
    await deleteFile(ctx, postgresFileStore(s.db), { fileId: own.id })
  }, unitActor(leader)), refusal('file_in_use'), 'an attached file stays')
})

t.test('who reads dossiers: a unit those proposing it, a secretariat its cluster\'s', async (t) => {
  const { s, blockId } = await world(t)
  const { clusterId, eligible: [leader], unitIds } = await seededYear(s, blockId, 5)
  const draft = await s.write((ctx) => createDossier(ctx, { clusterId, year: 2024, titleCode: 'government_flag' }))
  const other = unitIds.find((id: string) => id !== leader)!
  for (const actor of [ADMIN, READER, MINISTRY, secretariatOf(clusterId), unitActor(leader)]) {
    t.equal((await readDossier(s.read(actor), { dossierId: draft.id })).id, draft.id, `${actor.role} reads it`)
    t.equal((await listClusterDossiers(s.read(actor), { clusterId })).items.length, 1, `${actor.role} lists it`)
  }
  await t.rejects(readDossier(s.read(unitActor(other)), { dossierId: draft.id }), refusal('dossier_not_found'))
  t.equal((await listClusterDossiers(s.read(unitActor(other)), { clusterId })).items.length, 0)
  await t.rejects(readDossier(s.read(secretariatOf('5b7a4c1e-8d2f-4e3a-b6c9-1a2b3c4d5e6f')), { dossierId: draft.id }), refusal('forbidden'))
  await t.rejects(listClusterDossiers(s.read(secretariatOf('5b7a4c1e-8d2f-4e3a-b6c9-1a2b3c4d5e6f')), { clusterId }), refusal('forbidden'))
})

t.test('eligibility is judged again: discipline recorded after the vote refuses the submission and the acceptance', async (t) => {
  const { s, blockId } = await world(t)
  const { clusterId, eligible: [leader] } = await seededYear(s, blockId, 5)
  const secretariat = secretariatOf(clusterId)
  const draft = await s.write((ctx) => createDossier(ctx, { clusterId, year: 2024, titleCode: 'government_flag' }), secretariat)
  const file = await upload(s, unitActor(leader))
  await s.write((ctx) => addAttachment(ctx, { dossierId: draft.id, fileId: file.id, kind: 'achievement_report', unitId: leader }), unitActor(leader))
  await s.write((ctx) => submitDossier(ctx, { dossierId: draft.id }), secretariat)
  await s.write((ctx) => createDisciplineRecord(ctx, { unitId: leader, from: '2024-11-01', status: 'pending', note: 'Chờ quyết định' }))
  const refused = await s.write((ctx) => acceptDossier(ctx, { dossierId: draft.id, proposalIds: [draft.proposals[0].proposalId] }), MINISTRY).catch((e) => e)
  t.match(refused, { code: 'dossier_unit_not_eligible', message: new RegExp(`Cục Y tế 5 \\(${leader}\\) is under discipline`), details: { units: [{ unitId: leader, reason: 'under_discipline' }] } })
  t.match(await readDossier(s.read(), { dossierId: draft.id }), { status: 'submitted', checklist: [{ underDiscipline: true, standard: { met: false, reason: 'under_discipline' } }] })
  await s.write((ctx) => returnDossier(ctx, { dossierId: draft.id, reason: 'Đơn vị đang chờ xem xét kỷ luật.' }), MINISTRY)
  await t.rejects(s.write((ctx) => submitDossier(ctx, { dossierId: draft.id }), secretariat), refusal('dossier_unit_not_eligible'))
  t.equal((await readDossier(s.read(), { dossierId: draft.id })).status, 'returned', 'nothing changed')
})

t.test('the Government flag\'s quota: past floor(n × 20 / 100) is refused; two acceptances racing cannot both pass', async (t) => {
  const { s, blockId } = await world(t)
  const first = await seededYear(s, blockId, 5)
  const second = await seededYear(s, blockId, 6)
  // Two clusters and two more: floor(4 × 20 / 100) = 0; a fifth makes it 1.
  await s.write(async ({ trx }) => {
    for (const n of [11, 12]) await insertCluster(trx, { number: n, name: `Cụm thi đua số ${n}`, blockId, foundedOn: '2020-01-01', foundingDecision: null, rules: DEFAULT_RULES })
    await insertCluster(trx, { number: 13, name: 'Cụm thi đua số 13', blockId, foundedOn: '2025-02-01', foundingDecision: null, rules: DEFAULT_RULES })
  })
  const submit = async ({ clusterId, eligible: [leader] }: { clusterId: string, eligible: string[] }) => {
    const draft = await s.write((ctx) => createDossier(ctx, { clusterId, year: 2024, titleCode: 'government_flag' }))
    const file = await upload(s, unitActor(leader))
    await s.write((ctx) => addAttachment(ctx, { dossierId: draft.id, fileId: file.id, kind: 'achievement_report', unitId: leader }), unitActor(leader))
    await s.write((ctx) => submitDossier(ctx, { dossierId: draft.id }))
    return draft
  }
  const a = await submit(first)
  const b = await submit(second)
  const accept = (d: typeof a) => s.write((ctx) => acceptDossier(ctx, { dossierId: d.id, proposalIds: [d.proposals[0].proposalId] }), MINISTRY)
  const zero = await accept(a).catch((e) => e)
  t.match(zero, { code: 'quota_exceeded', details: { quota: 0, accepted: 0, asked: 1 } }, 'four clusters active in 2024 (one founded in 2025 does not count): no flag')
  await s.write(({ trx }) => insertCluster(trx, { number: 14, name: 'Cụm thi đua số 14', blockId, foundedOn: null, foundingDecision: null, rules: DEFAULT_RULES }))

  const outcomes = await Promise.allSettled([accept(a), accept(b)])
  t.same(outcomes.map((o) => o.status).sort(), ['fulfilled', 'rejected'], 'exactly one passes')
  const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult
  t.match(rejected.reason, { code: 'quota_exceeded', details: { quota: 1, accepted: 1, asked: 1 } })
  t.equal(await count(s, 'dossier_proposals', { status: 'accepted' }), 1)
  const round = await readAwardRound(s.read(READER), { year: 2024 })
  t.match(round.titles, [{ titleCode: 'government_flag', quota: { limit: 1 }, accepted: 1, waiting: 1 }])
  t.equal(round.titles[0].proposals.length, 2)
  await t.rejects(readAwardRound(s.read(secretariatOf(first.clusterId)), { year: 2024 }), refusal('forbidden'), 'a cluster does not read the Ministry\'s roll-up')
})

t.test('a per-cluster quota from the catalogue caps the proposals accepted from one cluster', async (t) => {
  const { s, blockId } = await world(t)
  await s.write((ctx) => createTitle(ctx, {
    code: 'cluster_certificate',
    name: 'Giấy khen của Cụm',
    level: 'unit',
    recipient: 'collective',
    standard: { ranking: 'none', consecutiveYears: 1, description: 'Tập thể hoàn thành tốt nhiệm vụ.' },
    quota: { basis: 'per_cluster', max: 1 },
    legalBasis: 'Quy chế hoạt động của Cụm, Điều 12.'
  }))
  const { clusterId, eligible } = await seededYear(s, blockId, 5, 'cluster_certificate')
  t.equal(eligible.length, 3, 'every member stands: the title asks no ranking')
  const draft = await s.write((ctx) => createDossier(ctx, { clusterId, year: 2024, titleCode: 'cluster_certificate' }))
  t.equal(draft.proposals.length, 3)
  for (const unitId of eligible) {
    const file = await upload(s, unitActor(unitId))
    await s.write((ctx) => addAttachment(ctx, { dossierId: draft.id, fileId: file.id, kind: 'achievement_report', unitId }), unitActor(unitId))
  }
  await s.write((ctx) => submitDossier(ctx, { dossierId: draft.id }))
  const [first, second] = draft.proposals.map((p) => p.proposalId)
  await t.rejects(s.write((ctx) => acceptDossier(ctx, { dossierId: draft.id, proposalIds: [first, second] }), MINISTRY),
    { code: 'quota_exceeded', details: { quota: 1, accepted: 0, asked: 2, scope: 'cluster' } })
  const accepted = await s.write((ctx) => acceptDossier(ctx, { dossierId: draft.id, proposalIds: [second] }), MINISTRY)
  t.same(accepted.proposals.map((p) => p.status), ['not_accepted', 'accepted', 'not_accepted'])
  t.match((await readAwardRound(s.read(READER), { year: 2024 })).titles, [{ titleCode: 'cluster_certificate', quota: { basis: 'per_cluster', limit: 1 }, accepted: 1, waiting: 0 }])
})

t.test('an attachment added by mistake is removed while the dossier is assembled: the version advances, the file is free again', async (t) => {
  const { s, blockId } = await world(t)
  const { clusterId, eligible: [leader], unitIds } = await seededYear(s, blockId, 5)
  const secretariat = secretariatOf(clusterId)
  const { deleteFile } = await import('../../src/services/files.js')
  const store = postgresFileStore(s.db)
  const draft = await s.write((ctx) => createDossier(ctx, { clusterId, year: 2024, titleCode: 'government_flag' }), secretariat)
  const wrong = await upload(s, secretariat, 'Biên bản nhầm.png')
  const report = await upload(s, unitActor(leader))
  const withWrong = await s.write((ctx) => addAttachment(ctx, { dossierId: draft.id, fileId: wrong.id, kind: 'other' }), secretariat)
  const withBoth = await s.write((ctx) => addAttachment(ctx, { dossierId: draft.id, fileId: report.id, kind: 'achievement_report', unitId: leader }), unitActor(leader))
  const [wrongId, reportId] = withBoth.attachments.map((a) => a.id)
  await t.rejects(s.write((ctx) => deleteFile(ctx, store, { fileId: wrong.id }), secretariat), refusal('file_in_use'), 'an attached file cannot be deleted')

  // Refusals first: each changes nothing.
  const other = unitIds.find((id: string) => id !== leader)!
  await t.rejects(s.write((ctx) => removeAttachment(ctx, { dossierId: draft.id, attachmentId: wrongId }), unitActor(leader)), refusal('forbidden'), 'a unit removes its own report only')
  await t.rejects(s.write((ctx) => removeAttachment(ctx, { dossierId: draft.id, attachmentId: reportId }), unitActor(other)), refusal('dossier_not_found'), 'a unit not proposed does not see the dossier')
  await t.rejects(s.write((ctx) => removeAttachment(ctx, { dossierId: draft.id, attachmentId: wrongId }), secretariatOf('5b7a4c1e-8d2f-4e3a-b6c9-1a2b3c4d5e6f')), refusal('forbidden'))
  await t.rejects(s.write((ctx) => removeAttachment(ctx, { dossierId: draft.id, attachmentId: draft.id }), secretariat), refusal('dossier_attachment_not_found'))
  await t.rejects(s.write((ctx) => removeAttachment(ctx, { dossierId: draft.id, attachmentId: wrongId, ifMatch: dossierTag(withWrong) }), secretariat),
    refusal('precondition_failed'), 'a stale tag')
  t.equal(await count(s, 'dossier_attachments'), 2, 'the refusals removed nothing')

  const removed = await s.write((ctx) => removeAttachment(ctx, { dossierId: draft.id, attachmentId: wrongId.toUpperCase(), ifMatch: dossierTag(withBoth) }), secretariat)
  t.match(removed, { version: withBoth.version + 1, attachments: [{ id: reportId, fileId: report.id }] })
  t.equal(removed.attachments.length, 1)
  t.not(dossierTag(removed), dossierTag(withBoth), 'a new tag')
  await t.rejects(s.write((ctx) => removeAttachment(ctx, { dossierId: draft.id, attachmentId: wrongId }), secretariat), refusal('dossier_attachment_not_found'), 'removed once')
  const [audit] = await s.db('audit_events').where({ action: 'dossier.attachment_removed' }).select('before', 'after')
  t.same([audit.before.attachments.length, audit.after.attachments.length], [2, 1], 'audited with the dossier before and after')
  t.equal(await count(s, 'events', { type: 'dossier.attachment_removed' }), 1, 'emitted')

  await s.write((ctx) => deleteFile(ctx, store, { fileId: wrong.id }), secretariat)
  t.equal(await count(s, 'files', { id: wrong.id }), 0, 'the file no dossier holds is deleted')

  // A unit removes its own report; held by another dossier too, the file stays in use until that one lets it go.
  const again = await s.write((ctx) => removeAttachment(ctx, { dossierId: draft.id, attachmentId: reportId }), unitActor(leader))
  t.same(again.attachments, [])
  t.equal(again.checklist[0].achievementReport, false)
  const twice = await s.write((ctx) => addAttachment(ctx, { dossierId: draft.id, fileId: report.id, kind: 'achievement_report', unitId: leader }), unitActor(leader))
  await s.write((ctx) => addAttachment(ctx, { dossierId: draft.id, fileId: report.id, kind: 'other', unitId: leader }), secretariat)
  await s.write((ctx) => removeAttachment(ctx, { dossierId: draft.id, attachmentId: twice.attachments[0].id }), secretariat)
  await t.rejects(s.write((ctx) => deleteFile(ctx, store, { fileId: report.id }), unitActor(leader)), refusal('file_in_use'), 'still attached once')

  // The report removed, the submission needs one again; once submitted, the dossier is frozen.
  await t.rejects(s.write((ctx) => submitDossier(ctx, { dossierId: draft.id }), secretariat), refusal('achievement_report_missing'))
  await s.write((ctx) => addAttachment(ctx, { dossierId: draft.id, fileId: report.id, kind: 'achievement_report', unitId: leader }), unitActor(leader))
  const submitted = await s.write((ctx) => submitDossier(ctx, { dossierId: draft.id }), secretariat)
  await t.rejects(s.write((ctx) => removeAttachment(ctx, { dossierId: draft.id, attachmentId: submitted.attachments[0].id }), secretariat), refusal('dossier_not_editable'))
  t.equal((await readDossier(s.read(), { dossierId: draft.id })).attachments.length, 2)
})
