// Regressions found by the contract fuzzer (test/fuzz): answers the platform gives before or around a route's
// handler are problems, and the contract documents them on the operations that give them.
import t from 'tap'
import { build } from '../helpers/build.js'
import { createUnit } from '../helpers/units.js'

const PROBLEM = /^application\/problem\+json/

t.test('platform answers are problems documented by the operations that give them', async (t) => {
  const { app, admin } = await build(t, { bodyLimitBytes: 1024 })
  const unit = await createUnit(app, admin, { name: 'Cục Y tế' })
  const contract = app.swagger() as unknown as { paths: Record<string, Record<string, { responses: Record<string, any> }>> }
  const documented = (path: string, method: string) => Object.keys(contract.paths[path][method].responses)

  await t.test('a path with bad percent-encoding is a 400 problem, not Fastify\'s own JSON', async (t) => {
    const res = await app.inject({ url: '/v1/units/%ZZ', headers: { authorization: admin } })
    t.equal(res.statusCode, 400)
    t.match(res.headers['content-type'], PROBLEM)
    t.match(res.json(), { status: 400, code: 'invalid_path', instance: '/v1/units/%ZZ', detail: 'The path is not valid: a percent-escape in it does not decode.' })
    t.ok(res.headers['x-request-id'], 'carries x-request-id')
  })

  await t.test('a path segment longer than the router takes is a 400 problem, not an undocumented 414', async (t) => {
    const res = await app.inject({ url: `/v1/clusters/${'x'.repeat(250)}/terms`, headers: { authorization: admin } })
    t.equal(res.statusCode, 400)
    t.match(res.headers['content-type'], PROBLEM)
    t.equal(res.json().code, 'invalid_path')
    t.equal(res.json().detail, 'The path is not valid: a part of it is longer than 200 characters.', 'the path is in `instance` only, not echoed again')
    t.ok(documented('/v1/clusters/{clusterId}/terms', 'get').includes('400'))
  })

  await t.test('a body that is not JSON is a 415, documented on every operation taking a body', async (t) => {
    const res = await app.inject({ method: 'PATCH', url: `/v1/units/${unit.id}`, headers: { authorization: admin, 'content-type': 'application/xml' }, payload: '<name>x</name>' })
    t.equal(res.statusCode, 415)
    t.match(res.headers['content-type'], PROBLEM)
    for (const [path, method] of [['/v1/units/{unitId}', 'patch'], ['/v1/units', 'post'], ['/v1/pledges/{pledgeId}/open', 'post']]) {
      t.ok(documented(path, method).includes('415'), `${method.toUpperCase()} ${path} documents 415`)
      t.ok(documented(path, method).includes('413'), `${method.toUpperCase()} ${path} documents 413`)
    }
    t.notOk(documented('/v1/units', 'get').includes('415'), 'a GET takes no body, so documents neither')
  })

  await t.test('every POST taking an Idempotency-Key documents the 422 a reused one gives', async (t) => {
    await createUnit(app, admin, { name: 'Cục Hậu cần' }, { 'idempotency-key': 'reused' })
    const other = await app.inject({ method: 'POST', url: '/v1/blocks', headers: { authorization: admin, 'idempotency-key': 'reused' }, payload: { name: 'Khối Tham mưu' } })
    t.equal(other.statusCode, 422)
    t.equal(other.json().code, 'idempotency_key_reused')
    for (const [path, item] of Object.entries(contract.paths)) {
      const takesKey = (item.post as { parameters?: Array<{ name: string }> } | undefined)?.parameters?.some((p) => p.name === 'idempotency-key')
      if (takesKey) t.ok(documented(path, 'post').includes('422'), `POST ${path} documents 422`)
    }
  })

  await t.test('a body over the limit is a 413 problem', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/v1/units', headers: { authorization: admin, 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(2000) }) })
    t.equal(res.statusCode, 413)
    t.match(res.headers['content-type'], PROBLEM)
  })

  await t.test('a GET answering with an ETag documents the 304 it gives for If-None-Match', async (t) => {
    const res = await app.inject({ url: `/v1/units/${unit.id}`, headers: { authorization: admin, 'if-none-match': '"v1"' } })
    t.equal(res.statusCode, 304)
    t.equal(res.body, '')
    t.ok(documented('/v1/units/{unitId}', 'get').includes('304'))
    t.notOk(contract.paths['/v1/units/{unitId}'].get.responses['304'].content, 'with no body')
  })
})
