// Cluster membership over time: only an admin adds and ends members (who belongs to a cluster is the Ministry's
// founding decision, and a secretariat that chose its members could discipline units of other clusters); every
// role reads.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etagOf } from '../../domain/versions.js'
import { readContext } from '../../http/context.js'
import { IdempotencyHeaders, problems, ref } from '../../http/shared-schemas.js'
import { ClusterParams, UnitParams } from '../../http/common-schemas.js'
import { addClusterMember, endClusterMembership, listClusterMembers, listUnitMemberships } from '../../services/memberships.js'
import {
  MemberListQuery, MemberParams, Membership, MembershipEnd, MembershipPage, NewMembership, UnitMembershipQuery
} from './schemas.js'

const tags = ['clusters']

const memberships: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/clusters/:clusterId/members', {
    config: { roles: ['admin'] },
    schema: {
      operationId: 'addClusterMember',
      summary: 'Add a unit to a cluster from a date',
      description: 'Admin only: membership is the Ministry\'s decision, so a secretariat is refused (403), even for its own cluster.',
      tags,
      params: ClusterParams,
      headers: IdempotencyHeaders,
      body: ref(NewMembership),
      response: { 201: ref(Membership, { description: 'The membership started.' }), ...problems(400, 403, 404, 409, 422) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const membership = await addClusterMember(ctx, { ...request.params, ...request.body })
    return { statusCode: 201, body: membership, headers: { etag: etagOf(membership.version) } }
  })))

  app.get('/v1/clusters/:clusterId/members', {
    schema: {
      operationId: 'listClusterMembers',
      summary: 'The members of a cluster on a date, by unit name in Vietnamese order',
      tags,
      params: ClusterParams,
      querystring: MemberListQuery,
      response: { 200: ref(MembershipPage), ...problems(400, 403, 404) }
    }
  }, async (request) => listClusterMembers(readContext(request), { ...request.params, ...request.query }))

  app.post('/v1/clusters/:clusterId/members/:unitId/end', {
    config: { roles: ['admin'] },
    schema: {
      operationId: 'endClusterMembership',
      summary: 'End a unit\'s open membership of a cluster (the history is kept)',
      description: 'An open pledge version of the cluster that this unit alone had not signed comes into force as it leaves ' +
        '(every member of the day has then signed): `pledge.in_force` is recorded with the membership\'s end. Admin only.',
      tags,
      params: MemberParams,
      headers: IdempotencyHeaders,
      body: ref(MembershipEnd),
      response: { 200: ref(Membership, { description: 'The membership, ended.' }), ...problems(400, 403, 404, 409, 422) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const membership = await endClusterMembership(ctx, { ...request.params, ...request.body })
    return { statusCode: 200, body: membership, headers: { etag: etagOf(membership.version) } }
  })))

  app.get('/v1/units/:unitId/memberships', {
    schema: {
      operationId: 'listUnitMemberships',
      summary: 'A unit\'s memberships in every cluster, the latest first',
      tags,
      params: UnitParams,
      querystring: UnitMembershipQuery,
      response: { 200: ref(MembershipPage), ...problems(400, 403, 404) }
    }
  }, async (request) => listUnitMemberships(readContext(request), { ...request.params, ...request.query }))
}

export default memberships
