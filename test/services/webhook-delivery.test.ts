// Deliveries to a real receiver on the loopback (named by WEBHOOK_ALLOW_HOSTS, as an operator would): feed order,
// signatures checked with the specification's algorithm, retries while it answers 500, a receiver that hangs,
// disabling after failures, no redirects, a name resolving to a private address, two instances on one database,
// and an instance that stops mid-delivery. On PostgreSQL the second instance has its own connection pool.
import t, { type Test } from 'tap'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { connect } from '../../src/db/connect.js'
import { claimNext } from '../../src/db/webhooks-repository.js'
import { readFeed } from '../../src/db/events-repository.js'
import { DEFAULT_RETRY_POLICY } from '../../src/domain/webhooks.js'
import { deliverDue, deliverNext, type DeliveryDeps } from '../../src/services/webhook-delivery.js'
import { httpSender, type Resolver } from '../../src/services/webhook-sender.js'
import { changeWebhook, createWebhook, listWebhookDeliveries, readWebhook } from '../../src/services/webhooks.js'
import { ADMIN, services, type Services } from '../helpers/services.js'
import { inUnitOfWork } from '../../src/services/unit-of-work.js'
import { signedWith } from '../helpers/webhook-signature.js'
import { createTestDatabase } from '../helpers/database.js'

interface Received { path: string, headers: http.IncomingHttpHeaders, body: string }

