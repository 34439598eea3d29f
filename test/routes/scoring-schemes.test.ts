import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, NIL } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'
import { CLUSTER_9_SCHEME, nested, targetsFor } from '../helpers/scoring.js'

t.test('scoring schemes: draft, edit, targets, publish, versions', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster9, cluster8, units } = await seedClusters(app, admin, { members: '2024-01-01' })
  const sec9 = auth({ role: 'secretariat', clusterId: cluster9.id, sub: 'sec-9' })
  const sec8 = auth({ role: 'secretariat', clusterId: cluster8.id, sub: 'sec-8' })
  const yte = units['Cục Y tế']
  const unitToken = auth({ role: 'unit', unitId: yte })
  const reader = auth({ role: 'reader' })
  const members9 = ['Cục Y tế', 'Cục Công nghiệp an ninh', 'Cục Hậu cần', 'Bệnh viện 19.8', 'Bệnh viện 30/4', 'Bệnh viện 199', 'Bệnh viện Y học cổ truyền'].map((n) => units[n])
  const schemes = `/v1/clusters/${cluster9.id}/scoring-schemes`

  const first = await as(sec9).post(schemes, CLUSTER_9_SCHEME)
  t.equal(first.statusCode, 201, first.body)
  const v1 = first.json()
  t.same(Object.keys(v1).sort(), [
    'bands', 'bonusCap', 'clusterId', 'createdAt', 'criteria', 'deadlines', 'deductionCap', 'id', 'ministryFlagBand', 'period', 'publishedAt',
    'revision', 'status', 'supersededAt', 'tieBreak', 'updatedAt', 'version', 'year'
  ])
  t.match(v1, { clusterId: cluster9.id, year: 2024, period: 'annual', version: 1, status: 'draft', revision: 1, bonusCap: 10, deductionCap: 10, ministryFlagBand: 'excellent', publishedAt: null, supersededAt: null, deadlines: null })
  t.same(v1.criteria, CLUSTER_9_SCHEME.criteria, 'the tree is kept as sent')
  t.same(v1.bands, CLUSTER_9_SCHEME.bands)
  t.same(v1.tieBreak, CLUSTER_9_SCHEME.tieBreak)
  t.equal(first.headers.etag, '"v1"')
  t.equal(first.headers.location, `/v1/scoring-schemes/${v1.id}`)
  const scheme = `/v1/scoring-schemes/${v1.id}`

  t.test('every role reads the scheme with its ETag, and lists', async (t) => {
    for (const token of [reader, unitToken, sec8, admin]) {
      const read = await as(token).get(scheme)
      t.equal(read.statusCode, 200)
      t.same(read.json(), v1)
      t.equal(read.headers.etag, '"v1"')
    }
    t.equal((await as(reader).get(scheme, { 'if-none-match': '"v1"' })).statusCode, 304)
    const list = (await as(reader).get(`${schemes}?year=2024&period=annual`)).json()
    t.same(list, { items: [v1], nextCursor: null })
    t.same((await as(reader).get(`${schemes}?period=mid_year`)).json(), { items: [], nextCursor: null })
    t.same((await as(reader).get(`/v1/clusters/${cluster8.id}/scoring-schemes`)).json(), { items: [], nextCursor: null })
  })

  t.test('a scheme that breaks the domain rules is a 422 listing every problem', async (t) => {
    const bad = structuredClone(CLUSTER_9_SCHEME) as any
    bad.year = 2025
    bad.criteria[0].maxPoints = 30 // children add up to 40
    bad.criteria[1].children[1].code = 'II.1' // duplicate code
    bad.bands[3].minTotal = 10 // nothing from 0
    bad.tieBreak = ['group:X']
    const refused = await as(sec9).post(schemes, bad)
    t.equal(refused.statusCode, 422)
    t.equal(refused.json().code, 'invalid_scheme')
    const errors: Array<{ path: string, message: string }> = refused.json().errors
    t.ok(errors.length >= 4, 'every problem is listed')
    for (const e of errors) t.match(e.path, /^\/body\//, `${e.path} is a body path`)
    const paths = errors.map((e) => e.path)
    t.ok(paths.includes('/body/criteria/1/children/1/code'), 'the duplicate code')
    t.ok(paths.some((p) => p.startsWith('/body/bands')), 'the bands')
    t.ok(paths.some((p) => p.startsWith('/body/tieBreak/0')), 'the unknown tie-break group')
    t.ok(paths.some((p) => p.startsWith('/body/criteria/0')), 'the overfull group')
    const bonusInGroup = structuredClone(CLUSTER_9_SCHEME) as any
    bonusInGroup.year = 2025
    bonusInGroup.criteria[0].children[2] = { code: 'I.3', name: 'Thưởng', maxPoints: 10, kind: 'bonus_deduction', bonusEach: 1, deductionEach: 1 }
    t.equal((await as(admin).post(schemes, bonusInGroup)).json().code, 'invalid_scheme')
    const tooPrecise = { ...structuredClone(CLUSTER_9_SCHEME), year: 2025, bonusCap: 1.005 }
    const precise = await as(admin).post(schemes, tooPrecise)
    t.equal(precise.statusCode, 422)
    t.same(precise.json().errors.map((e: { path: string }) => e.path), ['/body/bonusCap'])
    t.equal((await app.db('scoring_schemes').where({ year: 2025 })).length, 0, 'nothing stored')
  })

  t.test('malformed bodies are a 400', async (t) => {
    const good = { ...CLUSTER_9_SCHEME, year: 2026 }
    const cases: Array<[string, unknown]> = [
      ['unknown kind', { ...good, criteria: [{ code: 'A', name: 'A', maxPoints: 10, kind: 'bonus' }] }],
      ['unknown period', { ...good, period: 'quarterly' }],
      ['year out of range', { ...good, year: 1900 }],
      ['unknown field', { ...good, weights: [] }],
      ['unknown node field', { ...good, criteria: [{ code: 'A', name: 'A', maxPoints: 10, kind: 'qualitative', weight: 2 }] }],
      ['points as text', { ...good, criteria: [{ code: 'A', name: 'A', maxPoints: '10', kind: 'qualitative' }] }],
      ['unknown tie-break', { ...good, tieBreak: ['random'] }],
      ['empty code', { ...good, criteria: [{ code: '', name: 'A', maxPoints: 10, kind: 'qualitative' }] }]
    ]
    for (const [name, payload] of cases) {
      const bad = await as(admin).post(schemes, payload)
      t.equal(bad.statusCode, 400, name)
      t.equal(bad.json().code, 'validation_failed', name)
    }
    // bands may be left out only by a copy (copyFrom): without one, the service names what is missing.
    const noBands = await as(admin).post(schemes, { ...good, bands: undefined })
    t.equal(noBands.statusCode, 422, 'no bands')
    t.match(noBands.json(), { code: 'invalid_scheme', errors: [{ path: '/body/bands' }] })
    const plain = { ...good, bands: [{ code: 'all', name: 'Tất cả', minTotal: 0 }], tieBreak: [], bonusCap: undefined, deductionCap: undefined, ministryFlagBand: undefined }
    const five = await as(admin).post(schemes, { ...plain, criteria: [nested(5)] })
    t.equal(five.statusCode, 201, 'five levels are accepted')
    t.match(five.json(), { bonusCap: null, deductionCap: null, ministryFlagBand: null })
    // The recursive schema cannot count levels: the domain refuses a sixth, naming the group whose children are too deep.
    const six = await as(admin).post(schemes, { ...plain, year: 2027, criteria: [nested(6)] })
    t.match(six.json(), { status: 422, code: 'invalid_scheme', errors: [{ path: `/body/criteria/0${'/children/0'.repeat(4)}/children`, message: /at most 5 levels/ }] })
    t.equal((await as(admin).get('/v1/scoring-schemes/not-a-uuid')).statusCode, 400)
    t.equal((await as(admin).get(`${schemes}?period=weekly`)).statusCode, 400)
  })

  t.test('who may draft and change: admin and the cluster\'s secretariat', async (t) => {
    for (const token of [sec8, unitToken, reader]) {
      const refused = await as(token).post(schemes, { ...CLUSTER_9_SCHEME, year: 2027 })
      t.equal(refused.statusCode, 403)
      t.equal(refused.json().code, 'forbidden')
      t.equal((await as(token).patch(scheme, { bonusCap: 5 })).statusCode, 403)
      t.equal((await as(token).post(`${scheme}/publish`, {})).statusCode, 403)
      t.equal((await as(token).post(`${scheme}/versions`, {})).statusCode, 403)
      t.equal((await as(token).put(`${scheme}/targets/${yte}`, { targets: targetsFor(0) })).statusCode, 403)
    }
    t.equal((await as().post(schemes, CLUSTER_9_SCHEME)).statusCode, 401)
    t.equal((await as().get(scheme)).statusCode, 401)
    t.equal((await as().get(`${scheme}/targets`)).statusCode, 401)
    const admins = await as(admin).post(schemes, { ...CLUSTER_9_SCHEME, period: 'mid_year' })
    t.equal(admins.statusCode, 201)
  })

  t.test('unknown ids are a 404, a second first version a 409', async (t) => {
    const noCluster = await as(admin).post(`/v1/clusters/${NIL}/scoring-schemes`, CLUSTER_9_SCHEME)
    t.equal(noCluster.statusCode, 404)
    t.equal(noCluster.json().code, 'cluster_not_found')
    t.equal((await as(admin).get(`/v1/clusters/${NIL}/scoring-schemes`)).statusCode, 404)
    const noScheme = await as(admin).get(`/v1/scoring-schemes/${NIL}`)
    t.equal(noScheme.statusCode, 404)
    t.equal(noScheme.json().code, 'scoring_scheme_not_found')
    t.equal((await as(admin).patch(`/v1/scoring-schemes/${NIL}`, { bonusCap: 5 })).statusCode, 404)
    t.equal((await as(admin).post(`/v1/scoring-schemes/${NIL}/publish`, {})).statusCode, 404)
    t.equal((await as(admin).post(`/v1/scoring-schemes/${NIL}/versions`, {})).statusCode, 404)
    t.equal((await as(admin).get(`/v1/scoring-schemes/${NIL}/targets`)).statusCode, 404)
    t.equal((await as(admin).put(`${scheme}/targets/${NIL}`, { targets: targetsFor(0) })).json().code, 'unit_not_found')
    t.equal((await as(admin).get(`${scheme}/targets/${yte}`)).json().code, 'scoring_targets_not_found')
    const again = await as(sec9).post(schemes, CLUSTER_9_SCHEME)
    t.equal(again.statusCode, 409)
    t.equal(again.json().code, 'scheme_exists')
  })

  t.test('a draft changes with If-Match; a bad result is a 422', async (t) => {
    const stale = await as(sec9).patch(scheme, { bonusCap: 8 }, { 'if-match': '"v9"' })
    t.equal(stale.statusCode, 412)
    t.equal(stale.json().code, 'precondition_failed')
    const invalid = await as(sec9).patch(scheme, { ministryFlagBand: 'gold' })
    t.equal(invalid.statusCode, 422)
    t.same(invalid.json().errors.map((e: { path: string }) => e.path), ['/body/ministryFlagBand'])
    t.equal((await as(sec9).patch(scheme, {})).statusCode, 400, 'an empty patch')
    t.equal((await as(sec9).patch(scheme, { year: 2025 })).statusCode, 400, 'the year is fixed')
    const changed = await as(sec9).patch(scheme, { bonusCap: null, tieBreak: ['group:II', 'more_bonus'] }, { 'if-match': '"v1"' })
    t.equal(changed.statusCode, 200, changed.body)
    t.match(changed.json(), { revision: 2, bonusCap: null, deductionCap: 10, tieBreak: ['group:II', 'more_bonus'], status: 'draft' })
    t.equal(changed.headers.etag, '"v2"')
    const back = await as(sec9).patch(scheme, { bonusCap: 10, tieBreak: CLUSTER_9_SCHEME.tieBreak })
    t.match(back.json(), { revision: 3, bonusCap: 10 })
  })

  t.test('targets: member units only, quantitative codes only, replaced with If-Match', async (t) => {
    const set = await as(sec9).put(`${scheme}/targets/${yte}`, { targets: { 'I.1': 60 } })
    t.equal(set.statusCode, 201, set.body)
    t.same(Object.keys(set.json()).sort(), ['createdAt', 'notApplicable', 'schemeId', 'targets', 'unitId', 'updatedAt', 'version'])
    t.match(set.json(), { schemeId: v1.id, unitId: yte, targets: { 'I.1': 60 }, version: 1 })
    t.equal(set.headers.etag, '"v1"')
    t.equal(set.headers.location, `${scheme}/targets/${yte}`)
    const stale = await as(sec9).put(`${scheme}/targets/${yte}`, { targets: targetsFor(0) }, { 'if-match': '"v2"' })
    t.equal(stale.statusCode, 412)
    const replaced = await as(admin).put(`${scheme}/targets/${yte}`, { targets: targetsFor(0) }, { 'if-match': '"v1"' })
    t.equal(replaced.statusCode, 200)
    t.match(replaced.json(), { version: 2, targets: targetsFor(0) })
    const read = await as(reader).get(`${scheme}/targets/${yte}`)
    t.same(read.json(), replaced.json())
    t.equal(read.headers.etag, '"v2"')

    const outsider = await as(admin).put(`${scheme}/targets/${units['Cục Công nghệ thông tin']}`, { targets: targetsFor(0) })
    t.equal(outsider.statusCode, 422)
    t.equal(outsider.json().code, 'unit_not_member')
    t.match(outsider.json().detail, `Cục Công nghệ thông tin (${units['Cục Công nghệ thông tin']}) is not a member of the scheme's cluster in `, 'the unit by name and id')
    const wrong = await as(sec9).put(`${scheme}/targets/${members9[1]}`, { targets: { 'I.2': 1, 'II.2': 10.12345, X: 3, 'I.1': -1 } })
    t.equal(wrong.statusCode, 422)
    t.equal(wrong.json().code, 'invalid_targets')
    t.same(wrong.json().errors.map((e: { path: string }) => e.path).sort(), ['/body/targets/I.1', '/body/targets/I.2', '/body/targets/II.2', '/body/targets/X'])
    t.equal((await as(sec9).put(`${scheme}/targets/${members9[1]}`, { targets: { 'I.1': '70' } })).statusCode, 400)
    t.equal((await as(sec9).put(`${scheme}/targets/${members9[1]}`, {})).statusCode, 400)
  })

  t.test('publishing needs every member\'s targets, then freezes the scheme', async (t) => {
    // Hậu cần leaves in the middle of the year: a member on some day of 2024, so it still needs targets.
    t.equal((await as(admin).post(`/v1/clusters/${cluster9.id}/members/${members9[2]}/end`, { on: '2024-07-01' })).statusCode, 200)
    const missing = await as(sec9).post(`${scheme}/publish`, {})
    t.equal(missing.statusCode, 422)
    t.equal(missing.json().code, 'invalid_targets')
    const paths: string[] = missing.json().errors.map((e: { path: string }) => e.path)
    t.equal(paths.length, 12, 'six units lack I.1 and II.2')
    for (const unitId of members9.slice(1)) {
      t.ok(paths.includes(`/targets/${unitId}/I.1`) && paths.includes(`/targets/${unitId}/II.2`), `${unitId} is listed`)
    }
    t.notOk(paths.some((p) => p.includes('II.1')), 'II.1 has a default target')
    t.equal((await as(sec9).post(`${scheme}/publish`, {}, { 'if-match': '"v1"' })).statusCode, 412)
    for (const [i, unitId] of members9.entries()) {
      const put = await as(sec9).put(`${scheme}/targets/${unitId}`, { targets: targetsFor(i) })
      t.ok(put.statusCode === 200 || put.statusCode === 201)
    }
    const list = await as(reader).get(`${scheme}/targets?limit=4`)
    const next = await as(reader).get(`${scheme}/targets?limit=4&cursor=${list.json().nextCursor}`)
    t.same([...list.json().items, ...next.json().items].map((x: { unitId: string }) => x.unitId), [...members9].sort())
    t.equal(next.json().nextCursor, null)

    const published = await as(sec9).post(`${scheme}/publish`, {}, { 'if-match': '"v3"' })
    t.equal(published.statusCode, 200, published.body)
    t.match(published.json(), { status: 'published', revision: 4, version: 1 })
    t.match(published.json().publishedAt, /^\d{4}-\d{2}-\d{2}T/)
    t.equal(published.headers.etag, '"v4"')

    const edit = await as(sec9).patch(scheme, { bonusCap: 5 })
    t.equal(edit.statusCode, 409)
    t.equal(edit.json().code, 'scheme_published')
    const target = await as(sec9).put(`${scheme}/targets/${yte}`, { targets: targetsFor(3) })
    t.equal(target.statusCode, 409)
    t.equal(target.json().code, 'scheme_published')
    t.equal((await as(sec9).post(`${scheme}/publish`, {})).json().code, 'scheme_published')
  })

  t.test('a new version is a draft copy; publishing it supersedes the old one', async (t) => {
    const copy = await as(sec9).post(`${scheme}/versions`, {})
    t.equal(copy.statusCode, 201, copy.body)
    const v2 = copy.json()
    t.match(v2, { status: 'draft', version: 2, revision: 1, year: 2024, period: 'annual', publishedAt: null })
    t.same(v2.criteria, CLUSTER_9_SCHEME.criteria)
    t.not(v2.id, v1.id)
    const copied = (await as(reader).get(`/v1/scoring-schemes/${v2.id}/targets`)).json().items
    t.equal(copied.length, 7, 'the targets come along')
    t.same(copied.find((x: { unitId: string }) => x.unitId === yte).targets, targetsFor(0))

    const v3 = (await as(admin).post(`/v1/scoring-schemes/${v2.id}/versions`, {})).json()
    t.equal(v3.version, 3)
    const edited = await as(sec9).patch(`/v1/scoring-schemes/${v2.id}`, { deductionCap: 6 })
    t.equal(edited.statusCode, 200)
    const published = await as(sec9).post(`/v1/scoring-schemes/${v2.id}/publish`, {})
    t.equal(published.statusCode, 200, published.body)
    t.match(published.json(), { status: 'published', deductionCap: 6 })
    const old = (await as(reader).get(scheme)).json()
    t.match(old, { status: 'superseded', revision: 5 })
    t.match(old.supersededAt, /^\d{4}-/)
    const listed = (await as(reader).get(`${schemes}?year=2024&period=annual`)).json().items
    t.same(listed.map((s: { version: number, status: string }) => [s.version, s.status]), [[3, 'draft'], [2, 'published'], [1, 'superseded']])
    t.same((await as(reader).get(`${schemes}?status=published`)).json().items.map((s: { id: string }) => s.id), [v2.id])

    const v4 = (await as(sec9).post(`/v1/scoring-schemes/${v2.id}/versions`, {})).json()
    t.equal(v4.version, 4, 'numbered after the latest version, not the source')
    t.equal((await as(sec9).post(`/v1/scoring-schemes/${v4.id}/publish`, {})).statusCode, 200)
    const older = await as(sec9).post(`/v1/scoring-schemes/${v3.id}/publish`, {})
    t.equal(older.statusCode, 409)
    t.equal(older.json().code, 'scheme_has_newer_version')
    t.equal((await as(reader).get(`/v1/scoring-schemes/${v2.id}`)).json().status, 'superseded')
  })

  t.test('every change is audited and evented', async (t) => {
    const actions = async (id: string) => (await app.db('audit_events').where({ resource_type: 'scoring_scheme', resource_id: id }).orderBy('id')).map((a) => a.action)
    t.same(await actions(v1.id), ['scoring_scheme.created', 'scoring_scheme.updated', 'scoring_scheme.updated', 'scoring_scheme.published', 'scoring_scheme.superseded'])
    const events = await app.db('events').where({ resource_type: 'scoring_scheme', resource_id: v1.id }).orderBy('position')
    t.same(events.map((e) => e.type), await actions(v1.id))
    t.same(events.map((e) => e.data.revision), [1, 2, 3, 4, 5])
    const targets = await app.db('audit_events').where({ resource_type: 'scoring_targets', resource_id: `${v1.id}/${yte}` }).orderBy('id')
    t.same(targets.map((a) => a.action), ['scoring_targets.set', 'scoring_targets.set', 'scoring_targets.set'])
    t.equal(targets[0].before, null)
    t.equal(targets[0].actor_sub, 'sec-9')
    const copies = await app.db('events').where({ type: 'scoring_scheme.created' }).whereRaw("data->>'version' = '2'")
    t.equal(copies[0].data.copiedFrom, v1.id)
  })

  t.test('a POST retried with the same Idempotency-Key answers the same', async (t) => {
    const body = { ...CLUSTER_9_SCHEME, year: 2028 }
    const once = await as(sec9).post(schemes, body, { 'idempotency-key': 'scheme-2028' })
    const twice = await as(sec9).post(schemes, body, { 'idempotency-key': 'scheme-2028' })
    t.equal(once.statusCode, 201)
    t.equal(twice.statusCode, 201)
    t.equal(twice.json().id, once.json().id)
    t.equal(twice.headers['idempotent-replayed'], 'true')
    const reused = await as(sec9).post(schemes, { ...body, year: 2029 }, { 'idempotency-key': 'scheme-2028' })
    t.equal(reused.statusCode, 422)
    t.equal(reused.json().code, 'idempotency_key_reused')
  })
})
