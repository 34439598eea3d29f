// Reusing a scheme over HTTP (issue 14 part 6): `copyFrom` on the create-scheme operation, its refusals and roles.
import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, created, expectStatus, NIL } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'
import { cluster9Ids } from '../helpers/scorecards.js'
import { CLUSTER_9_SCHEME, targetsFor } from '../helpers/scoring.js'

t.test('copyFrom drafts a copy, with targets on request; content alongside it, an unknown source and other clusters\' secretariats are refused', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster9, cluster8, units } = await seedClusters(app, admin, { members: '2024-01-01' })
  const ids = cluster9Ids(units)
  const sec9 = auth({ role: 'secretariat', clusterId: cluster9.id, sub: 'sec-9' })
  const sec8 = auth({ role: 'secretariat', clusterId: cluster8.id, sub: 'sec-8' })
  const source = await created(app, admin, `/v1/clusters/${cluster9.id}/scoring-schemes`, CLUSTER_9_SCHEME)
  for (const [i, unitId] of ids.entries()) {
    await expectStatus(as(sec9).put(`/v1/scoring-schemes/${source.id}/targets/${unitId}`, { targets: targetsFor(i), ...(i === 0 ? { notApplicable: ['II.2'] } : {}) }), 201)
  }
  const schemes = `/v1/clusters/${cluster9.id}/scoring-schemes`

  const response = await as(sec9).post(schemes, { year: 2025, period: 'annual', copyFrom: source.id, copyTargets: true })
  t.equal(response.statusCode, 201, response.body)
  const copy = response.json()
  t.match(copy, { clusterId: cluster9.id, year: 2025, period: 'annual', version: 1, status: 'draft' })
  t.same(copy.criteria, source.criteria)
  t.equal(response.headers.location, `/v1/scoring-schemes/${copy.id}`)
  const targets = await expectStatus(as(sec9).get(`/v1/scoring-schemes/${copy.id}/targets`), 200)
  t.equal(targets.items.length, ids.length)
  t.match(await expectStatus(as(sec9).get(`/v1/scoring-schemes/${copy.id}/targets/${ids[0]}`), 200), { notApplicable: ['II.2'] })

  // Another cluster's secretariat copies Cụm 9's scheme into its own cluster, without targets.
  const into8 = await expectStatus(as(sec8).post(`/v1/clusters/${cluster8.id}/scoring-schemes`, { year: 2024, period: 'annual', copyFrom: source.id }), 201)
  t.match(into8, { clusterId: cluster8.id, status: 'draft' })
  t.same((await expectStatus(as(sec8).get(`/v1/scoring-schemes/${into8.id}/targets`), 200)).items, [])
  await expectStatus(as(sec8).post(schemes, { year: 2026, period: 'annual', copyFrom: source.id }), 403)

  const both = await expectStatus(as(sec9).post(schemes, { year: 2026, period: 'annual', copyFrom: source.id, bands: CLUSTER_9_SCHEME.bands }), 422)
  t.match(both, { code: 'invalid_scheme', errors: [{ path: '/body/bands' }] })
  const missing = await expectStatus(as(sec9).post(schemes, { year: 2026, period: 'annual' }), 422)
  t.same(missing.errors.map((e: { path: string }) => e.path), ['/body/criteria', '/body/bands', '/body/tieBreak'])
  t.match(await expectStatus(as(sec9).post(schemes, { year: 2026, period: 'annual', copyFrom: NIL }), 404), { code: 'scoring_scheme_not_found' })
  await expectStatus(as(sec9).post(schemes, { year: 2026, period: 'annual', copyFrom: 'not-a-uuid' }), 400)
  await expectStatus(as(sec9).post(schemes, { year: 2026, period: 'annual', copyFrom: source.id, copyTargets: 'yes' }), 400)
  t.match(await expectStatus(as(sec9).post(schemes, { year: 2025, period: 'annual', copyFrom: source.id }), 409), { code: 'scheme_exists' })
  await expectStatus(as(auth({ role: 'reader' })).post(schemes, { year: 2027, period: 'annual', copyFrom: source.id }), 403)
  t.equal((await expectStatus(as(admin).get(`${schemes}?year=2026`), 200)).items.length, 0, 'no refusal stored a scheme')
})
