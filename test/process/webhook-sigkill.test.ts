// The service killed with SIGKILL while a webhook delivery is in flight (the receiver has the request and has not
// answered), on a fresh database of the shared PostgreSQL server. Nothing is lost: after a restart the same
// delivery is sent again with the same webhook-id, and every event follows it, in feed order, each signed as the
// Standard Webhooks specification says. It waits for the killed instance's lease on the subscription
// (WEBHOOK_TIMEOUT_MS + 30 s) and for its delivery run to time out in the queue (60 s + the lease, then the
// queue's maintenance, every 60 s): two to three minutes.
import t, { type Test } from 'tap'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHmac } from 'node:crypto'
import { signToken } from '../../src/auth/tokens.js'
import { createTestDatabase, engine } from '../helpers/database.js'
import { startServer, stopServer, waitWhileRunning } from './server-process.js'

const SECRET = 'a-shared-secret-for-the-fault-tests-0123456789'
const admin = `Bearer ${signToken(SECRET, { sub: 'webhook-fault-test', role: 'admin' })}`
const TIMEOUT_MS = 2000
/** The killed instance's run times out after 60 s + its lease (32 s), seen at the queue's next maintenance. */
const RECOVERY_MS = 240_000
const UNITS = 3

const skip = engine === 'postgres' ? false : 'needs a PostgreSQL server (TEST_DATABASE_URL); runs in the PostgreSQL pass'

interface Received { id: string, timestamp: string, signature: string, body: string }

/** A receiver on the loopback that holds its first request unanswered and answers 204 to the others. */
async function receiver (t: Test) {
  const received: Received[] = []
  const held: http.ServerResponse[] = []
  const server = http.createServer((request, response) => {
    let body = ''
    request.setEncoding('utf8').on('data', (chunk: string) => { body += chunk }).on('end', () => {
      received.push({ id: String(request.headers['webhook-id']), timestamp: String(request.headers['webhook-timestamp']), signature: String(request.headers['webhook-signature']), body })
      if (received.length === 1) held.push(response)
      else response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => {
    for (const response of held) response.destroy()
    server.closeAllConnections()
    server.close(() => resolve())
  }))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/thidua`, received }
}

/** The specification's signature: base64 HMAC-SHA256, keyed by the secret's base64 part, of `id.timestamp.body`. */
function signed (secret: string, message: Received): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  const expected = createHmac('sha256', key).update(`${message.id}.${message.timestamp}.${message.body}`).digest('base64')
  return message.signature.split(' ').includes(`v1,${expected}`)
}

async function call (base: string, method: string, path: string, body?: unknown) {
  const response = await fetch(base + path, {
    method,
    headers: { authorization: admin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000)
  })
  const text = await response.text()
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${text}`)
  return JSON.parse(text) as Record<string, unknown>
}

t.test('SIGKILL mid-delivery loses nothing: after a restart the delivery goes again with its webhook-id, then the rest in order', { skip }, async (t) => {
  const database = await createTestDatabase()
  t.teardown(() => database.close())
  const hook = await receiver(t)
  const env = {
    DATABASE_URL: database.url!,
    AUTH_JWT_SECRET: SECRET,
    RATE_LIMIT_PER_MINUTE: '0',
    WEBHOOK_ALLOW_HTTP: 'true',
    WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
    WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
    WEBHOOK_SWEEP_SECONDS: '1',
    JOBS_POLL_INTERVAL_MS: '200'
  }
  const first = await startServer(t, env)
  const subscription = await call(first.base, 'POST', '/v1/webhooks', { url: hook.url, eventTypes: ['unit.created'], description: 'Hệ thống nhận sự kiện thử lỗi', active: true })
  const units: string[] = []
  for (let i = 1; i <= UNITS; i++) units.push(String((await call(first.base, 'POST', '/v1/units', { name: `Công an tỉnh thử nghiệm ${i}` })).id))

  // The first delivery reaches the receiver, which does not answer: the service dies with it in flight.
  await waitWhileRunning(first, 'the first delivery to reach the receiver', () => hook.received.length >= 1, 60_000)
  first.child.kill('SIGKILL')
  await first.exited
  t.equal(hook.received.length, 1, 'nothing else was sent while the first delivery was in flight')

  const second = await startServer(t, env)
  await waitWhileRunning(second, 'every event delivered after the restart', () => hook.received.length >= UNITS + 1, RECOVERY_MS)
  // The log, once the last answer is recorded: one delivery per event, each delivered.
  const log = await waitWhileRunning(second, 'the delivery log to show every delivery done', async () => {
    const page = await call(second.base, 'GET', `/v1/webhooks/${String(subscription.id)}/deliveries`)
    const items = page.items as Array<{ status: string, attempts: number, eventPosition: string }>
    return items.length === UNITS && items.every((item) => item.status === 'delivered') ? items : undefined
  }, 30_000)
  await stopServer(second)

  const [inFlight, ...after] = hook.received
  const events = after.map((message) => JSON.parse(message.body) as { type: string, resourceId: string, position: string })
  t.equal(after[0].id, inFlight.id, 'the delivery in flight goes again with the same webhook-id')
  t.equal(after[0].body, inFlight.body, 'and the same event')
  t.same(events.map((event) => event.resourceId), units, 'every unit\'s event, in the order written, none twice after the restart')
  t.ok(events.every((event) => event.type === 'unit.created'), 'only the types subscribed to')
  t.ok(hook.received.every((message) => signed(String(subscription.secret), message)), 'every request signed with the subscription\'s secret')
  t.equal(new Set(after.map((message) => message.id)).size, UNITS, 'one webhook-id per event')
  // An attempt counts once its outcome is recorded: the one cut short by the kill never was.
  t.same(log.map((item) => item.attempts), [1, 1, 1], 'one recorded attempt each')
})
