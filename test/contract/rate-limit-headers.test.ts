// The rate-limit headers the contract documents (plugins/swagger.ts) are the ones the service sends, and only on
// the routes it limits.
import t from 'tap'
import { build } from '../helpers/build.js'

type Response = { headers?: Record<string, unknown>, $ref?: string }
type Responses = Record<string, Response>

// The rate limit's own headers; every answer also documents x-request-id (test/contract/headers.test.ts).
const RATE_LIMIT = /^(x-ratelimit-|retry-after$)/

t.test('documented rate-limit headers are sent', async (t) => {
  const { app, admin } = await build(t, { rateLimitPerMinute: 2 })
  const contract = app.swagger() as unknown as { paths: Record<string, { get: { responses: Responses } }>, components: { responses: Responses } }
  // A response many operations share is a $ref into components.responses.
  const resolve = (response: Response | undefined) => response?.$ref ? contract.components.responses[response.$ref.split('/').pop()!] : response
  const documented = (path: string, status: string) =>
    Object.keys(resolve(contract.paths[path]?.get?.responses[status])?.headers ?? {}).map((name) => name.toLowerCase()).filter((name) => RATE_LIMIT.test(name))
  const list = () => app.inject({ url: '/v1/units', headers: { authorization: admin } })

  const ok = await list()
  t.equal(ok.statusCode, 200)
  t.same(documented('/v1/units', '200'), ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'])
  for (const name of documented('/v1/units', '200')) t.ok(ok.headers[name] !== undefined, `200 carries ${name}`)

  const refused = await app.inject({ url: '/v1/units' })
  t.equal(refused.statusCode, 401)
  for (const name of documented('/v1/units', '401')) t.ok(refused.headers[name] !== undefined, `401 carries ${name}`)

  await list()
  const limited = await list()
  t.equal(limited.statusCode, 429)
  t.ok(documented('/v1/units', '429').includes('retry-after'), 'the 429 documents Retry-After')
  for (const name of documented('/v1/units', '429')) t.ok(limited.headers[name] !== undefined, `429 carries ${name}`)

  const probe = await app.inject({ url: '/healthz' })
  t.same(documented('/healthz', '200'), [], 'the probe documents none')
  t.same(Object.keys(probe.headers).filter((name) => name.startsWith('x-ratelimit')), [], 'and sends none')
})
