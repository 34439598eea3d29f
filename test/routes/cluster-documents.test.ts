// Cụm 5's operating regulations for 2022 over HTTP (seed 004: adopted at a conference with the action programme
// and the scoring rules): drafted, edited, adopted, superseded by the next version, refused, and printed.
import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, created, expectStatus, NIL } from '../helpers/http.js'
import { BLOCK_NAME } from '../helpers/clusters.js'
import { seedCluster5 } from '../helpers/pledges.js'
import { pdfText } from '../documents/pdf-text.js'
import { docxText } from '../documents/docx-text.js'

const body = {
  kind: 'operating_regulations',
  year: 2022,
  title: 'Quy chế hoạt động của Cụm thi đua số 5',
  chapters: [
    { title: 'Quy định chung', articles: [{ title: 'Phạm vi điều chỉnh', clauses: ['Quy chế này quy định về tổ chức, hoạt động của Cụm thi đua số 5.'] }] },
    { title: 'Tổ chức chấm điểm', articles: [{ title: 'Thang điểm', clauses: ['Thang điểm 1.000 điểm.', 'Điểm thưởng không quá 50 điểm.'] }] }
  ]
}
const chair = { name: 'Đặng Xuân Hồng', rank: 'Trung tướng', position: 'Cục trưởng' }

