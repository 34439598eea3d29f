// Who reads a scheme's scores: one rule, for a scorecard, the ranking, and the evidence files a scorecard cites (a
// file is read by whoever reads a scorecard citing it, services/files.ts).
import type { Knex } from 'knex'
import type { Actor } from '../auth/tokens.js'
import { readsEverything } from '../auth/access.js'
import { getCluster } from '../db/clusters-repository.js'
import { isMemberDuring } from '../db/memberships-repository.js'
import { findFinalization } from '../db/scorecards-repository.js'
import { getScheme, type ScoringScheme } from '../db/scoring-schemes-repository.js'
import { forbidden } from '../domain/errors.js'
import { yearPeriod } from '../domain/membership.js'
import { assertRankable } from '../domain/scoring/scheme-lifecycle.js'

/**
 * Admin and reader read everything; a secretariat its own cluster's; a unit its own scorecard (`unitId`), and, as a
 * member of the scheme's cluster in its year, the other members' scorecards and the ranking once the scores are
 * `final`, or before where the cluster publishes its drafts (`membersReadDraftScorecards`).
 */
export async function mayReadScores (
  db: Knex, actor: Actor, scheme: Pick<ScoringScheme, 'clusterId' | 'year'>, scores: { final: boolean, unitId?: string }
): Promise<boolean> {
  if (readsEverything(actor)) return true
  if (actor.role === 'secretariat') return actor.clusterId === scheme.clusterId
  if (!actor.unitId) return false
  if (actor.unitId === scores.unitId) return true
  const { from, until } = yearPeriod(scheme.year)
  if (!(await isMemberDuring(db, scheme.clusterId, actor.unitId, from, until))) return false
  return scores.final || (await getCluster(db, scheme.clusterId)).rules.membersReadDraftScorecards
}

/**
 * A published scheme's scores across its cluster as the ranking and the matrix read them: the scheme, its cluster
 * and its finalisation (whose members are the ones ranked once final). 409 `scheme_not_published` for a draft; 403
 * naming `what` for a caller who may not read them.
 */
export async function openClusterScores (db: Knex, actor: Actor, schemeId: string, what: string) {
  const scheme = await getScheme(db, schemeId)
  assertRankable(scheme)
  const cluster = await getCluster(db, scheme.clusterId)
  const finalization = await findFinalization(db, scheme.id)
  const final = finalization !== undefined
  if (!(await mayReadScores(db, actor, scheme, { final }))) {
    throw forbidden(`${what} is read by the cluster's secretariat, admin and reader, and by its member units once final.`)
  }
  return { scheme, cluster, finalization, final }
}
