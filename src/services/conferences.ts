// Conferences of a cluster: an admin or the cluster's secretariat records them as drafts, edits and finalizes them
// (a finalized record is locked); every role reads them, with the quorum judged against the cluster's rule.
import type { Knex } from 'knex'
import { assertClusterScope } from '../auth/access.js'
import { getCluster } from '../db/clusters-repository.js'
import {
  conferenceReferences, deleteConference as removeConference, finalizeConference as freezeConference, getConference, insertConference, listClusterConferences, listUnitConferences,
  updateConference as saveConference, type AwardTally, type ConferenceFields, type ConferenceFilter, type ConferenceRecord
} from '../db/conferences-repository.js'
import { electionsOutside } from '../db/elections-repository.js'
import { memberUnitIdsAtConferences, memberUnitIdsOn } from '../db/memberships-repository.js'
import type { Page, PageRequest } from '../db/pagination.js'
import { findPledge } from '../db/pledges-repository.js'
import { findAdvisoryGroup } from '../db/advisory-groups-repository.js'
import { getUnit } from '../db/units-repository.js'
import {
  assertAttendeesAreMembers, assertConferenceYear, assertEditable, assertMayFinalize, assessQuorum, conferenceDate,
  isFinalized, presentUnitIds, type ConferenceKind, type Quorum
} from '../domain/conference.js'
import { placeAfterChange } from '../domain/minutes.js'
import { assertDraftToDelete, assertUnreferenced } from '../domain/deletion.js'
import { invalid, ruleBroken } from '../domain/errors.js'
import type { FlagHandover } from '../domain/term.js'
import { assertIfMatch, derivedEtagOf } from '../domain/versions.js'
import type { ReadContext, WriteContext } from './context.js'

/** A conference with its quorum: frozen once finalized, else judged on the members on its date and the current rule. */
export interface Conference extends Omit<ConferenceRecord, 'quorum' | 'quorumRule'> {
  quorum: Quorum
}

/** A draft's quorum follows the members on its date and the cluster's rule, so it is part of the tag. */
export const conferenceTag = (c: Conference) => derivedEtagOf(c.version, c.quorum)

/** The records with their quorums; the members on the day are read for the drafts only. */
async function withQuorum (db: Knex, records: ConferenceRecord[]): Promise<Conference[]> {
  const membersBy = await memberUnitIdsAtConferences(db, records.filter((r) => !isFinalized(r.status)).map((r) => r.id))
  return records.map(({ quorumRule, ...conference }) => ({
    ...conference,
    quorum: conference.quorum ??
      assessQuorum(membersBy.get(conference.id) ?? [], presentUnitIds(conference.attendingUnitIds, conference.chair.unitId), quorumRule)
  }))
}

const conferenceOf = async (db: Knex, record: ConferenceRecord) => (await withQuorum(db, [record]))[0]
const pageOf = async (db: Knex, page: Page<ConferenceRecord>) => ({ items: await withQuorum(db, page.items), nextCursor: page.nextCursor })

/** A conference locked until the transaction ends, once the actor may act for its cluster and its tag matches. */
async function lockedConference ({ trx, actor }: WriteContext, conferenceId: string, ifMatch: string | undefined): Promise<Conference> {
  const conference = await conferenceOf(trx, await getConference(trx, conferenceId, { forUpdate: true }))
  assertClusterScope(actor, conference.clusterId)
  assertIfMatch(ifMatch, conferenceTag(conference))
  return conference
}

export type ConferenceListQuery = ConferenceFilter & PageRequest

function filterOf ({ kind, from, to }: ConferenceFilter): ConferenceFilter {
  if (from && to && from > to) throw invalid('invalid_range', `from (${from}) is after to (${to}).`, { field: 'from' })
  return { kind, from, to }
}

export async function listConferencesOfCluster (
  { db }: ReadContext, { clusterId, limit, cursor, ...filter }: { clusterId: string } & ConferenceListQuery
): Promise<Page<Conference>> {
  await getCluster(db, clusterId)
  return pageOf(db, await listClusterConferences(db, clusterId, filterOf(filter), { limit, cursor }))
}

/** The conferences a unit attended or chaired, in every cluster and year. */
export async function listConferencesOfUnit (
  { db }: ReadContext, { unitId, limit, cursor, ...filter }: { unitId: string } & ConferenceListQuery
): Promise<Page<Conference>> {
  await getUnit(db, unitId)
  return pageOf(db, await listUnitConferences(db, unitId, filterOf(filter), { limit, cursor }))
}

