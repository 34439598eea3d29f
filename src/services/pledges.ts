// Pledges: an admin or the cluster's secretariat drafts, edits, opens and re-versions a cluster's pledge for a
// year; each member unit signs it (itself, or through the secretariat or an admin on its behalf); every role reads.
// Lifecycle steps and signatures lock the pledge row, so concurrent signatures serialise: none is lost, and the
// last one alone brings the version into force (services/pledge-in-force.ts, shared with a member leaving).
import type { Knex } from 'knex'
import { assertClusterScope, assertUnitScope } from '../auth/access.js'
import { getBlock } from '../db/blocks-repository.js'
import { getCluster } from '../db/clusters-repository.js'
import { latestConferenceLinking } from '../db/conferences-repository.js'
import { membershipPeriods, memberUnitIdsOn } from '../db/memberships-repository.js'
import type { PageRequest } from '../db/pagination.js'
import {
  deletePledge as removePledge, getPledge, insertPledge, pledgeReferences, insertSignature, listPledges, listSignatures, nextVersionNumber, pledgeExists, signedUnitIds,
  updatePledge as savePledge, type Pledge, type PledgeSignature
} from '../db/pledges-repository.js'
import { getUnit, unitNames } from '../db/units-repository.js'
import { vietnamDate } from '../domain/dates.js'
import { assertDraftToDelete, assertUnreferenced } from '../domain/deletion.js'
import { conflict } from '../domain/errors.js'
import { printedPlace } from '../domain/minutes.js'
import {
  assertEditable, assertMayCreateVersion, assertMayOpen, assertMaySign, assertRegisteredTitles, contentHash,
  isSupersededByNext, normalizeContent, type PledgeContent, type PledgeContentInput, type PledgeStatus
} from '../domain/pledge.js'
import { normalizeName } from '../domain/text.js'
import { assertIfMatch, etagOf } from '../domain/versions.js'
import { issuerOf } from '../documents/official-heading.js'
import { titleName, type PledgeDocumentData } from '../documents/pledge-document.js'
import type { ReadContext, WriteContext } from './context.js'
import { settleInForce } from './pledge-in-force.js'

export type { Pledge }

export const pledgeTag = (pledge: Pledge) => etagOf(pledge.version)

const placeOrNull = (place: string | null) => (place === null ? null : normalizeName(place))

/** Refuses registered titles for units that are not members of the cluster in the pledge's year (422). */
async function checkRegisteredTitles (trx: Knex, clusterId: string, year: number, content: PledgeContent) {
  const unitIds = [...new Set(content.registeredTitles.map((r) => r.unitId))]
  assertRegisteredTitles(year, content.registeredTitles, unitIds.length > 0 ? await membershipPeriods(trx, clusterId, unitIds) : [])
}

/** A version locked for a lifecycle step, once the actor may act for its cluster. */
async function lockedPledge ({ trx, actor }: WriteContext, pledgeId: string): Promise<Pledge> {
  const pledge = await getPledge(trx, pledgeId, { forUpdate: true })
  assertClusterScope(actor, pledge.clusterId)
  return pledge
}

export async function listClusterPledges (
  { db }: ReadContext,
  { clusterId, year, status, ...page }: { clusterId: string, year?: number, status?: PledgeStatus } & PageRequest
) {
  await getCluster(db, clusterId)
  return listPledges(db, clusterId, { year, status }, page)
}

export async function readPledge ({ db }: ReadContext, { pledgeId }: { pledgeId: string }): Promise<Pledge> {
  return getPledge(db, pledgeId)
}

export async function listPledgeSignatures ({ db }: ReadContext, { pledgeId, ...page }: { pledgeId: string } & PageRequest) {
  await getPledge(db, pledgeId)
  return listSignatures(db, pledgeId, page)
}

/** The content as given: commitments and registered titles may be left out (none). */
export interface PledgeDraft extends Omit<PledgeContentInput, 'commitments' | 'registeredTitles'> {
  commitments?: PledgeContentInput['commitments']
  registeredTitles?: PledgeContentInput['registeredTitles']
}