t.test('cluster documents: draft, edit, adopt, supersede, refuse, print', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const block = await created(app, admin, '/v1/blocks', { name: BLOCK_NAME })
  const { cluster5, unitIds } = await seedCluster5(app, admin, block.id)
  const other = await created(app, admin, '/v1/clusters', { number: 6, name: 'Cụm thi đua số 6', blockId: block.id })
  const secretariat = auth({ role: 'secretariat', clusterId: cluster5.id, sub: 'sec-5' })
  const unit = auth({ role: 'unit', unitId: unitIds[0] })
  const conference = await created(app, admin, `/v1/clusters/${cluster5.id}/conferences`, {
    kind: 'pledge_signing', title: 'Hội nghị ký kết giao ước thi đua năm 2022', year: 2022, heldAt: '2022-03-29T08:00:00Z', chair, attendingUnitIds: []
  })
  const elsewhere = await created(app, admin, `/v1/clusters/${other.id}/conferences`, {
    kind: 'pledge_signing', title: 'Hội nghị Cụm 6', year: 2022, heldAt: '2022-03-29T08:00:00Z', chair, attendingUnitIds: []
  })

  const posted = await as(secretariat).post(`/v1/clusters/${cluster5.id}/documents`, body, { 'idempotency-key': 'quy-che-2022' })
  t.equal(posted.statusCode, 201, posted.body)
  const draft = posted.json()
  t.equal(posted.headers.location, `/v1/documents/${draft.id}`)
  t.match(draft, { status: 'draft', versionNumber: 1, contentHash: null })
  const replay = await as(secretariat).post(`/v1/clusters/${cluster5.id}/documents`, body, { 'idempotency-key': 'quy-che-2022' })
  t.equal(replay.json().id, draft.id, 'the same key answers the same draft')

  t.equal((await as(unit).post(`/v1/clusters/${cluster5.id}/documents`, body)).statusCode, 403, 'a unit reads, never writes')
  t.equal((await as(auth({ role: 'secretariat', clusterId: other.id })).patch(`/v1/documents/${draft.id}`, { title: 'X' })).statusCode, 403, 'another cluster\'s secretariat')
  t.equal((await as(secretariat).patch(`/v1/documents/${draft.id}`, { title: 'X' }, { 'if-match': '"v9"' })).statusCode, 412)
  const edited = await as(secretariat).patch(`/v1/documents/${draft.id}`, { year: 2022 }, { 'if-match': posted.headers.etag as string })
  t.equal(edited.statusCode, 200, edited.body)

  const refusals: Array<[unknown, number, string]> = [
    [{ conferenceId: elsewhere.id, adoptedOn: '2022-03-29' }, 422, 'document_conference_other_cluster'],
    [{ conferenceId: conference.id, adoptedOn: '2022-03-30' }, 422, 'document_adopted_off_conference_date'],
    [{ conferenceId: conference.id, adoptedOn: '2022-02-30' }, 400, 'validation_failed'],
    [{ conferenceId: NIL, adoptedOn: '2022-03-29' }, 404, 'conference_not_found']
  ]
  for (const [payload, status, code] of refusals) {
    const response = await as(secretariat).post(`/v1/documents/${draft.id}/adopt`, payload)
    t.equal(response.statusCode, status, response.body)
    t.equal(response.json().code, code)
  }

  const draftPdf = await as(unit).get(`/v1/documents/${draft.id}/document.pdf`)
  t.equal(draftPdf.statusCode, 200)
  t.ok((await pdfText(draftPdf.rawPayload)).text.includes('BẢN DỰ THẢO'))

  const adopted = await as(secretariat).post(`/v1/documents/${draft.id}/adopt`, { conferenceId: conference.id, adoptedOn: '2022-03-29' })
  t.equal(adopted.statusCode, 200, adopted.body)
  const first = adopted.json()
  t.match(first, { status: 'adopted', conferenceId: conference.id, adoptedOn: '2022-03-29', contentHash: /^[0-9a-f]{64}$/ })
  const frozen = await as(secretariat).patch(`/v1/documents/${draft.id}`, { title: 'Khác' })
  t.equal(frozen.statusCode, 409)
  t.equal(frozen.json().code, 'document_not_draft')

  const next = await created(app, admin, `/v1/clusters/${cluster5.id}/documents`, { ...body, title: 'Quy chế hoạt động của Cụm thi đua số 5 (sửa đổi)' })
  t.equal(next.versionNumber, 2)
  const second = await as(admin).post(`/v1/documents/${next.id}/adopt`, { conferenceId: conference.id, adoptedOn: '2022-03-29' })
  t.equal(second.statusCode, 200, second.body)
  t.match((await as(unit).get(`/v1/documents/${draft.id}`)).json(), { status: 'superseded', supersededById: next.id })
  const listed = await as(auth({ role: 'reader' })).get(`/v1/clusters/${cluster5.id}/documents?kind=operating_regulations&status=adopted`)
  t.same(listed.json().items.map((d: { id: string }) => d.id), [next.id])

  const pdf = await as(unit).get(`/v1/documents/${first.id}/document.pdf`)
  t.equal(pdf.statusCode, 200)
  const { text } = await pdfText(pdf.rawPayload)
  for (const expected of ['QUY CHẾ HOẠT ĐỘNG', 'CHƯƠNG I. QUY ĐỊNH CHUNG', 'Điều 1. Phạm vi điều chỉnh', 'CHƯƠNG II. TỔ CHỨC CHẤM ĐIỂM', 'Điều 2. Thang điểm', 'Hội nghị ký kết giao ước thi đua năm 2022', first.contentHash]) {
    t.ok(text.replace(/\s+/g, ' ').includes(expected), expected)
  }
  const docx = await as(unit).get(`/v1/documents/${first.id}/document.docx`)
  t.equal(docx.statusCode, 200)
  const word = await docxText(docx.rawPayload)
  t.ok(word.text.includes('Điều 2. Thang điểm'))
  t.ok(word.text.includes('Điểm thưởng không quá 50 điểm.'))
  t.ok(word.footers.join(' ').includes(first.contentHash))
  t.equal((await as(unit).get(`/v1/documents/${NIL}/document.pdf`)).statusCode, 404)

  // Once the conference's minutes are finalized they list what it adopted for good: a draft adopted there afterwards
  // is refused, and stays a draft.
  const present = await expectStatus(as(admin).patch(`/v1/conferences/${conference.id}`, { attendingUnitIds: unitIds }), 200)
  t.equal(present.attendingUnitIds.length, 6)
  await expectStatus(as(admin).post(`/v1/conferences/${conference.id}/finalize`, undefined), 200)
  const late = await created(app, admin, `/v1/clusters/${cluster5.id}/documents`, { ...body, title: 'Quy chế hoạt động của Cụm thi đua số 5 (bổ sung)' })
  const refused = await as(admin).post(`/v1/documents/${late.id}/adopt`, { conferenceId: conference.id, adoptedOn: '2022-03-29' })
  t.match(refused.json(), { status: 409, code: 'conference_finalized', detail: /finalized, so a document adopted at it can no longer be recorded/ })
  t.match((await as(unit).get(`/v1/documents/${late.id}`)).json(), { status: 'draft', conferenceId: null })
})
