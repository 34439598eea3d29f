import t from 'tap'
import type { FastifyRequest } from 'fastify'
import { build } from '../helpers/build.js'
import { buildCustom } from '../helpers/custom-app.js'
import { toProblem } from '../../src/plugins/errors.js'
import { DomainError } from '../../src/domain/errors.js'

const PROBLEM = /^application\/problem\+json/

t.test('client errors are problem+json with a stable code', async (t) => {
  const { app, admin } = await build(t, { bodyLimitBytes: 1024 })
  const post = (payload: string, contentType = 'application/json') =>
    app.inject({ method: 'POST', url: '/v1/units', headers: { authorization: admin, 'content-type': contentType }, payload })

  await t.test('an unknown route is a 404', async (t) => {
    const res = await app.inject({ url: '/v1/nowhere?x=1', headers: { authorization: admin } })
    t.equal(res.statusCode, 404)
    t.match(res.headers['content-type'], PROBLEM)
    t.match(res.json(), { status: 404, code: 'route_not_found', title: 'Not Found', instance: '/v1/nowhere', type: 'urn:thidua:problem:route_not_found' })
    t.equal((await app.inject({ url: '/v1/nowhere' })).statusCode, 404, 'even without a token')
  })

  await t.test('malformed JSON is a 400 malformed_json', async (t) => {
    const res = await post('{"name": "Cục Y tế",')
    t.equal(res.statusCode, 400)
    t.match(res.headers['content-type'], PROBLEM)
    t.equal(res.json().code, 'malformed_json')
  })

  await t.test('an empty JSON body is a 400', async (t) => {
    const res = await post('')
    t.equal(res.statusCode, 400)
    t.equal(res.json().code, 'empty_body')
  })

  await t.test('a body over the limit is a 413', async (t) => {
    const res = await post(JSON.stringify({ name: 'Cục '.repeat(400) }))
    t.equal(res.statusCode, 413)
    t.match(res.headers['content-type'], PROBLEM)
    t.equal(res.json().code, 'body_too_large')
  })

  await t.test('a body that is not JSON is a 415', async (t) => {
    const res = await post('name=Cuc', 'application/x-www-form-urlencoded')
    t.equal(res.statusCode, 415)
    t.match(res.headers['content-type'], PROBLEM)
    t.equal(res.json().code, 'unsupported_media_type')
  })

  await t.test('nothing was created by any of these', async (t) => {
    t.equal((await app.db('units').count({ n: '*' }))[0].n, 0)
  })
})

t.test('an unexpected error is a 500 that tells nothing of its cause', async (t) => {
  const app = await buildCustom(t, {
    database: false,
    routes: (app) => app.get('/boom', { config: { public: true } }, async () => {
      throw new Error('password=hunter2 at /srv/thidua/src/secret.ts:12')
    })
  })
  const res = await app.inject({ url: '/boom', headers: { 'x-request-id': 'boom-1' } })
  t.equal(res.statusCode, 500)
  t.match(res.headers['content-type'], PROBLEM)
  t.same(res.json(), {
    type: 'urn:thidua:problem:internal_error',
    title: 'Internal Server Error',
    status: 500,
    code: 'internal_error',
    detail: 'An unexpected error occurred. The request id identifies it in the logs.',
    requestId: 'boom-1',
    instance: '/boom'
  })
  t.notMatch(res.body, /hunter2|secret\.ts|stack/)
})