/** A receiver on 127.0.0.1 answering with `answer` (which may never answer). */
async function receiver (t: Test, answer: (req: Received, res: http.ServerResponse) => void = (_r, res) => { res.writeHead(204).end() }) {
  const received: Received[] = []
  const state = { answer }
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => { body += chunk })
    req.on('end', () => {
      const got = { path: req.url ?? '', headers: req.headers, body }
      received.push(got)
      state.answer(got, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }))
  return { received, state, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/thidua` }
}


const TARGETS = { allowHttp: true, allowHosts: ['127.0.0.1'] }

function deps (db: DeliveryDeps['db'], clock: { now: Date }, overrides: Partial<DeliveryDeps> & { disableAfterFailures?: number, timeoutMs?: number } = {}): DeliveryDeps {
  return {
    db,
    send: overrides.send ?? httpSender(),
    settings: {
      targets: TARGETS,
      timeoutMs: overrides.timeoutMs ?? 2000,
      retry: { ...DEFAULT_RETRY_POLICY, disableAfterFailures: overrides.disableAfterFailures ?? DEFAULT_RETRY_POLICY.disableAfterFailures }
    },
    now: () => clock.now,
    random: () => 0.5
  }
}

/** `count` events the subscription receives (units created), written one transaction each. */
async function emit (s: Services, count: number, from = 1) {
  for (let i = from; i < from + count; i++) {
    await s.write(async (ctx) => ctx.record({ action: 'unit.created', resourceType: 'unit', resourceId: `u${i}`, after: { name: `Công an tỉnh số ${i}` } }))
  }
}

async function subscribe (s: Services, url: string, eventTypes = ['unit.created']) {
  return s.write((ctx) => createWebhook(ctx, { url, eventTypes, description: 'Cổng thi đua Công an tỉnh Lào Cai', targets: TARGETS }))
}

const names = (received: Received[]) => received.map((r) => JSON.parse(r.body).resourceId)

t.test('events are delivered in feed order, each signed so that the specification\'s algorithm verifies it', async (t) => {
  const s = await services(t)
  const rx = await receiver(t)
  await emit(s, 1)
  const { webhook, secret } = await subscribe(s, rx.url)
  await s.write(async (ctx) => ctx.record({ action: 'block.created', resourceType: 'block', resourceId: 'b1', after: {} }))
  await emit(s, 3, 2)
  const clock = { now: new Date() }
  const run = await deliverDue(deps(s.db, clock), webhook.id)
  t.equal(run.attempts, 3)
  t.same(names(rx.received), ['u2', 'u3', 'u4'], 'the events after subscribing, of its types, in order')
  for (const got of rx.received) {
    t.ok(signedWith(secret, got), 'signature verifies')
    t.equal(got.headers['content-type'], 'application/json')
    t.match(got.headers['webhook-timestamp'], /^\d{10}$/)
  }
  t.notOk(signedWith(`whsec_${secret.charAt(6) === 'A' ? 'B' : 'A'}${secret.slice(7)}`, rx.received[0]), 'another secret does not verify')
  const log = await listWebhookDeliveries(s.read(), { webhookId: webhook.id, limit: 50 })
  t.same(log.items.map((d) => [d.status, d.attempts, d.lastStatusCode]), [['delivered', 1, 204], ['delivered', 1, 204], ['delivered', 1, 204]])
  t.same(rx.received.map((r) => r.headers['webhook-id']), [...log.items].reverse().map((d) => d.id), 'webhook-id is the delivery id')
  const first = JSON.parse(rx.received[0].body)
  t.match(first, { type: 'unit.created', resourceType: 'unit', data: { name: 'Công an tỉnh số 2' } })
  t.equal((await readWebhook(s.read(), { webhookId: webhook.id })).position, (await readFeed(s.db, {})).lastPosition)
})

t.test('a run past its budget begins no attempt and says more is waiting; the next run carries on', async (t) => {
  const s = await services(t)
  const rx = await receiver(t)
  const { webhook } = await subscribe(s, rx.url)
  await emit(s, 2)
  const clock = { now: new Date() }
  t.same(await deliverDue(deps(s.db, clock), webhook.id, 100, Date.now()), { attempts: 0, nextAt: null, more: true }, 'nothing begun')
  t.equal(rx.received.length, 0, 'nothing sent')
  t.equal((await deliverDue(deps(s.db, clock), webhook.id)).attempts, 2, 'both events go on the next run')
})

t.test('a receiver answering 500 is retried with backoff, the same webhook-id, and the next event waits until it recovers', async (t) => {
  const s = await services(t)
  let failures = 2
  const rx = await receiver(t, (_r, res) => { res.writeHead(failures-- > 0 ? 500 : 200).end('Hệ thống đang bảo trì') })
  const { webhook, secret } = await subscribe(s, rx.url)
  await emit(s, 2)
  const clock = { now: new Date('2024-12-10T03:00:00Z') }
  const d = deps(s.db, clock)
  let run = await deliverDue(d, webhook.id)
  t.equal(run.attempts, 1)
  t.equal(run.nextAt?.toISOString(), '2024-12-10T03:00:03.750Z', 'retried after 5 s with jitter (0.5 → 3.75 s)')
  t.same(names(rx.received), ['u1'])
  t.same((await deliverDue(d, webhook.id)).attempts, 0, 'nothing is sent before the retry is due')
  clock.now = run.nextAt!
  run = await deliverDue(d, webhook.id)
  t.equal(run.nextAt?.toISOString(), '2024-12-10T03:00:11.250Z', 'the next delay doubles')
  clock.now = run.nextAt!
  run = await deliverDue(d, webhook.id)
  t.same(names(rx.received), ['u1', 'u1', 'u1', 'u2'], 'u2 only once u1 succeeded')
  t.equal(new Set(rx.received.slice(0, 3).map((r) => r.headers['webhook-id'])).size, 1, 'the same webhook-id on every attempt')
  t.ok(rx.received.every((r) => signedWith(secret, r)))
  const [second, first] = (await listWebhookDeliveries(s.read(), { webhookId: webhook.id, limit: 50 })).items
  t.match(first, { status: 'delivered', attempts: 3, lastStatusCode: 200, nextAttemptAt: null, lastResponseBody: 'Hệ thống đang bảo trì' })
  t.match(second, { status: 'delivered', attempts: 1 })
  t.equal((await readWebhook(s.read(), { webhookId: webhook.id })).consecutiveFailures, 0)
})

t.test('a receiver that does not answer times out and the delivery waits for its retry', async (t) => {
  const s = await services(t)
  const rx = await receiver(t, () => { /* never answers */ })
  const { webhook } = await subscribe(s, rx.url)
  await emit(s, 1)
  const started = Date.now()
  const step = await deliverNext(deps(s.db, { now: new Date() }, { timeoutMs: 300 }), webhook.id)
  t.ok(Date.now() - started < 2000, 'gave up at the timeout')
  t.match(step, { kind: 'failed' })
  const [delivery] = (await listWebhookDeliveries(s.read(), { webhookId: webhook.id, limit: 5 })).items
  t.match(delivery, { status: 'pending', attempts: 1, lastStatusCode: null, lastError: 'No answer within 300 ms.' })
  t.ok(delivery.lastDurationMs! >= 290)
})

t.test('after N failures in a row the subscription is disabled, an event says so, and turning it on again resumes delivery', async (t) => {
  const s = await services(t)
  let down = true
  const rx = await receiver(t, (_r, res) => { res.writeHead(down ? 503 : 200).end() })
  const { webhook } = await subscribe(s, rx.url)
  await emit(s, 2)
  const clock = { now: new Date('2024-12-10T03:00:00Z') }
  const d = deps(s.db, clock, { disableAfterFailures: 3 })
  for (let i = 0; i < 3; i++) {
    const run = await deliverDue(d, webhook.id)
    if (run.nextAt) clock.now = run.nextAt
  }
  const disabled = await readWebhook(s.read(), { webhookId: webhook.id })
  t.match(disabled, { active: false, consecutiveFailures: 3, disabledReason: '3 attempts failed in a row.' })
  const feed = await readFeed(s.db, { type: 'webhook.disabled' })
  t.equal(feed.items.length, 1)
  t.match(feed.items[0], { resourceId: webhook.id, data: { active: false, disabledReason: '3 attempts failed in a row.' } })
  t.notOk(JSON.stringify(feed.items[0]).includes('whsec_'), 'no secret in the event')
  clock.now = new Date(clock.now.getTime() + 3_600_000)
  t.same((await deliverDue(d, webhook.id)).attempts, 0, 'a disabled subscription is not delivered to')
  down = false
  await s.write((ctx) => changeWebhook(ctx, { webhookId: webhook.id, active: true, targets: TARGETS }))
  await deliverDue(d, webhook.id)
  t.same(names(rx.received), ['u1', 'u1', 'u1', 'u1', 'u2'], 'the pending delivery first, then the next event')
  t.equal((await readWebhook(s.read(), { webhookId: webhook.id })).consecutiveFailures, 0)
})

t.test('a redirect is not followed: it counts as a failure', async (t) => {
  const s = await services(t)
  const rx = await receiver(t, (req, res) => { res.writeHead(req.path.endsWith('/moved') ? 200 : 302, { location: '/hooks/moved' }).end() })
  const { webhook } = await subscribe(s, rx.url)
  await emit(s, 1)
  await deliverNext(deps(s.db, { now: new Date() }), webhook.id)
  t.same(rx.received.map((r) => r.path), ['/hooks/thidua'], 'the location was never called')
  const [delivery] = (await listWebhookDeliveries(s.read(), { webhookId: webhook.id, limit: 5 })).items
  t.match(delivery, { status: 'pending', lastStatusCode: 302, lastError: 'The receiver answered 302.' })
})

t.test('a host name that resolves to a private address is refused at delivery, before any connection', async (t) => {
  const s = await services(t)
  const rx = await receiver(t)
  const port = new URL(rx.url).port
  const resolved: string[] = []
  const resolve: Resolver = async (host) => { resolved.push(host); return [{ address: '127.0.0.1', family: 4 }] }
  // Created while the name was public; it now resolves to the loopback, which only 127.0.0.1 by name may be.
  const { webhook } = await subscribe(s, `http://hooks.thidua.example.vn:${port}/hooks/thidua`)
  await emit(s, 1)
  await deliverNext(deps(s.db, { now: new Date() }, { send: httpSender({ resolve }) }), webhook.id)
  t.same(resolved, ['hooks.thidua.example.vn'])
  t.equal(rx.received.length, 0, 'nothing reached the receiver')
  const [delivery] = (await listWebhookDeliveries(s.read(), { webhookId: webhook.id, limit: 5 })).items
  t.match(delivery, { status: 'pending', lastStatusCode: null, lastError: 'Not sent: hooks.thidua.example.vn resolves to 127.0.0.1, a loopback address.' })
  const privateResolve: Resolver = async () => [{ address: '203.0.113.9', family: 4 }, { address: '10.20.30.40', family: 4 }]
  const step = await deliverNext(deps(s.db, { now: new Date(Date.now() + 60_000) }, { send: httpSender({ resolve: privateResolve }) }), webhook.id)
  t.match(step, { kind: 'failed' })
  const [again] = (await listWebhookDeliveries(s.read(), { webhookId: webhook.id, limit: 5 })).items
  t.match(again.lastError, /resolves to 203\.0\.113\.9, a reserved address|10\.20\.30\.40, a private address/)
})

