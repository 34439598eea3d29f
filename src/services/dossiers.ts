// Award dossiers (hồ sơ đề nghị khen thưởng) and the Ministry's review of them (domain/dossier.ts says the lifecycle).
// The cluster's secretariat (or an admin) makes a dossier from the cluster's decided title proposals of a year, member
// units attach their achievement reports, the secretariat submits it; the Ministry (role `ministry`, or an admin)
// returns it with a reason or accepts some of its proposals, within the title's quota; an award decision then marks
// the accepted proposals decided (markProposalsDecided, called by the decisions' use case).
//
// Locks: every step locks the dossier's row, so steps and attachments of one dossier serialise; an acceptance locks
// every dossier of its title and year instead (in id order, its own among them), so two acceptances of the same title
// (any clusters) serialise and the second counts what the first accepted before checking the quota. Several dossiers
// are always locked in id order (an acceptance, markProposalsDecided): no deadlock.
import { assertClusterScope, readsEverything } from '../auth/access.js'
import type { Actor } from '../auth/tokens.js'
import { getBlock } from '../db/blocks-repository.js'
import { getCluster, type Cluster } from '../db/clusters-repository.js'
import {
  acceptedCount, clusterLives, deleteAttachment, dossierProposalsAmong, getDossier, insertAttachment, insertDossier, listDossiers, lockDossiersOfTitle, openDossierId,
  roundProposals, setProposalStatuses, touchDossier, unsentProposals, updateDossier, type Dossier, type DossierProposal
} from '../db/dossiers-repository.js'
import type { PageRequest } from '../db/pagination.js'
import { disciplinedDuring } from '../db/scorecards-repository.js'
import { findTerm } from '../db/terms-repository.js'
import { findTitle, getTitle } from '../db/titles-repository.js'
import { getUnit, unitHeadings } from '../db/units-repository.js'
import { activeClusterCount, assertWithinQuota, type QuotaUse } from '../domain/award-quota.js'
import { vietnamDate } from '../domain/dates.js'
import {
  acceptProposals, assertAttachment, assertAwardable, attachmentToRemove, assertEditable, assertNoGaps, assertReportsAttached, decideProposals, describeGap, dossierHash, dossierView, judgedGap,
  MAX_PROPOSALS, missingAchievementReports, transition, type AttachmentKind, type DossierStep, type StandardGap
} from '../domain/dossier.js'
import { placeOf } from '../domain/advisory-group.js'
import { titleIneligibility } from '../domain/election.js'
import { conflict, forbidden, notFound, ruleBroken } from '../domain/errors.js'
import { yearPeriod } from '../domain/membership.js'
import type { RankingItem } from '../domain/scoring/index.js'
import { quotaLimit, type QuotaRule, type Title } from '../domain/titles.js'
import { countByTitle } from '../domain/title-counts.js'
import { assertIfMatch, derivedEtagOf } from '../domain/versions.js'
import { issuerOf } from '../documents/official-heading.js'
import type { CoverLetterData } from '../documents/cover-letter-document.js'
import type { ReadContext, WriteContext } from './context.js'
import { finalRanking } from './election-checks.js'
import { fileToAttach } from './files.js'
import { collectiveTitle } from './titles.js'

export type { Dossier }

/**
 * The dossier's tag: its version and a digest of its checklist, which is judged from other records (the ranking,
 * discipline, attachments): when those change, the old tag is neither a 304 nor a valid If-Match.
 */
export const dossierTag = (dossier: PresentedDossier) => derivedEtagOf(dossier.version, { titleName: dossier.titleName, checklist: dossier.checklist })

