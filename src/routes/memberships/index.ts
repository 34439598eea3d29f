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
    config: { roles: ['admin'], etag: true },
    schema: {
      operationId: 'addClusterMember',
      summary: 'Add a unit to a cluster from a date',
      description: 'Makes an existing unit a member of the cluster from `from` on (an open period, until ended). A unit ' +
        'is in at most one cluster of a block on any date: a membership overlapping another in the same block (this ' +
        'cluster included) is 409 `unit_already_in_block_cluster` naming that cluster; starting before the cluster was ' +
        'founded is 422. Audited and emitted as `membership.started`.',
      tags,
      params: ClusterParams,
      headers: IdempotencyHeaders,
      body: ref(NewMembership),
      response: { 201: ref(Membership, { description: 'The membership started.' }), ...problems({ 404: ['cluster_not_found', 'unit_not_found'], 409: ['unit_already_in_block_cluster'], 422: ['membership_before_founding'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const membership = await addClusterMember(ctx, { ...request.params, ...request.body })
    return { statusCode: 201, body: membership, headers: { etag: etagOf(membership.version) } }
  })))

  app.get('/v1/clusters/:clusterId/members', {
    schema: {
      operationId: 'listClusterMembers',
      summary: 'The members of a cluster on a date, by unit name in Vietnamese order',
      description: 'The memberships in force on the day `on` (today in Việt Nam when left out): started on or before it ' +
        'and not ended by it. Each item names its unit (current name and code). Past and future members are not ' +
        'listed: ask for another day, or read a unit\'s history with listUnitMemberships.',
      tags,
      params: ClusterParams,
      querystring: MemberListQuery,
      response: { 200: ref(MembershipPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'], 404: ['cluster_not_found'] }) }
    }
  }, async (request) => listClusterMembers(readContext(request), { ...request.params, ...request.query }))

  app.post('/v1/clusters/:clusterId/members/:unitId/end', {
    config: { roles: ['admin'], etag: true },
    schema: {
      operationId: 'endClusterMembership',
      summary: 'End a unit\'s open membership of a cluster (the history is kept)',
      description: 'Closes the unit\'s open membership: `on` is its first day out, after the start (422 otherwise); 409 ' +
        '`membership_not_open` when the unit has no open membership here. The history is kept: the membership still ' +
        'lists, with `until` set. An open pledge version of the cluster that this unit alone had not signed comes into ' +
        'force as it leaves (every member of the day has then signed): `pledge.in_force` is emitted with ' +
        '`membership.ended`. Audited.',
      tags,
      params: MemberParams,
      headers: IdempotencyHeaders,
      body: ref(MembershipEnd),
      response: { 200: ref(Membership, { description: 'The membership, ended.' }), ...problems({ 404: ['cluster_not_found', 'pledge_not_found', 'unit_not_found'], 409: ['membership_not_open'], 422: ['membership_end_not_after_start'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const membership = await endClusterMembership(ctx, { ...request.params, ...request.body })
    return { statusCode: 200, body: membership, headers: { etag: etagOf(membership.version) } }
  })))

  app.get('/v1/units/:unitId/memberships', {
    schema: {
      operationId: 'listUnitMemberships',
      summary: 'A unit\'s memberships in every cluster, the latest first',
      description: 'Every membership of the unit, open and ended, in every cluster and block, the latest start first.',
      tags,
      params: UnitParams,
      querystring: UnitMembershipQuery,
      response: { 200: ref(MembershipPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'], 404: ['unit_not_found'] }) }
    }
  }, async (request) => listUnitMemberships(readContext(request), { ...request.params, ...request.query }))
}

export default memberships
