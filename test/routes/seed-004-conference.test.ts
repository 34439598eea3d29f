// Seed 004 over HTTP: "Chiều 29/3, tại Hà Nội, Cụm thi đua số 5, khối các đơn vị trực thuộc Bộ Công an tổ chức Hội
// nghị Ký giao ước phong trào thi đua “Vì an ninh Tổ quốc”". At that conference the six units agreed the draft action
// programme for 2022, the operating regulations and the scoring rules; the founding decision of the advisory group
// for the head unit (Viện Khoa học hình sự) was announced; the 2021 results were reported; the leaders of the six
// units signed the 2022 pledge. Then what an integrator checks: each document adopted at that conference on its
// date and frozen under its hash, the decision printed, the pledge in force, and the minutes (PDF and .docx) naming
// all of it. The seed gives no decision number, no advisory members and no secretary: the decision's number, date
// and members below are made up for the test (marked so), and the minutes record no secretary.
import t from 'tap'
import { writeFileSync } from 'node:fs'
import { build } from '../helpers/build.js'
import { caller, created, expectStatus } from '../helpers/http.js'
import { CLUSTER_5_UNITS, pledge2022, seedCluster5, signer } from '../helpers/pledges.js'
import { pdfText } from '../documents/pdf-text.js'
import { docxText } from '../documents/docx-text.js'
import { documentHash } from '../../src/domain/cluster-document.js'

const DAY = '2022-03-29'
const PROGRAMME = 'Chương trình hành động phong trào thi đua “Vì an ninh Tổ quốc” năm 2022'
const REGULATIONS = 'Quy chế hoạt động của Cụm thi đua số 5'
const SCORING = 'Quy định chấm điểm phong trào thi đua “Vì an ninh Tổ quốc” năm 2022'
const CONFERENCE = 'Hội nghị Ký giao ước phong trào thi đua “Vì an ninh Tổ quốc” năm 2022'
const CHAIR = { name: 'Trần Việt Kiều', rank: 'Thiếu tướng', position: 'Viện trưởng Viện Khoa học hình sự' }
// Made up: the seed announces the decision without its number, date or members.
const DECISION = { number: '68/QĐ-VKHHS', date: '2022-03-25', issuer: 'Viện Khoa học hình sự' }

const article = (title: string, ...clauses: string[]) => ({ title, clauses })