/** A proposed unit's line of the standards checklist, judged from the records when the dossier is read. */
export interface ChecklistLine {
  proposalId: string
  unitId: string
  unitName: string
  /** The unit's line of the cluster's finalized annual ranking of the year; null while the scores are not finalized. */
  ranking: { rank: number, total: number, band: string, bandName: string } | null
  /** Under discipline (pending or in force) on some day of the year. */
  underDiscipline: boolean
  vote: Pick<DossierProposal, 'electionId' | 'round' | 'votes' | 'ballotsCast' | 'electorate' | 'decidedBy'>
  standard: { description: string, met: boolean, reason: StandardGap | null, detail: string | null }
  eligibilityOverride: DossierProposal['eligibilityOverride']
  achievementReport: boolean
}

export interface PresentedDossier extends Dossier {
  titleName: string
  checklist: ChecklistLine[]
}

/** What the checklist and the eligibility checks read: the finalized ranking of the year and who was disciplined. */
async function standings (db: ReadContext['db'], cluster: Cluster, year: number) {
  const ranking = await finalRanking(db, cluster, year)
  const { from, until } = yearPeriod(year)
  return { ranked: ranking?.ranked, disciplined: await disciplinedDuring(db, cluster.id, from, until) }
}

/** Why each of `proposals` falls short of the title's standard, or null when it meets it. */
function gapsOf (title: Title, proposals: readonly DossierProposal[], ranked: readonly RankingItem[] | undefined): Map<string, StandardGap | null> {
  const ids = proposals.map((p) => p.unitId)
  if (!ranked) return new Map(ids.map((id) => [id, 'ranking_not_final']))
  const refused = new Map(titleIneligibility(title.standard.ranking, ids, ranked).map((i) => [i.unitId, i.reason]))
  return new Map(ids.map((id) => [id, refused.get(id) ?? null]))
}

/** The standards checklist of the dossier's proposals. */
async function checklistOf (db: ReadContext['db'], dossier: Dossier, title: Title): Promise<ChecklistLine[]> {
  const cluster = await getCluster(db, dossier.clusterId)
  const { ranked, disciplined } = await standings(db, cluster, dossier.year)
  const gaps = gapsOf(title, dossier.proposals, ranked)
  const byUnit = new Map((ranked ?? []).map((r) => [r.unitId, r]))
  const reported = new Set(dossier.attachments.filter((a) => a.kind === 'achievement_report').map((a) => a.unitId))
  return dossier.proposals.map((p) => {
    const line = byUnit.get(p.unitId)
    const gap = gaps.get(p.unitId) ?? null
    return {
      proposalId: p.proposalId,
      unitId: p.unitId,
      unitName: p.unitName,
      ranking: line ? { rank: line.rank, total: line.total, band: line.band, bandName: line.bandName } : null,
      underDiscipline: disciplined.has(p.unitId),
      vote: { electionId: p.electionId, round: p.round, votes: p.votes, ballotsCast: p.ballotsCast, electorate: p.electorate, decidedBy: p.decidedBy },
      standard: { description: title.standard.description, met: gap === null, reason: gap, detail: gap === null ? null : describeGap(p, gap, dossier.year) },
      eligibilityOverride: p.eligibilityOverride,
      achievementReport: reported.has(p.unitId)
    }
  })
}

async function present (db: ReadContext['db'], dossier: Dossier): Promise<PresentedDossier> {
  const title = await getTitle(db, dossier.titleCode)
  return { ...dossier, titleName: title.name, checklist: await checklistOf(db, dossier, title) }
}

/**
 * The dossier as `actor` may read it: admin, reader and ministry every dossier, a secretariat its cluster's (another
 * cluster's: 403), a unit the dossiers proposing it (others are 404, as if absent).
 */
function visible (actor: Actor, dossier: Dossier): Dossier {
  const view = dossierView(actor, dossier.clusterId)
  if (view === 'none') throw forbidden('A secretariat token reads the dossiers of its own cluster only.')
  if (view === 'proposed' && !dossier.proposals.some((p) => p.unitId === actor.unitId)) throw notFound('dossier', dossier.id)
  return dossier
}

