// The rate limit shared through Redis (RATE_LIMIT_REDIS_URL): two instances of the service on one database and one
// Redis spend one budget; without Redis each has its own; an unreachable Redis, at start or while running, leaves
// each instance counting its own budget and never stops a request (README, "Scaling out").
// Each app is a separate instance of the limiter: its own plugin, its own Redis connection, its own memory. The keys
// of a run start with a prefix of their own (runs may share the machine's Redis) and are deleted at the end.
import { randomUUID } from 'node:crypto'
import net from 'node:net'
import t, { type Test } from 'tap'
import { Redis } from 'ioredis'
import type { Knex } from 'knex'
import { buildApp, type App } from '../../src/app.js'
import { connect } from '../../src/db/connect.js'
import { REDIS_KEY_PREFIX } from '../../src/plugins/rate-limit.js'
import { TEST_SECRET, compiledSchemas, tokenFor } from '../helpers/build.js'
import { createTestDatabase, engine } from '../helpers/database.js'

const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379'
const PREFIX = `${REDIS_KEY_PREFIX}test-${randomUUID()}:`
const LIMIT = 4

/** A client of the test's own, or the reason the Redis tests cannot run. */
async function redisOrReason (): Promise<Redis | string> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null })
  let cause: Error | undefined
  client.on('error', (error) => { cause = error })
  try {
    await client.connect()
    await client.ping()
    return client
  } catch (error) {
    client.disconnect()
    return `no Redis answers at ${REDIS_URL} (${(cause ?? error as Error).message}); CI runs one at 127.0.0.1:6379`
  }
}

const redis = await redisOrReason()
const skip = typeof redis === 'string' ? redis : false

async function keysOfThisRun (client: Redis): Promise<string[]> {
  const keys: string[] = []
  for await (const batch of client.scanStream({ match: `${PREFIX}*`, count: 100 })) keys.push(...batch as string[])
  return keys
}

if (typeof redis !== 'string') {
  t.teardown(async () => {
    const keys = await keysOfThisRun(redis)
    if (keys.length > 0) await redis.del(...keys)
    await redis.quit()
  })
}

interface Instances {
  apps: [App, App]
  /** Every log line of both, at every level. */
  logs: string[]
}

/** Two apps on one database, each with its own limiter (and, on PostgreSQL, its own connection pool). */
async function twoInstances (t: Test, redisUrl: string | undefined, keyPrefix = PREFIX): Promise<Instances> {
  const database = await createTestDatabase()
  const pools: Knex[] = engine === 'postgres'
    ? [await connect({ kind: 'postgres', url: database.url!, poolMax: 3 }), await connect({ kind: 'postgres', url: database.url!, poolMax: 3 })]
    : [database.db, database.db]
  const apps: App[] = []
  const logs: string[] = []
  t.teardown(async () => {
    for (const app of apps) await app.close()
    if (engine === 'postgres') for (const pool of pools) await pool.destroy()
    await database.close()
  })
  for (const db of pools) {
    const app = await buildApp({
      config: { bodyLimitBytes: 1_048_576, rateLimitPerMinute: LIMIT, rateLimitRedisUrl: redisUrl, logLevel: 'silent', logPretty: false },
      db,
      jwtSecret: TEST_SECRET,
      schemaController: compiledSchemas,
      rateLimitKeyPrefix: keyPrefix,
      logger: { level: 'trace', stream: { write: (line: string) => { logs.push(line) } } }
    })
    apps.push(app)
    await app.ready()
  }
  return { apps: apps as [App, App], logs }
}

const get = (app: App, authorization: string) => app.inject({ url: '/v1/units', headers: { authorization } })
const messages = (logs: string[]) => logs.map((line) => JSON.parse(line) as { level: number, msg: string })

t.test('with one Redis, two instances spend one budget', { skip }, async (t) => {
  const { apps: [a, b] } = await twoInstances(t, REDIS_URL)
  const token = tokenFor({ role: 'admin', sub: `shared-${randomUUID()}` })

  const remaining = []
  for (const app of [a, b, a, b]) {
    const response = await get(app, token)
    t.equal(response.statusCode, 200)
    t.equal(response.headers['x-ratelimit-limit'], String(LIMIT))
    remaining.push(Number(response.headers['x-ratelimit-remaining']))
  }
  t.same(remaining, [3, 2, 1, 0], 'each instance sees what the other spent')

  for (const [name, app] of [['the first', a], ['the second', b]] as const) {
    const limited = await get(app, token)
    t.equal(limited.statusCode, 429, `the next call on ${name} instance is refused`)
    t.equal(limited.json().code, 'rate_limited')
    t.equal(limited.headers['x-ratelimit-limit'], String(LIMIT))
    t.equal(limited.headers['x-ratelimit-remaining'], '0')
    const reset = Number(limited.headers['x-ratelimit-reset'])
    const retryAfter = Number(limited.headers['retry-after'])
    t.ok(reset > 0 && reset <= 60, `x-ratelimit-reset ${reset}`)
    t.ok(retryAfter > 0 && retryAfter <= 60, `retry-after ${retryAfter}`)
  }

  t.equal((await get(b, tokenFor({ role: 'reader', sub: `other-${randomUUID()}` }))).statusCode, 200, 'another token has its own budget')
  const keys = await keysOfThisRun(redis as Redis)
  t.ok(keys.length >= 2 && keys.every((key) => key.startsWith(`${PREFIX}token:`)), 'counted in Redis under the service\'s prefix, one key per token')
  t.ok(await (redis as Redis).pttl(keys[0]) > 0, 'and every key expires with its window')
})

