// Criteria that do not apply to a unit over HTTP (issue 14 part 5): the targets body and its refusals, the ranking
// in JSON and CSV saying which criteria did not apply, and the cluster rule.
import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, created, expectStatus } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'
import { cluster9Ids } from '../helpers/scorecards.js'
import { CLUSTER_9_SCHEME, targetsFor } from '../helpers/scoring.js'

t.test('targets with notApplicable, refusals, and the ranking in JSON and CSV', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster9, units } = await seedClusters(app, admin, { members: '2024-01-01' })
  const ids = cluster9Ids(units)
  const sec9 = auth({ role: 'secretariat', clusterId: cluster9.id, sub: 'sec-9' })
  const scheme = await created(app, admin, `/v1/clusters/${cluster9.id}/scoring-schemes`, CLUSTER_9_SCHEME)
  const targets = (unitId: string) => `/v1/scoring-schemes/${scheme.id}/targets/${unitId}`
  const [hospital, ...others] = ids

  // Refusals first: nothing is stored.
  const all = await expectStatus(as(sec9).put(targets(hospital), { targets: { 'I.1': 70 }, notApplicable: ['I', 'II'] }), 422)
  t.match(all, { code: 'invalid_targets', errors: [{ path: '/body/notApplicable', message: /at least one must apply/ }] })
  const bonus = await expectStatus(as(sec9).put(targets(hospital), { targets: { 'I.1': 70 }, notApplicable: ['BD', 'IX'] }), 422)
  t.same(bonus.errors.map((e: { path: string }) => e.path), ['/body/notApplicable/0', '/body/notApplicable/1'])
  await expectStatus(as(sec9).put(targets(hospital), { targets: {}, notApplicable: ['II.2', 'II.2'] }), 400)
  await expectStatus(as(sec9).put(targets(hospital), { targets: {}, notApplicable: 'II.2' }), 400)
  await expectStatus(as(sec9).put(targets(hospital), { targets: {}, notApplicable: Array.from({ length: 201 }, (_, i) => `c${i}`) }), 400)
  await expectStatus(as(sec9).get(targets(hospital)), 404)

  const set = await expectStatus(as(sec9).put(targets(hospital), { targets: { 'I.1': 70 }, notApplicable: ['II.2'] }), 201)
  t.match(set, { targets: { 'I.1': 70 }, notApplicable: ['II.2'] })
  t.match(await expectStatus(as(sec9).get(targets(hospital)), 200), { notApplicable: ['II.2'] })
  for (const [i, unitId] of others.entries()) {
    t.same((await expectStatus(as(sec9).put(targets(unitId), { targets: targetsFor(i + 1) }), 201)).notApplicable, [])
  }
  await expectStatus(as(admin).post(`/v1/scoring-schemes/${scheme.id}/publish`, {}), 200)

  // The hospital: I.2 10 + I.3 10 + II.1 25 = 45 of the 65 that apply → 45 × 90 / 65 = 62.31.
  const unitOf = (unitId: string) => auth({ role: 'unit', unitId, sub: `unit-${unitId}` })
  await expectStatus(as(unitOf(hospital)).put(`/v1/scoring-schemes/${scheme.id}/scorecards/${hospital}`, {
    entries: [{ code: 'I.2', achieved: true }, { code: 'I.3', count: 4 }, { code: 'II.1', actual: 0 }]
  }), 201)
  const ranking = `/v1/scoring-schemes/${scheme.id}/ranking`
  const json = await expectStatus(as(admin).get(`${ranking}?breakdown=true`), 200)
  const line = json.items.find((i: { unitId: string }) => i.unitId === hospital)
  t.match(line, { rank: 1, total: 62.31, base: 62.31, applicableMax: 65, notApplicable: ['II.2'] })
  t.match(line.breakdown[1].children[1], { code: 'II.2', points: 0, notApplicable: true })
  t.ok(json.items.filter((i: { unitId: string }) => i.unitId !== hospital).every((i: { notApplicable: string[], applicableMax: number }) =>
    i.notApplicable.length === 0 && i.applicableMax === 90))

  const csvResponse = await as(admin).get(`${ranking}?format=csv&breakdown=true`)
  t.equal(csvResponse.statusCode, 200)
  const csv = csvResponse.body
  const row = csv.split(/\r?\n/).find((r) => r.includes('62.31'))!
  t.match(row, /62\.31/)
  t.match(row, /không áp dụng/, 'the II.2 cell says the criterion did not apply')

  // The cluster turns rescaling off: the plain sum.
  await expectStatus(as(sec9).patch(`/v1/clusters/${cluster9.id}`, { rules: { rescaleNotApplicable: false } }), 200)
  const plain = (await expectStatus(as(admin).get(ranking), 200)).items.find((i: { unitId: string }) => i.unitId === hospital)
  t.match(plain, { total: 45, base: 45, applicableMax: 65, notApplicable: ['II.2'] })
  t.equal((await expectStatus(as(admin).get(`/v1/clusters/${cluster9.id}`), 200)).rules.rescaleNotApplicable, false)
})
