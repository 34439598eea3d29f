import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, created, expectStatus, NIL } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'
import { publishScheme } from '../helpers/scorecards.js'
import { createUnit } from '../helpers/units.js'

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

  // Found by probing: any unit token read every unit's discipline records.
  t.test('who reads: admin and reader all, a secretariat its members\' days, a unit its own and what its cluster publishes', async (t) => {
    const older = await as(admin).post(records, { from: '2023-02-01', until: '2023-08-01', status: 'in_force', note: '  Khiển trách  ' })
    t.equal(older.statusCode, 201)
    t.equal(older.json().note, 'Khiển trách', 'the note is trimmed')
    const starts = async (token: string) => {
      const list = await as(token).get(records)
      t.equal(list.statusCode, 200)
      return list.json().items.map((r: { from: string }) => r.from)
    }
    for (const token of [admin, auth({ role: 'reader' }), auth({ role: 'unit', unitId: bv199 })]) {
      t.same(await starts(token), ['2024-03-15', '2023-02-01'], 'the latest start first')
      const one = await as(token).get(record)
      t.same(one.json(), pending)
      t.equal(one.headers.etag, '"v1"')
    }
    t.same(await starts(sec9), ['2024-03-15'], 'cluster 9 reads the records of the unit\'s days in it (from 2024)')
    t.equal((await as(sec9).get(`/v1/discipline-records/${older.json().id}`)).statusCode, 404)
    const yte = auth({ role: 'unit', unitId: units['Cục Y tế'] })
    for (const token of [sec8, yte]) {
      t.same(await starts(token), [], 'another cluster\'s secretariat, another unit: none')
      const hidden = await as(token).get(record)
      t.equal(hidden.statusCode, 404, 'a hidden record is answered as one that does not exist')
      t.equal(hidden.json().code, 'discipline_record_not_found')
    }
    t.equal((await as(admin).patch(`/v1/clusters/${cluster9.id}`, { rules: { membersReadDisciplineRecords: true } })).statusCode, 200)
    t.same(await starts(yte), ['2024-03-15'], 'a cluster that publishes them: its members read each other\'s records of their time together')
    t.same((await as(yte).get(record)).json(), pending)
    t.same(await starts(auth({ role: 'unit', unitId: units['Cục Công nghệ thông tin'] })), [], 'not a unit of another cluster')
    t.equal((await as(admin).patch(`/v1/clusters/${cluster9.id}`, { rules: { membersReadDisciplineRecords: false } })).statusCode, 200)
    t.same(await starts(yte), [], 'private again')
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

  t.test('an admin records for any unit; a secretariat for units that are its cluster\'s members for the whole period', async (t) => {
    const body = { from: '2024-06-01', status: 'pending', note }
    const other = await as(sec8).post(records, body)
    t.equal(other.statusCode, 403, 'another cluster\'s secretariat')
    t.equal(other.json().code, 'discipline_outside_membership')
    t.match(other.json(), { unitId: bv199, clusterId: cluster8.id, from: '2024-06-01', until: null })
    t.match(other.json().detail, new RegExp(`^[^(]+ \\(${bv199}\\) is not a member of cluster ${cluster8.id} on every day from 2024-06-01 on`), 'the unit by name and id')
    t.match(other.json().detail, bv199, 'the refusal names the unit')
    t.equal((await as(sec8).patch(record, { status: 'pending' })).statusCode, 404, 'a record it cannot read is unknown to it')
    for (const token of [auth({ role: 'unit', unitId: bv199 }), auth({ role: 'reader' })]) {
      t.equal((await as(token).post(records, body)).json().code, 'forbidden')
      t.equal((await as(token).patch(record, { status: 'pending' })).statusCode, 403)
    }
    const before = await as(sec9).post(records, { ...body, from: '2023-01-01', until: '2023-12-31' })
    t.equal(before.statusCode, 403, 'not yet a member of cluster 9 during the period')
    t.equal(before.json().code, 'discipline_outside_membership')
    const straddling = await as(sec9).post(records, { ...body, from: '2023-06-01' })
    t.equal(straddling.statusCode, 403, 'a period starting before the membership is not wholly the cluster\'s')
    t.equal(straddling.json().code, 'discipline_outside_membership')
    const within = await as(sec9).post(records, { ...body, from: '2024-06-01', until: '2024-09-01' })
    t.equal(within.statusCode, 201, 'a period within the membership')
    const reopened = await as(sec9).patch(`/v1/discipline-records/${within.json().id}`, { until: null })
    t.equal(reopened.statusCode, 200, 'an open end within an open membership')
    const outsider = await as(sec9).post(`/v1/units/${units['Cục Công nghệ thông tin']}/discipline-records`, body)
    t.equal(outsider.statusCode, 403)
    t.equal(outsider.json().code, 'discipline_outside_membership')
    const adminAny = await as(admin).post(`/v1/units/${units['Cục Công nghệ thông tin']}/discipline-records`, body)
    t.equal(adminAny.statusCode, 201)
    t.equal((await as(sec9).patch(`/v1/discipline-records/${adminAny.json().id}`, { status: 'in_force' })).statusCode, 404, 'another cluster\'s unit\'s record is unknown to it')
    const early = await as(admin).post(records, { ...body, from: '2023-06-01' })
    const shrink = await as(sec9).patch(`/v1/discipline-records/${early.json().id}`, { until: '2024-03-01' })
    t.equal(shrink.statusCode, 403, 'nor may it change a record reaching before the membership, though it reads it')
    t.equal(shrink.json().code, 'discipline_outside_membership')
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

// Found by probing: secretariat X added unit C, a member of cluster Z of another block, to X back-dated, filed an
// in-force record on C with no end, and ended the membership the next day: Z's ranking showed C under discipline
// and barred from titles.
t.test('a secretariat cannot discipline another cluster\'s unit, nor beyond its cluster\'s membership', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster9 } = await seedClusters(app, admin, { members: '2024-01-01' })
  const blockZ = await created(app, admin, '/v1/blocks', { name: 'Khối Công an các tỉnh, thành phố' })
  const clusterZ = await created(app, admin, '/v1/clusters', { number: 1, name: 'Cụm thi đua số 1', blockId: blockZ.id })
  const c = (await createUnit(app, admin, { name: 'Công an tỉnh Bắc Ninh' })).id
  await created(app, admin, `/v1/clusters/${clusterZ.id}/members`, { unitId: c, from: '2024-01-01' })
  const schemeZ = await publishScheme(app, admin, clusterZ.id, [c])
  const lineOfC = async () => (await expectStatus(as(admin).get(`/v1/scoring-schemes/${schemeZ}/ranking`), 200))
    .items.find((i: { unitId: string }) => i.unitId === c)
  const before = await lineOfC()
  t.match(before, { underDiscipline: false, eligibleForTitles: true })
  const secretariatX = auth({ role: 'secretariat', clusterId: cluster9.id, sub: 'sec-x' })
  const nine = `/v1/clusters/${cluster9.id}/members`
  const recordsOfC = `/v1/units/${c}/discipline-records`

  await t.test('the chain is refused at every step, and Z\'s ranking is unaffected', async (t) => {
    const added = await as(secretariatX).post(nine, { unitId: c, from: '2024-01-01' })
    t.equal(added.statusCode, 403, 'X cannot add C, back-dated')
    t.equal(added.json().code, 'forbidden')
    const filed = await as(secretariatX).post(recordsOfC, { from: '2024-01-01', status: 'in_force', note: 'Kỷ luật' })
    t.equal(filed.statusCode, 403, 'nor file a record on C with no end')
    t.equal(filed.json().code, 'discipline_outside_membership')
    t.equal((await as(secretariatX).post(`${nine}/${c}/end`, { on: '2024-01-02' })).statusCode, 403, 'nor end a membership')
    t.same(await app.db('discipline_records').where({ unit_id: c }), [])
    t.same(await lineOfC(), before)
  })

  await t.test('with C a member of X too, X files only within the membership, whole', async (t) => {
    await created(app, admin, nine, { unitId: c, from: '2024-03-01' })
    const openEnded = await as(secretariatX).post(recordsOfC, { from: '2024-04-01', status: 'pending', note: 'Chờ quyết định' })
    t.equal(openEnded.statusCode, 201, 'an open record in an open membership')
    t.equal((await as(admin).post(`${nine}/${c}/end`, { on: '2024-07-01' })).statusCode, 200)
    const noEnd = await as(secretariatX).post(recordsOfC, { from: '2024-04-01', status: 'in_force', note: 'Kỷ luật' })
    t.equal(noEnd.statusCode, 403, 'a record with no end needs a membership with no end')
    t.equal(noEnd.json().code, 'discipline_outside_membership')
    const past = await as(secretariatX).post(recordsOfC, { from: '2024-06-01', until: '2024-07-02', status: 'in_force', note: 'Kỷ luật' })
    t.equal(past.statusCode, 403, 'nor a day past the membership')
    const inside = await as(secretariatX).post(recordsOfC, { from: '2024-03-01', until: '2024-07-01', status: 'in_force', note: 'Kỷ luật' })
    t.equal(inside.statusCode, 201, 'the membership\'s own period')
    const closing = await as(secretariatX).patch(`/v1/discipline-records/${openEnded.json().id}`, { until: '2024-07-01' })
    t.equal(closing.statusCode, 403, 'a record now reaching past the membership is the Ministry\'s to change')
    t.equal((await as(admin).patch(`/v1/discipline-records/${openEnded.json().id}`, { until: '2024-07-01' })).statusCode, 200)
  })
})