t.test('seed 004: Cụm thi đua số 5 adopts its documents, announces its advisory group and signs its 2022 pledge', async (t) => {
  let now = new Date('2022-03-10T02:00:00Z')
  const { app, admin, auth } = await build(t, { clock: () => now })
  const as = caller(app)
  const block = await created(app, admin, '/v1/blocks', { name: 'Khối các đơn vị trực thuộc Bộ Công an' })
  const { cluster5, unitIds } = await seedCluster5(app, admin, block.id)
  const [vien] = unitIds
  const secretariat = as(auth({ role: 'secretariat', clusterId: cluster5.id, sub: 'thu-ky-cum-5' }))
  const reader = as(auth({ role: 'reader', sub: 'reader' }))
  const unit = (i: number) => as(auth({ role: 'unit', unitId: unitIds[i], sub: `unit-${i + 1}` }))

  // March: the head unit drafts the three documents, the pledge and the 2021 report; founds the advisory group.
  const draft = (kind: string, title: string, chapters: object[]) =>
    expectStatus(secretariat.post(`/v1/clusters/${cluster5.id}/documents`, { kind, year: 2022, title, chapters }), 201)
  const regulations = await draft('operating_regulations', REGULATIONS, [
    { title: 'Quy định chung', articles: [article('Phạm vi điều chỉnh', 'Quy chế này quy định về tổ chức, hoạt động của Cụm thi đua số 5, khối các đơn vị trực thuộc Bộ Công an.')] },
    { title: 'Tổ chức hoạt động', articles: [article('Đơn vị Cụm trưởng', 'Đơn vị Cụm trưởng chủ trì, tổ chức các hoạt động của Cụm; được Tổ tư vấn giúp việc thẩm định, chấm điểm thi đua.')] }
  ])
  const programme = await draft('action_programme', PROGRAMME, [
    { title: 'Mục đích, yêu cầu', articles: [article('Mục đích', 'Tạo phong trào thi đua sôi nổi ở từng đơn vị, hoàn thành xuất sắc nhiệm vụ chính trị được giao.')] }
  ])
  const scoring = await draft('scoring_rules_note', SCORING, [
    { title: 'Thang điểm', articles: [article('Cách chấm', 'Các đơn vị tự chấm điểm; đơn vị Cụm trưởng và Tổ tư vấn thẩm định.')] }
  ])
  const group = await expectStatus(secretariat.put(`/v1/clusters/${cluster5.id}/advisory-groups/2022`, {
    decision: DECISION,
    // Made up: one officer of each member unit.
    members: CLUSTER_5_UNITS.map((_, i) => ({ name: `Cán bộ Tổ tư vấn ${i + 1}`, rank: 'Thượng tá', position: 'Trưởng phòng Tham mưu', unitId: unitIds[i] }))
  }), 201)
  const pledge = await expectStatus(secretariat.post(`/v1/clusters/${cluster5.id}/pledges`, pledge2022(unitIds)), 201)
  await expectStatus(secretariat.post(`/v1/pledges/${pledge.id}/open`, undefined), 200)
  const report = await expectStatus(secretariat.post(`/v1/clusters/${cluster5.id}/reports`, {
    period: 'annual',
    year: 2021,
    sections: [
      { code: 'I', title: 'Kết quả thực hiện nhiệm vụ', text: 'Cụm thi đua số 5 đã bám sát Nghị quyết của Đảng ủy Công an Trung ương, Chỉ thị của Bộ Công an về nhiệm vụ công tác Công an năm 2021.' },
      { code: 'II', title: 'Khen thưởng', text: '2 đơn vị được tặng Cờ thi đua của Chính phủ; 4 đơn vị được tặng Cờ thi đua của Bộ Công an.' }
    ]
  }), 201)
  await expectStatus(secretariat.post(`/v1/reports/${report.id}/open`, undefined), 200)

  // The conference record: the six units present, the pledge and the advisory group linked.
  const conferenceBody = {
    kind: 'pledge_signing',
    title: CONFERENCE,
    year: 2022,
    heldAt: `${DAY}T14:00:00+07:00`,
    location: 'Hà Nội',
    chair: { ...CHAIR, unitId: vien },
    attendingUnitIds: unitIds,
    agenda: [
      'Báo cáo tổng kết phong trào thi đua “Vì an ninh Tổ quốc” năm 2021',
      'Góp ý, thống nhất dự thảo Chương trình hành động năm 2022, quy chế hoạt động và quy định chấm điểm phong trào thi đua',
      'Công bố Quyết định thành lập Tổ tư vấn cho đơn vị Cụm trưởng',
      'Ký giao ước thi đua năm 2022'
    ],
    minutes: 'Đại diện các đơn vị Cụm thi đua số 5 đã trao đổi, góp ý kiến thống nhất dự thảo Chương trình hành động phong trào thi đua “Vì an ninh Tổ quốc” năm 2022; quy chế hoạt động; quy định chấm điểm phong trào thi đua; dự thảo nội dung giao ước thi đua.',
    decisions: ['Các đơn vị trong Cụm thi đua số 5 tập trung nỗ lực, vượt qua khó khăn, tạo nên phong trào thi đua sôi nổi ở đơn vị mình để hoàn thành xuất sắc nhiệm vụ chính trị được giao.'],
    links: { pledgeId: pledge.id, advisoryGroupYear: 2022 }
  }
  const noGroup = await secretariat.post(`/v1/clusters/${cluster5.id}/conferences`, { ...conferenceBody, links: { advisoryGroupYear: 2023 } })
  t.match([noGroup.statusCode, noGroup.json().code], [422, 'linked_advisory_group_not_found'], 'a year without an advisory group is not linked')
  const conference = await expectStatus(secretariat.post(`/v1/clusters/${cluster5.id}/conferences`, conferenceBody), 201)
  t.match(conference.links, { pledgeId: pledge.id, electionIds: [], flagHandover: null, advisoryGroupYear: 2022 })

  // The afternoon of 29 March: the delegates' comments go into the programme, the three are adopted, the report is
  // final, and the six leaders sign.
  now = new Date(`${DAY}T08:00:00Z`)
  const agreed = await expectStatus(secretariat.patch(`/v1/documents/${programme.id}`, {
    chapters: [{ title: 'Mục đích, yêu cầu', articles: [article('Mục đích', 'Tạo phong trào thi đua sôi nổi ở từng đơn vị, hoàn thành xuất sắc nhiệm vụ chính trị được giao.'),
      article('Chỉ tiêu', 'Các đơn vị quyết tâm thi đua hoàn thành vượt mức các chỉ tiêu thi đua và nhiệm vụ công tác năm 2022.')] }]
  }, { 'if-match': '"v1"' }), 200)
  t.equal(agreed.chapters[0].articles.length, 2, 'the draft as the delegates agreed it')
  const wrongDay = await secretariat.post(`/v1/documents/${regulations.id}/adopt`, { conferenceId: conference.id, adoptedOn: '2022-03-30' })
  t.equal(wrongDay.json().code, 'document_adopted_off_conference_date')
  for (const { id } of [regulations, programme, scoring]) {
    await expectStatus(secretariat.post(`/v1/documents/${id}/adopt`, { conferenceId: conference.id, adoptedOn: DAY }), 200)
  }
  await expectStatus(secretariat.post(`/v1/reports/${report.id}/finalize`, { conferenceId: conference.id }), 200)
  for (let i = 0; i < 6; i++) {
    await expectStatus(unit(i).post(`/v1/pledges/${pledge.id}/signatures`, { unitId: unitIds[i], ...signer(i) }), 201)
  }
  const finalized = await expectStatus(secretariat.post(`/v1/conferences/${conference.id}/finalize`, undefined), 200)
  t.match(finalized, { status: 'finalized', heldOn: DAY, quorum: { members: 6, attending: 6, met: true } })

  // What an integrator checks: each document adopted at that conference on its date, frozen under its hash.
  for (const [document, title] of [[regulations, REGULATIONS], [programme, PROGRAMME], [scoring, SCORING]] as const) {
    const read = await expectStatus(reader.get(`/v1/documents/${document.id}`), 200)
    t.match(read, { title, year: 2022, versionNumber: 1, status: 'adopted', conferenceId: conference.id, adoptedOn: DAY, supersededById: null })
    t.equal(read.contentHash, documentHash(read), `${document.kind}: the hash is that of its content`)
    const edit = await secretariat.patch(`/v1/documents/${document.id}`, { title: 'Bản sửa' })
    t.match([edit.statusCode, edit.json().code], [409, 'document_not_draft'], `${document.kind}: a later edit is refused`)
    t.same(await expectStatus(reader.get(`/v1/documents/${document.id}`), 200), read, `${document.kind}: unchanged`)
    const printed = (await pdfText((await reader.get(`/v1/documents/${document.id}/document.pdf`)).rawPayload)).text
    t.ok(printed.includes(CONFERENCE) && printed.includes(read.contentHash), `${document.kind}: printed with its conference and hash`)
  }
  // The seed shows one version of each (agreed from the draft at the conference): none is superseded.
  const inForce = await expectStatus(reader.get(`/v1/clusters/${cluster5.id}/documents?year=2022`), 200)
  t.same(inForce.items.map((d: { kind: string, status: string }) => [d.kind, d.status]).sort(),
    [['action_programme', 'adopted'], ['operating_regulations', 'adopted'], ['scoring_rules_note', 'adopted']])

  // The advisory group's decision, announced at the conference, prints as the head unit's decision.
  const decisionPdf = await reader.get(`/v1/clusters/${cluster5.id}/advisory-groups/2022/decision.pdf`)
  t.equal(decisionPdf.statusCode, 200)
  const decisionText = (await pdfText(decisionPdf.rawPayload)).text
  for (const expected of ['QUYẾT ĐỊNH', 'Về việc thành lập Tổ tư vấn cho đơn vị Cụm trưởng Cụm thi đua số 5 năm 2022', 'Số: 68/QĐ-VKHHS', 'Cán bộ Tổ tư vấn 6']) {
    t.ok(decisionText.includes(expected), `the decision has "${expected}"`)
  }
  t.equal(group.members.length, 6)

  // The pledge: six signatures on the day, in force.
  t.match(await expectStatus(reader.get(`/v1/pledges/${pledge.id}`), 200), { status: 'in_force', contentHash: /^[0-9a-f]{64}$/ })
  const signatures = (await expectStatus(reader.get(`/v1/pledges/${pledge.id}/signatures`), 200)).items
  t.same(signatures.map((s: { unitName: string, signedOn: string }) => [s.unitName, s.signedOn]), CLUSTER_5_UNITS.map((name) => [name, DAY]))

  // The minutes name what the conference adopted and who signed, in the PDF and in the .docx alike.
  const pdf = await reader.get(`/v1/conferences/${conference.id}/minutes.pdf`)
  const docx = await reader.get(`/v1/conferences/${conference.id}/minutes.docx`)
  t.equal(pdf.statusCode, 200)
  t.equal(docx.statusCode, 200)
  writeFileSync('/tmp/seed004-minutes.pdf', pdf.rawPayload)
  const minutesPdf = (await pdfText(pdf.rawPayload)).text
  const minutesDocx = (await docxText(docx.rawPayload)).text.replace(/\s+/g, ' ')
  const expected = [
    'Hà Nội, ngày 29 tháng 3 năm 2022', 'BIÊN BẢN HỘI NGHỊ', CONFERENCE, 'Chủ trì: Thiếu tướng Trần Việt Kiều, Viện trưởng Viện Khoa học hình sự.',
    '6/6 đơn vị thành viên có mặt',
    'VĂN BẢN ĐƯỢC THÔNG QUA, CÔNG BỐ TẠI HỘI NGHỊ',
    `Thông qua ${REGULATIONS}.`, `Thông qua ${PROGRAMME}.`, `Thông qua ${SCORING}.`,
    'Thông qua Báo cáo tổng kết công tác thi đua năm 2021.',
    'Công bố Quyết định số 68/QĐ-VKHHS ngày 25/03/2022 của Viện Khoa học hình sự về việc thành lập Tổ tư vấn cho đơn vị Cụm trưởng năm 2022 (6 thành viên).',
    'KÝ GIAO ƯỚC THI ĐUA', 'Giao ước thi đua phong trào "Vì an ninh Tổ quốc" năm 2022: 6/6 đơn vị thành viên đã ký:',
    'Viện Khoa học hình sự: đồng chí Trần Việt Kiều, Viện trưởng.',
    ...CLUSTER_5_UNITS.slice(1).map((name, i) => `${name}: đồng chí Lãnh đạo đơn vị ${i + 2}, Cục trưởng.`)
  ]
  for (const line of expected) {
    t.ok(minutesPdf.includes(line), `the PDF has "${line.slice(0, 60)}"`)
    t.ok(minutesDocx.includes(line), `the .docx has "${line.slice(0, 60)}"`)
  }
  t.notOk(minutesPdf.includes('BẢN DỰ THẢO'), 'finalized: no draft mark')

  // The feed tells other systems the same story.
  const events = (await expectStatus(as(admin).get('/v1/events?limit=200'), 200)).items.map((e: { type: string }) => e.type)
  t.equal(events.filter((type: string) => type === 'cluster_document.adopted').length, 3)
  t.ok(events.includes('advisory_group.created') && events.includes('report.finalized') && events.includes('conference.finalized'))
})

