// Advisory groups (Tổ tư vấn): the group a cluster's head unit founds for a year to review the members' scorecards.
// An admin (any cluster) or the cluster's secretariat (its own) writes it whole; every version is kept; every role
// reads it, its versions and the founding decision as a document.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readContext } from '../../http/context.js'
import { IfMatchHeaders, notModified, problems, ref } from '../../http/shared-schemas.js'
import { advisoryGroupTag, listAdvisoryGroupHistory, readAdvisoryGroup, writeAdvisoryGroup } from '../../services/advisory-groups.js'
import { AdvisoryGroup, AdvisoryGroupBody, AdvisoryGroupPage, AdvisoryGroupParams, AdvisoryGroupVersionsQuery } from './schemas.js'
import decisionDocuments from './document.js'

const tags = ['scoring']

const advisoryGroups: FastifyPluginAsyncTypebox = async (app) => {
  app.put('/v1/clusters/:clusterId/advisory-groups/:year', {
    config: { roles: ['admin', 'secretariat'], etag: true, location: true, scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'putAdvisoryGroup',
      summary: 'Found or replace the cluster\'s advisory group (Tổ tư vấn) for a year',
      description: 'Writes the founding decision (number, date, issuer) and every member (name, rank, position, unit). ' +
        'The first write founds the group (201, version 1); each later one replaces it whole as the next version (200), ' +
        'every version kept (listAdvisoryGroupVersions) with who wrote it and when, and `changes` saying what it changed. ' +
        'A member sent back with its `id` keeps it, so the scorecard reviews that named it still resolve; a member without ' +
        'one is new and gets an id (422 `advisory_member_unknown` for an id that is not a current member, ' +
        '`advisory_member_repeated` for one sent twice). A member\'s unit may be any unit (usually the head unit\'s staff; ' +
        '422 `advisory_member_unit_unknown` when it names none). The decision is dated in the year or the year before ' +
        '(422 `advisory_decision_date_outside_year`). If-Match is optional: the ETag last read, 412 when stale. Audited ' +
        'and emitted as `advisory_group.created` or `advisory_group.updated`.',
      tags,
      params: AdvisoryGroupParams,
      headers: IfMatchHeaders,
      body: ref(AdvisoryGroupBody),
      response: {
        200: ref(AdvisoryGroup, { description: 'The group replaced: its new version.' }),
        201: ref(AdvisoryGroup, { description: 'The group founded: version 1.' }),
        ...problems({
          404: ['cluster_not_found'],
          412: ['precondition_failed'],
          422: ['advisory_decision_date_outside_year', 'advisory_member_repeated', 'advisory_member_unit_unknown', 'advisory_member_unknown']
        })
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const { group, created } = await writeAdvisoryGroup(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })
    const headers: Record<string, string> = { etag: advisoryGroupTag(group) }
    if (!created) return { statusCode: 200, body: group, headers }
    const { clusterId, year } = request.params
    return { statusCode: 201, body: group, headers: { ...headers, location: `/v1/clusters/${clusterId}/advisory-groups/${year}` } }
  })))

  app.get('/v1/clusters/:clusterId/advisory-groups/:year', {
    schema: {
      operationId: 'getAdvisoryGroup',
      summary: 'The cluster\'s advisory group for a year (its current version)',
      description: 'The current version of the year\'s group with its `version`, what it changed from the version before ' +
        '(`changes`) and its ETag (send it in If-Match to replace the group, in If-None-Match to read it again). 404 ' +
        '`advisory_group_not_found` when the year has none; the earlier versions are listed by listAdvisoryGroupVersions.',
      tags,
      params: AdvisoryGroupParams,
      response: { 200: ref(AdvisoryGroup), ...notModified, ...problems({ 404: ['advisory_group_not_found', 'cluster_not_found'] }) }
    }
  }, async (request, reply) => {
    const group = await readAdvisoryGroup(readContext(request), request.params)
    return reply.header('etag', advisoryGroupTag(group)).send(group)
  })

  app.get('/v1/clusters/:clusterId/advisory-groups/:year/versions', {
    schema: {
      operationId: 'listAdvisoryGroupVersions',
      summary: 'Every version of the year\'s advisory group, the latest first: its changes over the year',
      description: 'Each version whole, with who wrote it, when, and what it changed from the one before (`changes`): ' +
        'the group\'s history over the year. A member removed later still appears, under the same id, in the versions ' +
        'that listed it.',
      tags,
      params: AdvisoryGroupParams,
      querystring: AdvisoryGroupVersionsQuery,
      response: { 200: ref(AdvisoryGroupPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'], 404: ['advisory_group_not_found', 'cluster_not_found'] }) }
    }
  }, async (request) => listAdvisoryGroupHistory(readContext(request), { ...request.params, ...request.query }))

  // Last: a document comes after what it prints.
  await app.register(decisionDocuments)
}

export default advisoryGroups
