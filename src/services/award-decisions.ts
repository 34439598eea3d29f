// Award decisions (quyết định khen thưởng), the awards they grant and their revocation, and a cluster's award tally.
// The Ministry (or an admin) records decisions and revocations; every role reads them: awards are public honours.
// A decision is never edited or deleted: a correction is a new decision, which may revoke awards of earlier ones.
//
// Recording a decision reads its facts in one query per kind whatever the number of its awards (titles, units,
// proposals, memberships, titles held, awards revoked) and writes its awards in one statement.
import { clustersOfUnitsDuring } from '../db/memberships-repository.js'
import { getCluster } from '../db/clusters-repository.js'
import type { PageRequest } from '../db/pagination.js'
import {
  findDecisionByNumber, getAward, getDecision, heldAwards, insertAwards, insertDecision, listAwards as selectAwards, listDecisions, lockAwards, lockUnitNames,
  proposalsById, revokeAwards, tallyEntries, titlesByCode, type Award, type AwardDecision, type AwardFilter, type DecisionFilter
} from '../db/awards-repository.js'
import {
  assertDecisionYear, assertRevocable, awardVersion, assertRevocationsDistinct, assertRevokedAfterGrant, normalizeDecision, normalizeReason, recipientUnitOf,
  resolveAwards, tallyAwards, type AwardTally, type DecisionInput, type DecisionRef
} from '../domain/award.js'
import { conflict, ruleBroken } from '../domain/errors.js'
import { normalizeName } from '../domain/text.js'
import { assertIfMatch, derivedEtagOf } from '../domain/versions.js'
import type { ReadContext, WriteContext } from './context.js'
import { markProposalsDecided } from './dossiers.js'

export type { Award, AwardDecision }

/**
 * Records a decision and its awards; with `revokes`, a correcting decision that first revokes awards of earlier
 * decisions (which may then be granted again, corrected). Refusals: see domain/award.ts.
 */
export async function createAwardDecision (ctx: WriteContext, input: DecisionInput): Promise<AwardDecision> {
  const { trx, actor, now } = ctx
  const d = normalizeDecision(input)
  const revokes = d.revokes ?? []
  assertDecisionYear(d)
  if (d.awards.length === 0 && revokes.length === 0) throw ruleBroken('award_decision_empty', 'A decision grants at least one award or revokes at least one.')
  assertRevocationsDistinct(revokes)
  const existing = await findDecisionByNumber(trx, d)
  if (existing) {
    throw conflict('award_decision_exists',
      `${d.issuer} already issued decision ${d.number} in ${d.date.slice(0, 4)} (decision ${existing.id}); a correction is a new decision with its own number.`,
      { decisionId: existing.id })
  }

  // The awards it revokes: each exists (422), is not revoked yet (409) and was granted on or before this date (422).
  const toRevoke = await lockAwards(trx, revokes.map((r) => r.awardId))
  for (const [index, r] of revokes.entries()) {
    const award = toRevoke.get(r.awardId)
    if (!award) throw ruleBroken('award_revocation_unknown', `revokes[${index}]: award ${r.awardId} names no award.`, { index, awardId: r.awardId })
    assertRevocable(award)
    assertRevokedAfterGrant({ id: award.id, decisionDate: award.decision.date }, d)
  }

  const unitIds = [...new Set(d.awards.map(recipientUnitOf))]
  const codes = [...new Set(d.awards.map((a) => a.titleCode))]
  const proposalIds = [...new Set(d.awards.flatMap((a) => (a.proposalId ? [a.proposalId] : [])))]
  const units = await lockUnitNames(trx, unitIds)
  const resolved = resolveAwards(d.year, d.awards, {
    titles: await titlesByCode(trx, codes),
    units,
    proposals: await proposalsById(trx, proposalIds),
    clustersOfUnits: await clustersOfUnitsDuring(trx, [...units.keys()], `${d.year}-01-01`, `${d.year}-12-31`),
    held: await heldAwards(trx, d.year, [...units.keys()], codes),
    revoking: new Set(toRevoke.keys())
  })

  const { id } = await insertDecision(trx, { ...d, revokedAwardIds: revokes.map((r) => r.awardId) }, resolved, actor)
  // The revocations first: a corrected award may take the place (unit, title, year) of the one it replaces.
  await revokeAwards(trx, revokes, d, id, now)
  await insertAwards(trx, id, d.year, resolved)
  // The dossiers the proposals came from move on (to `decided`); a proposal of a dossier must have been accepted.
  if (proposalIds.length > 0) await markProposalsDecided(ctx, proposalIds)

  const decision = await getDecision(trx, id)
  for (const r of revokes) {
    const before = toRevoke.get(r.awardId)!
    const after = await getAward(trx, r.awardId)
    ctx.record({ action: 'award.revoked', resourceType: 'award', resourceId: after.id, before, after })
  }
  ctx.record({ action: 'award_decision.created', resourceType: 'award_decision', resourceId: id, after: decision })
  return decision
}

