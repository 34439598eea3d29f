import t from 'tap'
import { createConference } from '../../src/services/conferences.js'
import { insertCluster } from '../../src/db/clusters-repository.js'
import { insertUnit } from '../../src/db/units-repository.js'
import { DEFAULT_RULES } from '../../src/domain/cluster-rules.js'
import {
  answerReportComment, commentOnReport, commentTag, draftReport, finalizeReport, listClusterReports, listReportComments, openReport, readReport,
  reportDocumentData, reportTag, reviseReport
} from '../../src/services/reports.js'
import { reportHash } from '../../src/domain/report.js'
import { ADMIN, READER, secretariatOf, seedCluster, services, unitActor, type Services } from '../helpers/services.js'

const refusal = (code: string) => ({ name: 'DomainError', code })
const NIL = '00000000-0000-4000-8000-000000000000'
const SECTIONS = [
  { code: 'I', title: 'Kết quả thực hiện phong trào thi đua', text: 'Các đơn vị hoàn thành xuất sắc nhiệm vụ.\nĐảm bảo an ninh, trật tự.' },
  { code: 'II', title: 'Tồn tại,  hạn chế', text: 'Việc chấm điểm còn chậm.' },
  { code: 'III', title: 'Phương hướng năm 2025', text: 'Tiếp tục đẩy mạnh phong trào thi đua.' }
]
const conference = (s: Services, clusterId: string, attendingUnitIds: string[]) => s.write((ctx) => createConference(ctx, {
  clusterId, kind: 'annual_review', title: 'Hội nghị tổng kết công tác thi đua năm 2024', year: 2024, heldAt: '2024-12-20T08:00:00+07:00',
  chair: { name: 'Đặng Xuân Hồng', rank: 'Trung tướng', position: 'Cục trưởng' }, attendingUnitIds
} as never))
const eventTypes = async (s: Services) => s.db('events').where('type', 'like', 'report%').orderBy('position').pluck('type')

t.test('a report from draft through comments to final, each step journaled', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan] = Object.values(units)
  const secretariat = secretariatOf(clusterId)

  const draft = await s.write((ctx) => draftReport(ctx, { clusterId, period: 'annual', year: 2024, sections: SECTIONS }), secretariat)
  t.match(draft, { status: 'draft', contentHash: null, version: 1 })
  t.equal(draft.sections[1].title, 'Tồn tại, hạn chế', 'stored normalised')
  await t.rejects(readReport(s.read(unitActor(yte)), { reportId: draft.id }), refusal('report_not_found'), 'a unit does not see a draft')
  t.same((await listClusterReports(s.read(unitActor(yte)), { clusterId })).items, [])

  const opened = await s.write((ctx) => openReport(ctx, { reportId: draft.id, ifMatch: reportTag(draft) }), secretariat)
  t.equal(opened.status, 'open_for_comments')
  t.same(await readReport(s.read(unitActor(yte)), { reportId: draft.id }), opened)

  const own = await s.write((ctx) => commentOnReport(ctx, { reportId: draft.id, unitId: yte, sectionCode: 'II', text: ' Đề nghị bổ sung nguyên nhân. ' }), unitActor(yte))
  t.match(own, { unitName: 'Cục Y tế', sectionCode: 'II', text: 'Đề nghị bổ sung nguyên nhân.', onBehalf: false, disposition: null })
  const onBehalf = await s.write((ctx) => commentOnReport(ctx, { reportId: draft.id, unitId: haucan, sectionCode: 'III', text: 'Nhất trí.' }), secretariat)
  t.equal(onBehalf.onBehalf, true)

  t.same((await listReportComments(s.read(unitActor(yte)), { reportId: draft.id })).items.map((c) => c.id), [own.id], 'a unit sees its own')
  t.same((await listReportComments(s.read(READER), { reportId: draft.id })).items.map((c) => c.id), [own.id, onBehalf.id])
  await t.rejects(listReportComments(s.read(secretariatOf(NIL)), { reportId: draft.id }), refusal('forbidden'))

  const revised = await s.write((ctx) => reviseReport(ctx, { reportId: draft.id, sections: [...SECTIONS.slice(0, 2), { ...SECTIONS[2], text: 'Bổ sung.' }] }), secretariat)
  t.equal(revised.sections[2].text, 'Bổ sung.')
  await t.rejects(s.write((ctx) => reviseReport(ctx, { reportId: draft.id, sections: SECTIONS.slice(0, 1) })), refusal('report_section_has_comments'))

  const held = await conference(s, clusterId, [yte, haucan])
  await t.rejects(s.write((ctx) => finalizeReport(ctx, { reportId: draft.id, conferenceId: held.id })), { code: 'report_comments_waiting', details: { waiting: 2 } })
  const answered = await s.write((ctx) => answerReportComment(ctx, { reportId: draft.id, commentId: own.id, disposition: 'accepted', answer: 'Tiếp thu.', ifMatch: commentTag(own) }), secretariat)
  t.match(answered, { disposition: 'accepted', answer: 'Tiếp thu.', version: 2 })
  await t.rejects(s.write((ctx) => answerReportComment(ctx, { reportId: draft.id, commentId: onBehalf.id, disposition: 'accepted', answer: 'x', ifMatch: '"v9"' })), refusal('precondition_failed'))
  await s.write((ctx) => answerReportComment(ctx, { reportId: draft.id, commentId: onBehalf.id, disposition: 'not_accepted', answer: 'Đã có trong mục III.' }))

  const final = await s.write((ctx) => finalizeReport(ctx, { reportId: draft.id, conferenceId: held.id }), secretariat)
  t.match(final, { status: 'final', conferenceId: held.id })
  t.equal(final.contentHash, reportHash({ ...final, conferenceId: held.id }))
  await t.rejects(s.write((ctx) => reviseReport(ctx, { reportId: draft.id, sections: SECTIONS })), refusal('report_final'))
  await t.rejects(s.write((ctx) => answerReportComment(ctx, { reportId: draft.id, commentId: own.id, disposition: 'not_accepted', answer: 'x' })), refusal('report_final'))
  await t.rejects(s.write((ctx) => commentOnReport(ctx, { reportId: draft.id, unitId: yte, sectionCode: 'I', text: 'Muộn.' }), unitActor(yte)), refusal('report_not_open'))

  t.same(await eventTypes(s), ['report.created', 'report.opened', 'report_comment.created', 'report_comment.created', 'report.updated',
    'report_comment.answered', 'report_comment.answered', 'report.finalized'])

  const { data, fileName } = await reportDocumentData(s.read(unitActor(yte)), { reportId: draft.id })
  t.equal(fileName, 'bao-cao-tong-ket-2024')
  t.match(data, { clusterName: 'Cụm thi đua số 9', status: 'final', contentHash: final.contentHash, adoptedAt: { title: 'Hội nghị tổng kết công tác thi đua năm 2024', heldOn: '2024-12-20' } })
})

