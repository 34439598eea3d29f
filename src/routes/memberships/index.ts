// Cluster membership over time: only an admin adds and ends members (who belongs to a cluster is the Ministry's
// founding decision, and a secretariat that chose its members could discipline units of other clusters); every
// role reads.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { getCluster } from '../../db/clusters-repository.js'
import {
  endMembership, findOpenMembership, insertMembership, listBlockMemberships, listMembersOn, listUnitMemberships
} from '../../db/memberships-repository.js'
import { getUnit } from '../../db/units-repository.js'
import { vietnamDate } from '../../domain/dates.js'
import { assertMayEnd, assertMayJoin } from '../../domain/membership.js'
import { etagOf } from '../../domain/versions.js'
import { IdempotencyHeaders, problems, ref } from '../../http/shared-schemas.js'
import { ClusterParams, UnitParams } from '../../http/common-schemas.js'
import { settleOpenPledges } from '../../services/pledge-in-force.js'
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
  }, async (request, reply) => {
    const { clusterId } = request.params
    return reply.sendResult(await request.write(async ({ trx, record }) => {
      const { unitId, from } = request.body
      const cluster = await getCluster(trx, clusterId)
      // Locking the unit serialises its joins: two joins of one unit to two clusters of a block would otherwise
      // both pass the check below and then deadlock on the exclusion constraint, each waiting for the other's row.
      await getUnit(trx, unitId, { forUpdate: true })
      assertMayJoin({ clusterId, from, clusterFoundedOn: cluster.foundedOn }, await listBlockMemberships(trx, unitId, cluster.blockId))
      const membership = await insertMembership(trx, { clusterId, blockId: cluster.blockId, unitId, from })
      record({ action: 'membership.started', resourceType: 'membership', resourceId: membership.id, after: membership })
      return { statusCode: 201, body: membership, headers: { etag: etagOf(membership.version) } }
    }))
  })

  app.get('/v1/clusters/:clusterId/members', {
    schema: {
      operationId: 'listClusterMembers',
      summary: 'The members of a cluster on a date, by unit name in Vietnamese order',
      tags,
      params: ClusterParams,
      querystring: MemberListQuery,
      response: { 200: ref(MembershipPage), ...problems(400, 403, 404) }
    }
  }, async (request) => {
    const { clusterId } = request.params
    const { on = vietnamDate(app.clock()), limit, cursor } = request.query
    await getCluster(app.db, clusterId)
    return listMembersOn(app.db, clusterId, on, { limit, cursor })
  })

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
  }, async (request, reply) => {
    const { clusterId, unitId } = request.params
    return reply.sendResult(await request.write(async (ctx) => {
    const { trx, record } = ctx
      await getCluster(trx, clusterId)
      await getUnit(trx, unitId)
      const before = await findOpenMembership(trx, clusterId, unitId, { forUpdate: true })
      assertMayEnd(before, request.body.on)
      const after = await endMembership(trx, before, request.body.on)
      record({ action: 'membership.ended', resourceType: 'membership', resourceId: after.id, before, after })
      await settleOpenPledges(ctx, clusterId, app.clock())
      return { statusCode: 200, body: after, headers: { etag: etagOf(after.version) } }
    }))
  })

  app.get('/v1/units/:unitId/memberships', {
    schema: {
      operationId: 'listUnitMemberships',
      summary: 'A unit\'s memberships in every cluster, the latest first',
      tags,
      params: UnitParams,
      querystring: UnitMembershipQuery,
      response: { 200: ref(MembershipPage), ...problems(400, 403, 404) }
    }
  }, async (request) => {
    const { unitId } = request.params
    await getUnit(app.db, unitId)
    return listUnitMemberships(app.db, unitId, request.query)
  })
}

export default memberships
