// A scheme's targets (chỉ tiêu): set per member unit while the scheme is a draft (or, once published, for a unit that
// joined after), read by every role.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readContext } from '../../http/context.js'
import { IfMatchHeaders, notModified, problems, ref } from '../../http/shared-schemas.js'
import { SchemeParams, SchemeUnitParams } from '../../http/common-schemas.js'
import { listSchemeTargets, readTargets, setTargets, targetsTag } from '../../services/scoring-schemes.js'
import { TargetListQuery, TargetsBody, UnitTargets, UnitTargetsPage } from './schemas.js'
import { ROLES, tags } from './access.js'

const targetsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put('/v1/scoring-schemes/:schemeId/targets/:unitId', {
    config: { roles: [...ROLES], etag: true, location: true, scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'setScoringTargets',
      summary: 'Set a member unit\'s targets (chỉ tiêu) in a draft scheme (replaces them all)',
      description: 'The unit must be a member of the cluster on some day of the scheme\'s year (422 `unit_not_member`); ' +
        'codes must name quantitative criteria and values be numbers from 0 with at most four decimals ' +
        '(422 `invalid_targets` with `errors`). `notApplicable` lists the criteria that do not apply to the unit (a group ' +
        'marks every criterion under it): they score nothing, need no target, and leave the unit\'s maximum; under the ' +
        'cluster rule `rescaleNotApplicable` (default true) its base is rescaled to the scheme\'s maximum. Codes must be ' +
        'criteria of the scheme other than bonus_deduction, and at least one criterion must still apply (422 ' +
        '`invalid_targets`, paths under `/body/notApplicable`). 409 `scheme_published` once the scheme is published, with one exception: ' +
        'a unit that joined the cluster after publication, and so has no targets, gets its first ones on the published ' +
        'scheme (201), until the scores are finalised (409 `scores_finalized`); the ranking needs them. If-Match takes ' +
        'the ETag of the unit\'s targets (from reading them), not the scheme\'s. Audited and emitted as `scoring_targets.set`.',
      tags,
      params: SchemeUnitParams,
      headers: IfMatchHeaders,
      body: ref(TargetsBody),
      response: {
        200: ref(UnitTargets, { description: 'The targets replaced.' }),
        201: ref(UnitTargets, { description: 'The targets set for the first time.' }),
        ...problems({ 404: ['scoring_scheme_not_found', 'unit_not_found'], 409: ['scheme_published', 'scores_finalized'], 412: ['precondition_failed'], 422: ['invalid_scheme', 'invalid_targets', 'unit_not_member'] })
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const { targets, created } = await setTargets(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })
    const { schemeId, unitId } = request.params
    const headers: Record<string, string> = { etag: targetsTag(targets) }
    if (!created) return { statusCode: 200, body: targets, headers }
    return { statusCode: 201, body: targets, headers: { ...headers, location: `/v1/scoring-schemes/${schemeId}/targets/${unitId}` } }
  })))

  app.get('/v1/scoring-schemes/:schemeId/targets/:unitId', {
    schema: {
      operationId: 'getScoringTargets',
      summary: 'A unit\'s targets in a scheme',
      description: 'The unit\'s target (chỉ tiêu) for each quantitative criterion, by criterion code; a criterion not ' +
        'listed uses its `defaultTarget`. 404 when no targets were set for the unit. The ETag is the one to send as ' +
        'If-Match when replacing them.',
      tags,
      params: SchemeUnitParams,
      response: { 200: ref(UnitTargets), ...notModified, ...problems({ 404: ['scoring_scheme_not_found', 'scoring_targets_not_found'] }) }
    }
  }, async (request, reply) => {
    const targets = await readTargets(readContext(request), request.params)
    return reply.header('etag', targetsTag(targets)).send(targets)
  })

  app.get('/v1/scoring-schemes/:schemeId/targets', {
    schema: {
      operationId: 'listScoringTargets',
      summary: 'Every unit\'s targets in a scheme, by unit id',
      description: 'The targets of every unit that has some in the scheme, ordered by unit id, one page at a time. A ' +
        'member of the year without an entry has none yet: publishing needs them (422 `invalid_targets`).',
      tags,
      params: SchemeParams,
      querystring: TargetListQuery,
      response: { 200: ref(UnitTargetsPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'], 404: ['scoring_scheme_not_found'] }) }
    }
  }, async (request) => listSchemeTargets(readContext(request), { ...request.params, ...request.query }))
}

export default targetsRoutes