t.test('refusals change nothing', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan] = Object.values(units)
  const outsider = await s.write(async ({ trx }) => (await insertUnit(trx, { name: 'Cục Công nghệ thông tin' })).id)
  const draft = await s.write((ctx) => draftReport(ctx, { clusterId, period: 'mid_year', year: 2024, sections: SECTIONS }))

  await t.rejects(s.write((ctx) => draftReport(ctx, { clusterId, period: 'mid_year', year: 2024 })), refusal('report_exists'))
  await t.rejects(s.write((ctx) => draftReport(ctx, { clusterId, period: 'annual', year: 2024 }), secretariatOf(NIL)), refusal('forbidden'))
  await t.rejects(s.write((ctx) => draftReport(ctx, { clusterId, period: 'annual', year: 2024, sections: [SECTIONS[0], SECTIONS[0]] })), refusal('report_section_code_repeated'))
  await t.rejects(s.write((ctx) => commentOnReport(ctx, { reportId: draft.id, unitId: yte, sectionCode: 'I', text: 'Sớm.' })), refusal('report_not_open'))
  await t.rejects(s.write((ctx) => finalizeReport(ctx, { reportId: draft.id, conferenceId: NIL })), refusal('conference_not_found'))
  await t.rejects(s.write((ctx) => openReport(ctx, { reportId: draft.id, ifMatch: '"v7"' })), refusal('precondition_failed'))
  const empty = await s.write((ctx) => draftReport(ctx, { clusterId, period: 'annual', year: 2024 }))
  await t.rejects(s.write((ctx) => openReport(ctx, { reportId: empty.id })), refusal('report_without_sections'))

  await s.write((ctx) => openReport(ctx, { reportId: draft.id }))
  await t.rejects(s.write((ctx) => openReport(ctx, { reportId: draft.id })), refusal('report_not_draft'))
  await t.rejects(s.write((ctx) => commentOnReport(ctx, { reportId: draft.id, unitId: haucan, sectionCode: 'I', text: 'x' }), unitActor(yte)), refusal('forbidden'))
  await t.rejects(s.write((ctx) => commentOnReport(ctx, { reportId: draft.id, unitId: yte, sectionCode: 'IV', text: 'x' })), refusal('report_section_unknown'))
  await t.rejects(s.write((ctx) => commentOnReport(ctx, { reportId: draft.id, unitId: outsider, sectionCode: 'I', text: 'x' })), refusal('report_unit_not_member'))
  await t.rejects(s.write((ctx) => commentOnReport(ctx, { reportId: draft.id, unitId: NIL, sectionCode: 'I', text: 'x' })), refusal('unit_not_found'))
  await t.rejects(s.write((ctx) => answerReportComment(ctx, { reportId: draft.id, commentId: NIL, disposition: 'accepted', answer: 'x' })), refusal('report_comment_not_found'))

  // Another cluster's conference did not adopt this report.
  const otherCluster = await s.write(async ({ trx }) => (await insertCluster(trx, {
    number: 8, name: 'Cụm thi đua số 8', blockId: (await trx('clusters').where({ id: clusterId }).first('block_id')).block_id, foundedOn: null, foundingDecision: null, rules: DEFAULT_RULES
  })).id)
  const elsewhere = await conference(s, otherCluster, [])
  await t.rejects(s.write((ctx) => finalizeReport(ctx, { reportId: draft.id, conferenceId: elsewhere.id })), refusal('report_conference_not_in_cluster'))
  t.equal((await readReport(s.read(ADMIN), { reportId: draft.id })).status, 'open_for_comments')
  t.equal(Number((await s.db('report_comments').count({ n: '*' }))[0].n), 0)
  t.same(await eventTypes(s), ['report.created', 'report.created', 'report.opened'])
})
