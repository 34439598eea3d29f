// The typed event feed and audit trail against the contract: a year of Cụm thi đua số 9 (and a scheme of Cụm 8)
// driven over HTTP emits every catalogued event type; each event and audit record read back must validate against
// the schema the contract documents for its type, and a type the contract does not name fails.
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import t from 'tap'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats'
import { EVENT_TYPE_NAMES, EVENT_TYPES } from '../../src/domain/event-types.js'
import type { Change } from '../../src/services/context.js'
import { build } from '../helpers/build.js'
import { caller, created, expectStatus } from '../helpers/http.js'
import { castAll, openElection, seedFinalRanking } from '../helpers/elections.js'
import { CLUSTER_9_SCHEME, targetsFor } from '../helpers/scoring.js'
import { CLUSTER_8_UNITS } from '../helpers/clusters.js'
import { pledge2022 } from '../helpers/pledges.js'
import { loadContract } from '../fuzz/contract.js'

const addFormats = (addFormatsModule as unknown as { default: FormatsPlugin }).default
const DOCUMENT_ID = 'https://thidua.invalid/openapi.json'

type Json = Record<string, any>

/** `#/components/...` refs made absolute, so a component compiled on its own still finds the others. */
const absolute = (node: unknown): unknown => Array.isArray(node)
  ? node.map(absolute)
  : node !== null && typeof node === 'object'
    ? Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? DOCUMENT_ID + v : absolute(v)]))
    : node

/** Validators for the contract's components, and the discriminator mapping of a oneOf component. */
function contractSchemas (document: Json) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true })
  addFormats(ajv)
  ajv.addSchema({ $id: DOCUMENT_ID, components: absolute(document.components) as object })
  const components: Json = document.components.schemas
  const compiled = new Map<string, ValidateFunction>()
  const validatorOf = (name: string) => {
    let validate = compiled.get(name)
    if (!validate) compiled.set(name, validate = ajv.getSchema(`${DOCUMENT_ID}#/components/schemas/${name}`)!)
    return validate
  }
  /** The component the discriminator of `union` maps `tag` to; undefined when the contract does not name the tag. */
  const branchOf = (union: string, tag: string): string | undefined =>
    components[union].discriminator.mapping[tag]?.replace('#/components/schemas/', '')
  return { components, validatorOf, branchOf }
}

/** Every item of a paginated list, following its cursor. */
async function readAll (get: (query: string) => Promise<Json>, firstQuery: string, next: (page: Json) => string | null) {
  const items: Json[] = []
  for (let query: string | null = firstQuery; query !== null;) {
    const page = await get(query)
    items.push(...page.items)
    query = next(page)
  }
  return items
}

// What `npm run typecheck` refuses: a change under an action the catalogue does not list, or under another
// resource type than the action's.
export const refused: Change[] = [
  // @ts-expect-error an unlisted action
  { action: 'unit.renamed', resourceType: 'unit', resourceId: 'H06' },
  // @ts-expect-error a ballot is about its election, not a unit
  { action: 'ballot.cast', resourceType: 'unit', resourceId: 'H06' }
]

// The DELETE operations come with their own change; until a route exists, its type cannot be emitted here.
const DELETIONS = {
  'unit.deleted': '/v1/units/:unitId',
  'block.deleted': '/v1/blocks/:blockId',
  'cluster.deleted': '/v1/clusters/:clusterId',
  'pledge.deleted': '/v1/pledges/:pledgeId',
  'conference.deleted': '/v1/conferences/:conferenceId',
  'scoring_scheme.deleted': '/v1/scoring-schemes/:schemeId',
  'election.deleted': '/v1/elections/:electionId'
} as const

