// Scoring schemes (quy định chấm điểm): an admin or the cluster's secretariat drafts a scheme for a year and
// period, edits it while a draft, sets each member unit's targets, and publishes it (frozen from then on;
// publishing supersedes the version published before). A new version starts as a draft copy. Every role reads.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { assertClusterScope } from '../../auth/access.js'
import { readContext } from '../../http/context.js'
import { DeleteHeaders, IdempotencyHeaders, IfMatchHeaders, noContent, notModified, problems, ref } from '../../http/shared-schemas.js'
import { ClusterParams, SchemeParams } from '../../http/common-schemas.js'
import {
  createOrCopyScheme, deleteScheme, listClusterSchemes, newSchemeVersion, publishScheme, readScheme, schemeTag, updateScheme
} from '../../services/scoring-schemes.js'
import { NewScoringScheme, PublishHeaders, SchemeListQuery, ScoringScheme as SchemeSchema, ScoringSchemePage, ScoringSchemePatch } from './schemas.js'
import targetsRoutes from './targets.js'

import { ROLES, tags } from './access.js'

const scoringSchemes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/clusters/:clusterId/scoring-schemes', {
    config: { roles: [...ROLES], etag: true, location: true, scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'createScoringScheme',
      summary: 'Draft the first version of a cluster\'s scoring scheme for a year and period',
      description: 'Creates version 1 of the cluster\'s scoring scheme (quy định chấm điểm) for `year` and `period` ' +
        '(tổng kết năm or sơ kết 6 tháng) as a `draft`, to edit until it is published. The scheme is validated as a ' +
        'whole: 422 `invalid_scheme` lists every problem with its path. 409 `scheme_exists` when the cluster already ' +
        'has a scheme for that year and period: start a new version of it instead. Optional `deadlines` (calendar dates ' +
        'in Asia/Ho_Chi_Minh: self-assessment due, explanation window in days, second review due): 422 ' +
        '`invalid_deadlines` when the second review is due before the self-assessment. Answers the draft with its ETag and ' +
        'Location; audited and emitted as `scoring_scheme.created`. ' +
        'Reuse a scheme: `copyFrom` (a scheme of any cluster, year and status) drafts a copy of its criteria, caps, ' +
        'bands, tie-breaks and Ministry-flag band for this cluster, `year` and `period` (404 `scoring_scheme_not_found` ' +
        'for an unknown one); content given alongside `copyFrom` is refused (422 `invalid_scheme`): edit the draft ' +
        'afterwards. `copyTargets: true` also copies the targets and not-applicable marks the source holds for units ' +
        'that are members of this cluster in `year`; its other units are left out, and a member without targets there ' +
        'gets none. The copy\'s event names its source in `copiedFrom`.',
      tags,
      params: ClusterParams,
      headers: IdempotencyHeaders,
      body: ref(NewScoringScheme),
      response: { 201: ref(SchemeSchema, { description: 'The draft created.' }), ...problems({ 404: ['cluster_not_found', 'scoring_scheme_not_found'], 409: ['scheme_exists'], 422: ['invalid_deadlines', 'invalid_scheme'] }) }
    }
  }, async (request, reply) => {
    // Scope before the write: an idempotent retry is answered only to a caller the route lets through.
    assertClusterScope(request.actor, request.params.clusterId)
    return reply.sendResult(await request.write(async (ctx) => {
      const scheme = await createOrCopyScheme(ctx, { ...request.params, ...request.body })
      return { statusCode: 201, body: scheme, headers: { etag: schemeTag(scheme), location: `/v1/scoring-schemes/${scheme.id}` } }
    }))
  })

  app.get('/v1/clusters/:clusterId/scoring-schemes', {
    schema: {
      operationId: 'listScoringSchemes',
      summary: 'A cluster\'s scoring schemes: the latest year first, then by period, the latest version first',
      description: 'Every version of every scheme of the cluster, whatever its status, one page at a time. `year`, ' +
        '`period` and `status` narrow the list: `status=published` gives the version in force for each year and ' +
        'period. 404 when the cluster does not exist.',
      tags,
      params: ClusterParams,
      querystring: SchemeListQuery,
      response: { 200: ref(ScoringSchemePage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'], 404: ['cluster_not_found'] }) }
    }
  }, async (request) => listClusterSchemes(readContext(request), { ...request.params, ...request.query }))

  app.get('/v1/scoring-schemes/:schemeId', {
    schema: {
      operationId: 'getScoringScheme',
      summary: 'One version of a scoring scheme',
      description: 'One version, whatever its status (`draft`, `published` or `superseded`), with its criteria tree ' +
        '(tiêu chí), bands and tie-breaks. Its ETag is the one to send as If-Match to change or publish the draft; ' +
        'sent as If-None-Match, it answers 304 while the version is unchanged.',
      tags,
      params: SchemeParams,
      response: { 200: ref(SchemeSchema), ...notModified, ...problems({ 404: ['scoring_scheme_not_found'] }) }
    }
  }, async (request, reply) => {
    const scheme = await readScheme(readContext(request), request.params)
    return reply.header('etag', schemeTag(scheme)).send(scheme)
  })

  app.patch('/v1/scoring-schemes/:schemeId', {
    config: { roles: [...ROLES], etag: true, scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'updateScoringScheme',
      summary: 'Change a draft scheme (409 once published)',
      description: 'Replaces the fields given of a `draft` (null clears a cap, the Ministry-flag band or the deadlines); ' +
        'the result is validated as a whole (422 `invalid_scheme`, or `invalid_deadlines` for the deadlines). Send the scheme\'s ETag as If-Match: 412 when someone changed ' +
        'it since. 409 `scheme_published` once published or superseded: start a new version instead. Audited and ' +
        'emitted as `scoring_scheme.updated`.',
      tags,
      params: SchemeParams,
      headers: IfMatchHeaders,
      body: ref(ScoringSchemePatch),
      response: { 200: ref(SchemeSchema, { description: 'The draft changed.' }), ...problems({ 404: ['scoring_scheme_not_found'], 409: ['scheme_published'], 412: ['precondition_failed'], 422: ['invalid_deadlines', 'invalid_scheme'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const scheme = await updateScheme(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })
    return { statusCode: 200, body: scheme, headers: { etag: schemeTag(scheme) } }
  })))

  app.post('/v1/scoring-schemes/:schemeId/publish', {
    config: { roles: [...ROLES], etag: true, scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'publishScoringScheme',
      summary: 'Publish a draft: freeze it, after checking every member unit has its targets',
      description: 'Every unit that is a member of the cluster on some day of the scheme\'s year needs a target (or the ' +
        'criterion a defaultTarget) for every quantitative criterion: 422 `invalid_targets` lists what is missing ' +
        '(paths `targets.<unitId>.<code>`). The version published before for the same cluster, year and period ' +
        'becomes `superseded`. 409 `scheme_published` when not a draft, `scheme_has_newer_version` when a later ' +
        'version was already published, `scores_finalized` when the scores of the published version are finalized ' +
        '(finalized scores stay final: that version stays the year\'s). Send the draft\'s ETag as If-Match (412 when ' +
        'stale). Audited and emitted as `scoring_scheme.published` (and `scoring_scheme.superseded` for the version before).',
      tags,
      params: SchemeParams,
      headers: PublishHeaders,
      response: { 200: ref(SchemeSchema, { description: 'The scheme, published.' }), ...problems({ 404: ['cluster_not_found', 'scoring_scheme_not_found'], 409: ['scheme_has_newer_version', 'scheme_published', 'scores_finalized'], 412: ['precondition_failed'], 422: ['invalid_scheme', 'invalid_targets'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const scheme = await publishScheme(ctx, { ...request.params, ifMatch: request.headers['if-match'] })
    return { statusCode: 200, body: scheme, headers: { etag: schemeTag(scheme) } }
  })))

  app.post('/v1/scoring-schemes/:schemeId/versions', {
    config: { roles: [...ROLES], etag: true, location: true, scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'createScoringSchemeVersion',
      summary: 'Start a new version of a scheme: a draft copy of this one (with its targets), numbered after the latest',
      description: 'Copies this version (any status), its deadlines and its units\' targets (chỉ tiêu) into a new `draft` numbered ' +
        'after the latest version of the same cluster, year and period; edit and publish it to replace the published ' +
        'one. Answers the draft with its ETag and Location; audited and emitted as `scoring_scheme.created` (the ' +
        'event names the version it was copied from).',
      tags,
      params: SchemeParams,
      headers: IdempotencyHeaders,
      response: { 201: ref(SchemeSchema, { description: 'The new draft.' }), ...problems({ 404: ['cluster_not_found', 'scoring_scheme_not_found'], 409: ['scheme_exists'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const scheme = await newSchemeVersion(ctx, request.params)
    return { statusCode: 201, body: scheme, headers: { etag: schemeTag(scheme), location: `/v1/scoring-schemes/${scheme.id}` } }
  })))

  app.delete('/v1/scoring-schemes/:schemeId', {
    config: { roles: [...ROLES], scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'deleteScoringScheme',
      summary: 'Delete a draft scoring scheme version created by mistake',
      description: 'An admin, or the secretariat of the scheme\'s cluster, removes a draft version with the targets ' +
        'set on it; the versions before it stay as they are. A published or superseded version is history (scorecards ' +
        'follow it): 409 `scheme_not_draft`. If-Match is optional (412 when stale). A retry with the same Idempotency-Key replays the 204. The audit trail keeps the record as it was, and the feed emits `scoring_scheme.deleted` with it.',
      tags,
      params: SchemeParams,
      headers: DeleteHeaders,
      response: { ...noContent('The draft is deleted.'), ...problems({ 404: ['scoring_scheme_not_found'], 409: ['scheme_in_use', 'scheme_not_draft'], 412: ['precondition_failed'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    await deleteScheme(ctx, { ...request.params, ifMatch: request.headers['if-match'] })
    return { statusCode: 204, body: null }
  })))

  await app.register(targetsRoutes)
}

export default scoringSchemes