t.test('toProblem maps errors to statuses without leaking details', async (t) => {
  const logged: unknown[] = []
  const request = { log: { error: (obj: unknown) => logged.push(obj) } } as unknown as FastifyRequest
  const pg = (code: string, constraint?: string) => Object.assign(new Error(`pg says ${code} in table secret_table`), { code, constraint })
  const table: Array<[unknown, number, string]> = [
    [new Error('internal detail: secret_table'), 500, 'internal_error'],
    [new TypeError("Cannot read properties of undefined (reading 'secret_table')"), 500, 'internal_error'],
    ['a thrown string secret_table', 500, 'internal_error'],
    [pg('23505', 'units_name_unique'), 409, 'unit_name_taken'],
    [pg('23505', 'units_code_unique'), 409, 'unit_code_taken'],
    [pg('23P01', 'memberships_one_cluster_per_block'), 409, 'unit_already_in_block_cluster'],
    [pg('23505', 'some_other_index'), 409, 'conflict'],
    [pg('40001'), 409, 'concurrent_update'],
    [pg('40P01'), 409, 'concurrent_update'],
    [pg('22P02'), 400, 'invalid_value'],
    [pg('22003'), 400, 'invalid_value'],
    [pg('ECONNREFUSED'), 503, 'database_unavailable'],
    [pg('57P01'), 503, 'database_unavailable'],
    [pg('08006'), 503, 'database_unavailable'],
    [Object.assign(new Error('Knex: Timeout acquiring a connection.'), { name: 'KnexTimeoutError' }), 503, 'database_unavailable'],
    [new Error('Connection terminated unexpectedly'), 503, 'database_unavailable'],
    [new DomainError('rule', 'quorum_not_met', 'Not enough units present.'), 422, 'quorum_not_met'],
    [Object.assign(new Error('Too many'), { statusCode: 429 }), 429, 'rate_limited'],
    [Object.assign(new Error('Odd'), { statusCode: 418 }), 418, 'bad_request']
  ]
  for (const [error, status, code] of table) {
    const body = toProblem(error, request)
    t.equal(body.status, status, code)
    t.equal(body.code, code)
    t.notMatch(body.detail, /secret_table/, 'the detail never repeats a database or internal message')
  }
  t.equal(logged.length, 3, 'each 500 is logged with its error for the operators')
})

t.test('a database that is down answers 503, never 500', async (t) => {
  const app = await buildCustom(t, { database: false })
  const admin = (await import('../helpers/build.js')).tokenFor({ role: 'admin' })
  const requests = [
    { url: '/v1/units', headers: { authorization: admin } },
    { url: '/v1/units/6f1c2a4e-8b3d-4c5e-9f70-112233445566', headers: { authorization: admin } },
    { method: 'POST' as const, url: '/v1/units', headers: { authorization: admin }, payload: { name: 'Cục Y tế' } },
    { method: 'POST' as const, url: '/v1/units', headers: { authorization: admin, 'idempotency-key': 'k-1' }, payload: { name: 'Cục Y tế' } },
    { url: '/v1/audit-events', headers: { authorization: admin } },
    { url: '/v1/events', headers: { authorization: admin } }
  ]
  for (const request of requests) {
    const res = await app.inject(request)
    t.equal(res.statusCode, 503, `${request.method ?? 'GET'} ${request.url}`)
    t.match(res.headers['content-type'], PROBLEM)
    t.equal(res.json().code, 'database_unavailable')
    t.notMatch(res.body, /127\.0\.0\.1|ECONNREFUSED|nobody/, 'no connection details')
  }
  const ready = await app.inject({ url: '/readyz' })
  t.equal(ready.statusCode, 503)
  t.equal(ready.json().code, 'database_unavailable')
  t.equal((await app.inject({ url: '/healthz' })).statusCode, 200, 'the process itself is alive')
})

t.test('a closed pool (PGlite gone) makes /readyz answer 503', async (t) => {
  const { app, admin } = await build(t)
  t.equal((await app.inject({ url: '/readyz' })).statusCode, 200)
  await app.db.destroy()
  const ready = await app.inject({ url: '/readyz' })
  t.equal(ready.statusCode, 503)
  t.equal(ready.json().code, 'database_unavailable')
  const list = await app.inject({ url: '/v1/units', headers: { authorization: admin } })
  t.equal(list.statusCode, 503, 'a request on a destroyed pool is a 503 too')
  t.equal(list.json().code, 'database_unavailable')
})
