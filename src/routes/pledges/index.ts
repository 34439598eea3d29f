// Pledges: an admin or the cluster's secretariat drafts, edits, opens and re-versions a cluster's pledge for a
// year; each member unit signs it (itself, or through the secretariat or an admin on its behalf); every role reads.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readContext } from '../../http/context.js'
import { DeleteHeaders, IdempotencyHeaders, IfMatchHeaders, noContent, notModified, problems, ref } from '../../http/shared-schemas.js'
import { ClusterParams } from '../../http/common-schemas.js'
import {
  deletePledge, draftPledge, listClusterPledges, listPledgeSignatures, newPledgeVersion, openPledge, pledgeTag, readPledge, signPledge,
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

  app.post('/v1/clusters/:clusterId/pledges', {
    config: { roles: ['admin', 'secretariat'], etag: true, location: true, scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'createPledge',
      summary: 'Draft the cluster\'s pledge for a year (version 1)',
      description: 'Drafts version 1 of the cluster\'s emulation pledge (giao ước thi đua) for a year: title, slogan ' +
        '(khẩu hiệu), commitments with optional numeric targets (chỉ tiêu), and the titles member units register for ' +
        '(đăng ký danh hiệu). One pledge per cluster and year: 409 `pledge_exists` when the year has one (edit its ' +
        'draft, or start a new version). A registered unit must be a member of the cluster on some day of the year ' +
        '(422 naming it). Then: updatePledge while a draft, openPledge to freeze it for signing. Audited and emitted ' +
        'as `pledge.created`.',
      tags,
      params: ClusterParams,
      headers: IdempotencyHeaders,
      body: ref(NewPledge),
      response: { 201: ref(PledgeSchema, { description: 'The draft created.' }), ...problems({ 404: ['cluster_not_found'], 409: ['pledge_exists', 'pledge_has_newer_version'], 422: ['pledge_title_registered_twice', 'pledge_unit_not_member'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    created(await draftPledge(ctx, { ...request.params, ...request.body })))))

  app.get('/v1/clusters/:clusterId/pledges', {
    schema: {
      operationId: 'listPledges',
      summary: 'A cluster\'s pledges, the latest year and version first',
      description: 'Every version of the cluster\'s pledges, the latest year first and, within a year, the latest version ' +
        'first. `year` and `status` narrow the list.',
      tags,
      params: ClusterParams,
      querystring: PledgeListQuery,
      response: { 200: ref(PledgePage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'], 404: ['cluster_not_found'] }) }
    }
  }, async (request) => listClusterPledges(readContext(request), { ...request.params, ...request.query }))

  app.get('/v1/pledges/:pledgeId', {
    schema: {
      operationId: 'getPledge',
      summary: 'One version of a pledge',
      description: 'One version with its lifecycle state (`draft` → `open` → `in_force`; `superseded` once a newer ' +
        'version opens) and its ETag: send it in If-Match to change or open the draft, or in If-None-Match to read it ' +
        'again (304 while unchanged). Its signatures are listed by listPledgeSignatures.',
      tags,
      params: PledgeParams,
      response: { 200: ref(PledgeSchema), ...notModified, ...problems({ 404: ['pledge_not_found'] }) }
    }
  }, async (request, reply) => {
    const pledge = await readPledge(readContext(request), request.params)
    return reply.header('etag', pledgeTag(pledge)).send(pledge)
  })

  app.patch('/v1/pledges/:pledgeId', {
    config: { roles: ['admin', 'secretariat'], etag: true, scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'updatePledge',
      summary: 'Change a draft pledge (once opened its content is frozen: 409)',
      description: 'The fields given replace the stored ones (commitments and registered titles as whole lists). Only a ' +
        '`draft` changes: an opened version is 409 `pledge_not_editable` (start a new version with createPledgeVersion). ' +
        'Send the ETag last read in If-Match (412 when stale). Registered units are checked again against the ' +
        'members of the year (422). Audited (before and after) and emitted as `pledge.updated`.',
      tags,
      params: PledgeParams,
      headers: IfMatchHeaders,
      body: ref(PledgePatch),
      response: { 200: ref(PledgeSchema), ...problems({ 404: ['pledge_not_found'], 409: ['pledge_not_editable'], 412: ['precondition_failed'], 422: ['pledge_title_registered_twice', 'pledge_unit_not_member'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    changed(await updatePledge(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })))))

  app.post('/v1/pledges/:pledgeId/open', {
    config: { roles: ['admin', 'secretariat'], etag: true, scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'openPledge',
      summary: 'Freeze a draft for signing (returns its contentHash); the version it replaces is superseded',
      description: 'Moves a `draft` to `open`: its content is frozen and gets its contentHash, which every signature and ' +
        'printed page carries. It needs at least one commitment (422 `pledge_without_commitments`), and its ' +
        'registered units must still be members of the year (422). If-Match (the ETag last read) makes sure the ' +
        'version opened is the one reviewed (412 when stale). When it follows a version that is `open` or ' +
        '`in_force`, that one becomes `superseded`. Emits `pledge.opened` (and `pledge.superseded`); audited.',
      tags,
      params: PledgeParams,
      headers: OpenHeaders,
      response: { 200: ref(PledgeSchema, { description: 'The version, open, with its contentHash.' }), ...problems({ 404: ['pledge_not_found'], 409: ['pledge_not_draft'], 412: ['precondition_failed'], 422: ['pledge_title_registered_twice', 'pledge_unit_not_member', 'pledge_without_commitments'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    changed(await openPledge(ctx, { ...request.params, ifMatch: request.headers['if-match'] })))))

  app.post('/v1/pledges/:pledgeId/versions', {
    config: { roles: ['admin', 'secretariat'], etag: true, location: true, scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'createPledgeVersion',
      summary: 'Start a new version of an opened pledge: an unsigned draft copy with the next version number',
      description: 'Copies the content of an opened version (`open`, `in_force` or `superseded`) that is the latest of ' +
        'its year into a new `draft` numbered one more, with no signatures. A draft is edited instead (409 ' +
        '`pledge_not_open`); a version that already has a newer one is 409 `pledge_has_newer_version`. The version ' +
        'copied stays as it is until the new one opens. Audited and emitted as `pledge.version_created`.',
      tags,
      params: PledgeParams,
      headers: IdempotencyHeaders,
      response: { 201: ref(PledgeSchema, { description: 'The new draft version.' }), ...problems({ 404: ['pledge_not_found'], 409: ['pledge_exists', 'pledge_has_newer_version', 'pledge_not_open'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    created(await newPledgeVersion(ctx, request.params)))))

  app.post('/v1/pledges/:pledgeId/signatures', {
    config: { roles: ['admin', 'secretariat', 'unit'], scope: { secretariat: 'own cluster only', unit: 'own unit only' } },
    schema: {
      operationId: 'signPledge',
      summary: 'A member unit signs the open version (itself, or the secretariat or an admin on its behalf)',
      description: 'Records the unit\'s signature of an `open` version (or one already `in_force`), dated today in Việt ' +
        'Nam, with the version\'s contentHash. Only a member of the cluster on that date signs (422 ' +
        '`pledge_signer_not_member`), once per version (409 `pledge_already_signed`); a draft or superseded version is ' +
        '409 `pledge_not_open`. `onBehalf` tells whether the unit signed itself or the secretariat or an admin signed ' +
        'for it. The signature that completes the members of the day brings the version into force. Audited and ' +
        'emitted as `pledge.signed`, with `pledge.in_force` when it completes them.',
      tags,
      params: PledgeParams,
      headers: IdempotencyHeaders,
      body: ref(NewPledgeSignature),
      response: { 201: ref(PledgeSignature, { description: 'The signature recorded.' }), ...problems({ 404: ['pledge_not_found', 'unit_not_found'], 409: ['pledge_already_signed', 'pledge_not_open'], 422: ['pledge_signer_not_member'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    ({ statusCode: 201, body: await signPledge(ctx, { ...request.params, ...request.body }) }))))

  app.get('/v1/pledges/:pledgeId/signatures', {
    schema: {
      operationId: 'listPledgeSignatures',
      summary: 'The signatures of one version, in signing order',
      description: 'Who signed this version, when, with which content hash, and whether on the unit\'s behalf; the ' +
        'first signature first.',
      tags,
      params: PledgeParams,
      querystring: SignatureListQuery,
      response: { 200: ref(PledgeSignaturePage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'], 404: ['pledge_not_found'] }) }
    }
  }, async (request) => listPledgeSignatures(readContext(request), { ...request.params, ...request.query }))

  // Last: the contract lists operations in the order they are registered, and a document comes after what it prints.
  await app.register(pledgeDocument)

  app.delete('/v1/pledges/:pledgeId', {
    config: { roles: ['admin', 'secretariat'], scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'deletePledge',
      summary: 'Delete a draft pledge version created by mistake',
      description: 'An admin, or the secretariat of the pledge\'s cluster, removes a draft version; the version it ' +
        'copies, if any, stays as it is. Once opened its content is history: 409 `pledge_not_draft` (create a new version ' +
        'instead). 409 `pledge_in_use` while a conference links it (`references` says how many). If-Match is optional ' +
        '(412 when stale). A retry with the same Idempotency-Key replays the 204. The audit trail keeps the record as it was, and the feed emits `pledge.deleted` with it.',
      tags,
      params: PledgeParams,
      headers: DeleteHeaders,
      response: { ...noContent('The draft is deleted.'), ...problems({ 404: ['pledge_not_found'], 409: ['pledge_in_use', 'pledge_not_draft'], 412: ['precondition_failed'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    await deletePledge(ctx, { ...request.params, ifMatch: request.headers['if-match'] })
    return { statusCode: 204, body: null }
  })))
}

export default pledges