t.test('two instances on one database deliver every event once, in order', async (t) => {
  const database = await createTestDatabase()
  t.teardown(() => database.close())
  const s: Services = {
    db: database.db,
    read: (actor = ADMIN, now = new Date()) => ({ db: database.db, actor, now }),
    write: (work, actor = ADMIN, now = new Date()) => inUnitOfWork(database.db, { actor, now, requestId: 'test' }, work)
  }
  // On PostgreSQL the second instance has a pool of its own on the same database; the embedded one has one connection.
  const other = database.url ? await connect({ kind: 'postgres', url: database.url, poolMax: 4 }) : database.db
  if (other !== database.db) t.teardown(() => other.destroy())
  const rx = await receiver(t, (_r, res) => { setTimeout(() => res.writeHead(200).end(), 5) })
  const { webhook } = await subscribe(s, rx.url)
  await emit(s, 12)
  const clock = { now: new Date() }
  const instances = [deps(database.db, clock), deps(other, clock)]
  // Each runs until it finds nothing to do; a lease held by the other makes it step back, so both go round again.
  for (let round = 0; round < 5; round++) await Promise.all([...instances, instances[1]].map((d) => deliverDue(d, webhook.id)))
  t.same(names(rx.received), Array.from({ length: 12 }, (_, i) => `u${i + 1}`), 'each event once, in feed order')
})