export async function readConference ({ db }: ReadContext, { conferenceId }: { conferenceId: string }): Promise<Conference> {
  return conferenceOf(db, await getConference(db, conferenceId))
}

/** A conference as given: what is left out is empty (lists, links) or null. */
export interface ConferenceInput {
  kind: ConferenceKind
  title: string
  year: number
  heldAt: string
  location?: string | null
  /** The place written before the date; left out, the one the location implies (domain/minutes.ts). */
  place?: string | null
  chair: { name: string, rank: string, position: string, unitId?: string | null }
  secretary?: { name: string, rank?: string | null, position: string } | null
  attendingUnitIds?: string[]
  guests?: Array<{ name: string, rank?: string | null, position?: string | null, organisation?: string | null }>
  agenda?: string[]
  minutes?: string | null
  decisions?: string[]
  awardTally?: AwardTally | null
  links?: { pledgeId?: string | null, electionIds?: string[], flagHandover?: FlagHandover | null, advisoryGroupYear?: number | null }
}

const chairOf = (chair: ConferenceInput['chair']) =>
  ({ name: chair.name, rank: chair.rank, position: chair.position, unitId: chair.unitId ?? null })
const secretaryOf = (secretary: ConferenceInput['secretary']) =>
  (secretary ? { name: secretary.name, rank: secretary.rank ?? null, position: secretary.position } : null)
const guestsOf = (guests: NonNullable<ConferenceInput['guests']>) => guests.map((guest) =>
  ({ name: guest.name, rank: guest.rank ?? null, position: guest.position ?? null, organisation: guest.organisation ?? null }))
const linksOf = (links: ConferenceInput['links'] = {}) =>
  ({
    pledgeId: links.pledgeId ?? null,
    electionIds: links.electionIds ?? [],
    flagHandover: links.flagHandover ?? null,
    advisoryGroupYear: links.advisoryGroupYear ?? null
  })

/**
 * The checks every draft passes before it is stored: the year goes with the date, the chair's unit exists, a
 * linked pledge and every linked election are this cluster's, the cluster has founded the linked year's advisory
 * group, and every attending unit is a member of the cluster on the conference date. Returns that date.
 */
async function checkDraft (trx: Knex.Transaction, clusterId: string, fields: ConferenceFields): Promise<string> {
  const heldOn = conferenceDate(fields.heldAt)
  assertConferenceYear(fields.year, heldOn)
  if (fields.chair.unitId) await getUnit(trx, fields.chair.unitId)
  if (fields.links.pledgeId) {
    const pledge = await findPledge(trx, fields.links.pledgeId)
    if (pledge?.clusterId !== clusterId) {
      throw ruleBroken('linked_pledge_not_in_cluster', `Pledge ${fields.links.pledgeId} is not a pledge of this cluster.`, { pledgeId: fields.links.pledgeId })
    }
  }
  const { advisoryGroupYear } = fields.links
  if (advisoryGroupYear !== null && !(await findAdvisoryGroup(trx, clusterId, advisoryGroupYear))) {
    throw ruleBroken('linked_advisory_group_not_found', `The cluster has founded no advisory group for ${advisoryGroupYear}: found it (PUT .../advisory-groups/${advisoryGroupYear}) before linking it.`, { advisoryGroupYear })
  }
  const foreign = await electionsOutside(trx, clusterId, fields.links.electionIds)
  if (foreign.length > 0) {
    throw ruleBroken('linked_election_not_in_cluster', `${foreign.length > 1 ? 'Elections' : 'Election'} ${foreign.join(', ')} ${foreign.length > 1 ? 'are not elections' : 'is not an election'} of this cluster.`, { electionIds: foreign })
  }
  assertAttendeesAreMembers(fields.attendingUnitIds, await memberUnitIdsOn(trx, clusterId, heldOn), heldOn)
  return heldOn
}

