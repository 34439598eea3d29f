// Webhooks delivered by the job queue the engine runs in production (pg-boss on PostgreSQL, the in-process runner
// on PGlite), started as the server starts it: writes through two service instances on one PostgreSQL database
// reach the receiver each once, in feed order, with nobody calling the queue by hand; an instance stopped
// mid-delivery leaves its delivery to the other; and a failed delivery's retry is queued for its own time.
import t, { type Test } from 'tap'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Knex } from 'knex'
import { buildApp, type App } from '../../src/app.js'
import { DEFAULT_WEBHOOK_CONFIG } from '../../src/config.js'
import { connect } from '../../src/db/connect.js'
import { compiledSchemas, TEST_SECRET, tokenFor } from '../helpers/build.js'
import { signedWith } from '../helpers/webhook-signature.js'
import { createTestDatabase, engine } from '../helpers/database.js'
import { engineQueue, eventually } from '../helpers/jobs.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))

const admin = tokenFor({ role: 'admin', sub: 'test-admin' })

async function instance (t: Test, db: Knex, sweepSeconds = 1): Promise<App> {
  const app = await buildApp({
    config: {
      bodyLimitBytes: 1_048_576,
      rateLimitPerMinute: 0,
      logLevel: 'silent',
      logPretty: false,
      webhooks: { ...DEFAULT_WEBHOOK_CONFIG, allowHttp: true, allowHosts: ['127.0.0.1'], timeoutMs: 2000, sweepSeconds }
    },
    db,
    jwtSecret: TEST_SECRET,
    schemaController: compiledSchemas,
    logger: false,
    jobs: engineQueue()
  })
  await app.ready()
  await app.jobs.start()
  t.teardown(() => app.close())
  return app
}

interface Received { id: string, resourceId: string, headers: http.IncomingHttpHeaders, body: string }