t.test('an instance that stops mid-delivery loses nothing: once its lease runs out another sends it again, same webhook-id', async (t) => {
  const s = await services(t)
  const rx = await receiver(t)
  const { webhook, secret } = await subscribe(s, rx.url)
  await emit(s, 2)
  const clock = { now: new Date('2024-12-10T03:00:00Z') }
  const real = httpSender()
  const dying = deps(s.db, clock, { send: async (request) => { await real(request); throw new Error('the process was killed') } })
  await t.rejects(deliverNext(dying, webhook.id), /killed/)
  t.same((await deliverDue(deps(s.db, clock), webhook.id)).attempts, 0, 'the lease still holds')
  clock.now = new Date(clock.now.getTime() + 2000 + 30_001)
  await deliverDue(deps(s.db, clock), webhook.id)
  t.same(names(rx.received), ['u1', 'u1', 'u2'], 'u1 again (at least once), then u2')
  t.equal(rx.received[0].headers['webhook-id'], rx.received[1].headers['webhook-id'], 'a receiver drops the duplicate by webhook-id')
  t.ok(rx.received.every((r) => signedWith(secret, r)))
  // A claim with nothing due leaves the subscription free.
  t.match(await s.db.transaction((trx) => claimNext(trx, webhook.id, clock.now, 1000, '00000000-0000-4000-8000-000000000000')), { kind: 'idle', at: null })
})

t.test('the log keeps at most 2 KB of an answer, without the NUL characters PostgreSQL cannot store', async (t) => {
  const s = await services(t)
  const rx = await receiver(t, (_r, res) => { res.writeHead(500).end(`lỗi\u0000${'x'.repeat(10_000)}`) })
  const { webhook } = await subscribe(s, rx.url)
  await emit(s, 1)
  await deliverNext(deps(s.db, { now: new Date() }), webhook.id)
  const [delivery] = (await listWebhookDeliveries(s.read(), { webhookId: webhook.id, limit: 5 })).items
  t.match(delivery, { status: 'pending', lastStatusCode: 500 })
  t.ok(delivery.lastResponseBody!.startsWith('lỗixxx'))
  t.ok(Buffer.byteLength(delivery.lastResponseBody!) <= 2048)
})

t.test('a replay while a delivery is being sent keeps it cancelled: the events go again from the replay\'s position, in order', async (t) => {
  const s = await services(t)
  const rx = await receiver(t)
  const { webhook } = await subscribe(s, rx.url)
  await emit(s, 3)
  const clock = { now: new Date() }
  const real = httpSender()
  const { replayWebhook } = await import('../../src/services/webhooks.js')
  const first = (await readFeed(s.db, { type: 'unit.created' })).items[0].position
  // The replay lands while u1 is on its way.
  const replaying = deps(s.db, clock, { send: async (request) => { await s.write((ctx) => replayWebhook(ctx, { webhookId: webhook.id, fromPosition: first })); return real(request) } })
  await deliverNext(replaying, webhook.id)
  await deliverDue(deps(s.db, clock), webhook.id)
  t.same(names(rx.received), ['u1', 'u1', 'u2', 'u3'])
  const log = await listWebhookDeliveries(s.read(), { webhookId: webhook.id, limit: 10 })
  t.same(log.items.map((d) => d.status).sort(), ['cancelled', 'delivered', 'delivered', 'delivered'], 'the first u1 stays cancelled')
})
