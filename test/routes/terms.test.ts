import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, NIL } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'

t.test('terms: appoint, read, replace, history and the rotating flag', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster9, cluster8, units } = await seedClusters(app, admin, { members: '2019-01-01' })
  const terms = `/v1/clusters/${cluster9.id}/terms`
  const yte = units['Cục Y tế']
  const haucan = units['Cục Hậu cần']
  const cnan = units['Cục Công nghiệp an ninh']

  const first = await as(admin).put(`${terms}/2019`, { headUnitId: yte, deputyUnitId: haucan })
  t.equal(first.statusCode, 201)
  const term2019 = first.json()
  t.same(Object.keys(term2019).sort(),
    ['chosenBy', 'clusterId', 'createdAt', 'decidedOn', 'deputyUnitId', 'flagHandover', 'headUnitId', 'note', 'updatedAt', 'version', 'year'])
  t.match(term2019, { clusterId: cluster9.id, year: 2019, headUnitId: yte, deputyUnitId: haucan, chosenBy: 'appointment', decidedOn: null, note: null, flagHandover: null, version: 1 })
  t.match(first.headers.etag, /^"v1\.[\w-]{12}"$/, 'the version, and a digest of the flag handover derived for it')
  t.equal(first.headers.location, `${terms}/2019`)

  t.test('every role reads a term with its ETag', async (t) => {
    for (const reader of [auth({ role: 'reader' }), auth({ role: 'unit', unitId: yte }), auth({ role: 'secretariat', clusterId: cluster8.id })]) {
      const read = await as(reader).get(`${terms}/2019`)
      t.equal(read.statusCode, 200)
      t.same(read.json(), term2019)
      t.equal(read.headers.etag, first.headers.etag)
    }
  })

  t.test('a new head takes the flag; the same head keeps it', async (t) => {
    const elected = await as(admin).put(`${terms}/2020`, {
      headUnitId: haucan, deputyUnitId: cnan, chosenBy: 'election', decidedOn: '2019-11-20', note: 'Bầu tại hội nghị tổng kết năm 2019'
    })
    t.equal(elected.statusCode, 201)
    t.match(elected.json(), { chosenBy: 'election', decidedOn: '2019-11-20', note: 'Bầu tại hội nghị tổng kết năm 2019' })
    t.same(elected.json().flagHandover, { fromUnitId: yte, toUnitId: haucan, year: 2020 })
    const kept = await as(admin).put(`${terms}/2021`, { headUnitId: haucan, deputyUnitId: yte, chosenBy: 'rotation' })
    t.equal(kept.json().flagHandover, null, 're-elected head: no handover')
    const gap = await as(admin).put(`${terms}/2023`, { headUnitId: cnan, deputyUnitId: yte })
    t.equal(gap.json().flagHandover, null, 'no term the year before: no handover')
    const recorded = (await as(admin).get('/v1/audit-events?action=flag.handed_over')).json().items
    t.match(recorded, [{ resourceType: 'flag_handover', resourceId: `${cluster9.id}/2020`, before: null, after: { fromUnitId: yte, toUnitId: haucan, year: 2020, chosenBy: 'election' } }],
      'a handover is recorded when a term gives the flag to a new head, however it was chosen')
  })

  t.test('PUT replaces with If-Match; stale or premature If-Match is a 412', async (t) => {
    const read = await as(admin).get(`${terms}/2021`)
    const replaced = await as(admin).put(`${terms}/2021`, { headUnitId: yte, deputyUnitId: haucan, chosenBy: 'election' }, { 'if-match': read.headers.etag as string })
    t.equal(replaced.statusCode, 200)
    t.match(replaced.json(), { version: 2, headUnitId: yte, chosenBy: 'election', decidedOn: null })
    t.same(replaced.json().flagHandover, { fromUnitId: haucan, toUnitId: yte, year: 2021 }, 'derived again from the new head')
    t.match(replaced.headers.etag, /^"v2\./)
    t.equal(replaced.headers.location, undefined)
    const stale = await as(admin).put(`${terms}/2021`, { headUnitId: haucan, deputyUnitId: yte }, { 'if-match': read.headers.etag as string })
    t.equal(stale.statusCode, 412)
    t.equal(stale.json().code, 'precondition_failed')
    const premature = await as(admin).put(`${terms}/2022`, { headUnitId: haucan, deputyUnitId: yte }, { 'if-match': '*' })
    t.equal(premature.statusCode, 412, 'If-Match on a term that does not exist yet')
    t.equal((await as(admin).get(`${terms}/2021`)).headers.etag, replaced.headers.etag)
    // Replacing 2020's head changes what 2021 derives, and so its representation.
    await as(admin).put(`${terms}/2020`, { headUnitId: yte, deputyUnitId: cnan })
    const derived = await as(admin).get(`${terms}/2021`, { 'if-none-match': replaced.headers.etag as string })
    t.equal(derived.statusCode, 200, 'no 304 for the old representation')
    t.equal(derived.json().flagHandover, null)
    t.match(derived.headers.etag, /^"v2\./, 'the term itself is unchanged')
    t.not(derived.headers.etag, replaced.headers.etag)
    t.equal((await as(admin).get(`${terms}/2021`, { 'if-none-match': derived.headers.etag as string })).statusCode, 304)
  })

  t.test('lists the history, the latest year first, page by page', async (t) => {
    const all = (await as(auth({ role: 'reader' })).get(terms)).json()
    t.same(all.items.map((x: { year: number }) => x.year), [2023, 2021, 2020, 2019])
    t.same(all.items[3], term2019)
    const page1 = (await as(admin).get(`${terms}?limit=3`)).json()
    const page2 = (await as(admin).get(`${terms}?limit=3&cursor=${page1.nextCursor}`)).json()
    t.same([...page1.items, ...page2.items], all.items)
    t.equal(page2.nextCursor, null)
    t.same((await as(admin).get(`/v1/clusters/${cluster8.id}/terms`)).json(), { items: [], nextCursor: null })
  })

  t.test('head and deputy: two different members of the cluster in that year (422)', async (t) => {
    const same = await as(admin).put(`${terms}/2024`, { headUnitId: yte, deputyUnitId: yte })
    t.equal(same.statusCode, 422)
    t.equal(same.json().code, 'head_and_deputy_must_differ')
    const outsider = await as(admin).put(`${terms}/2024`, { headUnitId: units['Cục Công nghệ thông tin'], deputyUnitId: yte })
    t.equal(outsider.statusCode, 422)
    t.equal(outsider.json().code, 'term_unit_not_member')
    t.same(outsider.json().unitIds, [units['Cục Công nghệ thông tin']])
    t.equal(outsider.json().detail, `Cục Công nghệ thông tin (${units['Cục Công nghệ thông tin']}) is not a member of the cluster on any day of 2024.`, 'the unit by name and id')
    const before = await as(admin).put(`${terms}/2018`, { headUnitId: yte, deputyUnitId: haucan })
    t.equal(before.json().code, 'term_unit_not_member', 'members only from 2019')
    const stranger = await as(admin).put(`${terms}/2024`, { headUnitId: yte, deputyUnitId: NIL })
    t.equal(stranger.json().code, 'term_unit_not_member')
    // Hậu cần leaves cluster 9 when 2024 begins: it can lead 2023, not 2024.
    t.equal((await as(admin).post(`/v1/clusters/${cluster9.id}/members/${haucan}/end`, { on: '2024-01-01' })).statusCode, 200)
    t.equal((await as(admin).put(`${terms}/2024`, { headUnitId: haucan, deputyUnitId: yte })).json().code, 'term_unit_not_member')
    t.equal((await as(admin).put(`${terms}/2023`, { headUnitId: haucan, deputyUnitId: yte })).statusCode, 200)
  })

  t.test('bad input is a 400, unknown clusters and years a 404', async (t) => {
    const good = { headUnitId: yte, deputyUnitId: cnan }
    const cases: Array<[string, string, unknown]> = [
      ['year out of range', `${terms}/1900`, good],
      ['year not a number', `${terms}/nam-2020`, good],
      ['bad cluster uuid', '/v1/clusters/9/terms/2020', good],
      ['bad unit uuid', `${terms}/2020`, { ...good, headUnitId: 'H06' }],
      ['impossible date', `${terms}/2020`, { ...good, decidedOn: '2019-02-30' }],
      ['unknown way of choosing', `${terms}/2020`, { ...good, chosenBy: 'lottery' }],
      ['missing deputy', `${terms}/2020`, { headUnitId: yte }],
      ['flag is derived, not sent', `${terms}/2020`, { ...good, flagHandover: null }]
    ]
    for (const [name, url, payload] of cases) {
      const bad = await as(admin).put(url, payload)
      t.equal(bad.statusCode, 400, name)
      t.equal(bad.json().code, 'validation_failed', name)
    }
    t.equal((await as(admin).get(`${terms}/20x0`)).statusCode, 400)
    const noCluster = await as(admin).put(`/v1/clusters/${NIL}/terms/2020`, good)
    t.equal(noCluster.statusCode, 404)
    t.equal(noCluster.json().code, 'cluster_not_found')
    t.equal((await as(admin).get(`/v1/clusters/${NIL}/terms/2020`)).json().code, 'cluster_not_found')
    t.equal((await as(admin).get(`/v1/clusters/${NIL}/terms`)).statusCode, 404)
    const noYear = await as(admin).get(`${terms}/2030`)
    t.equal(noYear.statusCode, 404)
    t.equal(noYear.json().code, 'term_not_found')
  })

  t.test('only an admin appoints', async (t) => {
    const body = { headUnitId: yte, deputyUnitId: cnan }
    for (const token of [auth({ role: 'secretariat', clusterId: cluster9.id }), auth({ role: 'reader' }), auth({ role: 'unit', unitId: yte })]) {
      const refused = await as(token).put(`${terms}/2025`, body)
      t.equal(refused.statusCode, 403)
      t.equal(refused.json().code, 'forbidden')
    }
    t.equal((await as().put(`${terms}/2025`, body)).statusCode, 401)
    t.equal((await as().get(`${terms}/2019`)).statusCode, 401)
  })

  t.test('appointments are audited and evented', async (t) => {
    const audit = await app.db('audit_events').where({ resource_type: 'term', resource_id: `${cluster9.id}/2021` }).orderBy('id')
    t.same(audit.map((a) => a.action), ['term.appointed', 'term.appointed'])
    t.equal(audit[0].before, null)
    t.equal(audit[1].before.headUnitId, haucan)
    t.equal(audit[1].after.headUnitId, yte)
    const events = await app.db('events').where({ resource_type: 'term', resource_id: `${cluster9.id}/2021` }).orderBy('position')
    t.same(events.map((e) => e.data.version), [1, 2])
  })
})