/** The dossier locked for a step by the secretariat of its cluster or an admin. */
async function lockedForCluster ({ trx, actor }: WriteContext, dossierId: string): Promise<Dossier> {
  const dossier = await getDossier(trx, dossierId, { forUpdate: true })
  assertClusterScope(actor, dossier.clusterId)
  return dossier
}

/** 412 when `ifMatch` names another tag than the dossier's as it is now (its checklist judged again). */
async function assertCurrent (trx: WriteContext['trx'], ifMatch: string | undefined, dossier: Dossier): Promise<void> {
  if (ifMatch !== undefined) assertIfMatch(ifMatch, dossierTag(await present(trx, dossier)))
}

/** The Ministry's review (return, accept) is the Ministry's emulation office's, or an admin's. */
function assertReviewer (actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'ministry') throw forbidden(`The ${actor.role} role does not review dossiers; the Ministry does.`)
}

const taker = ({ actor, now }: WriteContext) => ({ at: now.toISOString(), by: actor.sub, role: actor.role })

/**
 * Makes the cluster's dossier for a title and year from its decided proposals no dossier holds yet, in the order of
 * the finalized ranking (then by name). One open dossier per cluster, year and title (409 `dossier_exists`); none
 * to send is 422 `dossier_no_proposals`. At most MAX_PROPOSALS go in one dossier (the rest wait for the next).
 */
export async function createDossier (
  ctx: WriteContext, { clusterId, year, titleCode }: { clusterId: string, year: number, titleCode: string }
): Promise<PresentedDossier> {
  const { trx } = ctx
  assertClusterScope(ctx.actor, clusterId)
  // Locking the cluster serialises two first dossiers of a title (the partial unique index would refuse anyway).
  const cluster = await getCluster(trx, clusterId, { forUpdate: true })
  const title = await collectiveTitle(trx, titleCode)
  const open = await openDossierId(trx, clusterId, year, title.code)
  if (open !== undefined) {
    throw conflict('dossier_exists', `The cluster already has an open dossier for ${title.code} in ${year} (${open}); carry on with it.`, { dossierId: open })
  }
  const unsent = await unsentProposals(trx, clusterId, year, title.code)
  if (unsent.length === 0) {
    throw ruleBroken('dossier_no_proposals',
      `Cluster ${clusterId} has no proposal for ${title.code} in ${year} that is not in a dossier already; a title election decided first proposes units.`,
      { clusterId, year, titleCode: title.code })
  }
  const ranked = (await finalRanking(trx, cluster, year))?.ranked ?? []
  const rank = new Map(ranked.map((r) => [r.unitId, r.rank]))
  const byName = new Map((await unitHeadings(trx, unsent.map((p) => p.unitId))).map((u, i) => [u.unitId, i]))
  const ordered = [...unsent].sort((a, b) =>
    (rank.get(a.unitId) ?? Infinity) - (rank.get(b.unitId) ?? Infinity) || byName.get(a.unitId)! - byName.get(b.unitId)!)
  const dossier = await insertDossier(trx, { clusterId, year, titleCode: title.code, proposals: ordered.slice(0, MAX_PROPOSALS) })
  ctx.record({ action: 'dossier.created', resourceType: 'dossier', resourceId: dossier.id, after: dossier })
  return present(trx, dossier)
}

export async function listClusterDossiers (
  { db, actor }: ReadContext, { clusterId, year, ...page }: { clusterId: string, year?: number } & PageRequest
) {
  await getCluster(db, clusterId)
  const view = dossierView(actor, clusterId)
  if (view === 'none') throw forbidden('A secretariat token reads the dossiers of its own cluster only.')
  return listDossiers(db, clusterId, { year, unitId: view === 'proposed' ? actor.unitId ?? '' : undefined }, page)
}

export async function readDossier ({ db, actor }: ReadContext, { dossierId }: { dossierId: string }): Promise<PresentedDossier> {
  return present(db, visible(actor, await getDossier(db, dossierId)))
}

