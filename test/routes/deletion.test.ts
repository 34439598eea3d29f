// DELETE wiring for every resource that can be removed: 204 with no body, 412 on a stale If-Match, 404 once gone,
// 409 problem+json naming what refers to it, and an Idempotency-Key retry replaying the 204. Who may call each one
// is role-matrix.test.ts's; the rules themselves are the services' tests.
import t from 'tap'
import { build } from '../helpers/build.js'
import { created } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'
import { createUnit } from '../helpers/units.js'

const PROBLEM = /^application\/problem\+json/

t.test('DELETE answers 204 with no body, 412 when If-Match is stale, then 404; each resource', async (t) => {
  const { app, admin } = await build(t)
  const seeded = await seedClusters(app, admin, { members: '2024-01-01' })
  const clusterId = seeded.cluster9.id as string
  const [yte, haucan] = [seeded.units['Cục Y tế'], seeded.units['Cục Hậu cần']]
  const del = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'DELETE', url, headers: { authorization: admin, ...headers } })
  const tagOf = async (url: string) => (await app.inject({ url, headers: { authorization: admin } })).headers.etag as string

  const block = await created(app, admin, '/v1/blocks', { name: 'Khối các đơn vị Công an địa phương' })
  const cluster = await created(app, admin, '/v1/clusters', { number: 1, name: 'Cụm thi đua số 1', blockId: block.id })
  const made: Array<[string, string]> = [
    ['unit', `/v1/units/${(await createUnit(app, admin, { name: 'Công an tỉnh Lào Cai', code: 'LCA' })).id}`],
    ['cluster', `/v1/clusters/${cluster.id}`],
    ['block', `/v1/blocks/${block.id}`],
    ['pledge', `/v1/pledges/${(await created(app, admin, `/v1/clusters/${clusterId}/pledges`, {
      year: 2025, title: 'Giao ước thi đua năm 2025', slogan: 'Đổi mới, Chủ động, Kỷ cương, Trách nhiệm, Hiệu quả', commitments: []
    })).id}`],
    ['conference', `/v1/conferences/${(await created(app, admin, `/v1/clusters/${clusterId}/conferences`, {
      kind: 'mid_year_review', title: 'Hội nghị sơ kết 6 tháng năm 2024', year: 2024, heldAt: '2024-07-10T02:00:00Z',
      chair: { name: 'Phạm Quang Cử', rank: 'Trung tướng', position: 'Cục trưởng Cục Y tế', unitId: yte }, attendingUnitIds: [yte, haucan]
    })).id}`],
    ['scoring scheme', `/v1/scoring-schemes/${(await created(app, admin, `/v1/clusters/${clusterId}/scoring-schemes`, {
      year: 2024,
      period: 'annual',
      criteria: [{ code: 'I', name: 'Hoàn thành nhiệm vụ được giao', maxPoints: 100, kind: 'qualitative' }],
      bands: [{ code: 'achieved', name: 'Đạt', minTotal: 50 }, { code: 'not_achieved', name: 'Không đạt', minTotal: 0 }],
      tieBreak: []
    })).id}`],
    ['election', `/v1/elections/${(await created(app, admin, `/v1/clusters/${clusterId}/elections`, {
      kind: 'leadership', office: 'head', termYear: 2025, candidateUnitIds: [yte, haucan]
    })).id}`]
  ]
  for (const [what, url] of made) {
    const tag = await tagOf(url)
    const stale = await del(url, { 'if-match': '"v99"' })
    t.equal(stale.statusCode, 412, `a stale If-Match keeps the ${what}`)
    t.equal(stale.json().code, 'precondition_failed')
    const gone = await del(url, { 'if-match': tag })
    t.equal(gone.statusCode, 204, `the ${what} is deleted`)
    t.equal(gone.body, '', 'with no body')
    t.notOk(gone.headers['content-type'], 'and no content type')
    t.equal((await app.inject({ url, headers: { authorization: admin } })).statusCode, 404, `the ${what} is then unknown`)
    t.equal((await del(url)).statusCode, 404, `deleting the ${what} again is 404`)
  }
  const types = await app.db('events').whereIn('type', ['unit.deleted', 'cluster.deleted', 'block.deleted', 'pledge.deleted', 'conference.deleted', 'scoring_scheme.deleted', 'election.deleted']).orderBy('position').pluck('type')
  t.same(types, ['unit.deleted', 'cluster.deleted', 'block.deleted', 'pledge.deleted', 'conference.deleted', 'scoring_scheme.deleted', 'election.deleted'], 'each emitted once')
})

t.test('a unit something refers to is refused with 409 unit_in_use naming the references', async (t) => {
  const { app, admin } = await build(t)
  const seeded = await seedClusters(app, admin, { members: '2024-01-01' })
  const response = await app.inject({ method: 'DELETE', url: `/v1/units/${seeded.units['Cục Y tế']}`, headers: { authorization: admin } })
  t.equal(response.statusCode, 409)
  t.match(response.headers['content-type'], PROBLEM)
  t.match(response.json(), {
    code: 'unit_in_use',
    detail: /^Cục Y tế has been a member of Cụm thi đua số 9 \(2024\), so it cannot be deleted/,
    references: [{ kind: 'membership', count: 1 }]
  })
})

t.test('a DELETE retried with its Idempotency-Key replays the 204; the same key on another path is 422', async (t) => {
  const { app, admin } = await build(t)
  const unit = await createUnit(app, admin, { name: 'Công an thành phố Hà Nội', code: 'HNI' })
  const send = (url: string) => app.inject({ method: 'DELETE', url, headers: { authorization: admin, 'idempotency-key': 'xoa-don-vi-hni' } })
  const first = await send(`/v1/units/${unit.id}`)
  t.equal(first.statusCode, 204)
  const retry = await send(`/v1/units/${unit.id}`)
  t.equal(retry.statusCode, 204, 'the retry is answered as the first was')
  t.equal(retry.headers['idempotent-replayed'], 'true')
  t.equal(retry.body, '')
  t.equal((await app.db('audit_events').where({ action: 'unit.deleted' })).length, 1, 'deleted once')
  const other = await send(`/v1/units/${(await createUnit(app, admin, { name: 'Công an tỉnh Lào Cai' })).id}`)
  t.equal(other.statusCode, 422)
  t.equal(other.json().code, 'idempotency_key_reused')
})