/** Records a conference of the cluster, as a draft. */
export async function createConference (ctx: WriteContext, { clusterId, ...input }: ConferenceInput & { clusterId: string }): Promise<Conference> {
  assertClusterScope(ctx.actor, clusterId)
  await getCluster(ctx.trx, clusterId)
  const fields: ConferenceFields = {
    kind: input.kind,
    title: input.title,
    year: input.year,
    heldAt: input.heldAt,
    location: input.location ?? null,
    place: placeAfterChange({ place: null, location: null }, { place: input.place ?? null, location: input.location ?? null }),
    chair: chairOf(input.chair),
    secretary: secretaryOf(input.secretary),
    attendingUnitIds: input.attendingUnitIds ?? [],
    guests: guestsOf(input.guests ?? []),
    agenda: input.agenda ?? [],
    minutes: input.minutes ?? null,
    decisions: input.decisions ?? [],
    awardTally: input.awardTally ?? null,
    links: linksOf(input.links)
  }
  const heldOn = await checkDraft(ctx.trx, clusterId, fields)
  const conference = await conferenceOf(ctx.trx, await insertConference(ctx.trx, clusterId, fields, heldOn))
  ctx.record({ action: 'conference.created', resourceType: 'conference', resourceId: conference.id, after: conference })
  return conference
}

/** Changes a draft: a field given replaces it whole (lists and links included); a finalized record is locked (409). */
export async function updateConference (
  ctx: WriteContext,
  { conferenceId, ifMatch, chair, secretary, guests, links, place, ...plain }: Partial<ConferenceInput> & { conferenceId: string, ifMatch?: string }
): Promise<Conference> {
  const before = await lockedConference(ctx, conferenceId, ifMatch)
  assertEditable(before.status)
  const fields: ConferenceFields = {
    kind: before.kind,
    title: before.title,
    year: before.year,
    heldAt: before.heldAt,
    location: before.location,
    place: placeAfterChange(before, { place, location: plain.location }),
    chair: before.chair,
    secretary: before.secretary,
    attendingUnitIds: before.attendingUnitIds,
    guests: before.guests,
    agenda: before.agenda,
    minutes: before.minutes,
    decisions: before.decisions,
    awardTally: before.awardTally,
    links: before.links,
    ...plain,
    ...(chair ? { chair: chairOf(chair) } : {}),
    ...(secretary !== undefined ? { secretary: secretaryOf(secretary) } : {}),
    ...(guests ? { guests: guestsOf(guests) } : {}),
    ...(links ? { links: linksOf(links) } : {})
  }
  const heldOn = await checkDraft(ctx.trx, before.clusterId, fields)
  const after = await conferenceOf(ctx.trx, await saveConference(ctx.trx, before, fields, heldOn))
  ctx.record({ action: 'conference.updated', resourceType: 'conference', resourceId: after.id, before, after })
  return after
}

/** Locks the record with its quorum; refused without one (422) or when already final (409). */
export async function finalizeConference (ctx: WriteContext, { conferenceId, ifMatch }: { conferenceId: string, ifMatch?: string }): Promise<Conference> {
  const { trx } = ctx
  const before = await lockedConference(ctx, conferenceId, ifMatch)
  assertEditable(before.status)
  // Decided on the members and the rule as they are now, then frozen with the record.
  const cluster = await getCluster(trx, before.clusterId)
  const members = await memberUnitIdsOn(trx, before.clusterId, before.heldOn)
  assertAttendeesAreMembers(before.attendingUnitIds, members, before.heldOn)
  const quorum = assessQuorum(members, presentUnitIds(before.attendingUnitIds, before.chair.unitId), cluster.rules.quorum)
  assertMayFinalize(before.status, quorum)
  const after = await conferenceOf(trx, await freezeConference(trx, before, quorum))
  ctx.record({ action: 'conference.finalized', resourceType: 'conference', resourceId: after.id, before, after })
  return after
}

/**
 * Deletes a draft record created by mistake, with its attendances (409 `conference_not_draft` once finalized; 409
 * `conference_in_use` while an election is held at it).
 */
export async function deleteConference (ctx: WriteContext, { conferenceId, ifMatch }: { conferenceId: string, ifMatch?: string }): Promise<void> {
  const before = await lockedConference(ctx, conferenceId, ifMatch)
  assertDraftToDelete('conference', before.id, before.status)
  assertUnreferenced('conference', `The conference "${before.title}"`, await conferenceReferences(ctx.trx, before.id))
  await removeConference(ctx.trx, before.id)
  ctx.record({ action: 'conference.deleted', resourceType: 'conference', resourceId: before.id, before, after: null, eventData: before })
}