async function receiver (t: Test, answer: (res: http.ServerResponse) => void) {
  const received: Received[] = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (c) => { body += c })
    req.on('end', () => { received.push({ id: String(req.headers['webhook-id']), resourceId: JSON.parse(body).resourceId, headers: req.headers, body }); answer(res) })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }))
  return { received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks` }
}

t.test('writes through two instances reach the receiver once each, in feed order, through the started job queues', async (t) => {
  const database = await createTestDatabase()
  t.teardown(() => database.close())
  const other = engine === 'postgres' ? await connect({ kind: 'postgres', url: database.url!, poolMax: 5 }) : database.db
  if (other !== database.db) t.teardown(() => other.destroy())
  const apps = [await instance(t, database.db), ...(engine === 'postgres' ? [await instance(t, other)] : [])]
  const rx = await receiver(t, (res) => { setTimeout(() => res.writeHead(204).end(), 3) })
  const subscribed = await apps[0].inject({ method: 'POST', url: '/v1/webhooks', headers: { authorization: admin }, payload: { url: rx.url, eventTypes: ['unit.created'] } })
  t.equal(subscribed.statusCode, 201, subscribed.body)
  const ids: string[] = []
  for (let i = 0; i < 12; i++) {
    const answer = await apps[i % apps.length].inject({ method: 'POST', url: '/v1/units', headers: { authorization: admin }, payload: { name: `Công an tỉnh thử ${i}`, code: `T${i}` } })
    t.equal(answer.statusCode, 201, answer.body)
    ids.push(answer.json().id)
  }
  await eventually(() => rx.received.length >= 12, 20_000, '12 deliveries')
  await new Promise((resolve) => setTimeout(resolve, 1500))
  t.same(rx.received.map((r) => r.resourceId), ids, 'each once, in feed order')
})

t.test('an instance stopped mid-delivery: the other sends the delivery again, same webhook-id, nothing lost', { skip: engine === 'postgres' ? false : 'two instances need a PostgreSQL server' }, async (t) => {
  const database = await createTestDatabase()
  t.teardown(() => database.close())
  const other = await connect({ kind: 'postgres', url: database.url!, poolMax: 5 })
  t.teardown(() => other.destroy())
  let first = true
  // The first request is never answered: its instance is closed meanwhile.
  const rx = await receiver(t, (res) => { if (first) first = false; else res.writeHead(200).end() })
  const stopping = await instance(t, database.db)
  const subscribed = await stopping.inject({ method: 'POST', url: '/v1/webhooks', headers: { authorization: admin }, payload: { url: rx.url, eventTypes: ['unit.created'] } })
  const webhookId = subscribed.json().id
  await stopping.inject({ method: 'POST', url: '/v1/units', headers: { authorization: admin }, payload: { name: 'Công an tỉnh Lào Cai', code: 'LCA' } })
  await eventually(() => rx.received.length === 1, 10_000, 'the first attempt')
  // Closing waits for the running attempt (it times out and is recorded as failed, due again after the backoff).
  // Had the process been killed instead, its lease would run out and the same would follow (test/services).
  await stopping.close()
  await instance(t, other)
  await eventually(() => rx.received.length >= 2, 15_000, 'the delivery sent again')
  t.equal(rx.received[1].id, rx.received[0].id, 'the same webhook-id: the receiver can drop a duplicate')
  // Recorded once the receiver's answer is back, just after it received the request.
  const status = async () => (await database.db('webhook_deliveries').where({ webhook_id: webhookId }).first()).status
  await eventually(async () => await status() === 'delivered', 5000, 'the delivery recorded as delivered')
})


t.test(`${engine}: a failed delivery's retry is queued for its own time, one per subscription, and then delivered once, signed, in order`, async (t) => {
  const database = await createTestDatabase()
  t.teardown(() => database.close())
  // The in-process runner keeps the app's clock, which the test moves; pg-boss keeps the database's, so on
  // PostgreSQL the app keeps the real one and the test waits for the retry's time.
  const clock = { at: Date.now() }
  const app = await buildApp({
    config: { bodyLimitBytes: 1_048_576, rateLimitPerMinute: 0, logLevel: 'silent', logPretty: false, webhooks: { ...DEFAULT_WEBHOOK_CONFIG, allowHttp: true, allowHosts: ['127.0.0.1'], timeoutMs: 2000 } },
    db: database.db,
    jwtSecret: TEST_SECRET,
    clock: engine === 'postgres' ? undefined : () => new Date(clock.at),
    schemaController: compiledSchemas,
    logger: false,
    jobs: engineQueue()
  })
  await app.ready()
  t.teardown(() => app.close())
  // Not started: no sweep runs; the test runs what is due with runDue().
  let down = true
  const rx = await receiver(t, (res) => res.writeHead(down ? 503 : 204).end())
  const subscribed = await app.inject({ method: 'POST', url: '/v1/webhooks', headers: { authorization: admin }, payload: { url: rx.url, eventTypes: ['unit.created'] } })
  t.equal(subscribed.statusCode, 201, subscribed.body)
  const { id: webhookId, secret } = subscribed.json()
  const units: string[] = []
  for (const [name, code] of [['Công an tỉnh Lào Cai', 'LCA'], ['Công an tỉnh Yên Bái', 'YBA']]) {
    const created = await app.inject({ method: 'POST', url: '/v1/units', headers: { authorization: admin }, payload: { name, code } })
    t.equal(created.statusCode, 201, created.body)
    units.push(created.json().id)
  }
  t.equal(await app.jobs.runDue(), 1, 'the run the writes queued')
  t.same(rx.received.map((r) => r.resourceId), [units[0]], 'the first event failed; the second waits behind it')
  const [waiting] = await database.db('webhook_deliveries').where({ webhook_id: webhookId, status: 'pending' })
  const retryAt = new Date(waiting.next_attempt_at).getTime()

  if (engine === 'postgres') {
    const { rows } = await database.db.raw("select singleton_key, start_after, data from pgboss.job where name = 'webhooks.retry' and state = 'created'")
    t.same(rows.map((r: { singleton_key: string, start_after: Date, data: unknown }) => [r.singleton_key, new Date(r.start_after).getTime(), r.data]),
      [[`webhook:${webhookId}`, retryAt, { webhookId, at: new Date(retryAt).toISOString() }]], 'one job for the subscription, due at the retry\'s time')
    await sleep(retryAt - Date.now() + 100)
  } else {
    clock.at = retryAt - 1
    t.equal(await app.jobs.runDue(), 0, 'nothing is due a millisecond before the retry\'s time')
    clock.at = retryAt
  }
  down = false
  t.equal(await app.jobs.runDue(), 1, 'at its time, one run: the subscription\'s retry job')
  t.same(rx.received.map((r) => r.resourceId), [units[0], units[0], units[1]], 'the retry, then the event behind it, in feed order')
  t.equal(rx.received[1].id, rx.received[0].id, 'the retry keeps its webhook-id')
  t.ok(rx.received.every((r) => signedWith(secret, r)), 'every attempt signed with the subscription\'s secret')
  const deliveries = await database.db('webhook_deliveries').where({ webhook_id: webhookId }).orderBy('event_position')
  t.same(deliveries.map((d: { status: string, attempts: number }) => [d.status, d.attempts]), [['delivered', 2], ['delivered', 1]])
  t.equal(await app.jobs.runDue(), 0, 'nothing left: no retry queued after success')
})
