// Conferences of a cluster: an admin or the cluster's secretariat records them as drafts, edits and finalizes them
// (a finalized record is locked); every role reads them, with the quorum computed against the cluster's rule.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Knex } from 'knex'
import type { Static } from 'typebox'
import { assertClusterScope } from '../../auth/access.js'
import { getCluster } from '../../db/clusters-repository.js'
import { finalizeConference, getConference, insertConference, listClusterConferences, listUnitConferences, updateConference, type Conference, type ConferenceFields, type ConferenceFilter } from '../../db/conferences-repository.js'
import { electionsOutside } from '../../db/elections-repository.js'
import { findPledge } from '../../db/pledges-repository.js'
import { getUnit } from '../../db/units-repository.js'
import {
  assertAttendeesAreMembers, assertConferenceYear, assertEditable, assertMayFinalize, assessQuorum, presentUnitIds
} from '../../domain/conference.js'
import { vietnamDate } from '../../domain/dates.js'
import { invalid, ruleBroken } from '../../domain/errors.js'
import { assertIfMatch, derivedEtagOf } from '../../domain/versions.js'
import { IdempotencyHeaders, IfMatchHeaders, problems, ref, notModified } from '../../http/shared-schemas.js'
import { ClusterParams, UnitParams } from '../../http/common-schemas.js'
import {
  Conference as ConferenceSchema, ConferenceListQuery, ConferencePage, ConferenceParams, ConferencePatch, FinalizeHeaders, NewConference, type ConferenceChairInput, type ConferenceGuestInput, type ConferenceLinksInput
} from './schemas.js'
import minutesDocument from './minutes.js'
import { memberUnitIdsOn } from '../../db/memberships-repository.js'

const tags = ['conferences']

const chairOf = (chair: Static<typeof ConferenceChairInput>) =>
  ({ name: chair.name, rank: chair.rank, position: chair.position, unitId: chair.unitId ?? null })
const guestOf = (guest: Static<typeof ConferenceGuestInput>) =>
  ({ name: guest.name, rank: guest.rank ?? null, position: guest.position ?? null, organisation: guest.organisation ?? null })
const linksOf = (links: Static<typeof ConferenceLinksInput> = {}) =>
  ({ pledgeId: links.pledgeId ?? null, electionIds: links.electionIds ?? [], flagHandover: links.flagHandover ?? null })

/** The Vietnamese date of an instant the schema accepted (it still refuses one Date cannot hold, such as :60). */
function heldOnOf (heldAt: string): string {
  const instant = new Date(heldAt)
  if (Number.isNaN(instant.getTime())) throw invalid('invalid_instant', `heldAt ${heldAt} is not an instant this service can store.`, { field: 'heldAt' })
  return vietnamDate(instant)
}

/**
 * The checks every draft passes before it is stored: the year goes with the date, the chair's unit exists, a
 * linked pledge and every linked election are this cluster's, and every attending unit is a member of the cluster on the conference date.
 */
async function checkDraft (trx: Knex.Transaction, clusterId: string, fields: ConferenceFields): Promise<string> {
  const heldOn = heldOnOf(fields.heldAt)
  assertConferenceYear(fields.year, heldOn)
  if (fields.chair.unitId) await getUnit(trx, fields.chair.unitId)
  if (fields.links.pledgeId) {
    const pledge = await findPledge(trx, fields.links.pledgeId)
    if (pledge?.clusterId !== clusterId) {
      throw ruleBroken('linked_pledge_not_in_cluster', `Pledge ${fields.links.pledgeId} is not a pledge of this cluster.`, { pledgeId: fields.links.pledgeId })
    }
  }
  const foreign = await electionsOutside(trx, clusterId, fields.links.electionIds)
  if (foreign.length > 0) {
    throw ruleBroken('linked_election_not_in_cluster', `${foreign.length > 1 ? 'Elections' : 'Election'} ${foreign.join(', ')} ${foreign.length > 1 ? 'are not elections' : 'is not an election'} of this cluster.`, { electionIds: foreign })
  }
  assertAttendeesAreMembers(fields.attendingUnitIds, await memberUnitIdsOn(trx, clusterId, heldOn), heldOn)
  return heldOn
}

const fieldsOf = (c: Conference): ConferenceFields => ({
  kind: c.kind,
  title: c.title,
  year: c.year,
  heldAt: c.heldAt,
  location: c.location,
  chair: c.chair,
  attendingUnitIds: c.attendingUnitIds,
  guests: c.guests,
  agenda: c.agenda,
  minutes: c.minutes,
  decisions: c.decisions,
  awardTally: c.awardTally,
  links: c.links
})

function filterOf (query: ConferenceFilter): ConferenceFilter {
  if (query.from && query.to && query.from > query.to) {
    throw invalid('invalid_range', `from (${query.from}) is after to (${query.to}).`, { field: 'from' })
  }
  return { kind: query.kind, from: query.from, to: query.to }
}

/** A draft's quorum follows the members on its date and the cluster's rule, so it is part of the ETag. */
const conferenceTag = (c: Conference) => derivedEtagOf(c.version, c.quorum)