t.test('every event and audit record of a cluster year validates against the schema the contract documents for its type', async (t) => {
  const clock = { now: new Date('2024-12-10T03:00:00Z') }
  const built = await build(t, { clock: () => clock.now, webhooks: { allowHttp: true, allowHosts: ['127.0.0.1'] } })
  const { app, admin } = built
  const as = caller(app)
  const deletableTypes = new Set(Object.entries(DELETIONS).filter(([, url]) => app.hasRoute({ method: 'DELETE', url })).map(([type]) => type))
  const remove = async (type: keyof typeof DELETIONS, url: string) => {
    if (!deletableTypes.has(type)) return
    const answer = await app.inject({ method: 'DELETE', url, headers: { authorization: admin } })
    t.ok(answer.statusCode === 200 || answer.statusCode === 204, `${type}: ${answer.statusCode} ${answer.body}`)
  }

  // Cụm 9's 2024: members, the published scheme, every card saved, submitted and reviewed (seedFinalRanking).
  const seeded = await seedFinalRanking(built, { finalize: false })
  const { cluster9, cluster8, units, schemeId, secretariat, unitToken, yte, cnan, haucan, bv198, bv304, bv199 } = seeded
  const c9 = cluster9.id as string
  const card = (unitId: string) => `/v1/scoring-schemes/${schemeId}/scorecards/${unitId}`
  // Cục Hậu cần's card goes back to it for revision; it submits again and is reviewed as before.
  await expectStatus(as(secretariat).post(`${card(haucan)}/return`, { reason: 'Tiêu chí I.2 thiếu tài liệu kiểm chứng; đề nghị đơn vị bổ sung và gửi lại.' }), 200)
  await expectStatus(as(unitToken(haucan)).post(`${card(haucan)}/submit`, {}), 200)
  await expectStatus(as(secretariat).post(`${card(haucan)}/review`, { entries: [] }), 200)
  // Cục Công nghiệp an ninh explains its reviewed card, the secretariat reviews it again, the scores are finalized.
  await expectStatus(as(unitToken(cnan)).post(`${card(cnan)}/explain`, { entries: [{ code: 'I.3', comment: 'Sáng kiến thứ ba được công nhận tháng 12, kèm quyết định' }] }), 200)
  await expectStatus(as(secretariat).post(`${card(cnan)}/review`, { entries: [{ code: 'I.3', points: 7.5, comment: 'Công nhận thêm 1 sáng kiến' }] }), 200)
  await expectStatus(as(secretariat).post(`/v1/scoring-schemes/${schemeId}/finalize`, {}), 200)

  await expectStatus(as(admin).patch(`/v1/units/${yte}`, { shortName: 'CYT' }), 200)
  await expectStatus(as(admin).patch(`/v1/clusters/${c9}`, { rules: { membersReadDisciplineRecords: true } }), 200)
  await expectStatus(as(admin).put(`/v1/clusters/${c9}/terms/2024`, { headUnitId: yte, deputyUnitId: haucan }), 201)
  // The head unit founds its advisory group (Tổ tư vấn), then replaces it: a member added, the first keeping its id.
  const advisoryUrl = `/v1/clusters/${c9}/advisory-groups/2024`
  const advisoryDecision = { number: '15/QĐ-H06-PV01', date: '2024-01-05', issuer: 'Cục Y tế' }
  const advisory = await expectStatus(as(secretariat).put(advisoryUrl, { decision: advisoryDecision, members: [{ name: 'Nguyễn Văn Hùng', rank: 'Thượng tá', position: 'Trưởng phòng Tham mưu', unitId: yte }] }), 201)
  await expectStatus(as(secretariat).put(advisoryUrl, { decision: advisoryDecision, members: [...advisory.members, { name: 'Trần Thị Mai', position: 'Chuyên viên', unitId: haucan }] }), 200)

  // The pledge: drafted, changed, opened, signed by all seven (in force), then a second version opened over it.
  const ids9 = [yte, cnan, haucan, bv198, bv304, bv199, seeded.yhct]
  const pledge = await expectStatus(as(secretariat).post(`/v1/clusters/${c9}/pledges`, { ...pledge2022(ids9), year: 2024, title: 'Giao ước thi đua phong trào "Vì an ninh Tổ quốc" năm 2024' }), 201)
  await expectStatus(as(secretariat).patch(`/v1/pledges/${pledge.id}`, { slogan: 'Kỷ cương, Trách nhiệm, Đoàn kết, Hiệu quả' }), 200)
  await expectStatus(as(secretariat).post(`/v1/pledges/${pledge.id}/open`, undefined), 200)
  for (const unitId of ids9) {
    await expectStatus(as(unitToken(unitId)).post(`/v1/pledges/${pledge.id}/signatures`, { unitId, signerName: 'Thủ trưởng đơn vị', signerPosition: 'Cục trưởng' }), 201)
  }
  const second = await expectStatus(as(secretariat).post(`/v1/pledges/${pledge.id}/versions`, undefined), 201)
  await expectStatus(as(secretariat).post(`/v1/pledges/${second.id}/open`, undefined), 200)

  // The annual review, changed and finalized.
  const conference = await expectStatus(as(secretariat).post(`/v1/clusters/${c9}/conferences`, {
    kind: 'annual_review',
    title: 'Hội nghị tổng kết phong trào thi đua "Vì an ninh Tổ quốc" năm 2024',
    year: 2024,
    heldAt: '2024-12-10T08:00:00+07:00',
    chair: { name: 'Nguyễn Văn A', rank: 'Thiếu tướng', position: 'Cục trưởng Cục Y tế', unitId: yte },
    attendingUnitIds: ids9.slice(1)
  }), 201)
  await expectStatus(as(secretariat).patch(`/v1/conferences/${conference.id}`, { location: 'Hà Nội' }), 200)

  // The regulations for 2025 (seed 004): drafted, changed, adopted at the review, then a revision adopted over them.
  const regulations = { kind: 'operating_regulations', year: 2025, title: 'Quy chế hoạt động của Cụm thi đua số 9', chapters: [{ title: 'Quy định chung', articles: [{ title: 'Phạm vi điều chỉnh', clauses: ['Quy chế này quy định về tổ chức, hoạt động của Cụm.'] }] }] }
  const adoption = { conferenceId: conference.id, adoptedOn: '2024-12-10' }
  const rules = await expectStatus(as(secretariat).post(`/v1/clusters/${c9}/documents`, regulations), 201)
  await expectStatus(as(secretariat).patch(`/v1/documents/${rules.id}`, { title: 'Quy chế hoạt động của Cụm thi đua số 9 năm 2025' }), 200)
  await expectStatus(as(secretariat).post(`/v1/documents/${rules.id}/adopt`, adoption), 200)
  const revision = await expectStatus(as(secretariat).post(`/v1/clusters/${c9}/documents`, regulations), 201)
  await expectStatus(as(secretariat).post(`/v1/documents/${revision.id}/adopt`, adoption), 200)

  // Elections: one drafted and cancelled, the Ministry flag for Cục Y tế, then the 2025 head and deputy.
  const cancelled = await expectStatus(as(secretariat).post(`/v1/clusters/${c9}/elections`, { kind: 'title', titleCode: 'ministry_flag', termYear: 2024, candidateUnitIds: [yte] }), 201)
  await expectStatus(as(secretariat).post(`/v1/elections/${cancelled.id}/cancel`, { reason: 'Lập nhầm, bầu tại hội nghị tổng kết' }), 200)
  const mistaken = await expectStatus(as(secretariat).post(`/v1/clusters/${c9}/elections`, { kind: 'title', titleCode: 'ministry_flag', termYear: 2024, candidateUnitIds: [yte] }), 201)
  await remove('election.deleted', `/v1/elections/${mistaken.id}`)
  const everyone = (choice: string): Array<[string, string[]]> => ids9.map((voter) => [voter, [choice]])
  const close = (electionId: string) => expectStatus(as(secretariat).post(`/v1/elections/${electionId}/close`, {}), 200)
  const flag = await openElection(app, secretariat, c9, { kind: 'title', titleCode: 'ministry_flag', termYear: 2024, candidateUnitIds: [yte], conferenceId: conference.id })
  await castAll(app, unitToken, flag, everyone(yte))
  await close(flag)
  const head = await openElection(app, secretariat, c9, { kind: 'leadership', office: 'head', termYear: 2025, candidateUnitIds: [cnan, bv304], conferenceId: conference.id })
  await castAll(app, unitToken, head, everyone(cnan))
  await close(head)
  const deputy = await openElection(app, secretariat, c9, { kind: 'leadership', office: 'deputy', termYear: 2025, candidateUnitIds: [haucan, bv199], conferenceId: conference.id })
  await castAll(app, unitToken, deputy, everyone(haucan))
  await close(deputy)

  // Award dossiers: the Ministry flag for Cục Y tế, returned once, submitted again and accepted (decided with the
  // Ministry's decision below); Bằng khen for Cục Công nghiệp an ninh and Bệnh viện 30/4 (voted here), accepted, then
  // awarded one proposal at a time.
  const ministry = built.auth({ role: 'ministry', sub: 'phong-thi-dua-bo' })
  const certificate = await openElection(app, secretariat, c9, { kind: 'title', titleCode: 'ministry_certificate', termYear: 2024, seats: 2, candidateUnitIds: [cnan, bv304] })
  await castAll(app, unitToken, certificate, ids9.map((voter) => [voter, [cnan, bv304]]))
  await close(certificate)
  const reportOf = async (unitId: string): Promise<string> => (await expectStatus(app.inject({
    method: 'POST',
    url: '/v1/files',
    headers: { authorization: unitToken(unitId), 'content-type': 'application/pdf', 'content-disposition': "attachment; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20th%C3%A0nh%20t%C3%ADch.pdf" },
    payload: Buffer.from('%PDF-1.7\n% Báo cáo thành tích năm 2024\n%%EOF\n')
  }), 201)).id
  const dossierOf = async (titleCode: string, unitIds: string[]) => {
    const dossier = await expectStatus(as(secretariat).post(`/v1/clusters/${c9}/dossiers`, { year: 2024, titleCode }), 201)
    for (const unitId of unitIds) {
      await expectStatus(as(unitToken(unitId)).post(`/v1/dossiers/${dossier.id}/attachments`, { fileId: await reportOf(unitId), kind: 'achievement_report', unitId }), 201)
    }
    await expectStatus(as(secretariat).post(`/v1/dossiers/${dossier.id}/submit`, {}), 200)
    const proposals: Array<{ proposalId: string, unitId: string }> = dossier.proposals
    return { id: dossier.id as string, proposalIds: proposals.map((p) => p.proposalId), proposals }
  }
  const flagDossier = await dossierOf('ministry_flag', [yte])
  await expectStatus(as(ministry).post(`/v1/dossiers/${flagDossier.id}/return`, { reason: 'Đề nghị bổ sung biên bản hội nghị bình xét.' }), 200)
  // The cluster attaches the wrong file to the returned dossier and takes it back.
  const misplaced = await expectStatus(as(secretariat).post(`/v1/dossiers/${flagDossier.id}/attachments`, { fileId: await reportOf(yte), kind: 'other' }), 201)
  await expectStatus(as(secretariat).delete(`/v1/dossiers/${flagDossier.id}/attachments/${misplaced.attachments.at(-1).id}`), 200)
  await expectStatus(as(secretariat).post(`/v1/dossiers/${flagDossier.id}/submit`, {}), 200)
  await expectStatus(as(ministry).post(`/v1/dossiers/${flagDossier.id}/accept`, { proposalIds: flagDossier.proposalIds }), 200)
  const certificates = await dossierOf('ministry_certificate', [cnan, bv304])
  await expectStatus(as(ministry).post(`/v1/dossiers/${certificates.id}/accept`, { proposalIds: certificates.proposalIds }), 200)
  // Each Bằng khen by a decision of its own: the first leaves the dossier waiting for the other, the second decides it.
  for (const [i, { proposalId, unitId }] of certificates.proposals.entries()) {
    await expectStatus(as(ministry).post('/v1/award-decisions', {
      number: `${310 + i}/QĐ-BCA-X03`, date: '2025-01-15', issuer: 'Bộ Công an', signer: { name: 'Thượng tướng Lê Quốc Hùng', position: 'Thứ trưởng' }, year: 2024,
      awards: [{ titleCode: 'ministry_certificate', unitId, proposalId }]
    }), 201)
  }

  // The annual report: drafted, opened, commented on by Cục Hậu cần, revised, the comment accepted, adopted.
  const reportSections = [
    { code: 'I', title: 'Kết quả thực hiện phong trào thi đua', text: 'Các đơn vị hoàn thành xuất sắc nhiệm vụ.' },
    { code: 'II', title: 'Tồn tại, hạn chế', text: 'Việc chấm điểm còn chậm.' }
  ]
  const report = await expectStatus(as(secretariat).post(`/v1/clusters/${c9}/reports`, { period: 'annual', year: 2024, sections: reportSections }), 201)
  await expectStatus(as(secretariat).post(`/v1/reports/${report.id}/open`, undefined), 200)
  const comment = await expectStatus(as(unitToken(haucan)).post(`/v1/reports/${report.id}/comments`, { unitId: haucan, sectionCode: 'II', text: 'Đề nghị bổ sung nguyên nhân.' }), 201)
  await expectStatus(as(secretariat).patch(`/v1/reports/${report.id}`, { sections: [...reportSections, { code: 'III', title: 'Phương hướng năm 2025', text: 'Tiếp tục đẩy mạnh phong trào.' }] }), 200)
  await expectStatus(as(secretariat).patch(`/v1/reports/${report.id}/comments/${comment.id}`, { disposition: 'accepted', answer: 'Tiếp thu.' }), 200)
  await expectStatus(as(secretariat).post(`/v1/reports/${report.id}/finalize`, { conferenceId: conference.id }), 200)
  // The minutes are finalized once what the conference adopted is recorded (a finalized conference adopts nothing more).
  await expectStatus(as(secretariat).post(`/v1/conferences/${conference.id}/finalize`, undefined), 200)

  // A discipline record of Bệnh viện 199, recorded then put in force.
  const record = await expectStatus(as(secretariat).post(`/v1/units/${bv199}/discipline-records`, { from: '2024-12-01', status: 'pending', note: 'Chờ quyết định xử lý kỷ luật tập thể theo kết luận kiểm tra' }), 201)
  await expectStatus(as(secretariat).patch(`/v1/discipline-records/${record.id}`, { status: 'in_force' }), 200)

  // The Ministry's campaign for the 79th anniversary of the CAND across the block: launched, its end moved, Cụm 9 and
  // Cục Y tế recorded by the admin (the campaign is over), Cục Y tế's result reported.
  const campaign = await expectStatus(as(admin).post('/v1/campaigns', {
    name: 'Đợt thi đua cao điểm chào mừng kỷ niệm 79 năm Ngày truyền thống CAND', issuer: 'Bộ trưởng Bộ Công an',
    from: '2024-05-01', until: '2024-08-15', scope: { blockIds: [cluster9.blockId] }
  }), 201)
  await expectStatus(as(admin).patch(`/v1/campaigns/${campaign.id}`, { until: '2024-08-19' }), 200)
  await expectStatus(as(admin).post(`/v1/campaigns/${campaign.id}/participants`, { clusterId: c9 }), 201)
  const joined = await expectStatus(as(admin).post(`/v1/campaigns/${campaign.id}/participants`, { unitId: yte }), 201)
  await expectStatus(as(unitToken(yte)).patch(`/v1/campaigns/${campaign.id}/participants/${joined.id}`, { result: 'Hoàn thành vượt mức 3/3 chỉ tiêu của đợt thi đua' }), 200)

  // The cluster's own title added to the catalogue, then its legal basis corrected.
  await expectStatus(as(admin).post('/v1/titles', {
    code: 'cluster_excellent', name: 'Đơn vị xuất sắc của Cụm thi đua số 9', level: 'unit', recipient: 'collective',
    standard: { ranking: 'ministry_flag_band', consecutiveYears: 1, description: 'Đơn vị xếp loại xuất sắc trong Cụm.' },
    legalBasis: 'Quy chế hoạt động của Cụm thi đua số 9, Điều 12.'
  }), 201)
  await expectStatus(as(admin).patch('/v1/titles/cluster_excellent', { legalBasis: 'Quy chế hoạt động của Cụm thi đua số 9 năm 2024, Điều 12.' }), 200)

  // The Ministry's decision honouring 2024: a flag to Cục Y tế, Chiến sĩ thi đua to one of its officers; the
  // officer's award revoked (the achievement misdeclared).
  const awarded = await expectStatus(as(admin).post('/v1/award-decisions', {
    number: '1234/QĐ-BCA-X03', date: '2025-01-20', issuer: 'Bộ Công an', signer: { name: 'Thượng tướng Lê Quốc Hùng', position: 'Thứ trưởng' }, year: 2024,
    awards: [{ titleCode: 'ministry_flag', unitId: yte, proposalId: flagDossier.proposalIds[0] }, { titleCode: 'emulation_fighter', person: { name: 'Nguyễn Văn An', rank: 'Đại tá', position: 'Phó Cục trưởng', unitId: yte } }]
  }), 201)
  await expectStatus(as(admin).post(`/v1/awards/${awarded.awards[1].id}/revoke`, {
    reason: 'Kê khai không trung thực thành tích.', decision: { number: '567/QĐ-BCA-X03', date: '2025-06-10', issuer: 'Bộ Công an' }
  }), 200)

  // Cụm 8's scheme: drafted, changed, targeted, published, then a second version published over it.
  const c8 = cluster8.id as string
  const ids8 = CLUSTER_8_UNITS.map((u) => units[u.name])
  const scheme8 = await expectStatus(as(admin).post(`/v1/clusters/${c8}/scoring-schemes`, CLUSTER_9_SCHEME), 201)
  await expectStatus(as(admin).patch(`/v1/scoring-schemes/${scheme8.id}`, { bonusCap: 8 }), 200)
  for (const [i, unitId] of ids8.entries()) await expectStatus(as(admin).put(`/v1/scoring-schemes/${scheme8.id}/targets/${unitId}`, { targets: targetsFor(i) }), 201)
  await expectStatus(as(admin).post(`/v1/scoring-schemes/${scheme8.id}/publish`, {}), 200)
  const version2 = await expectStatus(as(admin).post(`/v1/scoring-schemes/${scheme8.id}/versions`, {}), 201)
  await expectStatus(as(admin).post(`/v1/scoring-schemes/${version2.id}/publish`, {}), 200)
  // Viện Khoa học và công nghệ leaves Cụm 8.
  await expectStatus(as(admin).post(`/v1/clusters/${c8}/members/${units['Viện Khoa học và công nghệ']}/end`, { on: '2024-12-10' }), 200)

  // Evidence Cục Y tế keeps as a stored file, and a second copy uploaded by mistake and deleted.
  const upload = async () => {
    const answer = await app.inject({
      method: 'POST',
      url: '/v1/files',
      headers: { authorization: unitToken(yte), 'content-type': 'application/pdf', 'content-disposition': "attachment; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20th%C3%A0nh%20t%C3%ADch.pdf" },
      payload: Buffer.from('%PDF-1.7\n% Báo cáo thành tích năm 2024\n%%EOF\n')
    })
    t.equal(answer.statusCode, 201, `file.uploaded: ${answer.body}`)
    return answer.json() as { id: string }
  }
  await upload()
  const copy = await upload()
  const deleted = await app.inject({ method: 'DELETE', url: `/v1/files/${copy.id}`, headers: { authorization: unitToken(yte) } })
  t.equal(deleted.statusCode, 204, `file.deleted: ${deleted.body}`)

  // Webhooks: Cụm 9's secretariat subscribes, changes, rotates and replays, retries a delivery and unsubscribes; the
  // admin's subscription is disabled by its receiver's 410 Gone.
  const gone = http.createServer((req, res) => { req.resume(); req.on('end', () => res.writeHead(410).end()) })
  await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => gone.close(() => resolve())))
  const receiverUrl = `http://127.0.0.1:${(gone.address() as AddressInfo).port}/hooks`
  const hook = await expectStatus(as(secretariat).post('/v1/webhooks', { url: receiverUrl, eventTypes: ['cluster.updated'], description: 'Cổng thi đua Cụm 9' }), 201)
  await expectStatus(as(secretariat).patch(`/v1/webhooks/${hook.id}`, { eventTypes: ['cluster.updated', 'pledge.opened'] }), 200)
  await expectStatus(as(secretariat).post(`/v1/webhooks/${hook.id}/rotate-secret`, undefined), 200)
  await expectStatus(as(admin).patch(`/v1/clusters/${c9}`, { rules: { membersReadDisciplineRecords: false } }), 200)
  await app.jobs.runDue()
  const [delivery] = (await expectStatus(as(secretariat).get(`/v1/webhooks/${hook.id}/deliveries`), 200)).items
  await expectStatus(as(admin).patch(`/v1/webhooks/${hook.id}`, { active: true }), 200)
  await expectStatus(as(secretariat).post(`/v1/webhooks/${hook.id}/deliveries/${delivery.id}/retry`, undefined), 200)
  await expectStatus(as(secretariat).post(`/v1/webhooks/${hook.id}/replay`, { fromPosition: delivery.eventPosition }), 200)
  const unsubscribed = await app.inject({ method: 'DELETE', url: `/v1/webhooks/${hook.id}`, headers: { authorization: secretariat } })
  t.equal(unsubscribed.statusCode, 204, `webhook.deleted: ${unsubscribed.body}`)

  // Records made by mistake and removed, where the DELETE operation exists.
  if (deletableTypes.size > 0) {
    const block = await created(app, admin, '/v1/blocks', { name: 'Khối các đơn vị Công an địa phương' })
    const cluster = await created(app, admin, '/v1/clusters', { number: 1, name: 'Cụm thi đua số 1', blockId: block.id })
    const unit = await created(app, admin, '/v1/units', { name: 'Công an tỉnh Lào Cai', code: 'LCA' })
    const pledgeDraft = await created(app, admin, `/v1/clusters/${c8}/pledges`, { ...pledge2022(ids8.slice(0, 5)), year: 2025, title: 'Giao ước thi đua năm 2025' })
    const conferenceDraft = await created(app, admin, `/v1/clusters/${c8}/conferences`, {
      kind: 'mid_year_review', title: 'Sơ kết 6 tháng đầu năm 2025', year: 2025, heldAt: '2025-07-10T02:00:00Z', chair: { name: 'Nguyễn Văn B', rank: 'Đại tá', position: 'Phó Cục trưởng', unitId: null }, attendingUnitIds: []
    })
    const schemeDraft = await created(app, admin, `/v1/clusters/${c8}/scoring-schemes`, { ...CLUSTER_9_SCHEME, year: 2025 })
    await remove('scoring_scheme.deleted', `/v1/scoring-schemes/${schemeDraft.id}`)
    await remove('conference.deleted', `/v1/conferences/${conferenceDraft.id}`)
    await remove('pledge.deleted', `/v1/pledges/${pledgeDraft.id}`)
    await remove('unit.deleted', `/v1/units/${unit.id}`)
    await remove('cluster.deleted', `/v1/clusters/${cluster.id}`)
    await remove('block.deleted', `/v1/blocks/${block.id}`)
  }

  const { components, validatorOf, branchOf } = contractSchemas(app.swagger() as Json)
  const get = async (query: string) => expectStatus(as(admin).get(query), 200)
  const events = await readAll(get, '/v1/events?limit=200', (page) => page.nextCursor === null ? null : `/v1/events?limit=200&after=${page.nextCursor}`)
  const audits = await readAll(get, '/v1/audit-events?limit=200', (page) => page.nextCursor === null ? null : `/v1/audit-events?limit=200&cursor=${page.nextCursor}`)
  t.equal(events.length, audits.length, 'one event per audit record')

  t.test('the contract names every catalogued type, in the feed and in the audit trail alike', async (t) => {
    for (const [union, tag] of [['FeedEvent', 'type'], ['AuditEvent', 'action']]) {
      t.equal(components[union].discriminator.propertyName, tag)
      t.same(Object.keys(components[union].discriminator.mapping).sort(), [...EVENT_TYPE_NAMES].sort(), `${union} maps every type`)
      t.equal(components[union].oneOf.length, EVENT_TYPE_NAMES.length, `${union}: one branch per type`)
      for (const type of EVENT_TYPE_NAMES) {
        // A const, or the one-value enum @fastify/swagger writes for it (its convertConstToEnum).
        const branch = components[branchOf(union, type)!]
        const fixed = [branch, ...(branch.allOf ?? [])].find((part: Json) => part.properties?.[tag])?.properties[tag]
        t.same(fixed.const !== undefined ? [fixed.const] : fixed.enum, [type], `${union} maps ${type} to the branch whose ${tag} is that type`)
        const resourceType = [branch, ...(branch.allOf ?? [])].find((part: Json) => part.properties?.resourceType)?.properties.resourceType
        t.same(resourceType.const !== undefined ? [resourceType.const] : resourceType.enum, [EVENT_TYPES[type]], `${union}: ${type} is about a ${EVENT_TYPES[type]}`)
      }
    }
  })

  for (const [what, items, union, tag] of [['event', events, 'FeedEvent', 'type'], ['audit record', audits, 'AuditEvent', 'action']] as const) {
    t.test(`every ${what} validates against its type's schema and against the union`, async (t) => {
      for (const item of items) {
        const branch = branchOf(union, item[tag])
        if (!branch) {
          t.fail(`the ${what} type ${item[tag]} is not documented`)
          continue
        }
        const validate = validatorOf(branch)
        if (!validate(item)) t.fail(`${item[tag]} does not match ${branch}`, { errors: validate.errors, item })
        const whole = validatorOf(union)
        if (!whole(item)) t.fail(`${item[tag]} does not match ${union}`, { errors: whole.errors?.slice(0, 5) })
      }
      t.pass(`${items.length} ${what}s checked`)
    })
  }

  t.test('each page validates against the operation\'s documented response', async (t) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'event-catalogue-')), 'openapi.json')
    fs.writeFileSync(file, JSON.stringify(app.swagger()))
    const contract = loadContract(file)
    for (const [operationId, url] of [['listEvents', '/v1/events?limit=200'], ['listAuditEvents', '/v1/audit-events?limit=200']]) {
      const op = contract.operations.find((o) => o.operationId === operationId)!
      const validate = contract.validator(op, '200', 'application/json')
      t.ok(validate(await get(url)), `${operationId}: ${JSON.stringify(validate.errors?.slice(0, 3))}`)
    }
  })

  t.test('the sequence emits every catalogued type (a DELETE not yet routed excepted)', async (t) => {
    const emitted = new Set(events.map((e) => e.type))
    const audited = new Set(audits.map((a) => a.action))
    const expected = EVENT_TYPE_NAMES.filter((type) => !(type in DELETIONS) || deletableTypes.has(type))
    t.same(expected.filter((type) => !emitted.has(type)), [], 'no catalogued type missing from the feed')
    t.same(expected.filter((type) => !audited.has(type)), [], 'no catalogued action missing from the audit trail')
    t.comment(`not routed yet: ${Object.keys(DELETIONS).filter((type) => !deletableTypes.has(type)).join(', ') || 'none'}`)
  })

  t.test('?type= and ?action= take only catalogued types', async (t) => {
    const unknown = await as(admin).get('/v1/events?type=unit.renamed')
    t.equal(unknown.statusCode, 400)
    const auditUnknown = await as(admin).get('/v1/audit-events?action=unit.renamed')
    t.equal(auditUnknown.statusCode, 400)
    const ballots = await get('/v1/events?type=ballot.cast&limit=200')
    t.equal(ballots.items.length, 28, 'seven ballots in each of four elections')
    for (const event of ballots.items) t.same(Object.keys(event.data).sort(), ['round', 'voterUnitId'], 'a ballot event never carries choices')
  })
})
