import t from 'tap'
import { insertCluster } from '../../src/db/clusters-repository.js'
import { DEFAULT_RULES } from '../../src/domain/cluster-rules.js'
import { createConference } from '../../src/services/conferences.js'
import {
  adoptClusterDocument, clusterDocumentData, clusterDocumentTag, draftClusterDocument, listClusterDocuments, readClusterDocument,
  updateClusterDocument
} from '../../src/services/cluster-documents.js'
import { documentHash } from '../../src/domain/cluster-document.js'
import { READER, secretariatOf, seedCluster, services, unitActor, type Services } from '../helpers/services.js'

const refusal = (code: string) => ({ name: 'DomainError', code })
const content = {
  kind: 'operating_regulations' as const,
  year: 2025,
  title: 'Quy chế hoạt động của  Cụm thi đua số 9',
  chapters: [{ title: 'Quy định chung', articles: [{ title: 'Phạm vi điều chỉnh', clauses: ['Quy chế này quy định về tổ chức, hoạt động của Cụm thi đua số 9. '] }] }]
}
const chair = { name: 'Đặng Xuân Hồng', rank: 'Trung tướng', position: 'Cục trưởng' }

const conferenceOf = (s: Services, clusterId: string, heldAt: string) => s.write((ctx) => createConference(ctx, {
  clusterId, kind: 'pledge_signing', title: 'Hội nghị ký kết giao ước thi đua năm 2025', year: 2025, heldAt, chair, attendingUnitIds: [], location: 'Lào Cai'
}))

t.test('a draft is edited, adopted at a conference under its hash, and supersedes the version in force', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const conference = await conferenceOf(s, clusterId, '2025-01-10T08:00:00+07:00')

  const draft = await s.write((ctx) => draftClusterDocument(ctx, { clusterId, ...content }), secretariatOf(clusterId))
  t.match(draft, { clusterId, kind: 'operating_regulations', versionNumber: 1, status: 'draft', title: 'Quy chế hoạt động của Cụm thi đua số 9', contentHash: null })
  t.equal(draft.chapters[0].articles[0].clauses[0], 'Quy chế này quy định về tổ chức, hoạt động của Cụm thi đua số 9.')
  const edited = await s.write((ctx) => updateClusterDocument(ctx, { documentId: draft.id, ifMatch: clusterDocumentTag(draft), year: 2025 }))
  t.equal(edited.version, 2)

  const first = await s.write((ctx) => adoptClusterDocument(ctx, { documentId: draft.id, conferenceId: conference.id, adoptedOn: '2025-01-10' }))
  t.match(first, { status: 'adopted', conferenceId: conference.id, adoptedOn: '2025-01-10', contentHash: documentHash(edited) })

  const second = await s.write((ctx) => draftClusterDocument(ctx, { clusterId, ...content, title: 'Quy chế hoạt động (sửa đổi)' }))
  t.equal(second.versionNumber, 2)
  t.equal((await readClusterDocument(s.read(unitActor(units['Cục Y tế'])), { documentId: first.id })).status, 'adopted', 'a new draft leaves the version in force')
  const adopted = await s.write((ctx) => adoptClusterDocument(ctx, { documentId: second.id, conferenceId: conference.id, adoptedOn: '2025-01-10' }))
  const superseded = await readClusterDocument(s.read(READER), { documentId: first.id })
  t.match(superseded, { status: 'superseded', supersededById: adopted.id, contentHash: first.contentHash })

  t.same((await listClusterDocuments(s.read(), { clusterId, status: 'superseded' })).items.map((d) => d.id), [first.id])
  t.same((await listClusterDocuments(s.read(), { clusterId, kind: 'operating_regulations', year: 2025 })).items.map((d) => d.versionNumber), [2, 1])
  t.same(await s.db('events').orderBy('position').pluck('type'), [
    'conference.created', 'cluster_document.created', 'cluster_document.updated', 'cluster_document.adopted',
    'cluster_document.created', 'cluster_document.superseded', 'cluster_document.adopted'
  ])

  const { data, fileName } = await clusterDocumentData(s.read(), { documentId: adopted.id })
  t.equal(fileName, 'operating-regulations-2025-v2')
  t.match(data, { issuer: ['Bộ Công an', 'Cụm thi đua số 9'], place: 'Lào Cai', date: '2025-01-10', adoption: { conferenceTitle: conference.title, adoptedOn: '2025-01-10' } })
})

t.test('refusals change nothing', async (t) => {
  const s = await services(t)
  const { clusterId } = await seedCluster(s)
  const other = await s.write(async ({ trx }) => {
    const { block_id: blockId } = await trx('clusters').where({ id: clusterId }).first('block_id')
    const cluster = await insertCluster(trx, { number: 10, name: 'Cụm thi đua số 10', blockId, foundedOn: '2018-01-01', foundingDecision: null, rules: DEFAULT_RULES })
    return { clusterId: cluster.id }
  })
  const conference = await conferenceOf(s, clusterId, '2025-01-10T08:00:00+07:00')
  const elsewhere = await conferenceOf(s, other.clusterId, '2025-01-10T08:00:00+07:00')
  const draft = await s.write((ctx) => draftClusterDocument(ctx, { clusterId, ...content }))
  const adopt = (conferenceId: string, adoptedOn: string) =>
    s.write((ctx) => adoptClusterDocument(ctx, { documentId: draft.id, conferenceId, adoptedOn }))

  await t.rejects(s.write((ctx) => draftClusterDocument(ctx, { clusterId, ...content }), secretariatOf(other.clusterId)), refusal('forbidden'))
  await t.rejects(adopt(elsewhere.id, '2025-01-10'), refusal('document_conference_other_cluster'))
  await t.rejects(adopt(conference.id, '2025-01-11'), refusal('document_adopted_off_conference_date'))
  await t.rejects(s.write((ctx) => updateClusterDocument(ctx, { documentId: draft.id, ifMatch: '"v9"', title: 'X' })), refusal('precondition_failed'))
  t.same(await readClusterDocument(s.read(), { documentId: draft.id }), draft, 'unchanged')

  const adopted = await adopt(conference.id, '2025-01-10')
  await t.rejects(s.write((ctx) => updateClusterDocument(ctx, { documentId: adopted.id, title: 'Khác' })), refusal('document_not_draft'))
  await t.rejects(adopt(conference.id, '2025-01-10'), refusal('document_not_draft'))
  const early = await conferenceOf(s, clusterId, '2024-12-20T08:00:00+07:00')
  const next = await s.write((ctx) => draftClusterDocument(ctx, { clusterId, ...content }))
  await t.rejects(s.write((ctx) => adoptClusterDocument(ctx, { documentId: next.id, conferenceId: early.id, adoptedOn: '2024-12-20' })), refusal('document_adoption_before_current'))
  t.equal((await readClusterDocument(s.read(), { documentId: adopted.id })).status, 'adopted', 'still in force')
})
