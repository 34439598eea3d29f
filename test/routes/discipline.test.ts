import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, seedClusters } from '../helpers/clusters.js'

const NIL = '00000000-0000-4000-8000-000000000000'

t.test('discipline records: record, read, change', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster9, cluster8, units } = await seedClusters(app, admin, { members: '2024-01-01' })
  const sec9 = auth({ role: 'secretariat', clusterId: cluster9.id, sub: 'sec-9' })
  const sec8 = auth({ role: 'secretariat', clusterId: cluster8.id, sub: 'sec-8' })
  const bv199 = units['Bệnh viện 199']
  const records = `/v1/units/${bv199}/discipline-records`
  const note = 'Chờ quyết định xử lý kỷ luật tập thể theo kết luận kiểm tra'

  const first = await as(sec9).post(records, { from: '2024-03-15', status: 'pending', note })
  t.equal(first.statusCode, 201, first.body)
  const pending = first.json()
  t.same(Object.keys(pending).sort(), ['createdAt', 'from', 'id', 'note', 'status', 'unitId', 'until', 'updatedAt', 'version'])
  t.match(pending, { unitId: bv199, from: '2024-03-15', until: null, status: 'pending', note, version: 1 })
  t.equal(first.headers.etag, '"v1"')
  t.equal(first.headers.location, `/v1/discipline-records/${pending.id}`)
  const record = `/v1/discipline-records/${pending.id}`

  t.test('every role reads; the list is the latest start first', async (t) => {
    const older = await as(admin).post(records, { from: '2023-02-01', until: '2023-08-01', status: 'in_force', note: '  Khiển trách  ' })
    t.equal(older.statusCode, 201)
    t.equal(older.json().note, 'Khiển trách', 'the note is trimmed')
    for (const token of [auth({ role: 'reader' }), auth({ role: 'unit', unitId: bv199 }), sec8]) {
      const list = await as(token).get(records)
      t.equal(list.statusCode, 200)
      t.same(list.json().items.map((r: { from: string }) => r.from), ['2024-03-15', '2023-02-01'])
      const one = await as(token).get(record)
      t.same(one.json(), pending)
      t.equal(one.headers.etag, '"v1"')
    }
    const page1 = (await as(admin).get(`${records}?limit=1`)).json()
    const page2 = (await as(admin).get(`${records}?limit=1&cursor=${page1.nextCursor}`)).json()
    t.same([...page1.items, ...page2.items].map((r: { id: string }) => r.id), [pending.id, older.json().id])
    t.equal(page2.nextCursor, null)
    t.same((await as(admin).get(`/v1/units/${units['Cục Y tế']}/discipline-records`)).json(), { items: [], nextCursor: null })
  })

  t.test('PATCH changes the status and end with If-Match', async (t) => {
    const stale = await as(sec9).patch(record, { status: 'in_force' }, { 'if-match': '"v2"' })
    t.equal(stale.statusCode, 412)
    t.equal(stale.json().code, 'precondition_failed')
    const decided = await as(sec9).patch(record, { status: 'in_force', until: '2025-03-15' }, { 'if-match': '"v1"' })
    t.equal(decided.statusCode, 200, decided.body)
    t.match(decided.json(), { status: 'in_force', until: '2025-03-15', from: '2024-03-15', note, version: 2 })
    t.equal(decided.headers.etag, '"v2"')
    const reopened = await as(admin).patch(record, { until: null, note: 'Kỷ luật khiển trách' })
    t.match(reopened.json(), { until: null, status: 'in_force', note: 'Kỷ luật khiển trách', version: 3 })
    const backwards = await as(admin).patch(record, { until: '2024-03-15' })
    t.equal(backwards.statusCode, 422)
    t.equal(backwards.json().code, 'discipline_period_invalid')
    t.equal((await as(admin).patch(record, {})).statusCode, 400, 'an empty patch')
    t.equal((await as(admin).patch(record, { from: '2024-01-01' })).statusCode, 400, 'the start is fixed')
    t.equal((await as(admin).patch(record, { status: 'cancelled' })).statusCode, 400)
  })

  t.test('bad input is a 400, a period ending before it starts a 422, unknown ids a 404', async (t) => {
    const cases: Array<[string, unknown]> = [
      ['no note', { from: '2024-01-01', status: 'pending' }],
      ['blank note', { from: '2024-01-01', status: 'pending', note: '   ' }],
      ['unknown status', { from: '2024-01-01', status: 'suspected', note }],
      ['impossible date', { from: '2024-02-30', status: 'pending', note }],
      ['unknown field', { from: '2024-01-01', status: 'pending', note, severity: 'high' }]
    ]
    for (const [name, payload] of cases) {
      const bad = await as(admin).post(records, payload)
      t.equal(bad.statusCode, 400, name)
      t.equal(bad.json().code, 'validation_failed', name)
    }
    const inverted = await as(admin).post(records, { from: '2024-05-01', until: '2024-04-01', status: 'in_force', note })
    t.equal(inverted.statusCode, 422)
    t.equal(inverted.json().code, 'discipline_period_invalid')
    const noUnit = await as(admin).post(`/v1/units/${NIL}/discipline-records`, { from: '2024-01-01', status: 'pending', note })
    t.equal(noUnit.statusCode, 404)
    t.equal(noUnit.json().code, 'unit_not_found')
    t.equal((await as(admin).get(`/v1/units/${NIL}/discipline-records`)).statusCode, 404)
    const noRecord = await as(admin).get(`/v1/discipline-records/${NIL}`)
    t.equal(noRecord.statusCode, 404)
    t.equal(noRecord.json().code, 'discipline_record_not_found')
    t.equal((await as(admin).patch(`/v1/discipline-records/${NIL}`, { status: 'in_force' })).statusCode, 404)
    t.equal((await as(admin).get('/v1/discipline-records/abc')).statusCode, 400)
  })

  t.test('an admin records for any unit; a secretariat for its cluster\'s units during the period', async (t) => {
    const body = { from: '2024-06-01', status: 'pending', note }
    const other = await as(sec8).post(records, body)
    t.equal(other.statusCode, 403, 'another cluster\'s secretariat')
    t.equal(other.json().code, 'forbidden')
    t.equal((await as(sec8).patch(record, { status: 'pending' })).statusCode, 403)
    for (const token of [auth({ role: 'unit', unitId: bv199 }), auth({ role: 'reader' })]) {
      t.equal((await as(token).post(records, body)).json().code, 'forbidden')
      t.equal((await as(token).patch(record, { status: 'pending' })).statusCode, 403)
    }
    const before = await as(sec9).post(records, { ...body, from: '2023-01-01', until: '2023-12-31' })
    t.equal(before.statusCode, 403, 'not yet a member of cluster 9 during the period')
    const later = await as(sec9).post(records, { ...body, from: '2023-06-01' })
    t.equal(later.statusCode, 201, 'an open period reaches into the membership')
    const outsider = await as(sec9).post(`/v1/units/${units['Cục Công nghệ thông tin']}/discipline-records`, body)
    t.equal(outsider.statusCode, 403)
    const adminAny = await as(admin).post(`/v1/units/${units['Cục Công nghệ thông tin']}/discipline-records`, body)
    t.equal(adminAny.statusCode, 201)
    t.equal((await as(sec9).patch(`/v1/discipline-records/${adminAny.json().id}`, { status: 'in_force' })).statusCode, 403)
    const shrink = await as(sec9).patch(`/v1/discipline-records/${later.json().id}`, { until: '2023-09-01' })
    t.equal(shrink.statusCode, 403, 'a secretariat cannot move a record out of its cluster\'s reach')
    t.equal((await as().post(records, body)).statusCode, 401)
    t.equal((await as().get(records)).statusCode, 401)
    t.equal((await as().patch(record, { status: 'pending' })).statusCode, 401)
  })

  t.test('changes are audited and evented', async (t) => {
    const audit = await app.db('audit_events').where({ resource_type: 'discipline_record', resource_id: pending.id }).orderBy('id')
    t.same(audit.map((a) => a.action), ['discipline_record.created', 'discipline_record.updated', 'discipline_record.updated'])
    t.equal(audit[0].actor_sub, 'sec-9')
    t.equal(audit[1].before.status, 'pending')
    t.equal(audit[1].after.status, 'in_force')
    const events = await app.db('events').where({ resource_type: 'discipline_record', resource_id: pending.id }).orderBy('position')
    t.same(events.map((e) => [e.type, e.data.version]), [['discipline_record.created', 1], ['discipline_record.updated', 2], ['discipline_record.updated', 3]])
  })
})