/** Version 1 of the cluster's pledge for a year, as a draft; one pledge per cluster and year (409 otherwise). */
export async function draftPledge (ctx: WriteContext, command: PledgeDraft & { clusterId: string, year: number, place?: string | null }): Promise<Pledge> {
  const { clusterId, year, title, slogan, commitments = [], registeredTitles = [], place = null } = command
  assertClusterScope(ctx.actor, clusterId)
  // Locking the cluster serialises the first pledges of its years (the unique constraint would refuse anyway).
  await getCluster(ctx.trx, clusterId, { forUpdate: true })
  if (await pledgeExists(ctx.trx, clusterId, year)) {
    throw conflict('pledge_exists', `The cluster already has a pledge for ${year}; edit its draft or create a new version.`, { year })
  }
  const content = normalizeContent({ title, slogan, commitments, registeredTitles })
  await checkRegisteredTitles(ctx.trx, clusterId, year, content)
  const pledge = await insertPledge(ctx.trx, { clusterId, year, versionNumber: 1, previousVersionId: null, content, place: placeOrNull(place) })
  ctx.record({ action: 'pledge.created', resourceType: 'pledge', resourceId: pledge.id, after: pledge })
  return pledge
}

/** Changes a draft's content (a field given replaces it whole); an opened version is frozen (409). */
export async function updatePledge (
  ctx: WriteContext,
  { pledgeId, ifMatch, place, ...patch }: Partial<PledgeContentInput> & { pledgeId: string, ifMatch?: string, place?: string | null }
): Promise<Pledge> {
  const before = await lockedPledge(ctx, pledgeId)
  assertIfMatch(ifMatch, before.version)
  assertEditable(before.status)
  const content = normalizeContent({ ...before, ...patch })
  await checkRegisteredTitles(ctx.trx, before.clusterId, before.year, content)
  const after = await savePledge(ctx.trx, before, { content, place: place === undefined ? before.place : placeOrNull(place) })
  ctx.record({ action: 'pledge.updated', resourceType: 'pledge', resourceId: after.id, before, after })
  return after
}

/** Freezes a draft for signing with its content hash; the version it follows, if still current, is superseded. */
export async function openPledge (ctx: WriteContext, { pledgeId, ifMatch }: { pledgeId: string, ifMatch?: string }): Promise<Pledge> {
  const { trx, now, record } = ctx
  const before = await lockedPledge(ctx, pledgeId)
  assertIfMatch(ifMatch, before.version)
  assertMayOpen(before)
  // Members may have left since the draft was written: the frozen content must still hold.
  await checkRegisteredTitles(trx, before.clusterId, before.year, before)
  const after = await savePledge(trx, before, { status: 'open', contentHash: contentHash(before), at: now })
  record({ action: 'pledge.opened', resourceType: 'pledge', resourceId: after.id, before, after })
  if (before.previousVersionId) {
    const previous = await getPledge(trx, before.previousVersionId, { forUpdate: true })
    if (isSupersededByNext(previous.status)) {
      const superseded = await savePledge(trx, previous, { status: 'superseded', at: now })
      record({
        action: 'pledge.superseded',
        resourceType: 'pledge',
        resourceId: previous.id,
        before: previous,
        after: superseded,
        eventData: { ...superseded, supersededById: after.id }
      })
    }
  }
  return after
}

/** An unsigned draft copy of the latest opened version, with the next version number. */
export async function newPledgeVersion (ctx: WriteContext, { pledgeId }: { pledgeId: string }): Promise<Pledge> {
  const source = await lockedPledge(ctx, pledgeId)
  assertMayCreateVersion(source, await nextVersionNumber(ctx.trx, source.id))
  const { title, slogan, commitments, registeredTitles } = source
  const pledge = await insertPledge(ctx.trx, {
    clusterId: source.clusterId,
    year: source.year,
    versionNumber: source.versionNumber + 1,
    previousVersionId: source.id,
    content: { title, slogan, commitments, registeredTitles },
    place: source.place
  })
  ctx.record({ action: 'pledge.version_created', resourceType: 'pledge', resourceId: pledge.id, after: pledge })
  return pledge
}

export interface PledgeSigning {
  pledgeId: string
  unitId: string
  signerName: string
  signerPosition: string
}

/**
 * A member unit's signature of the open version, today in Việt Nam: by the unit itself, or on its behalf by an admin
 * or the cluster's secretariat. The signature that completes the members of the day brings the version into force.
 */
