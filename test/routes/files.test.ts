// Evidence files over HTTP: real PDF, PNG, JPEG, DOCX and XLSX bytes are taken, a renamed executable is not, the
// size limit holds to the byte, downloads carry the name, the ETag and ranges, the same bytes are kept once, and
// who reads or deletes a file follows its uploader.
import { createHash, randomUUID } from 'node:crypto'
import t from 'tap'
import { build } from '../helpers/build.js'
import { DOCX_TYPE, ELF_BYTES, JPEG_BYTES, PDF_TYPE, PNG_BYTES, XLSX_TYPE, docxBytes, named, pdfBytes, xlsxBytes, zipBytes } from '../helpers/files.js'

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

t.test('real files of every type are stored and read back byte for byte; others are 415', async (t) => {
  const { app, auth } = await build(t)
  const unit = auth({ role: 'unit', unitId: randomUUID(), sub: 'van-thu' })
  const files: Array<[string, string, Buffer]> = [
    ['Báo cáo thành tích năm 2024.pdf', PDF_TYPE, await pdfBytes()],
    ['Ảnh lễ ký kết.png', 'image/png', PNG_BYTES],
    ['Ảnh hội nghị.jpg', 'image/jpeg', JPEG_BYTES],
    ['Biên bản họp Cụm.docx', DOCX_TYPE, docxBytes()],
    ['Bảng chấm điểm.xlsx', XLSX_TYPE, await xlsxBytes()]
  ]
  for (const [name, type, bytes] of files) {
    const up = await app.inject({ method: 'POST', url: '/v1/files', headers: { authorization: unit, 'content-type': type, 'content-disposition': named(name) }, payload: bytes })
    t.equal(up.statusCode, 201, `${name}: ${up.body}`)
    const file = up.json()
    t.match(file, { name, mediaType: type, size: bytes.length, sha256: sha(bytes) })
    const down = await app.inject({ url: `/v1/files/${file.id}`, headers: { authorization: unit } })
    t.equal(down.statusCode, 200)
    t.ok(down.rawPayload.equals(bytes), `${name} comes back as it went`)
    t.equal(down.headers['content-type'], type)
    t.equal(down.headers.etag, `"${sha(bytes)}"`)
    t.equal(down.headers['content-disposition'], `attachment; filename="${name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    t.match((await app.inject({ url: `/v1/files/${file.id}/meta`, headers: { authorization: unit } })).json(), file)
  }

  const refused: Array<[string, string, Buffer]> = [
    ['a renamed executable', PDF_TYPE, ELF_BYTES],
    ['a PNG said to be a PDF', PDF_TYPE, PNG_BYTES],
    ['a PDF said to be a JPEG', 'image/jpeg', await pdfBytes()],
    ['a workbook said to be a Word document', DOCX_TYPE, await xlsxBytes()],
    ['a Word document said to be a workbook', XLSX_TYPE, docxBytes()],
    ['a ZIP of something else', DOCX_TYPE, zipBytes({ 'virus.exe': 'MZ' })],
    ['two bytes', PDF_TYPE, Buffer.from('%P')],
    ['a type not taken', 'application/x-msdownload', ELF_BYTES],
    ['plain text', 'text/plain', Buffer.from('%PDF-1.7')],
    ['JSON', 'application/json', Buffer.from('{"a":1}')]
  ]
  for (const [what, type, bytes] of refused) {
    const r = await app.inject({ method: 'POST', url: '/v1/files', headers: { authorization: unit, 'content-type': type, 'content-disposition': named('minh-chung.pdf') }, payload: bytes })
    t.equal(r.statusCode, 415, `${what}: ${r.body}`)
    t.equal(r.json().code, 'unsupported_media_type', what)
  }
  const name = await app.inject({ method: 'POST', url: '/v1/files', headers: { authorization: unit, 'content-type': 'image/png' }, payload: PNG_BYTES })
  t.equal(name.statusCode, 400, 'a file needs a name')
  t.equal(name.json().code, 'invalid_file_name')
  const plain = await app.inject({ method: 'POST', url: '/v1/files', headers: { authorization: unit, 'content-type': 'image/png', 'content-disposition': 'attachment; filename="../../etc/anh.png"' }, payload: PNG_BYTES })
  t.equal(plain.statusCode, 201)
  t.equal(plain.json().name, 'anh.png', 'a plain filename= is read, its folders dropped')
  const count = await app.db('file_chunks').count<Array<{ count: string }>>('* as count')
  const contents = await app.db('file_contents').sum<Array<{ sum: string }>>('size as sum')
  t.ok(Number(count[0].count) >= 5, 'the stored files have their chunks')
  t.equal(Number(contents[0].sum), files.reduce((n, [, , b]) => n + b.length, 0), 'and nothing of a refused file is left (the PNG is kept once)')
})

t.test('FILE_MAX_BYTES: the limit is taken, one byte more is 413', async (t) => {
  const { app, auth } = await build(t, { fileMaxBytes: 300_000 })
  const unit = auth({ role: 'unit', unitId: randomUUID() })
  const exact = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300_000 - 9, 0x20)])
  const ok = await app.inject({ method: 'POST', url: '/v1/files', headers: { authorization: unit, 'content-type': PDF_TYPE, 'content-disposition': named('vừa đủ.pdf') }, payload: exact })
  t.equal(ok.statusCode, 201, ok.body)
  t.equal(ok.json().size, 300_000)
  const over = Buffer.concat([exact, Buffer.from(' ')])
  const big = await app.inject({ method: 'POST', url: '/v1/files', headers: { authorization: unit, 'content-type': PDF_TYPE, 'content-disposition': named('quá lớn.pdf') }, payload: over })
  t.equal(big.statusCode, 413)
  t.equal(big.json().code, 'body_too_large')
  t.equal(Number((await app.db('files').count<Array<{ count: string }>>('* as count'))[0].count), 1)
  const [{ count }] = await app.db('file_chunks').whereNotIn('content_id', app.db('file_contents').select('id')).count<Array<{ count: string }>>('* as count')
  t.equal(Number(count), 0, 'a refused upload leaves no chunk')
})

t.test('downloads: ETag and 304, one range (206), past the end 416', async (t) => {
  const { app, auth } = await build(t)
  const unit = auth({ role: 'unit', unitId: randomUUID() })
  const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(Array.from({ length: 700_000 }, (_, i) => i % 251))])
  const file = (await app.inject({ method: 'POST', url: '/v1/files', headers: { authorization: unit, 'content-type': PDF_TYPE, 'content-disposition': named('Báo cáo.pdf') }, payload: bytes })).json()
  const url = `/v1/files/${file.id}`
  const get = (headers: Record<string, string> = {}) => app.inject({ url, headers: { authorization: unit, ...headers } })
  const whole = await get()
  t.equal(whole.headers['accept-ranges'], 'bytes')
  t.equal(whole.headers['content-length'], String(bytes.length))
  const again = await get({ 'if-none-match': whole.headers.etag as string })
  t.equal(again.statusCode, 304)
  t.equal(again.body, '')
  for (const [range, start, end] of [['bytes=0-9', 0, 9], ['bytes=262140-262150', 262140, 262150], ['bytes=600000-', 600000, bytes.length - 1], ['bytes=-5', bytes.length - 5, bytes.length - 1], ['bytes=10-99999999', 10, bytes.length - 1]] as const) {
    const part = await get({ range })
    t.equal(part.statusCode, 206, range)
    t.equal(part.headers['content-range'], `bytes ${start}-${end}/${bytes.length}`, range)
    t.ok(part.rawPayload.equals(bytes.subarray(start, end + 1)), `${range}: the bytes asked for`)
  }
  const past = await get({ range: `bytes=${bytes.length}-` })
  t.equal(past.statusCode, 416)
  t.equal(past.json().code, 'range_not_satisfiable')
  t.equal(past.headers['content-range'], `bytes */${bytes.length}`)
  t.equal((await get({ range: 'bytes=0-1,5-9' })).statusCode, 200, 'several ranges: the whole file')
  t.equal((await get({ range: 'lines=1-2' })).statusCode, 200, 'another unit: the whole file')
  const tag = whole.headers.etag as string
  t.equal((await get({ range: 'bytes=0-9', 'if-range': tag })).statusCode, 206, 'If-Range with the current tag: the range')
  for (const ifRange of ['"another"', `W/${tag}`, 'Tue, 01 Dec 2026 10:00:00 GMT']) {
    const other = await get({ range: 'bytes=0-9', 'if-range': ifRange })
    t.equal(other.statusCode, 200, `If-Range ${ifRange}: the whole file`)
    t.equal(other.headers['content-length'], String(bytes.length), `If-Range ${ifRange}: every byte`)
  }
})

t.test('the same bytes are stored once; deleting one upload keeps the other\'s bytes', async (t) => {
  const { app, auth, admin } = await build(t)
  const unitId = randomUUID()
  const unit = auth({ role: 'unit', unitId })
  const bytes = await pdfBytes('Bao cao tong ket')
  const up = (name: string) => app.inject({ method: 'POST', url: '/v1/files', headers: { authorization: unit, 'content-type': PDF_TYPE, 'content-disposition': named(name) }, payload: bytes })
  const first = (await up('Báo cáo.pdf')).json()
  const second = (await up('Bản sao báo cáo.pdf')).json()
  t.not(first.id, second.id, 'each upload has its own id')
  t.equal(first.sha256, second.sha256)
  t.equal(Number((await app.db('file_contents').count<Array<{ count: string }>>('* as count'))[0].count), 1, 'one content')
  t.equal(Number((await app.db('file_chunks').count<Array<{ count: string }>>('* as count'))[0].count), 1, 'its one chunk')
  const gone = await app.inject({ method: 'DELETE', url: `/v1/files/${first.id}`, headers: { authorization: unit } })
  t.equal(gone.statusCode, 204)
  t.equal((await app.inject({ url: `/v1/files/${first.id}/meta`, headers: { authorization: unit } })).statusCode, 404)
  t.ok((await app.inject({ url: `/v1/files/${second.id}`, headers: { authorization: unit } })).rawPayload.equals(bytes), 'the other upload still reads')
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/files/${second.id}`, headers: { authorization: admin } })).statusCode, 204)
  t.equal(Number((await app.db('file_contents').count<Array<{ count: string }>>('* as count'))[0].count), 0, 'the last one takes the bytes along')
  t.equal(Number((await app.db('file_chunks').count<Array<{ count: string }>>('* as count'))[0].count), 0)
  const audit = (await app.inject({ url: '/v1/audit-events?action=file.uploaded', headers: { authorization: admin } })).json()
  t.equal(audit.items.length, 2)
  t.equal(audit.items[0].after.sha256, bytes.length > 0 ? sha(bytes) : '', 'the audit record carries the sha256')
  const feed = (await app.inject({ url: '/v1/events?type=file.deleted', headers: { authorization: admin } })).json()
  t.equal(feed.items.length, 2)
})

