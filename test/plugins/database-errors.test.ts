// What a request answers, and what the log says, when it cannot get a database connection: the process is out of
// file descriptors or its pool is exhausted while the database is up (503 service_overloaded, with Retry-After),
// and what a client that gave up meanwhile leaves in the log (an aborted request, not an outage).
import net from 'node:net'
import t, { type Test } from 'tap'
import type { Knex } from 'knex'
import { buildApp } from '../../src/app.js'
import { loggerOptions } from '../../src/logging.js'
import { connect } from '../../src/db/connect.js'
import { TEST_SECRET, tokenFor } from '../helpers/build.js'
import { unreachableDatabase } from '../helpers/custom-app.js'
import { sleep } from '../process/server-process.js'
import { converse, head } from './raw-http.js'

const admin = tokenFor({ role: 'admin', sub: 'test-admin' })
const PROBLEM = /^application\/problem\+json/

/** The app over `db`, with the production logger's options writing into `lines`. */
async function appOver (t: Test, db: Knex, lines: string[] = []) {
  const config = { bodyLimitBytes: 1_048_576, rateLimitPerMinute: 0, logLevel: 'debug' as const, logPretty: false }
  const app = await buildApp({
    config,
    db,
    jwtSecret: TEST_SECRET,
    logger: { ...loggerOptions(config), stream: { write: (line: string) => { lines.push(line) } } }
  })
  await app.ready()
  t.teardown(async () => {
    await app.close()
    await db.destroy()
  })
  return app
}

const logged = (lines: string[]) => lines.map((line) => JSON.parse(line) as { level: number, msg: string, [field: string]: unknown })

t.test('a process that cannot open a database connection (EMFILE) answers 503 service_overloaded, not 500', async (t) => {
  // What the driver sees when the process has no file descriptor left: connect() fails with EMFILE.
  const connectSocket = net.Socket.prototype.connect
  net.Socket.prototype.connect = function (this: net.Socket) {
    process.nextTick(() => this.emit('error', Object.assign(new Error('connect EMFILE 127.0.0.1:5432 - Local (undefined:undefined)'),
      { code: 'EMFILE', errno: -24, syscall: 'connect' })))
    return this
  } as typeof connectSocket
  t.teardown(() => { net.Socket.prototype.connect = connectSocket })

  const lines: string[] = []
  const app = await appOver(t, await connect({ kind: 'postgres', url: 'postgres://nobody@127.0.0.1:5432/none', poolMax: 2 }), lines)
  for (const request of [
    { url: '/v1/units', headers: { authorization: admin } },
    { method: 'POST' as const, url: '/v1/units', headers: { authorization: admin }, payload: { name: 'Cục Y tế' } }
  ]) {
    const res = await app.inject(request)
    t.equal(res.statusCode, 503, `${request.method ?? 'GET'} ${request.url}`)
    t.match(res.headers['content-type'], PROBLEM)
    t.equal(res.json().code, 'service_overloaded')
    t.match(res.headers['retry-after'], /^\d+$/, 'with Retry-After')
    t.notMatch(res.body, /EMFILE|127\.0\.0\.1/, 'no details of the cause')
  }
  const ready = await app.inject({ url: '/readyz' })
  t.equal(ready.statusCode, 503, '/readyz: not ready either')
  t.equal(ready.json().code, 'service_overloaded')
  t.notOk(logged(lines).some((line) => line.level >= 50), 'nothing logged as an error (a 500)')
})

t.test('an exhausted pool while the database is up is 503 service_overloaded with Retry-After, not database_unavailable', async (t) => {
  // Longer than /readyz waits (1 s): a query's wait ends with the pool's error, the readiness check's with its own.
  const db = await connect({ kind: 'embedded' }, { acquireTimeoutMs: 1500 })
  const app = await appOver(t, db)
  // The embedded database has one connection: a transaction left open holds it.
  const trx = await db.transaction()
  const res = await app.inject({ url: '/v1/units', headers: { authorization: admin } })
  t.equal(res.statusCode, 503)
  t.equal(res.json().code, 'service_overloaded')
  t.match(res.headers['retry-after'], /^\d+$/)
  const ready = await app.inject({ url: '/readyz' })
  t.equal(ready.statusCode, 503)
  t.equal(ready.json().code, 'service_overloaded', '/readyz says so too')
  await trx.rollback()
  t.equal((await app.inject({ url: '/readyz' })).statusCode, 200, 'and is ready once a connection is free')
})

t.test('a database that refuses connections is still database_unavailable, without Retry-After', async (t) => {
  const refusals: string[] = []
  const app = await appOver(t, unreachableDatabase(refusals))
  const res = await app.inject({ url: '/v1/units', headers: { authorization: admin } })
  t.equal(res.statusCode, 503)
  t.equal(res.json().code, 'database_unavailable')
  t.ok(refusals.length > 0, 'knex warned of the refused connection (kept for the test, not printed)')
  t.match(refusals[0], /ECONNREFUSED 127\.0\.0\.1:9/)
})

t.test('a client that gives up while its request waits for a connection is logged as an aborted request', async (t) => {
  const lines: string[] = []
  const db = await connect({ kind: 'embedded' }, { acquireTimeoutMs: 500 })
  const app = await appOver(t, db, lines)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const trx = await db.transaction()
  t.teardown(() => trx.rollback())
  const { port } = app.server.address() as net.AddressInfo
  const conversation = await converse(port)
  conversation.socket.write(head(['GET /v1/units HTTP/1.1', 'Host: localhost', `Authorization: ${admin}`]))
  await sleep(100)
  conversation.socket.destroy()
  await sleep(1000)
  const entries = logged(lines)
  t.same(entries.filter((line) => line.level >= 40).map((line) => line.msg), [], 'no warning: nothing is wrong with the database or the service')
  t.ok(entries.some((line) => line.msg === 'request aborted by the client' && line.level <= 30), 'the abort is logged at a low level')
})