export async function signPledge (ctx: WriteContext, command: PledgeSigning): Promise<PledgeSignature> {
  const { trx, actor, now, record } = ctx
  const unitId = command.unitId.toLowerCase()
  if (actor.role === 'unit') assertUnitScope(actor, unitId)
  // The lock serialises the signatures of a version: each one sees every signature committed before it, so
  // exactly one of them completes the members and brings the version into force.
  const pledge = await getPledge(trx, command.pledgeId, { forUpdate: true })
  if (actor.role !== 'unit') assertClusterScope(actor, pledge.clusterId)
  await getUnit(trx, unitId)
  const signedOn = vietnamDate(now)
  const members = await memberUnitIdsOn(trx, pledge.clusterId, signedOn)
  const signed = await signedUnitIds(trx, pledge.id)
  assertMaySign(pledge.status, unitId, members, signed, signedOn)
  const signature = await insertSignature(trx, {
    pledgeId: pledge.id,
    unitId,
    signerName: normalizeName(command.signerName),
    signerPosition: normalizeName(command.signerPosition),
    contentHash: pledge.contentHash!,
    signedOn,
    signedAt: now,
    onBehalf: actor.role !== 'unit',
    signedBy: { sub: actor.sub, role: actor.role }
  })
  record({ action: 'pledge.signed', resourceType: 'pledge_signature', resourceId: signature.id, after: signature })
  await settleInForce(ctx, pledge, now, members, [...signed, unitId])
  return signature
}

/** The place the pledge prints before its date: its own, else that of the latest conference linking it, else the issuer's seat. */
async function pledgePlace (db: Knex, pledge: Pledge, issuer: string): Promise<string> {
  if (pledge.place !== null) return pledge.place
  const conference = await latestConferenceLinking(db, pledge.id)
  return printedPlace(conference?.place ?? null, conference?.location ?? null, issuer)
}

/** What the printed pledge shows, and the name its file is offered under. */
export async function pledgeDocumentData (
  { db }: ReadContext, { pledgeId }: { pledgeId: string }
): Promise<{ data: PledgeDocumentData, fileName: string }> {
  const pledge = await getPledge(db, pledgeId)
  const cluster = await getCluster(db, pledge.clusterId)
  const block = await getBlock(db, cluster.blockId)
  const signatures: PledgeSignature[] = []
  let cursor: string | undefined
  do {
    const page = await listSignatures(db, pledge.id, { limit: 200, cursor })
    signatures.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  const names = await unitNames(db, pledge.registeredTitles.map((r) => r.unitId))
  // The record's latest time: the pledge's last change or its last signature (signing does not bump the pledge).
  const times = [pledge.updatedAt, ...signatures.map((s) => s.signedAt)].sort()
  const issuer = issuerOf(block.name, cluster.name)
  return {
    data: {
      issuer,
      place: await pledgePlace(db, pledge, issuer[0]),
      date: vietnamDate(new Date(pledge.openedAt ?? pledge.createdAt)),
      createdAt: new Date(times[times.length - 1]),
      year: pledge.year,
      versionNumber: pledge.versionNumber,
      status: pledge.status,
      title: pledge.title,
      slogan: pledge.slogan,
      commitments: pledge.commitments,
      registeredTitles: pledge.registeredTitles.map((r) => ({ unitName: names.get(r.unitId)!, titleName: titleName(r.titleCode) })),
      signatures,
      contentHash: pledge.contentHash,
      inForceAt: pledge.inForceAt
    },
    fileName: `giao-uoc-thi-dua-${pledge.year}-v${pledge.versionNumber}`
  }
}

/**
 * Deletes a draft version created by mistake (409 `pledge_not_draft` once opened: signed content is history; 409
 * `pledge_in_use` while a conference links it). The version it copies, if any, stays as it is.
 */
export async function deletePledge (ctx: WriteContext, { pledgeId, ifMatch }: { pledgeId: string, ifMatch?: string }): Promise<void> {
  const before = await lockedPledge(ctx, pledgeId)
  assertIfMatch(ifMatch, before.version)
  assertDraftToDelete('pledge', before.id, before.status)
  assertUnreferenced('pledge', `The pledge "${before.title}" (${before.year}, version ${before.versionNumber})`,
    await pledgeReferences(ctx.trx, before.id))
  await removePledge(ctx.trx, before.id)
  ctx.record({ action: 'pledge.deleted', resourceType: 'pledge', resourceId: before.id, before, after: null, eventData: before })
}