t.test('an Idempotency-Key replays the same file and refuses another', async (t) => {
  const { app, auth } = await build(t)
  const unit = auth({ role: 'unit', unitId: randomUUID() })
  const send = (bytes: Buffer) => app.inject({ method: 'POST', url: '/v1/files', headers: { authorization: unit, 'content-type': 'image/png', 'content-disposition': named('ảnh.png'), 'idempotency-key': 'upload-1' }, payload: bytes })
  const first = await send(PNG_BYTES)
  const replay = await send(PNG_BYTES)
  t.equal(replay.statusCode, 201)
  t.equal(replay.headers['idempotent-replayed'], 'true')
  t.equal(replay.json().id, first.json().id)
  const other = await send(Buffer.concat([PNG_BYTES, Buffer.from([0])]))
  t.equal(other.statusCode, 422)
  t.equal(other.json().code, 'idempotency_key_reused')
  t.equal(Number((await app.db('files').count<Array<{ count: string }>>('* as count'))[0].count), 1)
  t.equal(Number((await app.db('file_chunks').count<Array<{ count: string }>>('* as count'))[0].count), 1, 'the refused copy is not kept')
})

t.test('who reads and deletes a file', async (t) => {
  const { app, auth, admin } = await build(t)
  const unitId = randomUUID()
  const clusterId = randomUUID()
  const owner = auth({ role: 'unit', unitId, sub: 'a' })
  const sameUnit = auth({ role: 'unit', unitId, sub: 'b' })
  const otherUnit = auth({ role: 'unit', unitId: randomUUID() })
  const secretariat = auth({ role: 'secretariat', clusterId })
  const otherSecretariat = auth({ role: 'secretariat', clusterId: randomUUID() })
  const reader = auth({ role: 'reader' })
  const upload = async (token: string) => (await app.inject({ method: 'POST', url: '/v1/files', headers: { authorization: token, 'content-type': 'image/png', 'content-disposition': named('ảnh.png') }, payload: PNG_BYTES })).json()
  const unitFile = await upload(owner)
  const status = async (token: string, id: string, method: 'GET' | 'DELETE' = 'GET') =>
    (await app.inject({ method, url: method === 'GET' ? `/v1/files/${id}/meta` : `/v1/files/${id}`, headers: { authorization: token } })).statusCode
  t.same(await Promise.all([owner, sameUnit, admin, reader, otherUnit, secretariat].map((token) => status(token, unitFile.id))), [200, 200, 200, 200, 404, 404])
  t.equal((await app.inject({ method: 'POST', url: '/v1/files', headers: { authorization: reader, 'content-type': 'image/png', 'content-disposition': named('a.png') }, payload: PNG_BYTES })).statusCode, 403, 'a reader uploads nothing')
  t.equal(await status(reader, unitFile.id, 'DELETE'), 403, 'a reader reads it but does not delete it')
  t.equal(await status(otherUnit, unitFile.id, 'DELETE'), 404)
  t.equal(await status(sameUnit, unitFile.id, 'DELETE'), 204, 'the unit that uploaded it deletes it')
  const clusterFile = await upload(secretariat)
  t.same(await Promise.all([secretariat, otherSecretariat, owner, admin].map((token) => status(token, clusterFile.id))), [200, 404, 404, 200])
  t.equal(await status(admin, clusterFile.id, 'DELETE'), 204, 'an admin deletes any file')
  t.equal(await status(admin, randomUUID()), 404)
})
