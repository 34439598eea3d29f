// The webhook operations over HTTP: the secret answered once, refusals with their codes (a loopback URL, an
// unknown type, a secretariat naming a type without a cluster), a secretariat's scope, and a delivery run started
// by a write and driven through the job queue to a receiver on the loopback, with its log, a retry and a replay.
import t from 'tap'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { build } from '../helpers/build.js'
import { caller, expectStatus } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'
import { CLUSTER_SCOPED_EVENT_TYPES } from '../../src/domain/webhooks.js'

t.test('subscriptions: the secret once, the refusals, a secretariat\'s scope, and deliveries through the job queue', async (t) => {
  const received: Array<{ id: string, body: any }> = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (c) => { body += c })
    req.on('end', () => { received.push({ id: String(req.headers['webhook-id']), body: JSON.parse(body) }); res.writeHead(200).end() })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`
  const built = await build(t, { webhooks: { allowHttp: true, allowHosts: ['127.0.0.1'] } })
  const { app, admin, auth } = built
  const as = caller(app)
  const { cluster9, cluster8 } = await seedClusters(app, admin)
  const sec9 = auth({ role: 'secretariat', clusterId: cluster9.id, sub: 'sec-9' })
  const sec8 = auth({ role: 'secretariat', clusterId: cluster8.id, sub: 'sec-8' })

  const refused = async (token: string, body: object, code: string) => {
    const answer = await app.inject({ method: 'POST', url: '/v1/webhooks', headers: { authorization: token }, payload: body })
    t.equal(answer.statusCode, 422, `${code}: ${answer.body}`)
    t.equal(answer.json().code, code)
  }
  await refused(admin, { url: 'https://10.0.0.5/hooks', eventTypes: ['cluster.updated'] }, 'webhook_target_refused')
  await refused(admin, { url: 'https://[::ffff:127.0.0.1]:8443/hooks', eventTypes: ['cluster.updated'] }, 'webhook_target_refused')
  await refused(admin, { url: 'https://localhost/hooks', eventTypes: ['cluster.updated'] }, 'webhook_target_refused')
  await refused(admin, { url, eventTypes: ['cluster.renamed'] }, 'webhook_event_type_unknown')
  await refused(sec9, { url, eventTypes: ['cluster.updated', 'unit.created'] }, 'webhook_event_type_not_in_cluster')
  const none = await expectStatus(as(admin).get('/v1/webhooks'), 200)
  t.same(none.items, [], 'a refusal changes nothing')

  const mine = await expectStatus(as(sec9).post('/v1/webhooks', { url, eventTypes: ['cluster.updated'], description: 'Cổng thi đua Cụm 9' }), 201)
  t.match(mine.secret, /^whsec_[A-Za-z0-9+/]{43}=$/)
  t.equal(mine.clusterId, cluster9.id)
  const read = await expectStatus(as(sec9).get(`/v1/webhooks/${mine.id}`), 200)
  t.notOk('secret' in read, 'never answered again')
  await expectStatus(as(sec8).get(`/v1/webhooks/${mine.id}`), 404)
  t.same((await expectStatus(as(sec8).get('/v1/webhooks'), 200)).items, [])
  t.equal((await expectStatus(as(admin).get('/v1/webhooks'), 200)).items.length, 1)

  // Two changes, one per cluster: Cụm 9's subscription gets its own only, through the run the write queued.
  await expectStatus(as(admin).patch(`/v1/clusters/${cluster8.id}`, { rules: { membersReadDisciplineRecords: true } }), 200)
  await expectStatus(as(admin).patch(`/v1/clusters/${cluster9.id}`, { rules: { membersReadDisciplineRecords: true } }), 200)
  await app.jobs.runDue()
  t.same(received.map((r) => [r.body.type, r.body.resourceId]), [['cluster.updated', cluster9.id]])
  const log = await expectStatus(as(sec9).get(`/v1/webhooks/${mine.id}/deliveries`), 200)
  t.match(log.items, [{ id: received[0].id, status: 'delivered', attempts: 1, lastStatusCode: 200, eventType: 'cluster.updated' }])

  // A manual retry sends it again with the same webhook-id; a replay from its position makes a new delivery.
  await expectStatus(as(sec9).post(`/v1/webhooks/${mine.id}/deliveries/${received[0].id}/retry`, undefined), 200)
  await app.jobs.runDue()
  t.same(received.map((r) => r.id), [received[0].id, received[0].id])
  const replayed = await expectStatus(as(sec9).post(`/v1/webhooks/${mine.id}/replay`, { fromPosition: log.items[0].eventPosition }), 200)
  t.equal(BigInt(replayed.position), BigInt(log.items[0].eventPosition) - 1n)
  await app.jobs.runDue()
  t.equal(received.length, 3)
  t.not(received[2].id, received[0].id, 'a replay is a new delivery')
  t.equal(received[2].body.id, received[0].body.id, 'of the same event')
  await expectStatus(as(sec9).post(`/v1/webhooks/${mine.id}/replay`, { fromPosition: '999999' }), 422)

  const rotated = await expectStatus(as(sec9).post(`/v1/webhooks/${mine.id}/rotate-secret`, undefined), 200)
  t.not(rotated.secret, mine.secret)
  const off = await expectStatus(as(sec9).patch(`/v1/webhooks/${mine.id}`, { active: false, url: 'https://hooks.cum9.example.vn/thidua' }), 200)
  t.match(off, { active: false, url: 'https://hooks.cum9.example.vn/thidua' })
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/webhooks/${mine.id}`, headers: { authorization: sec9 } })).statusCode, 204)
  await expectStatus(as(admin).get(`/v1/webhooks/${mine.id}`), 404)
  const feed = await expectStatus(as(admin).get('/v1/events?limit=200'), 200)
  t.same(feed.items.filter((e: { resourceId: string }) => e.resourceId === mine.id).map((e: { type: string }) => e.type),
    ['webhook.created', 'webhook.replayed', 'webhook.secret_rotated', 'webhook.updated', 'webhook.deleted'])
  t.notOk(JSON.stringify(feed).includes('whsec_'), 'no secret in the feed')
})

