// Pledges: an admin or the cluster's secretariat drafts, edits, opens and re-versions a cluster's pledge for a
// year; each member unit signs it (itself, or through the secretariat or an admin on its behalf); every role reads.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readContext } from '../../http/context.js'
import { IdempotencyHeaders, IfMatchHeaders, problems, ref, notModified } from '../../http/shared-schemas.js'
import { ClusterParams } from '../../http/common-schemas.js'
import {
  draftPledge, listClusterPledges, listPledgeSignatures, newPledgeVersion, openPledge, pledgeTag, readPledge, signPledge,
  updatePledge, type Pledge
} from '../../services/pledges.js'
import {
  NewPledge, NewPledgeSignature, OpenHeaders, Pledge as PledgeSchema, PledgeListQuery, PledgePage, PledgeParams, PledgePatch, PledgeSignature, PledgeSignaturePage, SignatureListQuery
} from './schemas.js'
import pledgeDocument from './document.js'

const tags = ['pledges']

const withEtag = (pledge: Pledge) => ({ etag: pledgeTag(pledge) })
const changed = (pledge: Pledge) => ({ statusCode: 200, body: pledge, headers: withEtag(pledge) })
const created = (pledge: Pledge) =>
  ({ statusCode: 201, body: pledge, headers: { ...withEtag(pledge), location: `/v1/pledges/${pledge.id}` } })

const pledges: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(pledgeDocument)

  app.post('/v1/clusters/:clusterId/pledges', {
    config: { roles: ['admin', 'secretariat'] },
    schema: {
      operationId: 'createPledge',
      summary: 'Draft the cluster\'s pledge for a year (version 1)',
      tags,
      params: ClusterParams,
      headers: IdempotencyHeaders,
      body: ref(NewPledge),
      response: { 201: ref(PledgeSchema, { description: 'The draft created.' }), ...problems(400, 403, 404, 409, 422) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    created(await draftPledge(ctx, { ...request.params, ...request.body })))))

  app.get('/v1/clusters/:clusterId/pledges', {
    schema: {
      operationId: 'listPledges',
      summary: 'A cluster\'s pledges, the latest year and version first',
      tags,
      params: ClusterParams,
      querystring: PledgeListQuery,
      response: { 200: ref(PledgePage), ...problems(400, 403, 404) }
    }
  }, async (request) => listClusterPledges(readContext(request), { ...request.params, ...request.query }))

  app.get('/v1/pledges/:pledgeId', {
    schema: {
      operationId: 'getPledge',
      summary: 'One version of a pledge',
      tags,
      params: PledgeParams,
      response: { 200: ref(PledgeSchema), ...notModified, ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const pledge = await readPledge(readContext(request), request.params)
    return reply.header('etag', pledgeTag(pledge)).send(pledge)
  })

  app.patch('/v1/pledges/:pledgeId', {
    config: { roles: ['admin', 'secretariat'] },
    schema: {
      operationId: 'updatePledge',
      summary: 'Change a draft pledge (once opened its content is frozen: 409)',
      tags,
      params: PledgeParams,
      headers: IfMatchHeaders,
      body: ref(PledgePatch),
      response: { 200: ref(PledgeSchema), ...problems(400, 403, 404, 409, 412, 422) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    changed(await updatePledge(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })))))

  app.post('/v1/pledges/:pledgeId/open', {
    config: { roles: ['admin', 'secretariat'] },
    schema: {
      operationId: 'openPledge',
      summary: 'Freeze a draft for signing (returns its contentHash); the version it replaces is superseded',
      tags,
      params: PledgeParams,
      headers: OpenHeaders,
      response: { 200: ref(PledgeSchema, { description: 'The version, open, with its contentHash.' }), ...problems(400, 403, 404, 409, 412, 422) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    changed(await openPledge(ctx, { ...request.params, ifMatch: request.headers['if-match'] })))))

  app.post('/v1/pledges/:pledgeId/versions', {
    config: { roles: ['admin', 'secretariat'] },
    schema: {
      operationId: 'createPledgeVersion',
      summary: 'Start a new version of an opened pledge: an unsigned draft copy with the next version number',
      tags,
      params: PledgeParams,
      headers: IdempotencyHeaders,
      response: { 201: ref(PledgeSchema, { description: 'The new draft version.' }), ...problems(400, 403, 404, 409) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    created(await newPledgeVersion(ctx, request.params)))))

  app.post('/v1/pledges/:pledgeId/signatures', {
    config: { roles: ['admin', 'secretariat', 'unit'] },
    schema: {
      operationId: 'signPledge',
      summary: 'A member unit signs the open version (itself, or the secretariat or an admin on its behalf)',
      description: 'Only a member of the cluster on the signing date (today in Việt Nam) signs, once per version. ' +
        'The signature that completes the members on that date brings the version into force.',
      tags,
      params: PledgeParams,
      headers: IdempotencyHeaders,
      body: ref(NewPledgeSignature),
      response: { 201: ref(PledgeSignature, { description: 'The signature recorded.' }), ...problems(400, 403, 404, 409, 422) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    ({ statusCode: 201, body: await signPledge(ctx, { ...request.params, ...request.body }) }))))

  app.get('/v1/pledges/:pledgeId/signatures', {
    schema: {
      operationId: 'listPledgeSignatures',
      summary: 'The signatures of one version, in signing order',
      tags,
      params: PledgeParams,
      querystring: SignatureListQuery,
      response: { 200: ref(PledgeSignaturePage), ...problems(400, 403, 404) }
    }
  }, async (request) => listPledgeSignatures(readContext(request), { ...request.params, ...request.query }))
}

export default pledges
