import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, created, NIL } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'
import { createUnit } from '../helpers/units.js'

const names = (page: { items: Array<{ unitName: string }> }) => page.items.map((m) => m.unitName)

t.test('members: add, list on a date, end, move to another cluster of the block', async (t) => {
  // 18:00 UTC on 30 June is already 1 July in Việt Nam: the default date must be the Vietnamese one.
  const { app, admin, auth } = await build(t, { clock: () => new Date('2020-06-30T18:00:00Z') })
  const as = caller(app)
  const { cluster9, cluster8, units } = await seedClusters(app, admin)
  const nine = `/v1/clusters/${cluster9.id}/members`
  const eight = `/v1/clusters/${cluster8.id}/members`
  const yte = units['Cục Y tế']

  const added = await as(admin).post(nine, { unitId: yte, from: '2018-10-04' })
  t.equal(added.statusCode, 201)
  const membership = added.json()
  t.same(Object.keys(membership).sort(),
    ['blockId', 'clusterId', 'createdAt', 'endedAt', 'from', 'id', 'unitCode', 'unitId', 'unitName', 'until', 'version'])
  t.match(membership, { clusterId: cluster9.id, blockId: cluster9.blockId, unitId: yte, unitName: 'Cục Y tế', unitCode: 'H06', from: '2018-10-04', until: null, endedAt: null })
  t.equal(added.headers.etag, '"v1"')
  // The rest of cluster 9.
  for (const name of ['Cục Công nghiệp an ninh', 'Cục Hậu cần', 'Bệnh viện 19.8', 'Bệnh viện 30/4', 'Bệnh viện 199', 'Bệnh viện Y học cổ truyền']) {
    t.equal((await as(admin).post(nine, { unitId: units[name], from: '2019-01-01' })).statusCode, 201, name)
  }

  t.test('lists members on a date in Vietnamese order, page by page', async (t) => {
    const all = (await as(auth({ role: 'reader' })).get(`${nine}?on=2019-06-01`)).json()
    t.same(names(all), ['Bệnh viện 19.8', 'Bệnh viện 199', 'Bệnh viện 30/4', 'Bệnh viện Y học cổ truyền', 'Cục Công nghiệp an ninh', 'Cục Hậu cần', 'Cục Y tế'])
    const pages: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: Array<{ unitName: string }>, nextCursor: string | null } =
        (await as(admin).get(`${nine}?on=2019-06-01&limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json()
      pages.push(...names(page))
      cursor = page.nextCursor
    } while (cursor)
    t.same(pages, names(all))
    t.same(names((await as(admin).get(`${nine}?on=2018-12-31`)).json()), ['Cục Y tế'], 'only Cục Y tế before 2019')
    t.same((await as(admin).get(`${nine}?on=2018-10-03`)).json(), { items: [], nextCursor: null })
  })

  t.test('a unit in cluster 9 cannot join cluster 8 of the same block on an overlapping period', async (t) => {
    const clash = await as(admin).post(eight, { unitId: yte, from: '2020-01-01' })
    t.equal(clash.statusCode, 409)
    t.equal(clash.json().code, 'unit_already_in_block_cluster')
    t.match(clash.json(), { clusterId: cluster9.id, from: '2018-10-04', until: null })
    const again = await as(admin).post(nine, { unitId: yte, from: '2021-01-01' })
    t.equal(again.statusCode, 409, 'nor join its own cluster twice')
  })

  t.test('ending: 422 on or before the start, then ended, then 409', async (t) => {
    const early = await as(admin).post(`${nine}/${yte}/end`, { on: '2018-10-04' })
    t.equal(early.statusCode, 422)
    t.equal(early.json().code, 'membership_end_not_after_start')
    const ended = await as(admin).post(`${nine}/${yte}/end`, { on: '2020-07-01' })
    t.equal(ended.statusCode, 200)
    t.match(ended.json(), { id: membership.id, from: '2018-10-04', until: '2020-07-01', version: 2 })
    t.type(ended.json().endedAt, 'string')
    t.equal(ended.headers.etag, '"v2"')
    const twice = await as(admin).post(`${nine}/${yte}/end`, { on: '2020-08-01' })
    t.equal(twice.statusCode, 409)
    t.equal(twice.json().code, 'membership_not_open')
    const neverMember = await as(admin).post(`${eight}/${yte}/end`, { on: '2020-08-01' })
    t.equal(neverMember.statusCode, 409)
  })

  t.test('the default date is today in Việt Nam', async (t) => {
    // The clock says 2020-06-30 in UTC but 2020-07-01 in Hà Nội, the day Cục Y tế left.
    const today = (await as(admin).get(nine)).json()
    t.notOk(names(today).includes('Cục Y tế'))
    t.equal(today.items.length, 6)
    t.ok(names((await as(admin).get(`${nine}?on=2020-06-30`)).json()).includes('Cục Y tế'))
  })

  t.test('after a move, past dates still answer with the old cluster', async (t) => {
    const moved = await as(admin).post(eight, { unitId: yte, from: '2020-07-01' })
    t.equal(moved.statusCode, 201)
    const on = async (url: string, date: string) => names((await as(admin).get(`${url}?on=${date}`)).json()).includes('Cục Y tế')
    t.same([await on(nine, '2019-06-30'), await on(eight, '2019-06-30')], [true, false], 'mid 2019: in 9')
    t.same([await on(nine, '2020-06-30'), await on(eight, '2020-06-30')], [true, false], 'the last day in 9')
    t.same([await on(nine, '2020-07-01'), await on(eight, '2020-07-01')], [false, true], 'the first day in 8')
    const history = await as(auth({ role: 'unit', unitId: yte })).get(`/v1/units/${yte}/memberships`)
    t.equal(history.statusCode, 200)
    t.same(history.json().items.map((m: { clusterId: string, from: string, until: string | null }) => [m.clusterId, m.from, m.until]),
      [[cluster8.id, '2020-07-01', null], [cluster9.id, '2018-10-04', '2020-07-01']], 'the latest first, history kept')
    const firstPage = (await as(admin).get(`/v1/units/${yte}/memberships?limit=1`)).json()
    const secondPage = (await as(admin).get(`/v1/units/${yte}/memberships?limit=1&cursor=${firstPage.nextCursor}`)).json()
    t.same([...firstPage.items, ...secondPage.items], history.json().items)
    t.equal(secondPage.nextCursor, null)
  })

  t.test('a membership cannot start before the cluster was founded', async (t) => {
    const unit = await createUnit(app, admin, { name: 'Cục Tài chính' })
    const early = await as(admin).post(nine, { unitId: unit.id, from: '2018-10-03' })
    t.equal(early.statusCode, 422)
    t.equal(early.json().code, 'membership_before_founding')
  })

  t.test('bad input is a 400', async (t) => {
    const cases: Array<[string, string, unknown]> = [
      ['impossible date', nine, { unitId: yte, from: '2019-02-30' }],
      ['not a date', nine, { unitId: yte, from: '01/02/2019' }],
      ['bad unit uuid', nine, { unitId: 'cuc-y-te', from: '2019-01-01' }],
      ['missing from', nine, { unitId: yte }],
      ['extra field', nine, { unitId: yte, from: '2019-01-01', until: '2020-01-01' }],
      ['bad cluster uuid', '/v1/clusters/9/members', { unitId: yte, from: '2019-01-01' }],
      ['impossible end date', `${eight}/${yte}/end`, { on: '2021-02-29' }],
      ['bad unit uuid in path', `${eight}/H06/end`, { on: '2021-01-01' }]
    ]
    for (const [name, url, payload] of cases) {
      const bad = await as(admin).post(url, payload)
      t.equal(bad.statusCode, 400, name)
      t.equal(bad.json().code, 'validation_failed', name)
    }
    for (const url of [`${nine}?on=2019-02-30`, `${nine}?on=tomorrow`, `${nine}?cursor=xyz`, '/v1/clusters/9/members', '/v1/units/H06/memberships']) {
      t.equal((await as(admin).get(url)).statusCode, 400, url)
    }
  })

  t.test('unknown clusters and units are a 404', async (t) => {
    const noCluster = await as(admin).post(`/v1/clusters/${NIL}/members`, { unitId: yte, from: '2021-01-01' })
    t.equal(noCluster.statusCode, 404)
    t.equal(noCluster.json().code, 'cluster_not_found')
    const noUnit = await as(admin).post(eight, { unitId: NIL, from: '2021-01-01' })
    t.equal(noUnit.statusCode, 404)
    t.equal(noUnit.json().code, 'unit_not_found')
    t.equal((await as(admin).post(`${eight}/${NIL}/end`, { on: '2021-01-01' })).json().code, 'unit_not_found')
    t.equal((await as(admin).post(`/v1/clusters/${NIL}/members/${yte}/end`, { on: '2021-01-01' })).json().code, 'cluster_not_found')
    t.equal((await as(admin).get(`/v1/clusters/${NIL}/members`)).statusCode, 404)
    t.equal((await as(admin).get(`/v1/units/${NIL}/memberships`)).json().code, 'unit_not_found')
  })

  // Found by probing: a secretariat added a unit of another block's cluster to its own, back-dated, to discipline it.
  // Who is a member is the Ministry's founding decision: a secretariat runs its cluster, not its membership.
  t.test('only an admin manages members: no secretariat, not even of its own cluster', async (t) => {
    const unitId = units['Cục Viễn thông và cơ yếu']
    const secretariat8 = auth({ role: 'secretariat', clusterId: cluster8.id })
    const secretariat9 = auth({ role: 'secretariat', clusterId: cluster9.id })
    const before = await app.db('memberships').count({ n: '*' }).first()
    for (const [who, token] of [['reader', auth({ role: 'reader' })], ['unit', auth({ role: 'unit', unitId })], ['other secretariat', secretariat8], ['own secretariat', secretariat9]] as const) {
      const add = await as(token).post(nine, { unitId, from: '2021-01-01' })
      t.equal(add.statusCode, 403, `${who} adds`)
      t.equal(add.json().code, 'forbidden')
      const end = await as(token).post(`${nine}/${units['Cục Hậu cần']}/end`, { on: '2021-01-01' })
      t.equal(end.statusCode, 403, `${who} ends`)
      t.equal(end.json().code, 'forbidden')
    }
    t.equal((await as(secretariat8).post(eight, { unitId, from: '2021-01-01' })).statusCode, 403, 'a secretariat adds to its own cluster')
    t.same(await app.db('memberships').count({ n: '*' }).first(), before, 'nothing changed')
    t.equal((await as(secretariat9).get(`${nine}?on=2021-01-01`)).statusCode, 200, 'every role reads the members')
    t.equal((await as().post(nine, { unitId, from: '2021-01-01' })).statusCode, 401)
    t.equal((await as().get(nine)).statusCode, 401)
    t.equal((await as(admin).post(eight, { unitId, from: '2021-01-01' })).statusCode, 201, 'an admin does')
  })

  t.test('an Idempotency-Key retry replays the first answer and adds nothing', async (t) => {
    const unitId = units['Cục Kế hoạch và tài chính']
    const key = { 'idempotency-key': 'add-khtc-to-8' }
    const first = await as(admin).post(eight, { unitId, from: '2021-01-01' }, key)
    const retry = await as(admin).post(eight, { unitId, from: '2021-01-01' }, key)
    t.equal(first.statusCode, 201)
    t.equal(retry.statusCode, 201)
    t.same(retry.json(), first.json())
    t.equal(retry.headers['idempotent-replayed'], 'true')
    t.equal((await app.db('memberships').where({ unit_id: unitId })).length, 1)
    const other = await as(admin).post(eight, { unitId, from: '2022-01-01' }, key)
    t.equal(other.statusCode, 422)
    t.equal(other.json().code, 'idempotency_key_reused')
  })

  t.test('starts and ends are audited and evented', async (t) => {
    const audit = await app.db('audit_events').where({ resource_type: 'membership', resource_id: membership.id }).orderBy('id')
    t.same(audit.map((a) => a.action), ['membership.started', 'membership.ended'])
    t.equal(audit[1].before.until, null)
    t.equal(audit[1].after.until, '2020-07-01')
    t.equal(audit[1].actor_role, 'admin')
    const events = await app.db('events').where({ resource_type: 'membership', resource_id: membership.id }).orderBy('position')
    t.same(events.map((e) => e.type), ['membership.started', 'membership.ended'])
    t.equal(events[1].data.until, '2020-07-01')
  })
})

t.test('members: 20 concurrent adds of one unit to 20 clusters of a block, exactly one wins', async (t) => {
  const { app, admin } = await build(t)
  const block = await created(app, admin, '/v1/blocks', { name: 'Khối các đơn vị trực thuộc Bộ trưởng' })
  const clusters = []
  for (let n = 1; n <= 20; n++) clusters.push(await created(app, admin, '/v1/clusters', { number: n, name: `Cụm thi đua số ${n}`, blockId: block.id }))
  const unit = await createUnit(app, admin, { name: 'Cục Y tế', code: 'H06' })
  const responses = await Promise.all(clusters.map((cluster, i) => app.inject({
    method: 'POST',
    url: `/v1/clusters/${cluster.id}/members`,
    headers: { authorization: admin },
    // Different start dates too: every pair still overlaps, as each membership stays open.
    payload: { unitId: unit.id, from: `2019-01-${String(i + 1).padStart(2, '0')}` }
  })))
  const statuses = responses.map((r) => r.statusCode)
  t.equal(statuses.filter((s) => s === 201).length, 1, `one 201 in ${statuses.join(',')}`)
  t.equal(statuses.filter((s) => s === 409).length, 19)
  t.ok(responses.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'unit_already_in_block_cluster'))
  t.equal((await app.db('memberships').where({ unit_id: unit.id })).length, 1)
  t.equal((await app.db('audit_events').where({ action: 'membership.started' })).length, 1, 'the losers left no audit row')
})
