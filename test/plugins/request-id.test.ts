import t from 'tap'
import { build } from '../helpers/build.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

t.test('x-request-id', async (t) => {
  const { app, admin } = await build(t)

  await t.test('a sane id given by the caller is echoed, on success and on errors', async (t) => {
    for (const id of ['abc-123', 'trace.span:42_x', 'x'.repeat(128)]) {
      const ok = await app.inject({ url: '/v1/units', headers: { authorization: admin, 'x-request-id': id } })
      t.equal(ok.headers['x-request-id'], id)
      const unauthenticated = await app.inject({ url: '/v1/units', headers: { 'x-request-id': id } })
      t.equal(unauthenticated.headers['x-request-id'], id)
      t.equal(unauthenticated.json().requestId, id, 'the problem names the request too')
    }
    t.equal((await app.inject({ url: '/nowhere', headers: { 'x-request-id': 'lost-1' } })).headers['x-request-id'], 'lost-1')
  })

  await t.test('without one, or with one that is not a sane token, a fresh UUID is used', async (t) => {
    const seen = new Set<string>()
    for (const id of [undefined, '', 'has space', 'x'.repeat(129), 'semi;colon', 'new\u00e9line']) {
      const res = await app.inject({ url: '/healthz', headers: id === undefined ? {} : { 'x-request-id': id } })
      const given = String(res.headers['x-request-id'])
      t.match(given, UUID, JSON.stringify(id))
      seen.add(given)
    }
    t.equal(seen.size, 6, 'each request gets its own')
  })

  await t.test('the request id is stored with the audit record and the event of a change', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/v1/units', headers: { authorization: admin, 'x-request-id': 'create-yte-1' }, payload: { name: 'Cục Y tế' } })
    t.equal(res.statusCode, 201)
    t.same(await app.db('audit_events').pluck('request_id'), ['create-yte-1'])
    t.same(await app.db('events').pluck('request_id'), ['create-yte-1'])
    const generated = await app.inject({ method: 'POST', url: '/v1/units', headers: { authorization: admin }, payload: { name: 'Cục Hậu cần' } })
    const stored = await app.db('audit_events').where({ resource_id: generated.json().id }).pluck('request_id')
    t.same(stored, [generated.headers['x-request-id']], 'a generated id is stored too')
  })
})
