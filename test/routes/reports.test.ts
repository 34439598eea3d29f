import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, expectStatus } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'
import { docxText } from '../documents/docx-text.js'
import { pdfText } from '../documents/pdf-text.js'

const SECTIONS = [
  { code: 'I', title: 'Kết quả thực hiện phong trào thi đua', text: 'Các đơn vị hoàn thành xuất sắc nhiệm vụ.' },
  { code: 'II', title: 'Tồn tại, hạn chế', text: 'Việc chấm điểm còn chậm.' },
  { code: 'III', title: 'Phương hướng năm 2025', text: 'Tiếp tục đẩy mạnh phong trào thi đua.' }
]

t.test('a summary report over HTTP: drafted, opened, commented, answered, adopted, printed', async (t) => {
  const { app, admin, auth } = await build(t)
  const seeded = await seedClusters(app, admin, { members: '2024-01-01' })
  const c9 = seeded.cluster9.id as string
  const yte = seeded.units['Cục Y tế']
  const as = caller(app)
  const secretariat = auth({ role: 'secretariat', clusterId: c9, sub: 'sec-9' })
  const unit = auth({ role: 'unit', unitId: yte, sub: 'unit-h06' })

  const report = await expectStatus(as(secretariat).post(`/v1/clusters/${c9}/reports`, { period: 'annual', year: 2024, sections: SECTIONS }), 201)
  await expectStatus(as(unit).get(`/v1/reports/${report.id}`), 404)
  await expectStatus(as(secretariat).post(`/v1/reports/${report.id}/open`, undefined, { 'if-match': '"v1"' }), 200)
  const comment = await expectStatus(as(unit).post(`/v1/reports/${report.id}/comments`, { unitId: yte, sectionCode: 'II', text: 'Đề nghị bổ sung nguyên nhân.' }), 201)
  await expectStatus(as(unit).post(`/v1/reports/${report.id}/comments`, { unitId: yte, sectionCode: 'IV', text: 'x' }), 422)
  const conference = await expectStatus(as(secretariat).post(`/v1/clusters/${c9}/conferences`, {
    kind: 'annual_review', title: 'Hội nghị tổng kết năm 2024', year: 2024, heldAt: '2024-12-20T08:00:00+07:00',
    location: 'Hội trường Bệnh viện 19-8, 9 Trần Bình, Cầu Giấy, Thành phố Hà Nội',
    chair: { name: 'Nguyễn Văn A', rank: 'Thiếu tướng', position: 'Cục trưởng', unitId: yte }, attendingUnitIds: [yte]
  }), 201)
  const waiting = await expectStatus(as(secretariat).post(`/v1/reports/${report.id}/finalize`, { conferenceId: conference.id }), 409)
  t.match(waiting, { code: 'report_comments_waiting', waiting: 1 })
  await expectStatus(as(secretariat).patch(`/v1/reports/${report.id}/comments/${comment.id}`, { disposition: 'accepted', answer: 'Tiếp thu.' }, { 'if-match': '"v1"' }), 200)
  const final = await expectStatus(as(secretariat).post(`/v1/reports/${report.id}/finalize`, { conferenceId: conference.id }), 200)
  t.match(final, { status: 'final', contentHash: /^[0-9a-f]{64}$/ })
  await expectStatus(as(secretariat).patch(`/v1/reports/${report.id}`, { sections: SECTIONS }), 409)

  const pdf = await app.inject({ url: `/v1/reports/${report.id}/document.pdf`, headers: { authorization: unit } })
  t.equal(pdf.statusCode, 200)
  const { text } = await pdfText(pdf.rawPayload)
  t.match(text, /BÁO CÁO TỔNG KẾT CÔNG TÁC THI ĐUA NĂM 2024/)
  t.match(text, /II\. TỒN TẠI, HẠN CHẾ|II\. Tồn tại, hạn chế/)
  t.match(text, final.contentHash)
  t.notMatch(text, /BẢN DỰ THẢO/)
  t.match(text, /Thành phố Hà Nội, ngày 20 tháng 12 năm 2024/, 'the place of the adopting conference before the date')

  const word = await app.inject({ url: `/v1/reports/${report.id}/document.docx`, headers: { authorization: unit } })
  t.equal(word.statusCode, 200)
  const docx = await docxText(word.rawPayload)
  t.match(docx.text, /BÁO CÁO TỔNG KẾT CÔNG TÁC THI ĐUA NĂM 2024/, 'the .docx has the PDF\'s title')
  t.match(docx.text, /Thành phố Hà Nội, ngày 20 tháng 12 năm 2024/)
  t.ok(docx.footers.join(' ').includes(final.contentHash), 'and the hash in its footer')
})
