// Deadlines over HTTP: a scheme's deadlines, the cluster rule lateSteps, a scorecard's dueOn and late, a late step's
// 409 deadline_passed, and GET /v1/clusters/{id}/deadlines for admin, secretariat and unit. The app's clock is the
// test's, in Việt Nam time.
import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, expectStatus } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'
import { cluster9Ids, CLUSTER_9_ENTRIES, publishScheme, scorecardCallers } from '../helpers/scorecards.js'
import { CLUSTER_9_SCHEME } from '../helpers/scoring.js'

const deadlines = { selfAssessmentDue: '2024-11-15', explanationDays: 5, secondReviewDue: '2024-12-05' }
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`)

t.test('deadlines: the scheme carries them, late steps are refused or marked, the cluster lists what is due', async (t) => {
  let now = vn('2024-11-10 09:00')
  const { app, admin, auth } = await build(t, { clock: () => now })
  const as = caller(app)
  const { cluster9, cluster8, units } = await seedClusters(app, admin, { members: '2024-01-01' })
  const ids = cluster9Ids(units)
  const [yte, cnan] = ids
  const { sec9, sec8, unitOf } = scorecardCallers(auth, { cluster9, cluster8 })
  const outsider = unitOf(units['Cục Công nghệ thông tin'])

  await t.test('a scheme\'s deadlines are validated', async (t) => {
    const bad = await as(admin).post(`/v1/clusters/${cluster9.id}/scoring-schemes`, { ...CLUSTER_9_SCHEME, year: 2030, deadlines: { ...deadlines, secondReviewDue: '2024-11-01' } })
    t.equal(bad.statusCode, 422)
    t.match(bad.json(), { code: 'invalid_deadlines', errors: [{ path: '/body/deadlines/secondReviewDue' }] })
    const notADate = await as(admin).post(`/v1/clusters/${cluster9.id}/scoring-schemes`, { ...CLUSTER_9_SCHEME, year: 2030, deadlines: { ...deadlines, selfAssessmentDue: '2024-02-30' } })
    t.equal(notADate.statusCode, 400)
    t.equal(notADate.json().code, 'validation_failed')
    const tooLong = await as(admin).post(`/v1/clusters/${cluster9.id}/scoring-schemes`, { ...CLUSTER_9_SCHEME, year: 2030, deadlines: { ...deadlines, explanationDays: 91 } })
    t.equal(tooLong.statusCode, 400)
    t.equal((await as(admin).get(`/v1/clusters/${cluster9.id}/scoring-schemes?year=2030`)).json().items.length, 0, 'nothing created')
  })

  const schemeId = await publishScheme(app, admin, cluster9.id, ids, { ...CLUSTER_9_SCHEME, deadlines })
  t.same((await expectStatus(as(admin).get(`/v1/scoring-schemes/${schemeId}`), 200)).deadlines, deadlines)
  const card = (unitId: string) => `/v1/scoring-schemes/${schemeId}/scorecards/${unitId}`
  t.equal((await expectStatus(as(admin).get(`/v1/clusters/${cluster9.id}`), 200)).rules.lateSteps, 'refuse', 'refuse by default')

  for (const [i, unitId] of ids.entries()) await expectStatus(as(unitOf(unitId)).put(card(unitId), { entries: CLUSTER_9_ENTRIES[i] }), 201)
  t.match(await expectStatus(as(unitOf(yte)).get(card(yte)), 200), { dueOn: '2024-11-15', late: false, lateSteps: [], reviewedOn: null })

  // 23:59 in Hà Nội on the due date is on time (16:59 UTC); a minute later it is the 16th there.
  now = vn('2024-11-15 23:59')
  await expectStatus(as(unitOf(yte)).post(`${card(yte)}/submit`, {}), 200)
  now = vn('2024-11-16 00:00')
  const refused = await as(unitOf(cnan)).post(`${card(cnan)}/submit`, {})
  t.equal(refused.statusCode, 409)
  t.match(refused.headers['content-type'], /^application\/problem\+json/)
  t.match(refused.json(), { code: 'deadline_passed', detail: /\(submit\) was due on 2024-11-15/ })
  t.match(await expectStatus(as(unitOf(cnan)).get(card(cnan)), 200), { status: 'draft', dueOn: '2024-11-15', late: true })

  // The cluster now accepts late steps, marked late.
  await expectStatus(as(sec9).patch(`/v1/clusters/${cluster9.id}`, { rules: { lateSteps: 'mark_late' } }), 200)
  t.match(await expectStatus(as(unitOf(cnan)).post(`${card(cnan)}/submit`, {}), 200), { status: 'submitted', lateSteps: ['submit'], late: true, dueOn: null })
  t.equal((await as(sec9).patch(`/v1/clusters/${cluster9.id}`, { rules: { lateSteps: 'sometimes' } })).statusCode, 400)

  now = vn('2024-11-27 10:00')
  t.match(await expectStatus(as(sec9).post(`${card(yte)}/review`, { entries: [{ code: 'I.3', points: 7.5 }] }), 200),
    { status: 'reviewed', reviewedOn: '2024-11-27', dueOn: '2024-12-02', late: false })

  await t.test('the cluster\'s deadlines, by role', async (t) => {
    const list = await expectStatus(as(admin).get(`/v1/clusters/${cluster9.id}/deadlines`), 200)
    t.equal(list.items.length, ids.length - 1, 'every member but the one submitted and waiting for its first review')
    t.same(list.items.map((r: { dueOn: string }) => r.dueOn), [...Array(ids.length - 2).fill('2024-11-15'), '2024-12-02'], 'the earliest first')
    t.match(list.items[list.items.length - 1], { schemeId, year: 2024, period: 'annual', unitId: yte, unitName: 'Cục Y tế', step: 'explain', dueOn: '2024-12-02', late: false })
    t.match(list.items[0], { step: 'submit', late: true })
    t.notOk(list.items.some((r: { unitId: string }) => r.unitId === cnan), 'submitted: nothing due until reviewed')
    t.same((await expectStatus(as(sec9).get(`/v1/clusters/${cluster9.id}/deadlines`), 200)).items, list.items, 'its own secretariat')
    t.equal((await as(sec8).get(`/v1/clusters/${cluster9.id}/deadlines`)).statusCode, 403, 'another cluster\'s secretariat')
    t.same((await expectStatus(as(unitOf(yte)).get(`/v1/clusters/${cluster9.id}/deadlines`), 200)).items.map((r: { unitId: string }) => r.unitId), [yte], 'a unit: its own row')
    t.same((await expectStatus(as(outsider).get(`/v1/clusters/${cluster9.id}/deadlines`), 200)).items, [], 'a unit of another cluster: nothing')
    const page = await expectStatus(as(auth({ role: 'reader' })).get(`/v1/clusters/${cluster9.id}/deadlines?limit=2`), 200)
    t.equal(page.items.length, 2)
    const next = await expectStatus(as(admin).get(`/v1/clusters/${cluster9.id}/deadlines?limit=200&cursor=${page.nextCursor}`), 200)
    t.same([...page.items, ...next.items], list.items, 'paged')
    t.equal((await as(admin).get(`/v1/clusters/${cluster9.id}/deadlines?limit=201`)).statusCode, 400)
    t.equal((await as(admin).get('/v1/clusters/00000000-0000-4000-8000-000000000000/deadlines')).json().code, 'cluster_not_found')
  })
  await t.test('a returned card is due again and its late resubmission follows lateSteps', async (t) => {
    now = vn('2024-11-28 10:00')
    const returned = await expectStatus(as(sec9).post(`${card(yte)}/return`, { reason: 'Tiêu chí I.3 thiếu quyết định công nhận sáng kiến.' }), 200)
    t.match(returned, { status: 'returned', returnedOn: '2024-11-28', reviewedOn: null, dueOn: '2024-12-03', late: false })
    const listed = (await expectStatus(as(unitOf(yte)).get(`/v1/clusters/${cluster9.id}/deadlines`), 200)).items
    t.match(listed, [{ unitId: yte, step: 'submit', dueOn: '2024-12-03', late: false }], 'the unit sees its resubmission due')
    await expectStatus(as(sec9).patch(`/v1/clusters/${cluster9.id}`, { rules: { lateSteps: 'refuse' } }), 200)
    now = vn('2024-12-04 08:00')
    t.match(await expectStatus(as(unitOf(yte)).get(card(yte)), 200), { status: 'returned', dueOn: '2024-12-03', late: true })
    const refused = await as(unitOf(yte)).post(`${card(yte)}/submit`, {})
    t.equal(refused.statusCode, 409)
    t.match(refused.json(), { code: 'deadline_passed', step: 'submit', dueOn: '2024-12-03', detail: /resubmission after the return for revision/ })
    await expectStatus(as(sec9).patch(`/v1/clusters/${cluster9.id}`, { rules: { lateSteps: 'mark_late' } }), 200)
    t.match(await expectStatus(as(unitOf(yte)).post(`${card(yte)}/submit`, {}), 200), { status: 'submitted', lateSteps: ['submit'], late: true, dueOn: null })
  })
})