/**
 * Attaches a stored file to a dossier being assembled (draft or returned; 409 `dossier_not_editable` otherwise): by
 * an admin or the cluster's secretariat, or by a proposed unit its own achievement report. The caller must read the
 * file (422 `attachment_file_not_found`); its SHA-256 is kept with the attachment.
 */
export async function addAttachment (
  ctx: WriteContext, command: { dossierId: string, fileId: string, kind: AttachmentKind, unitId?: string }
): Promise<PresentedDossier> {
  const { trx, actor } = ctx
  const before = await getDossier(trx, command.dossierId, { forUpdate: true })
  if (actor.role === 'unit') visible(actor, before)
  else assertClusterScope(actor, before.clusterId)
  const unitId = command.unitId?.toLowerCase() ?? null
  assertAttachment({ kind: command.kind, unitId }, {
    proposedUnitIds: before.proposals.map((p) => p.unitId), count: before.attachments.length, actorUnitId: actor.role === 'unit' ? actor.unitId ?? '' : null
  })
  assertEditable(before.status)
  const file = await fileToAttach(trx, actor, command.fileId.toLowerCase())
  await insertAttachment(trx, { dossierId: before.id, fileId: file.id, sha256: file.sha256, kind: command.kind, unitId, addedBy: { sub: actor.sub, role: actor.role } })
  await touchDossier(trx, before)
  const after = await getDossier(trx, before.id)
  ctx.record({ action: 'dossier.attachment_added', resourceType: 'dossier', resourceId: after.id, before, after })
  return present(trx, after)
}

/**
 * Removes an attachment added by mistake from a dossier being assembled (draft or returned; 409
 * `dossier_not_editable` otherwise), by whoever may add it: an admin or the cluster's secretariat, or a proposed unit
 * its own achievement report. 404 `dossier_attachment_not_found` when the dossier has no such attachment; If-Match is
 * optional (412 when stale). The dossier's version advances; the file is no longer held by it (deletable once no
 * other record holds it).
 */
export async function removeAttachment (
  ctx: WriteContext, { dossierId, attachmentId, ifMatch }: { dossierId: string, attachmentId: string, ifMatch?: string }
): Promise<PresentedDossier> {
  const { trx, actor } = ctx
  const before = await getDossier(trx, dossierId, { forUpdate: true })
  if (actor.role === 'unit') visible(actor, before)
  else assertClusterScope(actor, before.clusterId)
  await assertCurrent(trx, ifMatch, before)
  const attachment = attachmentToRemove(before, attachmentId.toLowerCase(), actor.role === 'unit' ? actor.unitId ?? '' : null)
  await deleteAttachment(trx, before.id, attachment.id)
  await touchDossier(trx, before)
  const after = await getDossier(trx, before.id)
  ctx.record({ action: 'dossier.attachment_removed', resourceType: 'dossier', resourceId: after.id, before, after })
  return present(trx, after)
}

/** The units of `proposals` whose standard is not met now, each with why. */
async function gapsNow (trx: WriteContext['trx'], dossier: Dossier, title: Title, proposals: readonly DossierProposal[]) {
  const cluster = await getCluster(trx, dossier.clusterId)
  const { ranked, disciplined } = await standings(trx, cluster, dossier.year)
  const gaps = gapsOf(title, proposals, ranked)
  return proposals.flatMap((p) => {
    const gap = judgedGap(gaps.get(p.unitId) ?? null, p.eligibilityOverride !== null, disciplined.has(p.unitId))
    return gap ? [{ unitId: p.unitId, unitName: p.unitName, gap }] : []
  })
}

async function step (
  ctx: WriteContext, before: Dossier, name: DossierStep, change: { contentHash: string | null, returnReason: string | null, reason?: string, submittedAt?: Date }
): Promise<Dossier> {
  const { status, entry } = transition(before, name, taker(ctx), { reason: change.reason, contentHash: change.contentHash ?? undefined })
  return updateDossier(ctx.trx, before, {
    status, entry, contentHash: change.contentHash, returnReason: status === 'returned' ? entry.reason! : change.returnReason, submittedAt: change.submittedAt
  })
}

