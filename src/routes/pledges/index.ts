// Pledges: an admin or the cluster's secretariat drafts, edits, opens and re-versions a cluster's pledge for a
// year; each member unit signs it (itself, or through the secretariat or an admin on its behalf); every role reads.
// Lifecycle steps and signatures lock the pledge row, so concurrent signatures serialise: none is lost, and the
// last one alone brings the version into force.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Knex } from 'knex'
import { assertClusterScope, assertUnitScope } from '../../auth/access.js'
import { getCluster } from '../../db/clusters-repository.js'
import { membershipPeriods, memberUnitIdsOn } from '../../db/memberships-repository.js'
import { getPledge, insertPledge, insertSignature, listPledges, listSignatures, nextVersionNumber, pledgeExists, signedUnitIds, updatePledge, type Pledge } from '../../db/pledges-repository.js'
import { getUnit } from '../../db/units-repository.js'
import { vietnamDate } from '../../domain/dates.js'
import { conflict } from '../../domain/errors.js'
import {
  assertEditable, assertMayCreateVersion, assertMayOpen, assertMaySign, assertRegisteredTitles,
  contentHash, normalizeContent, type PledgeContent
} from '../../domain/pledge.js'
import { normalizeName } from '../../domain/text.js'
import { assertIfMatch, etagOf } from '../../domain/versions.js'
import { IdempotencyHeaders, IfMatchHeaders, problems, ref, notModified } from '../../http/shared-schemas.js'
import { ClusterParams } from '../../http/common-schemas.js'
import {
  NewPledge, NewPledgeSignature, OpenHeaders, Pledge as PledgeSchema, PledgeListQuery, PledgePage, PledgeParams, PledgePatch, PledgeSignature, PledgeSignaturePage, SignatureListQuery
} from './schemas.js'
import pledgeDocument from './document.js'
import { settleInForce } from '../../services/pledge-in-force.js'

const tags = ['pledges']

/** Refuses registered titles for units that are not members of the cluster in the pledge's year (422). */
async function checkRegisteredTitles (trx: Knex, clusterId: string, year: number, content: PledgeContent) {
  const unitIds = [...new Set(content.registeredTitles.map((r) => r.unitId))]
  assertRegisteredTitles(year, content.registeredTitles, unitIds.length > 0 ? await membershipPeriods(trx, clusterId, unitIds) : [])
}