const conferences: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(minutesDocument)

  app.post('/v1/clusters/:clusterId/conferences', {
    config: { roles: ['admin', 'secretariat'] },
    schema: {
      operationId: 'createConference',
      summary: 'Record a conference of a cluster, as a draft',
      tags,
      params: ClusterParams,
      headers: IdempotencyHeaders,
      body: ref(NewConference),
      response: { 201: ref(ConferenceSchema, { description: 'The conference created.' }), ...problems(400, 403, 404, 422) }
    }
  }, async (request, reply) => {
    const { clusterId } = request.params
    assertClusterScope(request.actor, clusterId)
    return reply.sendResult(await request.write(async ({ trx, record }) => {
      const body = request.body
      await getCluster(trx, clusterId)
      const fields: ConferenceFields = {
        kind: body.kind,
        title: body.title,
        year: body.year,
        heldAt: body.heldAt,
        location: body.location ?? null,
        chair: chairOf(body.chair),
        attendingUnitIds: body.attendingUnitIds ?? [],
        guests: (body.guests ?? []).map(guestOf),
        agenda: body.agenda ?? [],
        minutes: body.minutes ?? null,
        decisions: body.decisions ?? [],
        awardTally: body.awardTally ?? null,
        links: linksOf(body.links)
      }
      const heldOn = await checkDraft(trx, clusterId, fields)
      const conference = await insertConference(trx, clusterId, fields, heldOn)
      record({ action: 'conference.created', resourceType: 'conference', resourceId: conference.id, after: conference })
      return {
        statusCode: 201,
        body: conference,
        headers: { etag: conferenceTag(conference), location: `/v1/conferences/${conference.id}` }
      }
    }))
  })

  app.get('/v1/clusters/:clusterId/conferences', {
    schema: {
      operationId: 'listClusterConferences',
      summary: 'A cluster\'s conferences, the latest first, optionally of one kind or in a date range',
      tags,
      params: ClusterParams,
      querystring: ConferenceListQuery,
      response: { 200: ref(ConferencePage), ...problems(400, 403, 404) }
    }
  }, async (request) => {
    const { clusterId } = request.params
    const { limit, cursor, ...filter } = request.query
    await getCluster(app.db, clusterId)
    return listClusterConferences(app.db, clusterId, filterOf(filter), { limit, cursor })
  })

  app.get('/v1/units/:unitId/conferences', {
    schema: {
      operationId: 'listUnitConferences',
      summary: 'The conferences a unit attended or chaired, in every cluster and year, the latest first',
      tags,
      params: UnitParams,
      querystring: ConferenceListQuery,
      response: { 200: ref(ConferencePage), ...problems(400, 403, 404) }
    }
  }, async (request) => {
    const { unitId } = request.params
    const { limit, cursor, ...filter } = request.query
    await getUnit(app.db, unitId)
    return listUnitConferences(app.db, unitId, filterOf(filter), { limit, cursor })
  })

  app.get('/v1/conferences/:conferenceId', {
    schema: {
      operationId: 'getConference',
      summary: 'Get a conference with its quorum',
      tags,
      params: ConferenceParams,
      response: { 200: ref(ConferenceSchema), ...notModified, ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const conference = await getConference(app.db, request.params.conferenceId)
    return reply.header('etag', conferenceTag(conference)).send(conference)
  })

  app.patch('/v1/conferences/:conferenceId', {
    config: { roles: ['admin', 'secretariat'] },
    schema: {
      operationId: 'updateConference',
      summary: 'Change a draft conference record',
      tags,
      params: ConferenceParams,
      headers: IfMatchHeaders,
      body: ref(ConferencePatch),
      response: { 200: ref(ConferenceSchema), ...problems(400, 403, 404, 409, 412, 422) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async ({ trx, record }) => {
    const before = await getConference(trx, request.params.conferenceId, { forUpdate: true })
    assertClusterScope(request.actor, before.clusterId)
    assertIfMatch(request.headers['if-match'], conferenceTag(before))
    assertEditable(before.status)
    const { chair, guests, links, ...plain } = request.body
    const fields: ConferenceFields = {
      ...fieldsOf(before),
      ...plain,
      ...(chair ? { chair: chairOf(chair) } : {}),
      ...(guests ? { guests: guests.map(guestOf) } : {}),
      ...(links ? { links: linksOf(links) } : {})
    }
    const heldOn = await checkDraft(trx, before.clusterId, fields)
    const after = await updateConference(trx, before, fields, heldOn)
    record({ action: 'conference.updated', resourceType: 'conference', resourceId: after.id, before, after })
    return { statusCode: 200, body: after, headers: { etag: conferenceTag(after) } }
  })))

  app.post('/v1/conferences/:conferenceId/finalize', {
    config: { roles: ['admin', 'secretariat'] },
    schema: {
      operationId: 'finalizeConference',
      summary: 'Finalize a conference record (locks it); refused without a quorum',
      tags,
      params: ConferenceParams,
      headers: FinalizeHeaders,
      response: { 200: ref(ConferenceSchema, { description: 'The conference, finalized.' }), ...problems(400, 403, 404, 409, 412, 422) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async ({ trx, record }) => {
    const before = await getConference(trx, request.params.conferenceId, { forUpdate: true })
    assertClusterScope(request.actor, before.clusterId)
    assertIfMatch(request.headers['if-match'], conferenceTag(before))
    assertEditable(before.status)
    // Decided on the members and the rule as they are now, then frozen with the record.
    const cluster = await getCluster(trx, before.clusterId)
    const members = await memberUnitIdsOn(trx, before.clusterId, before.heldOn)
    assertAttendeesAreMembers(before.attendingUnitIds, members, before.heldOn)
    const quorum = assessQuorum(members, presentUnitIds(before.attendingUnitIds, before.chair.unitId), cluster.rules.quorum)
    assertMayFinalize(before.status, quorum)
    const after = await finalizeConference(trx, before, quorum)
    record({ action: 'conference.finalized', resourceType: 'conference', resourceId: after.id, before, after })
    return { statusCode: 200, body: after, headers: { etag: conferenceTag(after) } }
  })))
}

export default conferences
