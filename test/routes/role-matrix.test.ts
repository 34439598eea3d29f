// Every role against every route, with own versus other cluster: the allowed calls succeed (2xx), the others
// are refused with 403 and change nothing. Each call gets fresh data, so an allowed call can only pass by
// actually succeeding.
import t from 'tap'
import { randomUUID } from 'node:crypto'
import { build } from '../helpers/build.js'
import { created, seedClusters } from '../helpers/clusters.js'
import { createUnit } from '../helpers/units.js'

type Caller = 'admin' | 'secretariatOwn' | 'secretariatOther' | 'unitOwn' | 'unitOther' | 'reader'
const CALLERS: Caller[] = ['admin', 'secretariatOwn', 'secretariatOther', 'unitOwn', 'unitOther', 'reader']
const EVERYONE = CALLERS

interface Call { method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object }

t.test('each role may call exactly the routes its scope allows', async (t) => {
  const { app, admin, auth } = await build(t)
  const seeded = await seedClusters(app, admin, { members: '2024-01-01' })
  const own = seeded.cluster9.id as string
  const other = seeded.cluster8.id as string
  const ownUnit = seeded.units['Cục Y tế']
  const tokens: Record<Caller, string> = {
    admin,
    secretariatOwn: auth({ role: 'secretariat', clusterId: own, sub: 'sec-9' }),
    secretariatOther: auth({ role: 'secretariat', clusterId: other, sub: 'sec-8' }),
    unitOwn: auth({ role: 'unit', unitId: ownUnit, sub: 'unit-h06' }),
    unitOther: auth({ role: 'unit', unitId: seeded.units['Cục Hậu cần'], sub: 'unit-h07' }),
    reader: auth({ role: 'reader', sub: 'reader' })
  }
  let serial = 0
  const freshUnit = async () => (await createUnit(app, admin, { name: `Đơn vị thử ${++serial}` })).id
  const memberOfOwn = async () => {
    const unitId = await freshUnit()
    await created(app, admin, `/v1/clusters/${own}/members`, { unitId, from: '2024-01-01' })
    return unitId
  }

  const routes: Array<{ name: string, allowed: Caller[], call: () => Promise<Call> }> = [
    { name: 'POST /v1/units', allowed: ['admin'], call: async () => ({ method: 'POST', url: '/v1/units', payload: { name: `Đơn vị mới ${++serial}` } }) },
    { name: 'GET /v1/units', allowed: EVERYONE, call: async () => ({ method: 'GET', url: '/v1/units' }) },
    { name: 'GET /v1/units/{id}', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/units/${ownUnit}` }) },
    { name: 'PATCH /v1/units/{id}', allowed: ['admin'], call: async () => ({ method: 'PATCH', url: `/v1/units/${await freshUnit()}`, payload: { shortName: 'Thử' } }) },
    { name: 'GET /v1/units/{id}/memberships', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/units/${ownUnit}/memberships` }) },
    { name: 'POST /v1/blocks', allowed: ['admin'], call: async () => ({ method: 'POST', url: '/v1/blocks', payload: { name: `Khối thử ${++serial}` } }) },
    { name: 'GET /v1/blocks', allowed: EVERYONE, call: async () => ({ method: 'GET', url: '/v1/blocks' }) },
    { name: 'GET /v1/blocks/{id}', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/blocks/${seeded.blockId}` }) },
    { name: 'POST /v1/clusters', allowed: ['admin'], call: async () => ({ method: 'POST', url: '/v1/clusters', payload: { number: 100 + ++serial, name: `Cụm thử ${serial}`, blockId: seeded.blockId } }) },
    { name: 'GET /v1/clusters', allowed: EVERYONE, call: async () => ({ method: 'GET', url: '/v1/clusters' }) },
    { name: 'GET /v1/clusters/{id}', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/clusters/${own}` }) },
    {
      name: 'PATCH /v1/clusters/{id} (rules)',
      allowed: ['admin', 'secretariatOwn'],
      call: async () => ({ method: 'PATCH', url: `/v1/clusters/${own}`, payload: { rules: { selfVoteAllowed: serial++ % 2 === 0 } } })
    },
    { name: 'PATCH /v1/clusters/{id} (name)', allowed: ['admin'], call: async () => ({ method: 'PATCH', url: `/v1/clusters/${own}`, payload: { name: `Cụm thi đua số 9 (${++serial})` } }) },
    { name: 'POST /v1/clusters/{id}/members', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'POST', url: `/v1/clusters/${own}/members`, payload: { unitId: await freshUnit(), from: '2024-01-01' } }) },
    { name: 'GET /v1/clusters/{id}/members', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/clusters/${own}/members?on=2024-06-01` }) },
    { name: 'POST /v1/clusters/{id}/members/{unitId}/end', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'POST', url: `/v1/clusters/${own}/members/${await memberOfOwn()}/end`, payload: { on: '2025-01-01' } }) },
    { name: 'GET /v1/clusters/{id}/terms', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/clusters/${own}/terms` }) },
    {
      name: 'PUT /v1/clusters/{id}/terms/{year}',
      allowed: ['admin'],
      call: async () => ({ method: 'PUT', url: `/v1/clusters/${own}/terms/2024`, payload: { headUnitId: ownUnit, deputyUnitId: seeded.units['Cục Hậu cần'] } })
    },
    { name: 'GET /v1/audit-events', allowed: ['admin', 'reader'], call: async () => ({ method: 'GET', url: '/v1/audit-events' }) },
    { name: 'GET /v1/events', allowed: ['admin', 'reader'], call: async () => ({ method: 'GET', url: '/v1/events' }) }
  ]
  // A term exists so that its GET is a success for those allowed.
  await app.inject({ method: 'PUT', url: `/v1/clusters/${own}/terms/2024`, headers: { authorization: admin }, payload: { headUnitId: ownUnit, deputyUnitId: seeded.units['Cục Hậu cần'] } })
  routes.push({ name: 'GET /v1/clusters/{id}/terms/{year}', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/clusters/${own}/terms/2024` }) })

  for (const route of routes) {
    for (const who of CALLERS) {
      const call = await route.call()
      const auditBefore = Number((await app.db('audit_events').count({ n: '*' }))[0].n)
      const response = await app.inject({ method: call.method, url: call.url, headers: { authorization: tokens[who], 'x-request-id': randomUUID() }, ...(call.payload ? { payload: call.payload } : {}) })
      const auditAfter = Number((await app.db('audit_events').count({ n: '*' }))[0].n)
      if (route.allowed.includes(who)) {
        t.ok(response.statusCode >= 200 && response.statusCode < 300, `${who} may ${route.name} (got ${response.statusCode} ${response.statusCode >= 300 ? response.body : ''})`)
      } else {
        t.equal(response.statusCode, 403, `${who} may not ${route.name}`)
        t.equal(response.json().code, 'forbidden', `${who} refused on ${route.name} with code forbidden`)
        t.equal(auditAfter, auditBefore, `${who}'s refused ${route.name} changes nothing`)
      }
    }
  }
})

