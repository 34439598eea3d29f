// Answers that say what they carry: a body that is not JSON is a 415 telling the caller which Content-Type to
// send, a 304 carries no body and so no Content-Type, and PUBLIC_URL names the server of the served contract.
import t from 'tap'
import { build } from '../helpers/build.js'
import { createUnit } from '../helpers/units.js'

t.test('a text/plain body is a 415 that says to send Content-Type: application/json', async (t) => {
  const { app, admin } = await build(t)
  for (const contentType of ['text/plain', 'text/plain; charset=utf-8', 'application/xml']) {
    const res = await app.inject({
      method: 'POST', url: '/v1/units', headers: { authorization: admin, 'content-type': contentType }, payload: '{"name":"Công an tỉnh Lào Cai"}'
    })
    t.equal(res.statusCode, 415, contentType)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.match(res.json(), { code: 'unsupported_media_type', detail: new RegExp(`sent with Content-Type ${contentType.split(';')[0]}; send it as JSON with Content-Type: application/json`) })
  }
  t.equal((await app.db('units').count({ n: '*' }))[0].n, 0, 'nothing was created')
  const contract = app.swagger() as unknown as { components: { responses: Record<string, { description: string }> } }
  t.match(contract.components.responses.UnsupportedMediaType.description, /Content-Type: application\/json/, 'the contract says the same')
})

t.test('a 304 carries neither body nor Content-Type, and keeps its ETag', async (t) => {
  const { app, admin } = await build(t)
  const unit = await createUnit(app, admin, { name: 'Công an thành phố Hà Nội' })
  const read = await app.inject({ url: `/v1/units/${unit.id}`, headers: { authorization: admin } })
  t.match(read.headers['content-type'], /^application\/json/, 'the 200 has its type')
  const again = await app.inject({ url: `/v1/units/${unit.id}`, headers: { authorization: admin, 'if-none-match': String(read.headers.etag) } })
  t.equal(again.statusCode, 304)
  t.equal(again.body, '')
  t.equal(again.headers['content-type'], undefined, 'no content-type')
  t.equal(again.headers.etag, read.headers.etag, 'the ETag it still has')
})

t.test('PUBLIC_URL is the server of the served contract; without it the server is relative', async (t) => {
  const { app } = await build(t, { publicUrl: 'https://thidua.bocongan.gov.vn' })
  t.equal((await app.inject({ url: '/readyz' })).statusCode, 200)
  const served = (await app.inject({ url: '/openapi.json' })).json()
  t.same(served.servers.map((s: { url: string }) => s.url), ['https://thidua.bocongan.gov.vn'])
  const { app: plain } = await build(t)
  t.equal((await plain.inject({ url: '/readyz' })).statusCode, 200)
  t.same((await plain.inject({ url: '/openapi.json' })).json().servers.map((s: { url: string }) => s.url), ['/'])
})
