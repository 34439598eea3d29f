// Who takes part in a campaign, and their results. An admin registers anyone and reports any result; a secretariat
// its own cluster and the units that are its members during the campaign; a unit itself. Every role reads.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readContext } from '../../http/context.js'
import { IdempotencyHeaders, IfMatchHeaders, notModified, problems, ref } from '../../http/shared-schemas.js'
import {
  listCampaignParticipants, participantTag, readParticipant, registerParticipant, reportResult
} from '../../services/campaigns.js'
import {
  CampaignParams, NewParticipant, Participant, ParticipantListQuery, ParticipantPage, ParticipantParams, ParticipantReport
} from './schemas.js'

const tags = ['campaigns']

const scope = { secretariat: 'its own cluster, and the units that are its members during the campaign', unit: 'itself only' }

const participants: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/campaigns/:campaignId/participants', {
    config: { roles: ['admin', 'secretariat', 'unit'], etag: true, location: true, scope },
    schema: {
      operationId: 'registerCampaignParticipant',
      summary: 'Register a unit or a cluster for a campaign',
      description: 'Registers `unitId` or `clusterId` (exactly one) for the campaign: an admin anyone, a secretariat its ' +
        'own cluster and the units that are its members on some day of the campaign, a unit itself (403 otherwise). ' +
        'It must be in the campaign\'s scope: a cluster named or of a block named; a unit named, or a member of such a ' +
        'cluster or block during the campaign; anyone when the campaign is ministry-wide (422 ' +
        '`campaign_participant_out_of_scope`). Once per campaign (409 `campaign_participant_exists`). Registration ' +
        'closes after the last day (409 `campaign_ended`), except for an admin recording a campaign of the past. ' +
        'Audited and emitted as `campaign_participant.registered`.',
      tags,
      params: CampaignParams,
      headers: IdempotencyHeaders,
      body: ref(NewParticipant),
      response: {
        201: ref(Participant, { description: 'The participant registered.' }),
        ...problems({
          404: ['campaign_not_found', 'cluster_not_found', 'unit_not_found'],
          409: ['campaign_ended', 'campaign_participant_exists'],
          422: ['campaign_participant_out_of_scope']
        })
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const participant = await registerParticipant(ctx, { ...request.params, ...request.body })
    const location = `/v1/campaigns/${participant.campaignId}/participants/${participant.id}`
    return { statusCode: 201, body: participant, headers: { etag: participantTag(participant), location } }
  })))

  app.get('/v1/campaigns/:campaignId/participants', {
    schema: {
      operationId: 'listCampaignParticipants',
      summary: 'Who takes part in a campaign, and their results, in the order they registered',
      description: 'Every unit and cluster registered, with its name and the result it reported (null until then), a ' +
        'page at a time (pass nextCursor as `cursor`).',
      tags,
      params: CampaignParams,
      querystring: ParticipantListQuery,
      response: { 200: ref(ParticipantPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'], 404: ['campaign_not_found'] }) }
    }
  }, async (request) => listCampaignParticipants(readContext(request), { ...request.params, ...request.query }))

  app.get('/v1/campaigns/:campaignId/participants/:participantId', {
    schema: {
      operationId: 'getCampaignParticipant',
      summary: 'One participant of a campaign and its result',
      description: 'With its ETag: send it in If-Match to report the result again.',
      tags,
      params: ParticipantParams,
      response: { 200: ref(Participant), ...notModified, ...problems({ 404: ['campaign_not_found', 'campaign_participant_not_found'] }) }
    }
  }, async (request, reply) => {
    const participant = await readParticipant(readContext(request), request.params)
    return reply.header('etag', participantTag(participant)).send(participant)
  })

  app.patch('/v1/campaigns/:campaignId/participants/:participantId', {
    config: { roles: ['admin', 'secretariat', 'unit'], etag: true, scope },
    schema: {
      operationId: 'reportCampaignResult',
      summary: 'Report (or correct) a participant\'s result',
      description: 'Writes the participant\'s result against the campaign\'s targets, with who reported it and when; a ' +
        'later report replaces it. The same callers as registering it (403 otherwise). Results are reported from the ' +
        'campaign\'s first day on (409 `campaign_not_started`), and may be corrected after the end. Send the ETag ' +
        'last read in If-Match (412 when stale). Audited and emitted as `campaign_participant.reported`.',
      tags,
      params: ParticipantParams,
      headers: IfMatchHeaders,
      body: ref(ParticipantReport),
      response: {
        200: ref(Participant, { description: 'The participant with its result.' }),
        ...problems({
          404: ['campaign_not_found', 'campaign_participant_not_found'],
          409: ['campaign_not_started'],
          412: ['precondition_failed']
        })
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const after = await reportResult(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })
    return { statusCode: 200, body: after, headers: { etag: participantTag(after) } }
  })))
}

export default participants