/**
 * Sends a draft (or returned) dossier to the Ministry: every proposed unit must still meet the title's standard in
 * the finalized ranking, discipline included (422 `dossier_unit_not_eligible`), and have its achievement report
 * attached (422 `achievement_report_missing`). Freezes the content hash.
 */
export async function submitDossier (ctx: WriteContext, { dossierId, ifMatch }: { dossierId: string, ifMatch?: string }): Promise<PresentedDossier> {
  const before = await lockedForCluster(ctx, dossierId)
  await assertCurrent(ctx.trx, ifMatch, before)
  transition(before, 'submit', taker(ctx))
  const title = await getTitle(ctx.trx, before.titleCode)
  assertNoGaps(await gapsNow(ctx.trx, before, title, before.proposals), title.code, before.year, 'submitted')
  const missing = new Set(missingAchievementReports(before.proposals.map((p) => p.unitId), before.attachments))
  assertReportsAttached(before.proposals.filter((p) => missing.has(p.unitId)))
  const contentHash = dossierHash(before)
  const after = await step(ctx, before, 'submit', { contentHash, returnReason: null, submittedAt: ctx.now })
  ctx.record({ action: 'dossier.submitted', resourceType: 'dossier', resourceId: after.id, before, after })
  return present(ctx.trx, after)
}

/** The Ministry (or an admin) returns a submitted dossier to its cluster with a reason; it is assembled again. */
export async function returnDossier (
  ctx: WriteContext, { dossierId, reason, ifMatch }: { dossierId: string, reason: string, ifMatch?: string }
): Promise<PresentedDossier> {
  assertReviewer(ctx.actor)
  const before = await getDossier(ctx.trx, dossierId, { forUpdate: true })
  await assertCurrent(ctx.trx, ifMatch, before)
  const after = await step(ctx, before, 'return', { contentHash: null, returnReason: null, reason })
  ctx.record({ action: 'dossier.returned', resourceType: 'dossier', resourceId: after.id, before, after })
  return present(ctx.trx, after)
}

/** The ceiling the title's quota puts on the proposals accepted, and how many count against it. */
async function quotaUse (trx: WriteContext['trx'], rule: QuotaRule, dossier: Dossier, asked: number): Promise<QuotaUse & { scope: 'ministry' | 'cluster' }> {
  if (rule.basis === 'per_cluster') {
    return { quota: quotaLimit(rule, { leadingUnits: 0 }), accepted: await acceptedCount(trx, dossier.titleCode, dossier.year, dossier.clusterId), asked, scope: 'cluster' }
  }
  const leadingUnits = activeClusterCount(await clusterLives(trx), dossier.year)
  return { quota: quotaLimit(rule, { leadingUnits }), accepted: await acceptedCount(trx, dossier.titleCode, dossier.year), asked, scope: 'ministry' }
}

/**
 * The Ministry (or an admin) accepts `proposalIds` of a submitted dossier (at least one; 422
 * `dossier_proposal_unknown` for an id not in it): those become accepted, the others not_accepted. The accepted units
 * must still meet the standard (422 `dossier_unit_not_eligible`) and fit the title's quota (422 `quota_exceeded`).
 */
