// GET /v1/pledges/{pledgeId}/document.pdf: Cụm 5's 2022 pledge printed as a draft, then signed by its six units.
import t from 'tap'
import { build } from '../helpers/build.js'
import { checkPdfNegotiation } from '../helpers/pdf-negotiation.js'
import { caller, created, NIL } from '../helpers/http.js'
import { BLOCK_NAME } from '../helpers/clusters.js'
import { CLUSTER_5_UNITS, pledge2022, seedCluster5, signer, SLOGAN_2022 } from '../helpers/pledges.js'
import { pdfText } from '../documents/pdf-text.js'

// Chiều 29/3/2022 in Hà Nội: 15:00 there, 08:00 UTC.
const SIGNING_DAY = new Date('2022-03-29T08:00:00Z')

t.test('the pledge document: a draft, then the signed pledge with its hash on every page', async (t) => {
  const { app, admin, auth } = await build(t, { clock: () => SIGNING_DAY })
  const as = caller(app)
  const block = await created(app, admin, '/v1/blocks', { name: BLOCK_NAME })
  const { cluster5, unitIds } = await seedCluster5(app, admin, block.id)
  const secretariat5 = auth({ role: 'secretariat', clusterId: cluster5.id, sub: 'sec-5' })
  const pledge = await created(app, admin, `/v1/clusters/${cluster5.id}/pledges`, pledge2022(unitIds))
  const url = `/v1/pledges/${pledge.id}/document.pdf`
  const reader = auth({ role: 'reader' })

  t.test('a draft prints "BẢN DỰ THẢO" and no hash', async (t) => {
    const response = await as(reader).get(url)
    t.equal(response.statusCode, 200)
    t.equal(response.headers['content-type'], 'application/pdf')
    const { pages, text } = await pdfText(response.rawPayload)
    t.ok(text.includes('BẢN DỰ THẢO'))
    for (const page of pages) t.ok(page.includes('BẢN DỰ THẢO — chưa có mã băm nội dung'))
    t.ok(text.includes(SLOGAN_2022))
    t.ok(text.includes('Chưa có đơn vị nào ký.'))
  })

  t.test('opened and signed by all six, it prints every signer, unit and the content hash', async (t) => {
    const opened = await as(secretariat5).post(`/v1/pledges/${pledge.id}/open`, undefined)
    t.equal(opened.statusCode, 200, opened.body)
    const { contentHash } = opened.json()
    for (let i = 0; i < unitIds.length; i++) {
      const who = i % 2 === 0 ? auth({ role: 'unit', unitId: unitIds[i], sub: `unit-${i}` }) : secretariat5
      const signed = await as(who).post(`/v1/pledges/${pledge.id}/signatures`, { unitId: unitIds[i], ...signer(i) })
      t.equal(signed.statusCode, 201, signed.body)
    }
    t.equal((await as(reader).get(`/v1/pledges/${pledge.id}`)).json().status, 'in_force')

    const response = await as(reader).get(url)
    t.equal(response.statusCode, 200)
    t.equal(response.headers['content-type'], 'application/pdf')
    t.equal(response.headers['content-disposition'], 'inline; filename="giao-uoc-thi-dua-2022-v1.pdf"')
    const pdf = response.rawPayload
    t.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', 'the bytes themselves, not a serialized Buffer')
    t.ok(pdf.subarray(-8).toString('latin1').includes('%%EOF'))
    t.equal(Number(response.headers['content-length']), pdf.length)
    const { pages, text } = await pdfText(pdf)
    for (const expected of ['BỘ CÔNG AN', 'CỤM THI ĐUA SỐ 5', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      'Hà Nội, ngày 29 tháng 3 năm 2022', 'GIAO ƯỚC THI ĐUA', 'Giao ước thi đua phong trào "Vì an ninh Tổ quốc" năm 2022', SLOGAN_2022,
      'Chỉ tiêu: đạt ít nhất 100% (tin báo, tố giác được tiếp nhận, xử lý)', 'Chỉ tiêu: không vượt quá 5%',
      'Viện Khoa học hình sự: Cờ thi đua của Chính phủ.', 'Người ký: Trần Việt Kiều, Viện trưởng', 'Thời gian ký: 15 giờ 00, ngày 29/03/2022']) {
      t.ok(text.includes(expected), `has "${expected}"`)
    }
    for (let i = 0; i < unitIds.length; i++) {
      t.ok(text.includes(signer(i).signerName), `names signer ${signer(i).signerName}`)
      t.ok(text.includes(CLUSTER_5_UNITS[i]), `names ${CLUSTER_5_UNITS[i]}`)
    }
    t.notOk(text.includes('BẢN DỰ THẢO'))
    for (const page of pages) t.ok(page.includes(contentHash), 'the content hash in every footer')

    const again = await as(auth({ role: 'unit', unitId: unitIds[3], sub: 'unit-3' })).get(url)
    t.equal(again.statusCode, 200)
    t.ok(again.rawPayload.equals(pdf), 'the same record gives the same bytes')
    const otherCluster = await as(auth({ role: 'secretariat', clusterId: NIL })).get(url)
    t.equal(otherCluster.statusCode, 200, 'every role reads it, like the pledge')
  })

  t.test('404 for an unknown pledge, 400 for a malformed id, 401 without a token', async (t) => {
    const missing = await as(reader).get(`/v1/pledges/${NIL}/document.pdf`)
    t.equal(missing.statusCode, 404)
    t.match(missing.headers['content-type'], /^application\/problem\+json/)
    t.equal(missing.json().code, 'pledge_not_found')
    t.equal((await as(reader).get('/v1/pledges/nope/document.pdf')).statusCode, 400)
    const anonymous = await as().get(url)
    t.equal(anonymous.statusCode, 401)
  })

  t.test('a PDF by Accept: */*, application/* or application/pdf; 406 to an Accept without it', async (t) => {
    await checkPdfNegotiation(t, app, reader, url, '/v1/pledges/{pledgeId}/document.pdf')
  })

  t.test('the contract describes a binary PDF', async (t) => {
    const spec = app.swagger() as any
    const operation = spec.paths['/v1/pledges/{pledgeId}/document.pdf'].get
    t.equal(operation.operationId, 'getPledgeDocument')
    t.same(operation.responses['200'].content['application/pdf'].schema, { type: 'string', format: 'binary' })
    t.ok(operation.responses['404'])
  })
})
