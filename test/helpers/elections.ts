// Cụm 9 with its 2024 scores reviewed and finalized (the ranking of test/routes/ranking.test.ts), ready for title
// elections; and short ways to run a round.
import type { App } from '../../src/app.js'
import type { Built } from './build.js'
import { caller, expectStatus } from './http.js'
import { seedClusters } from './clusters.js'
import { CLUSTER_9_ENTRIES, cluster9Ids, publishScheme } from './scorecards.js'

/**
 * The finalized ranking: Cục Y tế 90.5 (1st, the only one eligible for the Ministry and Government flags),
 * Bệnh viện 30/4 79.57, Cục Công nghiệp an ninh 72.91, Cục Hậu cần 50, Bệnh viện 199 50, Bệnh viện Y học cổ truyền
 * 38.01, Bệnh viện 19.8 19.91.
 */
export async function seedFinalRanking ({ app, admin, auth }: Built, options: { finalize?: boolean } = {}) {
  const as = caller(app)
  const seeded = await seedClusters(app, admin, { members: '2024-01-01' })
  const ids = cluster9Ids(seeded.units)
  const [yte, cnan, haucan, bv198, bv304, bv199, yhct] = ids
  const secretariat = auth({ role: 'secretariat', clusterId: seeded.cluster9.id, sub: 'sec-9' })
  const unitToken = (unitId: string) => auth({ role: 'unit', unitId, sub: `unit-${unitId}` })
  const schemeId = await publishScheme(app, admin, seeded.cluster9.id, ids)
  const card = (unitId: string) => `/v1/scoring-schemes/${schemeId}/scorecards/${unitId}`
  for (const [i, unitId] of ids.entries()) {
    await expectStatus(as(unitToken(unitId)).put(card(unitId), { entries: CLUSTER_9_ENTRIES[i] }), 201)
    await expectStatus(as(unitToken(unitId)).post(`${card(unitId)}/submit`, {}), 200)
    await expectStatus(as(secretariat).post(`${card(unitId)}/review`, { entries: unitId === cnan ? [{ code: 'I.3', points: 5 }] : [] }), 200)
  }
  if (options.finalize !== false) await expectStatus(as(secretariat).post(`/v1/scoring-schemes/${schemeId}/finalize`, {}), 200)
  return { ...seeded, ids, schemeId, secretariat, unitToken, yte, cnan, haucan, bv198, bv304, bv199, yhct }
}

/** Drafts and opens an election of the cluster; returns its id. */
export async function openElection (app: App, token: string, clusterId: string, body: Record<string, unknown>): Promise<string> {
  const as = caller(app)(token)
  const draft = await expectStatus(as.post(`/v1/clusters/${clusterId}/elections`, body), 201)
  await expectStatus(as.post(`/v1/elections/${draft.id}/open`, {}), 200)
  return draft.id
}

/** Each voter's ballot in turn (`choices` by voter id); returns the receipts. */
export async function castAll (app: App, tokenOf: (unitId: string) => string, electionId: string, ballots: Array<[string, string[]]>): Promise<string[]> {
  const receipts: string[] = []
  for (const [voterUnitId, choices] of ballots) {
    const cast = await expectStatus(caller(app)(tokenOf(voterUnitId)).post(`/v1/elections/${electionId}/ballots`, { voterUnitId, choices }), 201)
    receipts.push(cast.receipt)
  }
  return receipts
}