t.test('a call without a token is refused with 401 on every route but health and docs', async (t) => {
  const { app } = await build(t)
  const id = randomUUID()
  const calls: Call[] = [
    { method: 'GET', url: '/v1/units' }, { method: 'POST', url: '/v1/units', payload: { name: 'X' } },
    { method: 'GET', url: `/v1/units/${id}` }, { method: 'PATCH', url: `/v1/units/${id}`, payload: { name: 'X' } },
    { method: 'GET', url: `/v1/units/${id}/memberships` },
    { method: 'GET', url: '/v1/blocks' }, { method: 'POST', url: '/v1/blocks', payload: { name: 'X' } }, { method: 'GET', url: `/v1/blocks/${id}` },
    { method: 'GET', url: '/v1/clusters' }, { method: 'GET', url: `/v1/clusters/${id}` }, { method: 'PATCH', url: `/v1/clusters/${id}`, payload: { name: 'X' } },
    { method: 'POST', url: `/v1/clusters/${id}/members`, payload: { unitId: id, from: '2024-01-01' } },
    { method: 'GET', url: `/v1/clusters/${id}/members` },
    { method: 'POST', url: `/v1/clusters/${id}/members/${id}/end`, payload: { on: '2024-01-01' } },
    { method: 'GET', url: `/v1/clusters/${id}/terms` }, { method: 'GET', url: `/v1/clusters/${id}/terms/2024` },
    { method: 'PUT', url: `/v1/clusters/${id}/terms/2024`, payload: { headUnitId: id, deputyUnitId: id } },
    { method: 'GET', url: '/v1/audit-events' }, { method: 'GET', url: '/v1/events' }
  ]
  for (const call of calls) {
    const response = await app.inject({ method: call.method, url: call.url, ...(call.payload ? { payload: call.payload } : {}) })
    t.equal(response.statusCode, 401, `${call.method} ${call.url} needs a token`)
    t.match(response.headers['content-type'], /application\/problem\+json/)
  }
  for (const url of ['/healthz', '/readyz', '/openapi.json', '/docs']) {
    const response = await app.inject({ url })
    t.ok(response.statusCode < 400, `${url} needs no token (got ${response.statusCode})`)
  }
})
