// Every header the service sends or honours is in the contract where it is sent (plugins/contract-document.ts), and
// every operation states the roles its route configuration lets call it.
import Fastify, { type RouteOptions } from 'fastify'
import t from 'tap'
import { ROLES } from '../../src/auth/tokens.js'
import { resources } from '../../src/routes/index.js'
import { build } from '../helpers/build.js'
import { createUnit } from '../helpers/units.js'

type Json = Record<string, any>
const METHODS = ['get', 'put', 'post', 'patch', 'delete']

/** The contract's operations with their responses and parameters resolved from components. */
function operations (contract: Json) {
  const resolve = (node: Json) => {
    const [, section, name] = /^#\/components\/(\w+)\/(.+)$/.exec(node.$ref ?? '') ?? []
    return section ? contract.components[section][name] : node
  }
  return Object.entries<Json>(contract.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((method) => {
    const op = item[method]
    const responses: Record<string, Json> = Object.fromEntries(Object.entries<Json>(op.responses).map(([status, r]) => [status, resolve(r)]))
    const headersOf = (status: string) => Object.keys(responses[status]?.headers ?? {}).map((name) => name.toLowerCase())
    const parameters: Json[] = (op.parameters ?? []).map(resolve)
    return { path, method, op, responses, headersOf, parameters, name: `${method.toUpperCase()} ${path}` }
  }))
}

t.test('the contract documents each header on the answers that carry it', async (t) => {
  const { app } = await build(t)
  const contract = app.swagger() as unknown as Json
  const ops = operations(contract)
  for (const { op, responses, headersOf, parameters, name } of ops) {
    const takes = (header: string) => parameters.some((p) => p.in === 'header' && p.name === header)
    t.ok(takes('x-request-id'), `${name} takes x-request-id`)
    for (const status of Object.keys(responses)) {
      t.ok(headersOf(status).includes('x-request-id'), `${name} ${status} answers x-request-id`)
      if (status === '401') t.ok(headersOf(status).includes('www-authenticate'), `${name} 401 documents WWW-Authenticate`)
      if (status === '429' || status === '503') t.ok(headersOf(status).includes('retry-after'), `${name} ${status} documents Retry-After`)
    }
    if (responses['304']) {
      t.ok(takes('if-none-match'), `${name} answers 304, so takes If-None-Match`)
      t.ok(headersOf('200').includes('etag') && headersOf('304').includes('etag'), `${name} documents ETag on its 200 and 304`)
    }
    if (takes('idempotency-key')) {
      for (const status of Object.keys(responses).filter((s) => s.startsWith('2'))) {
        t.ok(headersOf(status).includes('idempotent-replayed'), `${name} ${status} documents Idempotent-Replayed`)
      }
    }
    t.notOk(Object.keys(op).some((key) => key.startsWith('x-thidua-')), `${name} keeps none of the transform's private marks`)
  }
  for (const name of ['ETag', 'Location', 'Idempotent-Replayed', 'X-Request-Id', 'Retry-After', 'WWW-Authenticate']) {
    t.type(contract.components.headers[name]?.description, 'string', `components.headers.${name} is described`)
  }
})

t.test('the headers a year\'s calls receive are documented on the answers that carried them', async (t) => {
  const { app, admin } = await build(t, { rateLimitPerMinute: 1000 })
  const ops = operations(app.swagger() as unknown as Json)
  const opFor = (method: string, url: string) => ops.find((o) => o.method === method.toLowerCase() &&
    new RegExp(`^${o.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(url.split('?')[0]))!
  // The headers this service itself sends; Fastify's own (content-type, content-length…) are HTTP's business.
  const SERVICE_HEADERS = ['etag', 'location', 'idempotent-replayed', 'x-request-id', 'retry-after', 'www-authenticate',
    'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']
  const checked = new Set<string>()
  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Record<string, string> = {}, payload?: Record<string, unknown>) => {
    const res = await app.inject(payload === undefined ? { method, url, headers } : { method, url, headers, payload })
    const op = opFor(method, url)
    t.ok(op, `${method} ${url} is an operation of the contract`)
    const documented = op.headersOf(String(res.statusCode))
    for (const header of SERVICE_HEADERS.filter((h) => res.headers[h] !== undefined)) {
      t.ok(documented.includes(header), `${op.name} ${res.statusCode} sent ${header}, and documents it`)
      checked.add(header)
    }
    return res
  }
  const unit = await createUnit(app, admin, { name: 'Công an tỉnh Lào Cai', code: 'LCA' })
  const replayed = await call('POST', '/v1/blocks', { authorization: admin, 'idempotency-key': 'khoi-1' }, { name: 'Khối các đơn vị Công an địa phương' })
  const again = await call('POST', '/v1/blocks', { authorization: admin, 'idempotency-key': 'khoi-1' }, { name: 'Khối các đơn vị Công an địa phương' })
  t.equal(again.headers['idempotent-replayed'], 'true', 'the retry is a replay')
  t.ok(replayed.headers.location && replayed.headers.etag, 'a create answers Location and ETag')
  const read = await call('GET', `/v1/units/${unit.id}`, { authorization: admin })
  const notModified = await call('GET', `/v1/units/${unit.id}`, { authorization: admin, 'if-none-match': String(read.headers.etag) })
  t.equal(notModified.statusCode, 304)
  await call('PATCH', `/v1/units/${unit.id}`, { authorization: admin, 'if-match': String(read.headers.etag) }, { shortName: 'CA Lào Cai' })
  await call('PATCH', `/v1/units/${unit.id}`, { authorization: admin, 'if-match': '"v1"' }, { shortName: 'CA Lào Cai' })
  await call('GET', '/v1/units', {})
  await call('GET', '/v1/units', { authorization: 'Bearer not-a-token', 'x-request-id': 'lao-cai-1' })
  t.same([...checked].sort(), ['etag', 'idempotent-replayed', 'location', 'www-authenticate', 'x-ratelimit-limit',
    'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-request-id'], 'the calls met each of these headers')
})

t.test('every operation states the roles its route configuration admits', async (t) => {
  // The routes as configured, collected without starting anything: registering them only records their options.
  const bare = Fastify()
  const routes: RouteOptions[] = []
  bare.addHook('onRoute', (route) => { routes.push(route) })
  for (const resource of resources) await bare.register(resource.routes)
  const { app } = await build(t)
  const ops = operations(app.swagger() as unknown as Json)
  t.ok(routes.length > 60, 'the routes were collected')
  let matched = 0
  for (const route of routes) {
    for (const method of [route.method].flat()) {
      const path = route.url.replace(/:(\w+)/g, '{$1}')
      const op = ops.find((o) => o.path === path && o.method === method.toLowerCase())
      if (!op) continue // hidden (HEAD twins)
      matched++
      const roles = route.config?.roles ?? ROLES
      t.same(op.op['x-roles'], [...roles], `${op.name}: x-roles`)
      t.ok(String(op.op.description).endsWith(`Roles: ${roles.map((r) => route.config?.scope?.[r] ? `${r} (${route.config.scope[r]})` : r).join(', ')}.`),
        `${op.name}: its description ends with the Roles line`)
      t.same(op.op['x-role-scope'], route.config?.scope, `${op.name}: x-role-scope`)
    }
  }
  t.equal(matched, ops.filter((o) => o.op['x-roles'] !== undefined).length, 'every operation with roles was compared with its route')
  const probe = ops.find((o) => o.path === '/healthz')!
  t.notOk('x-roles' in probe.op, 'a public operation names no roles')
  t.match(probe.op.description, /Public: no token needed\.$/)
})
