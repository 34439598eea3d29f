// Emulation campaigns (phong trào, đợt thi đua): an admin launches and changes them; every role reads them. Who
// takes part, and their results, are in participants.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readContext } from '../../http/context.js'
import { IdempotencyHeaders, IfMatchHeaders, notModified, problems, ref } from '../../http/shared-schemas.js'
import { campaignTag, changeCampaign, createCampaign, listCampaigns, readCampaign } from '../../services/campaigns.js'
import { Campaign, CampaignListQuery, CampaignPage, CampaignParams, CampaignPatch, NewCampaign } from './schemas.js'
import participants from './participants.js'

const tags = ['campaigns']

const VALIDITY = '422 `campaign_period_invalid` when `until` is before `from`, the period is longer than five years or the ' +
  'decision is dated after the last day; 422 `campaign_scope_unknown` naming a scope id that names no block, cluster or unit.'

const campaigns: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/campaigns', {
    config: { roles: ['admin'], etag: true, location: true },
    schema: {
      operationId: 'createCampaign',
      summary: 'Launch an emulation campaign (phong trào, đợt thi đua)',
      description: 'Records a campaign as its issuer launched it: name, slogan, issuer and decision, the occasion it ' +
        'greets, its period (both days included), its targets (chỉ tiêu) and its scope: some blocks, clusters or units, ' +
        'or, with every list empty, the whole ministry. Clusters and units of the scope then register ' +
        `(registerCampaignParticipant). ${VALIDITY} Audited and emitted as \`campaign.created\`.`,
      tags,
      headers: IdempotencyHeaders,
      body: ref(NewCampaign),
      response: {
        201: ref(Campaign, { description: 'The campaign launched.' }),
        ...problems({ 422: ['campaign_period_invalid', 'campaign_scope_unknown'] })
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const campaign = await createCampaign(ctx, request.body)
    return { statusCode: 201, body: campaign, headers: { etag: campaignTag(campaign), location: `/v1/campaigns/${campaign.id}` } }
  })))

  app.get('/v1/campaigns', {
    schema: {
      operationId: 'listCampaigns',
      summary: 'List campaigns, the latest start first, by year, block, cluster or day',
      description: 'Campaigns a page at a time (pass nextCursor as `cursor`), the latest first day first. `year` keeps ' +
        'those running on some day of the year (seed 002: "4 đợt thi đua … do CATP Hà Nội phát động" in 2016), ' +
        '`activeOn` those running on a day, `blockId` and `clusterId` those whose scope reaches the block or cluster ' +
        '(ministry-wide ones included); filters combine.',
      tags,
      querystring: CampaignListQuery,
      response: { 200: ref(CampaignPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'] }) }
    }
  }, async (request) => listCampaigns(readContext(request), request.query))

  app.get('/v1/campaigns/:campaignId', {
    schema: {
      operationId: 'getCampaign',
      summary: 'Get a campaign',
      description: 'One campaign with its ETag: send it in If-Match to change the campaign, in If-None-Match to read it ' +
        'again (304 while unchanged). Who takes part: listCampaignParticipants.',
      tags,
      params: CampaignParams,
      response: { 200: ref(Campaign), ...notModified, ...problems({ 404: ['campaign_not_found'] }) }
    }
  }, async (request, reply) => {
    const campaign = await readCampaign(readContext(request), request.params)
    return reply.header('etag', campaignTag(campaign)).send(campaign)
  })

  app.patch('/v1/campaigns/:campaignId', {
    config: { roles: ['admin'], etag: true },
    schema: {
      operationId: 'updateCampaign',
      summary: 'Change a campaign (its period, targets or scope included)',
      description: 'Changes the fields given; null removes the slogan, decision or occasion; `targets` and `scope` are ' +
        'replaced whole. The changed scope and period must still reach every registered participant (422 ' +
        `\`campaign_scope_excludes_participant\` naming the first left out). ${VALIDITY} Send the ETag last read in ` +
        'If-Match (412 when stale). Audited (before and after) and emitted as `campaign.updated`.',
      tags,
      params: CampaignParams,
      headers: IfMatchHeaders,
      body: ref(CampaignPatch),
      response: {
        200: ref(Campaign, { description: 'The campaign changed.' }),
        ...problems({
          404: ['campaign_not_found'],
          412: ['precondition_failed'],
          422: ['campaign_period_invalid', 'campaign_scope_excludes_participant', 'campaign_scope_unknown']
        })
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const after = await changeCampaign(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })
    return { statusCode: 200, body: after, headers: { etag: campaignTag(after) } }
  })))

  await app.register(participants)
}

export default campaigns
