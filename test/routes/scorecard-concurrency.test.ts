// Saves of a scheme's scorecards run side by side (the scheme is locked for share, each card for update): saves of
// different units all land, and concurrent first saves of one unit queue rather than collide on the insert.
import t from 'tap'
import { build } from '../helpers/build.js'
import { caller } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'
import { CLUSTER_9_ENTRIES, cluster9Ids, publishScheme } from '../helpers/scorecards.js'

t.test('concurrent saves of scorecards', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster9, units } = await seedClusters(app, admin, { members: '2024-01-01' })
  const ids = cluster9Ids(units)
  const schemeId = await publishScheme(app, admin, cluster9.id, ids)
  const card = (unitId: string) => `/v1/scoring-schemes/${schemeId}/scorecards/${unitId}`
  const unitOf = (unitId: string) => auth({ role: 'unit', unitId, sub: `unit-${unitId}` })

  await t.test('first saves of one unit, all at once: one creates, the others replace in turn', async (t) => {
    const [unitId] = ids
    const saves = await Promise.all(CLUSTER_9_ENTRIES.map((entries) => as(unitOf(unitId)).put(card(unitId), { entries })))
    t.same(saves.map((r) => r.statusCode).sort(), [200, 200, 200, 200, 200, 200, 201], saves.map((r) => r.body).join('\n'))
    t.same(saves.map((r) => r.json().version).sort(), [1, 2, 3, 4, 5, 6, 7], 'every save got its own version')
    const stored = (await as(admin).get(card(unitId))).json()
    t.equal(stored.version, 7)
  })

  await t.test('every other unit saves at the same moment, and each is counted in the ranking', async (t) => {
    const others = ids.slice(1)
    const saves = await Promise.all(others.map((unitId, i) => as(unitOf(unitId)).put(card(unitId), { entries: CLUSTER_9_ENTRIES[i + 1] })))
    t.same(saves.map((r) => r.statusCode), others.map(() => 201), saves.map((r) => r.body).join('\n'))
    const ranking = (await as(admin).get(`/v1/scoring-schemes/${schemeId}/ranking`)).json()
    t.same(ranking.items.map((i: { status: string }) => i.status), ids.map(() => 'draft'))
  })
})
