// A year of Cụm thi đua số 9 scored over HTTP: the published CLUSTER_9_SCHEME with each unit's targets, and the
// self-assessments of its seven units (in CLUSTER_9_UNITS order; unit i has targetsFor(i)).
import type { App } from '../../src/app.js'
import type { Built } from './build.js'
import type { Seeded } from './clusters.js'
import { caller } from './http.js'
import { CLUSTER_9_UNITS } from './clusters.js'
import { CLUSTER_9_SCHEME, targetsFor } from './scoring.js'

/** Self-assessment entries of the seven units of Cụm 9 (index = position in CLUSTER_9_UNITS). */
export const CLUSTER_9_ENTRIES: Array<Array<Record<string, unknown>>> = [
  // Cục Y tế: the best on every quantitative leaf.
  [{ code: 'I.1', actual: 95, evidence: ['https://example.vn/h06/bao-cao-2024.pdf'] }, { code: 'I.2', achieved: true }, { code: 'I.3', count: 3 },
    { code: 'II.1', actual: 0 }, { code: 'II.2', actual: 2600.5 }, { code: 'BD', bonusCount: 3, deductionCount: 0, comment: 'Ba bằng khen' }],
  // Cục Công nghiệp an ninh.
  [{ code: 'I.1', actual: 90 }, { code: 'I.2', achieved: true }, { code: 'I.3', count: 4 }, { code: 'II.1', actual: 2 },
    { code: 'II.2', actual: 2000 }, { code: 'BD', bonusCount: 2, deductionCount: 1 }],
  // Cục Hậu cần: exactly at every target.
  [{ code: 'I.1', actual: 72 }, { code: 'I.2', achieved: true }, { code: 'I.3', count: 2 }, { code: 'II.1', actual: 5 }, { code: 'II.2', actual: 1700.5 }],
  // Bệnh viện 19.8: below target, two deductions.
  [{ code: 'I.1', actual: 60 }, { code: 'I.2', achieved: false }, { code: 'I.3', count: 1 }, { code: 'II.1', actual: 10 },
    { code: 'II.2', actual: 1000 }, { code: 'BD', deductionCount: 2 }],
  // Bệnh viện 30/4: I.3 capped at its maximum.
  [{ code: 'I.1', actual: 80 }, { code: 'I.2', achieved: true }, { code: 'I.3', count: 5 }, { code: 'II.1', actual: 1 },
    { code: 'II.2', actual: 2500 }, { code: 'BD', bonusCount: 1 }],
  // Bệnh viện 199: at target, the same total as Cục Hậu cần (50) with less in group I.
  [{ code: 'I.1', actual: 75 }, { code: 'I.2', achieved: true }, { code: 'II.1', actual: 3 }, { code: 'II.2', actual: 2000.5 }],
  // Bệnh viện Y học cổ truyền.
  [{ code: 'I.1', actual: 50 }, { code: 'I.2', achieved: true }, { code: 'II.1', actual: 5 }, { code: 'II.2', actual: 1500 }]
]

/** Drafts CLUSTER_9_SCHEME (or `scheme`) for the cluster, sets targetsFor(i) for each unit, publishes it; returns its id. */
export async function publishScheme (app: App, admin: string, clusterId: string, unitIds: readonly string[], scheme: object = CLUSTER_9_SCHEME): Promise<string> {
  const as = caller(app)(admin)
  const draft = await as.post(`/v1/clusters/${clusterId}/scoring-schemes`, scheme)
  if (draft.statusCode !== 201) throw new Error(`drafting answered ${draft.statusCode}: ${draft.body}`)
  const id = draft.json().id as string
  for (const [i, unitId] of unitIds.entries()) {
    const set = await as.put(`/v1/scoring-schemes/${id}/targets/${unitId}`, { targets: targetsFor(i) })
    if (set.statusCode !== 201) throw new Error(`targets answered ${set.statusCode}: ${set.body}`)
  }
  const published = await as.post(`/v1/scoring-schemes/${id}/publish`, {})
  if (published.statusCode !== 200) throw new Error(`publishing answered ${published.statusCode}: ${published.body}`)
  return id
}

/** Cụm 9's unit ids in CLUSTER_9_UNITS order. */
export const cluster9Ids = (units: Record<string, string>) => CLUSTER_9_UNITS.map((u) => units[u.name])

/** Who acts on Cụm 9's scorecards: the secretariats of clusters 9 and 8, a reader, and each unit for itself. */
export function scorecardCallers (auth: Built['auth'], { cluster9, cluster8 }: Pick<Seeded, 'cluster9' | 'cluster8'>) {
  return {
    sec9: auth({ role: 'secretariat', clusterId: cluster9.id, sub: 'sec-9' }),
    sec8: auth({ role: 'secretariat', clusterId: cluster8.id, sub: 'sec-8' }),
    reader: auth({ role: 'reader' }),
    unitOf: (unitId: string) => auth({ role: 'unit', unitId, sub: `unit-${unitId}` })
  }
}
