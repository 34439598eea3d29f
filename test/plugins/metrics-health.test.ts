import t from 'tap'
import { build } from '../helpers/build.js'

t.test('operations endpoints', async (t) => {
  const { app, admin } = await build(t)

  await t.test('/healthz and /readyz answer 200 with a status', async (t) => {
    const live = await app.inject({ url: '/healthz' })
    t.equal(live.statusCode, 200)
    t.same(live.json(), { status: 'ok' })
    const ready = await app.inject({ url: '/readyz' })
    t.equal(ready.statusCode, 200)
    t.same(ready.json(), { status: 'ready' })
  })

  await t.test('/metrics counts requests by route pattern and status in Prometheus text', async (t) => {
    await app.inject({ url: '/v1/units', headers: { authorization: admin } })
    await app.inject({ url: '/v1/units/00000000-0000-4000-8000-000000000000', headers: { authorization: admin } })
    await app.inject({ url: '/v1/units/00000000-0000-4000-8000-000000000001', headers: { authorization: admin } })
    await app.inject({ url: '/not/a/route' })
    const res = await app.inject({ url: '/metrics' })
    t.equal(res.statusCode, 200)
    t.match(res.headers['content-type'], /^text\/plain; version=0\.0\.4/)
    t.match(res.body, /# TYPE http_requests_total counter/)
    t.match(res.body, /http_requests_total\{method="GET",route="\/v1\/units",status="200"\} 1\n/)
    t.match(res.body, /http_requests_total\{method="GET",route="\/v1\/units\/:unitId",status="404"\} 2\n/, 'ids do not become labels')
    t.match(res.body, /http_requests_total\{method="GET",route="unmatched",status="404"\} 1\n/)
    t.match(res.body, /http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/v1\/units"\}/)
    t.match(res.body, /process_cpu_user_seconds_total/)
  })

  await t.test('the contract lists the audit and event feeds', async (t) => {
    const contract = (await app.inject({ url: '/openapi.json' })).json()
    t.equal(contract.openapi, '3.1.0')
    t.equal(contract.paths['/v1/audit-events'].get.operationId, 'listAuditEvents')
    t.equal(contract.paths['/v1/events'].get.operationId, 'listEvents')
    t.ok(contract.components.schemas.AuditEventPage)
    t.ok(contract.components.schemas.FeedPage)
  })
})