export async function acceptDossier (
  ctx: WriteContext, { dossierId, proposalIds, ifMatch }: { dossierId: string, proposalIds: string[], ifMatch?: string }
): Promise<PresentedDossier> {
  const { trx } = ctx
  assertReviewer(ctx.actor)
  const { titleCode, year } = await getDossier(trx, dossierId)
  await lockDossiersOfTitle(trx, titleCode, year)
  const before = await getDossier(trx, dossierId)
  await assertCurrent(ctx.trx, ifMatch, before)
  transition(before, 'accept', taker(ctx))
  const decided = acceptProposals(before.proposals, proposalIds)
  const acceptedIds = new Set(decided.filter((p) => p.status === 'accepted').map((p) => p.proposalId))
  const title = await getTitle(trx, before.titleCode)
  assertNoGaps(await gapsNow(trx, before, title, before.proposals.filter((p) => acceptedIds.has(p.proposalId))), title.code, before.year, 'accepted')
  if (title.quota) {
    const { scope, ...use } = await quotaUse(trx, title.quota, before, acceptedIds.size)
    assertWithinQuota(title.code, use, scope)
  }
  await setProposalStatuses(trx, before.id, decided)
  const after = await step(ctx, before, 'accept', { contentHash: before.contentHash, returnReason: null })
  ctx.record({ action: 'dossier.accepted', resourceType: 'dossier', resourceId: after.id, before, after })
  return present(trx, after)
}

/**
 * An award decision awarded `proposalIds`: each accepted proposal among them becomes decided, and a dossier whose
 * accepted proposals are then all decided becomes decided (`dossier.decided`; else `dossier.proposals_decided`).
 * A proposal of a dossier must have been accepted (422 `award_proposal_not_accepted`, and the decision is not
 * recorded); a proposal in no dossier is awarded as it stands. Run inside the decision's unit of work.
 */
export async function markProposalsDecided (ctx: WriteContext, proposalIds: readonly string[]): Promise<Dossier[]> {
  const ids = new Set(proposalIds.map((id) => id.toLowerCase()))
  const dossierIds = [...new Set((await dossierProposalsAmong(ctx.trx, [...ids])).map((r) => r.dossierId))].sort()
  const changed: Dossier[] = []
  for (const dossierId of dossierIds) {
    const before = await getDossier(ctx.trx, dossierId, { forUpdate: true })
    assertAwardable(before, before.proposals, ids)
    const outcome = decideProposals(before.status, before.proposals, ids)
    if (outcome.changed.length === 0) continue
    await setProposalStatuses(ctx.trx, before.id, outcome.proposals.filter((p) => outcome.changed.includes(p.proposalId)))
    let after: Dossier
    if (outcome.dossierDecided) {
      after = await step(ctx, before, 'decide', { contentHash: before.contentHash, returnReason: null })
      ctx.record({ action: 'dossier.decided', resourceType: 'dossier', resourceId: after.id, before, after })
    } else {
      await touchDossier(ctx.trx, before)
      after = await getDossier(ctx.trx, before.id)
      ctx.record({ action: 'dossier.proposals_decided', resourceType: 'dossier', resourceId: after.id, before, after })
    }
    changed.push(after)
  }
  return changed
}

/** A proposal in the Ministry's roll-up of a year. */
export interface RoundLine {
  proposalId: string
  clusterId: string
  clusterName: string
  unitId: string
  unitName: string
  vote: { round: number, votes: number, ballotsCast: number, electorate: number }
  ranking: { rank: number, total: number, band: string, bandName: string, rankedUnits: number } | null
  dossier: { dossierId: string, status: Dossier['status'], proposalStatus: DossierProposal['status'] } | null
}

export interface RoundTitle {
  titleCode: string
  titleName: string
  quota: { basis: QuotaRule['basis'], limit: number } | null
  accepted: number
  waiting: number
  proposals: RoundLine[]
}

/**
 * The Ministry's roll-up of a year: every proposal by title across clusters, each with its cluster's ranking facts
 * and its dossier, and per title its quota, how many are accepted (accepted or decided since) and how many wait (in
 * a dossier submitted to the Ministry and not decided on yet). A per-cluster quota shows its per-cluster ceiling.
 */