t.test('without Redis, each instance has its own budget', async (t) => {
  const { apps: [a, b] } = await twoInstances(t, undefined)
  const token = tokenFor({ role: 'admin', sub: `local-${randomUUID()}` })
  for (let i = 1; i <= LIMIT; i++) t.equal((await get(a, token)).statusCode, 200, `call ${i} on the first`)
  t.equal((await get(a, token)).statusCode, 429, 'the first instance\'s budget is spent')
  for (let i = 1; i <= LIMIT; i++) t.equal((await get(b, token)).statusCode, 200, `call ${i} on the second: a budget of its own`)
  t.equal((await get(b, token)).statusCode, 429)
})

t.test('a Redis that cannot be reached at start: the instances start, and each counts its own budget', async (t) => {
  // Port 1 on loopback: the connection is refused at once.
  const { apps: [a, b], logs } = await twoInstances(t, 'redis://127.0.0.1:1')
  const token = tokenFor({ role: 'admin', sub: `down-${randomUUID()}` })
  for (let i = 1; i <= LIMIT; i++) t.equal((await get(a, token)).statusCode, 200, `call ${i} on the first`)
  const limited = await get(a, token)
  t.equal(limited.statusCode, 429, 'still limited, per instance')
  t.ok(Number(limited.headers['retry-after']) > 0)
  t.equal((await get(b, token)).statusCode, 200, 'the second has its own budget')
  await new Promise((resolve) => setTimeout(resolve, 1000)) // a few more attempts to reconnect (250 ms, then 500 ms…)
  const warnings = messages(logs).filter((line) => line.level === 40 && /rate limit counted per instance/.test(line.msg))
  t.equal(warnings.length, 2, 'each instance says so once, however many retries')
  t.equal((await a.inject({ url: '/readyz' })).statusCode, 200, 'and is ready: the limiter\'s store is not the records\' database')
})

const relaySkip = skip || (REDIS_URL !== 'redis://127.0.0.1:6379' && 'the relay forwards to 127.0.0.1:6379 only')

/** A TCP relay to Redis that the test can cut and restore, as a network failure would. */
async function relay (port = 0) {
  const sockets = new Set<net.Socket>()
  const clients = new Set<net.Socket>()
  const server = net.createServer((client) => {
    clients.add(client)
    client.on('close', () => clients.delete(client))
    const upstream = net.connect(6379, '127.0.0.1')
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('error', () => {})
      socket.on('close', () => { sockets.delete(socket); client.destroy(); upstream.destroy() })
    }
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    /** The connections open through it. */
    connections: () => clients.size,
    cut: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    }
  }
}

async function until (condition: () => boolean, ms: number) {
  for (const end = Date.now() + ms; Date.now() < end && !condition();) await new Promise((resolve) => setTimeout(resolve, 50))
  return condition()
}

t.test('Redis lost while running: every call is answered, counted per instance, and shared again once Redis is back', { skip: relaySkip }, async (t) => {
  let link = await relay()
  const port = link.port
  t.teardown(() => link.cut())
  const { apps: [a, b], logs } = await twoInstances(t, `redis://127.0.0.1:${port}`)
  const token = tokenFor({ role: 'admin', sub: `flaky-${randomUUID()}` })

  t.same([(await get(a, token)).headers['x-ratelimit-remaining'], (await get(b, token)).headers['x-ratelimit-remaining']], ['3', '2'], 'shared')
  await link.cut()
  t.ok(await until(() => messages(logs).filter((line) => /counted per instance/.test(line.msg)).length === 2, 5000), 'both instances log the loss once')
  const during = []
  for (let i = 0; i < LIMIT + 1; i++) during.push((await get(a, token)).statusCode)
  t.same(during, [200, 200, 200, 200, 429], 'the first counts a budget of its own: never a 500, never unlimited')
  t.equal((await get(b, token)).statusCode, 200, 'the second too')

  link = await relay(port)
  t.ok(await until(() => messages(logs).filter((line) => /shared again/.test(line.msg)).length === 2, 10_000), 'both reconnect by themselves')
  const after = await get(b, token)
  t.equal(after.statusCode, 200, 'back on the shared count, which Redis kept')
  t.equal(after.headers['x-ratelimit-remaining'], '1')
  t.equal((await get(a, token)).headers['x-ratelimit-remaining'], '0')
  t.equal((await get(a, token)).statusCode, 429)
})

t.test('closing an instance closes its Redis connection', { skip: relaySkip }, async (t) => {
  const link = await relay()
  t.teardown(() => link.cut())
  const { apps: [a, b] } = await twoInstances(t, `redis://127.0.0.1:${link.port}`)
  t.equal(link.connections(), 2, 'one connection per instance')
  await a.close()
  t.ok(await until(() => link.connections() === 1, 2000), 'the closed instance\'s is gone')
  t.equal((await get(b, tokenFor({ role: 'admin', sub: `close-${randomUUID()}` }))).headers['x-ratelimit-remaining'], '3', 'the other still counts in Redis')
})