export async function readAwardDecision ({ db }: ReadContext, { decisionId }: { decisionId: string }): Promise<AwardDecision> {
  return getDecision(db, decisionId)
}

export async function listAwardDecisions ({ db }: ReadContext, { year, clusterId, ...page }: DecisionFilter & PageRequest) {
  if (clusterId !== undefined) await getCluster(db, clusterId)
  return listDecisions(db, { year, clusterId }, page)
}

export async function listAwards ({ db }: ReadContext, { year, clusterId, unitId, recipient, decisionId, ...page }: AwardFilter & PageRequest) {
  return selectAwards(db, { year, clusterId, unitId, recipient, decisionId }, page)
}

export async function readAward ({ db }: ReadContext, { awardId }: { awardId: string }): Promise<Award> {
  return getAward(db, awardId)
}

/**
 * The award's tag: its version (granted, then revoked) and a digest of the names it shows from the catalogue and the
 * units, so a renamed title or unit is a new representation, never a stale 304.
 */
export const awardTag = (award: Award) => derivedEtagOf(awardVersion(award), { titleName: award.titleName, unitName: award.unitName })

/**
 * Revokes an award by a decision recorded by its number, date and issuer (a decision cancelling awards, Law on
 * Emulation and Commendation 2022): once (409 `award_revoked`), by a decision dated no earlier than the grant.
 * If-Match is optional (412 when stale), as on every other state transition.
 */
export async function revokeAward (
  ctx: WriteContext, { awardId, reason, decision, ifMatch }: { awardId: string, reason: string, decision: DecisionRef, ifMatch?: string }
): Promise<Award> {
  const before = await getAward(ctx.trx, awardId.toLowerCase(), { forUpdate: true })
  assertIfMatch(ifMatch, awardTag(before))
  assertRevocable(before)
  const revoking = { number: normalizeName(decision.number), date: decision.date, issuer: normalizeName(decision.issuer) }
  assertRevokedAfterGrant({ id: before.id, decisionDate: before.decision.date }, revoking)
  await revokeAwards(ctx.trx, [{ awardId: before.id, reason: normalizeReason(reason) }], revoking, null, ctx.now)
  const after = await getAward(ctx.trx, before.id)
  ctx.record({ action: 'award.revoked', resourceType: 'award', resourceId: after.id, before, after })
  return after
}

/** A cluster's awards of a year, collectives and individuals by title and level; revoked awards are not counted. */
export async function clusterAwardTally (
  { db }: ReadContext, { clusterId, year }: { clusterId: string, year: number }
): Promise<AwardTally & { clusterId: string, clusterName: string, year: number, revoked: number }> {
  const cluster = await getCluster(db, clusterId)
  const entries = await tallyEntries(db, cluster.id, year)
  return {
    clusterId: cluster.id,
    clusterName: cluster.name,
    year,
    ...tallyAwards(entries),
    revoked: entries.filter((e) => e.revoked).reduce((sum, e) => sum + e.count, 0)
  }
}