export async function readAwardRound ({ db, actor }: ReadContext, { year }: { year: number }): Promise<{ year: number, clustersActive: number, titles: RoundTitle[] }> {
  if (!readsEverything(actor)) throw forbidden('The roll-up of a year is read by the Ministry, readers and admins.')
  const proposals = await roundProposals(db, year)
  const leadingUnits = activeClusterCount(await clusterLives(db), year)
  const rankings = new Map<string, Map<string, RankingItem>>()
  for (const clusterId of new Set(proposals.map((p) => p.clusterId))) {
    const ranked = (await finalRanking(db, await getCluster(db, clusterId), year))?.ranked ?? []
    rankings.set(clusterId, new Map(ranked.map((r) => [r.unitId, r])))
  }
  const byTitle = countByTitle(proposals, (p) => p.titleCode, {
    accepted: (p) => (p.proposalStatus === 'accepted' || p.proposalStatus === 'decided' ? 1 : 0),
    waiting: (p) => (p.dossierStatus === 'submitted' ? 1 : 0)
  })
  const titles: RoundTitle[] = []
  for (const { key: code, items: lines, counts } of byTitle) {
    // A proposal recorded before the catalogue may name a code it does not have: shown by its code, with no quota.
    const title = await findTitle(db, code)
    titles.push({
      titleCode: code,
      titleName: title?.name ?? code,
      quota: title?.quota ? { basis: title.quota.basis, limit: quotaLimit(title.quota, { leadingUnits }) } : null,
      accepted: counts.accepted,
      waiting: counts.waiting,
      proposals: lines.map((p) => {
        const ranking = rankings.get(p.clusterId)!
        const line = ranking.get(p.unitId)
        return {
          proposalId: p.proposalId,
          clusterId: p.clusterId,
          clusterName: p.clusterName,
          unitId: p.unitId,
          unitName: p.unitName,
          vote: { round: p.round, votes: p.votes, ballotsCast: p.ballotsCast, electorate: p.electorate },
          ranking: line ? { rank: line.rank, total: line.total, band: line.band, bandName: line.bandName, rankedUnits: ranking.size } : null,
          dossier: p.dossierId ? { dossierId: p.dossierId, status: p.dossierStatus!, proposalStatus: p.proposalStatus! } : null
        }
      })
    })
  }
  return { year, clustersActive: leadingUnits, titles }
}

/** What the cover letter (tờ trình) prints, and the name its file is offered under. */
export async function coverLetterData (ctx: ReadContext, { dossierId }: { dossierId: string }): Promise<{ data: CoverLetterData, fileName: string }> {
  const { db } = ctx
  const dossier = await readDossier(ctx, { dossierId })
  const cluster = await getCluster(db, dossier.clusterId)
  const block = await getBlock(db, cluster.blockId)
  const term = await findTerm(db, cluster.id, dossier.year)
  const head = term ? await getUnit(db, term.headUnitId) : undefined
  const [superior] = issuerOf(block.name, cluster.name)
  const sent = dossier.history.filter((h) => h.to === 'submitted').at(-1)
  return {
    data: {
      issuer: [superior, head?.name ?? cluster.name],
      clusterName: cluster.name,
      headUnitName: head?.name ?? null,
      // The head unit's seat, as the advisory group's decision prints it: a provincial police's province, else Hà Nội.
      place: placeOf(head?.name ?? cluster.name),
      date: sent ? vietnamDate(new Date(sent.at)) : vietnamDate(new Date(dossier.createdAt)),
      createdAt: new Date(dossier.updatedAt),
      year: dossier.year,
      titleCode: dossier.titleCode,
      titleName: dossier.titleName,
      status: dossier.status,
      contentHash: dossier.contentHash,
      checklist: dossier.checklist,
      attachments: dossier.attachments.map((a) => ({
        kind: a.kind, fileName: a.fileName, unitName: dossier.proposals.find((p) => p.unitId === a.unitId)?.unitName ?? null
      }))
    },
    fileName: `to-trinh-${dossier.titleCode.replace(/_/g, '-')}-${dossier.year}`
  }
}