t.test('the minutes print the signatures made when they were closed: one recorded later is not in them, one recorded for an earlier day carries its date', async (t) => {
  let now = new Date('2022-04-02T02:00:00Z')
  const { app, admin, auth } = await build(t, { clock: () => now })
  const as = caller(app)
  const block = await created(app, admin, '/v1/blocks', { name: 'Khối các đơn vị trực thuộc Bộ Công an' })
  const { cluster5, unitIds } = await seedCluster5(app, admin, block.id)
  const secretariat = as(auth({ role: 'secretariat', clusterId: cluster5.id }))
  const pledge = await expectStatus(secretariat.post(`/v1/clusters/${cluster5.id}/pledges`, pledge2022(unitIds)), 201)
  await expectStatus(secretariat.post(`/v1/pledges/${pledge.id}/open`, undefined), 200)
  const conference = await expectStatus(secretariat.post(`/v1/clusters/${cluster5.id}/conferences`, {
    kind: 'pledge_signing', title: CONFERENCE, year: 2022, heldAt: `${DAY}T14:00:00+07:00`, location: 'Hà Nội',
    chair: { ...CHAIR, unitId: unitIds[0] }, attendingUnitIds: unitIds, links: { pledgeId: pledge.id }
  }), 201)
  // Recorded on 2 April for the conference of 29 March: two signatures, then the record is closed, then a third.
  for (const i of [0, 1]) await expectStatus(secretariat.post(`/v1/pledges/${pledge.id}/signatures`, { unitId: unitIds[i], ...signer(i) }), 201)
  await expectStatus(secretariat.post(`/v1/conferences/${conference.id}/finalize`, undefined), 200)
  // The record's finalizedAt is the database's time (today), the signatures' the service's clock: an hour past now is after it.
  now = new Date(Date.now() + 3_600_000)
  await expectStatus(secretariat.post(`/v1/pledges/${pledge.id}/signatures`, { unitId: unitIds[2], ...signer(2) }), 201)
  const text = (await pdfText((await as(admin).get(`/v1/conferences/${conference.id}/minutes.pdf`)).rawPayload)).text
  t.ok(text.includes('2/6 đơn vị thành viên đã ký:'), 'two signed when the record was closed')
  t.ok(text.includes('Viện Khoa học hình sự: đồng chí Trần Việt Kiều, Viện trưởng (ký ngày 02/04/2022).'), 'signed on another day: dated')
  t.notOk(text.includes(`${CLUSTER_5_UNITS[2]}: đồng chí`), 'the third signature, after the record was closed, is not in it')
  t.equal((await expectStatus(as(admin).get(`/v1/pledges/${pledge.id}/signatures`), 200)).items.length, 3, 'though the pledge has it')
})
