import t from 'tap'
import { build } from '../helpers/build.js'

t.test('a budget of 3 requests per minute per token', async (t) => {
  const { app, admin, auth } = await build(t, { rateLimitPerMinute: 3 })
  const get = (authorization?: string, url = '/v1/units') => app.inject({ url, headers: authorization ? { authorization } : {} })

  await t.test('the 4th request with one token is a 429 problem with retry-after', async (t) => {
    for (let i = 1; i <= 3; i++) t.equal((await get(admin)).statusCode, 200, `request ${i}`)
    const limited = await get(admin)
    t.equal(limited.statusCode, 429)
    t.match(limited.headers['content-type'], /^application\/problem\+json/)
    t.equal(limited.json().code, 'rate_limited')
    const retryAfter = Number(limited.headers['retry-after'])
    t.ok(retryAfter > 0 && retryAfter <= 60, `retry-after ${retryAfter}`)
  })

  await t.test('another token has its own budget', async (t) => {
    t.equal((await get(auth({ role: 'reader' }))).statusCode, 200)
  })

  await t.test('health and metrics are not limited', async (t) => {
    for (let i = 0; i < 6; i++) {
      t.equal((await get(undefined, '/healthz')).statusCode, 200)
      t.equal((await get(admin, '/healthz')).statusCode, 200, 'not even for a limited token')
    }
  })

  await t.test('calls without a token share their address\'s budget, so a flood of them is limited too', async (t) => {
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await get()).statusCode)
    t.same(statuses, [401, 401, 401, 429])
  })

  await t.test('a token that does not verify is counted too', async (t) => {
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await get('Bearer not.a.token')).statusCode)
    t.same(statuses, [401, 401, 401, 429])
  })
})

t.test('behind a trusted proxy, calls without a token are counted per client, not per proxy', async (t) => {
  const from = (app: Awaited<ReturnType<typeof build>>['app'], client: string) =>
    app.inject({ url: '/v1/units', remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': client } })
  const trusting = (await build(t, { rateLimitPerMinute: 2, trustProxy: '10.0.0.0/8' })).app
  const perClient = []
  for (const client of ['203.0.113.1', '203.0.113.1', '203.0.113.2', '203.0.113.1']) perClient.push((await from(trusting, client)).statusCode)
  t.same(perClient, [401, 401, 401, 429], 'the second client has its own budget; the first runs out')
  const untrusting = (await build(t, { rateLimitPerMinute: 2 })).app
  const perProxy = []
  for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) perProxy.push((await from(untrusting, client)).statusCode)
  t.same(perProxy, [401, 401, 429], 'without TRUST_PROXY the header is not believed: one budget for the proxy')
})

t.test('0 turns the limit off', async (t) => {
  const { app, admin } = await build(t, { rateLimitPerMinute: 0 })
  for (let i = 0; i < 10; i++) t.equal((await app.inject({ url: '/v1/units', headers: { authorization: admin } })).statusCode, 200)
})
