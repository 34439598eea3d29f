// Conferences of a cluster: an admin or the cluster's secretariat records them as drafts, edits and finalizes them
// (a finalized record is locked); every role reads them, with the quorum computed against the cluster's rule.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readContext } from '../../http/context.js'
import { DeleteHeaders, IdempotencyHeaders, IfMatchHeaders, noContent, notModified, problems, ref } from '../../http/shared-schemas.js'
import { ClusterParams, UnitParams } from '../../http/common-schemas.js'
import {
  conferenceTag, createConference, deleteConference, finalizeConference, listConferencesOfCluster, listConferencesOfUnit, readConference,
  updateConference, type Conference
} from '../../services/conferences.js'
import {
  Conference as ConferenceSchema, ConferenceListQuery, ConferencePage, ConferenceParams, ConferencePatch, FinalizeHeaders, NewConference
} from './schemas.js'
import minutesDocument from './minutes.js'

const tags = ['conferences']

const changed = (conference: Conference) => ({ statusCode: 200, body: conference, headers: { etag: conferenceTag(conference) } })

const conferences: FastifyPluginAsyncTypebox = async (app) => {

  app.post('/v1/clusters/:clusterId/conferences', {
    config: { roles: ['admin', 'secretariat'], etag: true, location: true, scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'createConference',
      summary: 'Record a conference of a cluster, as a draft',
      description: 'Records a conference (hội nghị) as a `draft`: pledge signing (ký giao ước), mid-year review (sơ kết) ' +
        'or annual review (tổng kết). `year` is the emulation year it concerns: the year of `heldAt` in Việt Nam, or ' +
        'the one before or after (422). Every attending unit must be a member of the cluster on that date (422 naming ' +
        'it); the chair\'s unit must exist (404) and counts as present when it is a member. A linked pledge must be ' +
        'this cluster\'s (422). The quorum is computed on every read until it is finalized (finalizeConference). ' +
        'Audited and emitted as `conference.created`.',
      tags,
      params: ClusterParams,
      headers: IdempotencyHeaders,
      body: ref(NewConference),
      response: { 201: ref(ConferenceSchema, { description: 'The conference created.' }), ...problems({ 400: ['invalid_instant'], 404: ['cluster_not_found', 'conference_not_found', 'unit_not_found'], 422: ['attendee_not_member', 'conference_year_mismatch', 'linked_advisory_group_not_found', 'linked_election_not_in_cluster', 'linked_pledge_not_in_cluster'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const conference = await createConference(ctx, { ...request.params, ...request.body })
    return { statusCode: 201, body: conference, headers: { etag: conferenceTag(conference), location: `/v1/conferences/${conference.id}` } }
  })))

  app.get('/v1/clusters/:clusterId/conferences', {
    schema: {
      operationId: 'listClusterConferences',
      summary: 'A cluster\'s conferences, the latest first, optionally of one kind or in a date range',
      description: 'The cluster\'s conferences, drafts and finalized, the latest `heldAt` first, each with its quorum. ' +
        '`kind` keeps one kind; `from` and `to` keep those held between the two days, both included, compared with ' +
        '`heldOn` (the date in Việt Nam).',
      tags,
      params: ClusterParams,
      querystring: ConferenceListQuery,
      response: { 200: ref(ConferencePage), ...problems({ 400: ['invalid_cursor', 'invalid_limit', 'invalid_range'], 404: ['cluster_not_found'] }) }
    }
  }, async (request) => listConferencesOfCluster(readContext(request), { ...request.params, ...request.query }))

  app.get('/v1/units/:unitId/conferences', {
    schema: {
      operationId: 'listUnitConferences',
      summary: 'The conferences a unit attended or chaired, in every cluster and year, the latest first',
      description: 'The conferences whose attending units include this unit or whose chair is from it, in every cluster, ' +
        'the latest first. `kind`, `from` and `to` filter as for listClusterConferences.',
      tags,
      params: UnitParams,
      querystring: ConferenceListQuery,
      response: { 200: ref(ConferencePage), ...problems({ 400: ['invalid_cursor', 'invalid_limit', 'invalid_range'], 404: ['unit_not_found'] }) }
    }
  }, async (request) => listConferencesOfUnit(readContext(request), { ...request.params, ...request.query }))

  app.get('/v1/conferences/:conferenceId', {
    schema: {
      operationId: 'getConference',
      summary: 'Get a conference with its quorum',
      description: 'One conference record. While a `draft`, its quorum is computed from the members on its date and the ' +
        'cluster\'s current rule, so its ETag also changes when they do: send the ETag back as it is (If-Match to ' +
        'change or finalize it, If-None-Match to read it again). Once `finalized`, the quorum is frozen.',
      tags,
      params: ConferenceParams,
      response: { 200: ref(ConferenceSchema), ...notModified, ...problems({ 404: ['conference_not_found'] }) }
    }
  }, async (request, reply) => {
    const conference = await readConference(readContext(request), request.params)
    return reply.header('etag', conferenceTag(conference)).send(conference)
  })

  app.patch('/v1/conferences/:conferenceId', {
    config: { roles: ['admin', 'secretariat'], etag: true, scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'updateConference',
      summary: 'Change a draft conference record',
      description: 'Each field given replaces the stored one whole (lists and links included); the record is checked ' +
        'again as on creation (year, attending members on the date, chair\'s unit, linked pledge). A finalized record ' +
        'is 409 `conference_finalized`. Send the ETag last read in If-Match (412 when stale). Audited (before and ' +
        'after) and emitted as `conference.updated`.',
      tags,
      params: ConferenceParams,
      headers: IfMatchHeaders,
      body: ref(ConferencePatch),
      response: { 200: ref(ConferenceSchema), ...problems({ 400: ['invalid_instant'], 404: ['conference_not_found', 'unit_not_found'], 409: ['conference_finalized'], 412: ['precondition_failed'], 422: ['attendee_not_member', 'conference_year_mismatch', 'linked_advisory_group_not_found', 'linked_election_not_in_cluster', 'linked_pledge_not_in_cluster'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    changed(await updateConference(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })))))

  app.post('/v1/conferences/:conferenceId/finalize', {
    config: { roles: ['admin', 'secretariat'], etag: true, scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'finalizeConference',
      summary: 'Finalize a conference record (locks it); refused without a quorum',
      description: 'Moves a `draft` to `finalized`: the record and its quorum are frozen, and its minutes PDF carries ' +
        'the record\'s hash. Refused when the member units present (attending units and the chair\'s unit) do not ' +
        'meet the cluster\'s quorum rule (422 `quorum_not_met`), or when already finalized (409). If-Match (the ETag ' +
        'last read) makes sure the record finalized is the one reviewed. Audited and emitted as `conference.finalized`.',
      tags,
      params: ConferenceParams,
      headers: FinalizeHeaders,
      response: { 200: ref(ConferenceSchema, { description: 'The conference, finalized.' }), ...problems({ 404: ['cluster_not_found', 'conference_not_found'], 409: ['conference_finalized'], 412: ['precondition_failed'], 422: ['attendee_not_member', 'quorum_not_met'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    changed(await finalizeConference(ctx, { ...request.params, ifMatch: request.headers['if-match'] })))))

  // Last: the contract lists operations in the order they are registered, and a document comes after what it prints.
  await app.register(minutesDocument)

  app.delete('/v1/conferences/:conferenceId', {
    config: { roles: ['admin', 'secretariat'], scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'deleteConference',
      summary: 'Delete a draft conference record created by mistake',
      description: 'An admin, or the secretariat of the conference\'s cluster, removes a draft record with its ' +
        'attendances. A finalized record is history: 409 `conference_not_draft`. 409 `conference_in_use` while an ' +
        'election is held at it (`references` says how many). If-Match is optional (412 when stale; the tag includes ' +
        'the draft\'s quorum). A retry with the same Idempotency-Key replays the 204. The audit trail keeps the record as it was, and the feed emits `conference.deleted` with it.',
      tags,
      params: ConferenceParams,
      headers: DeleteHeaders,
      response: { ...noContent('The draft is deleted.'), ...problems({ 404: ['conference_not_found'], 409: ['conference_in_use', 'conference_not_draft'], 412: ['precondition_failed'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    await deleteConference(ctx, { ...request.params, ifMatch: request.headers['if-match'] })
    return { statusCode: 204, body: null }
  })))
}

export default conferences
