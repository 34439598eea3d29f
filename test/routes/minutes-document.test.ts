// GET /v1/conferences/{conferenceId}/minutes.pdf: Cụm 6's mid-year review of 2024 printed as a draft, then
// finalized with the hash of its record on every page; Cụm 4 of the Hà Nội police prints under its own police.
import t from 'tap'
import { minutesHash } from '../../src/documents/minutes-document.js'
import { build } from '../helpers/build.js'
import { checkPdfNegotiation } from '../helpers/pdf-negotiation.js'
import { caller, NIL } from '../helpers/http.js'
import { CLUSTER_4_UNITS, CLUSTER_6_HEAD, CLUSTER_6_UNITS, midYearReview2024, seedCluster4, seedCluster6 } from '../helpers/conferences.js'
import { pdfText } from '../documents/pdf-text.js'

t.test('the minutes of Cụm 6\'s 2024 mid-year review: a draft, then finalized with its hash', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster, units } = await seedCluster6(app, admin)
  const secretariat = auth({ role: 'secretariat', clusterId: cluster.id, sub: 'sec-6' })
  const reader = auth({ role: 'reader' })
  const body = {
    ...midYearReview2024(units),
    guests: [{ name: 'Đinh Văn Toản', rank: 'Thiếu tướng', position: 'Phó Cục trưởng', organisation: 'Cục Công tác chính trị' }],
    awardTally: { collectives: 120, individuals: 357 },
    links: { flagHandover: { fromUnitId: units['Cục Hồ sơ nghiệp vụ'], toUnitId: units[CLUSTER_6_HEAD], year: 2024 } }
  }
  const made = await as(secretariat).post(`/v1/clusters/${cluster.id}/conferences`, body)
  t.equal(made.statusCode, 201, made.body)
  const conference = made.json()
  const url = `/v1/conferences/${conference.id}/minutes.pdf`

  t.test('a draft prints "BẢN DỰ THẢO" and no hash', async (t) => {
    const response = await as(reader).get(url)
    t.equal(response.statusCode, 200)
    t.equal(response.headers['content-type'], 'application/pdf')
    const { pages, text } = await pdfText(response.rawPayload)
    t.ok(text.includes('BẢN DỰ THẢO'))
    for (const page of pages) t.ok(page.includes('BẢN DỰ THẢO — biên bản chưa hoàn tất, chưa có mã băm'))
  })

  t.test('finalized, it prints the record, every attending unit and the hash of the record on every page', async (t) => {
    const finalized = await as(secretariat).post(`/v1/conferences/${conference.id}/finalize`, undefined)
    t.equal(finalized.statusCode, 200, finalized.body)
    const record = (await as(reader).get(`/v1/conferences/${conference.id}`)).json()
    const hash = minutesHash(record)
    t.match(hash, /^[0-9a-f]{64}$/)

    const response = await as(auth({ role: 'unit', unitId: units[CLUSTER_6_UNITS[2]], sub: 'u' })).get(url)
    t.equal(response.statusCode, 200)
    t.equal(response.headers['content-type'], 'application/pdf')
    t.equal(response.headers['content-disposition'], 'inline; filename="bien-ban-hoi-nghi-2024-07-30.pdf"')
    const pdf = response.rawPayload
    t.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', 'the bytes themselves, not a serialized Buffer')
    const { pages, text } = await pdfText(pdf)
    for (const expected of ['BỘ CÔNG AN', 'CỤM THI ĐUA SỐ 6', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      'Hà Nội, ngày 30 tháng 7 năm 2024', 'BIÊN BẢN HỘI NGHỊ', body.title, 'Loại hội nghị: Hội nghị sơ kết 6 tháng.',
      'Thời gian: 14 giờ 00, ngày 30/07/2024.', 'Địa điểm: Hà Nội.', 'Chủ trì: Trung tướng Đặng Xuân Hồng, Cục trưởng Cục Đối ngoại.',
      '6/6 đơn vị thành viên có mặt; yêu cầu ít nhất 2/3 — đủ điều kiện tiến hành hội nghị.',
      'Thiếu tướng Đinh Văn Toản, Phó Cục trưởng, Cục Công tác chính trị', ...body.agenda, body.minutes, ...body.decisions,
      '120 tập thể và 357 cá nhân được khen thưởng.', 'Cục Hồ sơ nghiệp vụ bàn giao cờ luân lưu cho Cục Đối ngoại']) {
      t.ok(text.includes(expected), `has "${expected}"`)
    }
    for (const name of CLUSTER_6_UNITS) t.ok(text.includes(name), `names ${name}`)
    t.notOk(text.includes('BẢN DỰ THẢO'))
    for (const page of pages) t.ok(page.includes(hash), 'the record\'s hash in every footer')

    const again = await as(auth({ role: 'secretariat', clusterId: NIL })).get(url)
    t.equal(again.statusCode, 200, 'every role reads it, like the conference')
    t.ok(again.rawPayload.equals(pdf), 'the same record gives the same bytes')
  })

  t.test('404 for an unknown conference, 400 for a malformed id, 401 without a token', async (t) => {
    const missing = await as(reader).get(`/v1/conferences/${NIL}/minutes.pdf`)
    t.equal(missing.statusCode, 404)
    t.match(missing.headers['content-type'], /^application\/problem\+json/)
    t.equal(missing.json().code, 'conference_not_found')
    t.equal((await as(reader).get('/v1/conferences/nope/minutes.pdf')).statusCode, 400)
    t.equal((await as().get(url)).statusCode, 401)
  })

  t.test('a PDF by Accept: */*, application/* or application/pdf; 406 to an Accept without it', async (t) => {
    await checkPdfNegotiation(t, app, reader, url, '/v1/conferences/{conferenceId}/minutes.pdf')
  })

  t.test('the contract describes a binary PDF', async (t) => {
    const operation = (app.swagger() as any).paths['/v1/conferences/{conferenceId}/minutes.pdf'].get
    t.equal(operation.operationId, 'getConferenceMinutes')
    t.same(operation.responses['200'].content['application/pdf'].schema, { type: 'string', format: 'binary' })
  })
})

t.test('Cụm 4 of the Hà Nội city police prints under Công an thành phố Hà Nội', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster, units } = await seedCluster4(app, admin)
  const made = await as(admin).post(`/v1/clusters/${cluster.id}/conferences`, {
    kind: 'annual_review',
    title: 'Hội nghị tổng kết công tác thi đua năm 2016',
    year: 2016,
    heldAt: '2016-12-20T08:00:00+07:00',
    chair: { name: 'Nguyễn Văn B', rank: 'Đại tá', position: 'Trưởng phòng' },
    attendingUnitIds: CLUSTER_4_UNITS.map((name) => units[name])
  })
  t.equal(made.statusCode, 201, made.body)
  const response = await as(auth({ role: 'reader' })).get(`/v1/conferences/${made.json().id}/minutes.pdf`)
  t.equal(response.statusCode, 200)
  const { text } = await pdfText(response.rawPayload)
  t.ok(text.includes('CÔNG AN THÀNH PHỐ HÀ NỘI'))
  t.ok(text.includes('CỤM THI ĐUA SỐ 4'))
  t.ok(text.includes('Hội nghị tổng kết năm'))
  t.ok(text.includes('Chủ trì: Đại tá Nguyễn Văn B, Trưởng phòng.'))
  for (const name of CLUSTER_4_UNITS) t.ok(text.includes(name), `names ${name}`)
})
