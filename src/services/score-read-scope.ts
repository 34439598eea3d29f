// Who reads a scheme's scores: admin and reader everything; a secretariat its own cluster's; a unit its own
// scorecard, and, as a member of the scheme's cluster in its year, the other members' scorecards and the ranking
// once the scores are finalized, or before where the cluster publishes its drafts (`membersReadDraftScorecards`).
import type { Knex } from 'knex'
import type { Actor } from '../auth/tokens.js'
import { getCluster } from '../db/clusters-repository.js'
import type { ScoringScheme } from '../db/scoring-schemes-repository.js'
import { yearPeriod } from '../domain/membership.js'
import { isMemberDuring } from '../db/memberships-repository.js'

/** Whether the caller reads the scheme's scores: one unit's scorecard (`unitId`), or all of them (the ranking). */
export async function mayReadScores (
  db: Knex, actor: Actor, scheme: ScoringScheme, scores: { final: boolean, unitId?: string }
): Promise<boolean> {
  if (actor.role === 'admin' || actor.role === 'reader') return true
  if (actor.role === 'secretariat') return actor.clusterId === scheme.clusterId
  if (!actor.unitId) return false
  if (actor.unitId === scores.unitId) return true
  const { from, until } = yearPeriod(scheme.year)
  if (!(await isMemberDuring(db, scheme.clusterId, actor.unitId, from, until))) return false
  return scores.final || (await getCluster(db, scheme.clusterId)).rules.membersReadDraftScorecards
}