t.test('the event types a secretariat may subscribe to are exactly those whose data the contract gives a cluster', async (t) => {
  const { app } = await build(t)
  const schemas: Record<string, any> = (app.swagger() as any).components.schemas
  const resolve = (node: any): any => node?.$ref ? schemas[node.$ref.split('/').pop()] : node
  /** The properties every value of a schema has (through $ref, allOf, and the non-null branches of anyOf/oneOf). */
  const properties = (node: any, depth = 0): string[] => {
    const schema = resolve(node)
    if (!schema || depth > 10) return []
    let found = Object.keys(schema.properties ?? {})
    for (const part of schema.allOf ?? []) found = found.concat(properties(part, depth + 1))
    const branches = (schema.anyOf ?? schema.oneOf ?? []).filter((b: any) => b.type !== 'null')
    if (branches.length > 0) found = found.concat(branches.map((b: any) => properties(b, depth + 1)).reduce((a: string[], b: string[]) => a.filter((p) => b.includes(p))))
    return found
  }
  const mapping: Record<string, string> = schemas.FeedEvent.discriminator.mapping
  const withCluster = Object.entries(mapping).filter(([type, ref]) => {
    if (type.startsWith('cluster.')) return type !== 'cluster.created'
    const branch = resolve({ $ref: ref })
    const data = [branch, ...(branch.allOf ?? []).map(resolve)].find((part: any) => part.properties?.data)?.properties.data
    return properties(data).includes('clusterId')
  }).map(([type]) => type)
  t.same([...CLUSTER_SCOPED_EVENT_TYPES].sort(), withCluster.sort())
})