const withEtag = (pledge: Pledge) => ({ etag: etagOf(pledge.version) })

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
  }, async (request, reply) => {
    const { clusterId } = request.params
    assertClusterScope(request.actor, clusterId)
    return reply.sendResult(await request.write(async ({ trx, record }) => {
      const { year, title, slogan, commitments = [], registeredTitles = [] } = request.body
      // Locking the cluster serialises the first pledges of its years (the unique constraint would refuse anyway).
      await getCluster(trx, clusterId, { forUpdate: true })
      if (await pledgeExists(trx, clusterId, year)) {
        throw conflict('pledge_exists', `The cluster already has a pledge for ${year}; edit its draft or create a new version.`, { year })
      }
      const content = normalizeContent({ title, slogan, commitments, registeredTitles })
      await checkRegisteredTitles(trx, clusterId, year, content)
      const pledge = await insertPledge(trx, { clusterId, year, versionNumber: 1, previousVersionId: null, content })
      record({ action: 'pledge.created', resourceType: 'pledge', resourceId: pledge.id, after: pledge })
      return { statusCode: 201, body: pledge, headers: { ...withEtag(pledge), location: `/v1/pledges/${pledge.id}` } }
    }))
  })

  app.get('/v1/clusters/:clusterId/pledges', {
    schema: {
      operationId: 'listPledges',
      summary: 'A cluster\'s pledges, the latest year and version first',
      tags,
      params: ClusterParams,
      querystring: PledgeListQuery,
      response: { 200: ref(PledgePage), ...problems(400, 403, 404) }
    }
  }, async (request) => {
    const { clusterId } = request.params
    const { year, status, limit, cursor } = request.query
    await getCluster(app.db, clusterId)
    return listPledges(app.db, clusterId, { year, status }, { limit, cursor })
  })

  app.get('/v1/pledges/:pledgeId', {
    schema: {
      operationId: 'getPledge',
      summary: 'One version of a pledge',
      tags,
      params: PledgeParams,
      response: { 200: ref(PledgeSchema), ...notModified, ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const pledge = await getPledge(app.db, request.params.pledgeId)
    return reply.header('etag', etagOf(pledge.version)).send(pledge)
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
  }, async (request, reply) => reply.sendResult(await request.write(async ({ trx, record }) => {
    const before = await getPledge(trx, request.params.pledgeId, { forUpdate: true })
    assertClusterScope(request.actor, before.clusterId)
    assertIfMatch(request.headers['if-match'], before.version)
    assertEditable(before.status)
    const content = normalizeContent({ ...before, ...request.body })
    await checkRegisteredTitles(trx, before.clusterId, before.year, content)
    const after = await updatePledge(trx, before, { content })
    record({ action: 'pledge.updated', resourceType: 'pledge', resourceId: after.id, before, after })
    return { statusCode: 200, body: after, headers: withEtag(after) }
  })))

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
  }, async (request, reply) => reply.sendResult(await request.write(async ({ trx, record }) => {
    const before = await getPledge(trx, request.params.pledgeId, { forUpdate: true })
    assertClusterScope(request.actor, before.clusterId)
    assertIfMatch(request.headers['if-match'], before.version)
    assertMayOpen(before)
    // Members may have left since the draft was written: the frozen content must still hold.
    await checkRegisteredTitles(trx, before.clusterId, before.year, before)
    const at = app.clock()
    const after = await updatePledge(trx, before, { status: 'open', contentHash: contentHash(before), at })
    record({ action: 'pledge.opened', resourceType: 'pledge', resourceId: after.id, before, after })
    if (before.previousVersionId) {
      const previous = await getPledge(trx, before.previousVersionId, { forUpdate: true })
      if (previous.status === 'open' || previous.status === 'in_force') {
        const superseded = await updatePledge(trx, previous, { status: 'superseded', at })
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
    return { statusCode: 200, body: after, headers: withEtag(after) }
  })))

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
  }, async (request, reply) => reply.sendResult(await request.write(async ({ trx, record }) => {
    const source = await getPledge(trx, request.params.pledgeId, { forUpdate: true })
    assertClusterScope(request.actor, source.clusterId)
    assertMayCreateVersion(source, await nextVersionNumber(trx, source.id))
    const { title, slogan, commitments, registeredTitles } = source
    const pledge = await insertPledge(trx, {
      clusterId: source.clusterId,
      year: source.year,
      versionNumber: source.versionNumber + 1,
      previousVersionId: source.id,
      content: { title, slogan, commitments, registeredTitles }
    })
    record({ action: 'pledge.version_created', resourceType: 'pledge', resourceId: pledge.id, after: pledge })
    return { statusCode: 201, body: pledge, headers: { ...withEtag(pledge), location: `/v1/pledges/${pledge.id}` } }
  })))

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
  }, async (request, reply) => {
    const { actor } = request
    const unitId = request.body.unitId.toLowerCase()
    if (actor.role === 'unit') assertUnitScope(actor, unitId)
    return reply.sendResult(await request.write(async (ctx) => {
    const { trx, record } = ctx
      // The lock serialises the signatures of a version: each one sees every signature committed before it, so
      // exactly one of them completes the members and brings the version into force.
      const pledge = await getPledge(trx, request.params.pledgeId, { forUpdate: true })
      if (actor.role !== 'unit') assertClusterScope(actor, pledge.clusterId)
      await getUnit(trx, unitId)
      const signedAt = app.clock()
      const signedOn = vietnamDate(signedAt)
      const members = await memberUnitIdsOn(trx, pledge.clusterId, signedOn)
      const signed = await signedUnitIds(trx, pledge.id)
      assertMaySign(pledge.status, unitId, members, signed, signedOn)
      const signature = await insertSignature(trx, {
        pledgeId: pledge.id,
        unitId,
        signerName: normalizeName(request.body.signerName),
        signerPosition: normalizeName(request.body.signerPosition),
        contentHash: pledge.contentHash!,
        signedOn,
        signedAt,
        onBehalf: actor.role !== 'unit',
        signedBy: { sub: actor.sub, role: actor.role }
      })
      record({ action: 'pledge.signed', resourceType: 'pledge_signature', resourceId: signature.id, after: signature })
      await settleInForce(ctx, pledge, signedAt, members, [...signed, unitId])
      return { statusCode: 201, body: signature }
    }))
  })

  app.get('/v1/pledges/:pledgeId/signatures', {
    schema: {
      operationId: 'listPledgeSignatures',
      summary: 'The signatures of one version, in signing order',
      tags,
      params: PledgeParams,
      querystring: SignatureListQuery,
      response: { 200: ref(PledgeSignaturePage), ...problems(400, 403, 404) }
    }
  }, async (request) => {
    const { pledgeId } = request.params
    await getPledge(app.db, pledgeId)
    return listSignatures(app.db, pledgeId, request.query)
  })
}

export default pledges
