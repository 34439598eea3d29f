// What an election's steps check against stored data (the pure rules are in src/domain/election.ts): candidates
// are members, title candidates are eligible in the year's finalized ranking, the head is elected before the
// deputy, and the scores that settle a tie after the last voting round.
import type { Knex } from 'knex'
import type { Cluster } from '../db/clusters-repository.js'
import { getConference } from '../db/conferences-repository.js'
import { electedTo, proposedUnitIds, type Election } from '../db/elections-repository.js'
import { findFinalization } from '../db/scorecards-repository.js'
import { listVersions } from '../db/scoring-schemes-repository.js'
import { findTerm } from '../db/terms-repository.js'
import { notEligibleDetail, titleIneligibility, type ElectionDraft, type Ineligibility, type RankStanding } from '../domain/election.js'
import { ruleBroken } from '../domain/errors.js'
import { publishedVersion } from '../domain/scoring/scheme-lifecycle.js'
import { rankScheme } from './cluster-inputs.js'
import { catalogueTitle, collectiveTitle } from './titles.js'
import { memberUnitIdsOn } from '../db/memberships-repository.js'

const plural = (ids: readonly string[], one: string, many: string) => (ids.length > 1 ? many : one)

/** The day membership is judged on: the conference's date when the vote belongs to one, else today in Việt Nam. */
export async function voteDay (db: Knex, clusterId: string, conferenceId: string | null, today: string): Promise<string> {
  if (!conferenceId) return today
  const conference = await getConference(db, conferenceId)
  if (conference.clusterId !== clusterId) {
    throw ruleBroken('conference_not_in_cluster', `Conference ${conferenceId} is not a conference of this cluster.`, { conferenceId })
  }
  return conference.heldOn
}

export async function assertCandidatesAreMembers (db: Knex, clusterId: string, candidateUnitIds: readonly string[], on: string): Promise<void> {
  const members = new Set(await memberUnitIdsOn(db, clusterId, on))
  const outsiders = candidateUnitIds.filter((id) => !members.has(id))
  if (outsiders.length > 0) {
    throw ruleBroken('candidate_not_member',
      `${plural(outsiders, 'Unit', 'Units')} ${outsiders.join(', ')} ${plural(outsiders, 'is', 'are')} not a member of the cluster on ${on}.`,
      { unitIds: outsiders, on })
  }
}

/** The cluster's annual ranking of `year` once its scores are finalized, with each unit's total in hundredths. */
export async function finalRanking (db: Knex, cluster: Cluster, year: number) {
  const scheme = publishedVersion(await listVersions(db, cluster.id, year, 'annual'))
  const finalization = scheme && await findFinalization(db, scheme.id)
  if (!scheme || !finalization) return undefined
  const { ranked, results } = await rankScheme(db, scheme, cluster.rules, finalization.memberUnitIds)
  return { ranked, scores: new Map(results.map((r) => [r.unitId, r.total])) }
}

/**
 * Which of `unitIds` the cluster's finalized ranking of `year` does not make eligible for the title, and why: read
 * as it is now (discipline recorded since is counted). Judges a draft's candidates, and a title election's winners
 * again when it closes. 422 `ranking_not_final` when the year's scores are not finalized.
 */
export async function titleEligibility (
  db: Knex, cluster: Cluster, year: number, titleCode: string, unitIds: readonly string[]
): Promise<Array<Ineligibility & { standing?: RankStanding }>> {
  const { standard } = await catalogueTitle(db, titleCode)
  const ranking = await finalRanking(db, cluster, year)
  if (!ranking) {
    throw ruleBroken('ranking_not_final',
      `The cluster's annual scores of ${year} are not finalized, so title eligibility cannot be judged; finalize them, or an admin may override with a reason.`)
  }
  const standings = new Map(ranking.ranked.map((r) => [r.unitId, { rank: r.rank, bandName: r.bandName, total: r.total }]))
  return titleIneligibility(standard.ranking, unitIds, ranking.ranked).map((i) => ({ ...i, standing: standings.get(i.unitId) }))
}

/**
 * Refuses a title the catalogue does not have or that is for individuals, and title candidates the finalized
 * ranking of the year does not make eligible, or already proposed.
 */
export async function assertTitleCandidates (db: Knex, cluster: Cluster, draft: ElectionDraft & { termYear: number }, overridden: boolean): Promise<void> {
  const titleCode = (await collectiveTitle(db, draft.titleCode!)).code
  const ids = await proposedUnitIds(db, cluster.id, draft.termYear, titleCode, draft.candidateUnitIds)
  if (ids.length > 0) {
    throw ruleBroken('already_proposed', `${plural(ids, 'Unit', 'Units')} ${ids.join(', ')} ${plural(ids, 'is', 'are')} already proposed for ${titleCode} in ${draft.termYear}.`, { unitIds: ids })
  }
  if (overridden) return
  const refused = await titleEligibility(db, cluster, draft.termYear, titleCode, draft.candidateUnitIds)
  if (refused.length > 0) {
    throw ruleBroken('candidate_not_eligible', notEligibleDetail(refused, titleCode, draft.termYear), { unitIds: refused.map((i) => i.unitId) })
  }
}

/** Refuses the outgoing head as a head candidate when the cluster's rules do not allow re-election. */
export async function assertOutgoingHeadRule (db: Knex, cluster: Cluster, termYear: number, candidateUnitIds: readonly string[]): Promise<void> {
  if (cluster.rules.outgoingHeadMayBeReelected) return
  const outgoing = (await findTerm(db, cluster.id, termYear - 1))?.headUnitId
  if (outgoing && candidateUnitIds.includes(outgoing)) {
    throw ruleBroken('outgoing_head_not_eligible', `Unit ${outgoing} heads the cluster in ${termYear - 1}; this cluster's rules forbid electing it head again.`, { unitId: outgoing })
  }
}

/**
 * Refuses the year's elected head, once there is one, as a deputy candidate: at the draft (so that no draft has to be
 * cancelled for it) and again when a round opens. The elected head, if any.
 */
export async function assertHeadNotCandidate (db: Knex, clusterId: string, termYear: number, candidateUnitIds: readonly string[]) {
  const head = await electedTo(db, clusterId, termYear, 'head')
  if (head && candidateUnitIds.includes(head.unitId)) {
    throw ruleBroken('candidate_is_head', `Unit ${head.unitId} is elected head for ${termYear} and cannot also be deputy.`, { unitId: head.unitId })
  }
  return head
}

/** For a deputy election: the elected head of the year, which must exist and may not stand for deputy. */
export async function electedHeadFor (db: Knex, election: Election, candidateUnitIds: readonly string[]) {
  const head = await assertHeadNotCandidate(db, election.clusterId, election.termYear, candidateUnitIds)
  if (!head) {
    throw ruleBroken('head_not_elected', `The head unit for ${election.termYear} is not elected yet; the deputy is elected after the head.`)
  }
  return head
}
