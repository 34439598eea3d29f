// Clusters: an admin creates and changes them; a secretariat may change its own cluster's rules; every role reads.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { assertClusterScope } from '../../auth/access.js'
import { getBlock } from '../../db/blocks-repository.js'
import { getCluster, insertCluster, listClusters, updateCluster } from '../../db/clusters-repository.js'
import { mergeRules } from '../../domain/cluster-rules.js'
import { forbidden } from '../../domain/errors.js'
import { assertIfMatch, etagOf } from '../../domain/versions.js'
import { IdempotencyHeaders, IfMatchHeaders, problems, ref, notModified } from '../../http/shared-schemas.js'
import { ClusterParams } from '../../http/common-schemas.js'
import { Cluster, ClusterListQuery, ClusterPage, ClusterPatch, NewCluster } from './schemas.js'


const tags = ['clusters']

const clusters: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/clusters', {
    config: { roles: ['admin'] },
    schema: {
      operationId: 'createCluster',
      summary: 'Create a cluster in a block (rules not given take their defaults)',
      tags,
      headers: IdempotencyHeaders,
      body: ref(NewCluster),
      response: { 201: ref(Cluster, { description: 'The cluster created.' }), ...problems(400, 403, 404, 409, 422) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async ({ trx, record }) => {
    const { number, name, blockId, foundedOn = null, foundingDecision = null, rules } = request.body
    await getBlock(trx, blockId)
    const cluster = await insertCluster(trx, { number, name, blockId, foundedOn, foundingDecision, rules: mergeRules({}, rules) })
    record({ action: 'cluster.created', resourceType: 'cluster', resourceId: cluster.id, after: cluster })
    return { statusCode: 201, body: cluster, headers: { etag: etagOf(cluster.version), location: `/v1/clusters/${cluster.id}` } }
  })))

  app.get('/v1/clusters', {
    schema: {
      operationId: 'listClusters',
      summary: 'List clusters by number, optionally of one block or searching',
      tags,
      querystring: ClusterListQuery,
      response: { 200: ref(ClusterPage), ...problems(400, 403) }
    }
  }, async (request) => {
    const { blockId, q, limit, cursor } = request.query
    return listClusters(app.db, { blockId, q }, { limit, cursor })
  })

  app.get('/v1/clusters/:clusterId', {
    schema: {
      operationId: 'getCluster',
      summary: 'Get a cluster with its rules',
      tags,
      params: ClusterParams,
      response: { 200: ref(Cluster), ...notModified, ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const cluster = await getCluster(app.db, request.params.clusterId)
    return reply.header('etag', etagOf(cluster.version)).send(cluster)
  })

  app.patch('/v1/clusters/:clusterId', {
    config: { roles: ['admin', 'secretariat'] },
    schema: {
      operationId: 'updateCluster',
      summary: 'Change a cluster (a secretariat: its own cluster\'s rules only)',
      tags,
      params: ClusterParams,
      headers: IfMatchHeaders,
      body: ref(ClusterPatch),
      response: { 200: ref(Cluster), ...problems(400, 403, 404, 409, 412) }
    }
  }, async (request, reply) => {
    const { actor, params: { clusterId }, body } = request
    assertClusterScope(actor, clusterId)
    // The secretariat runs the cluster under the rules it adopts; what the cluster is stays the Ministry's.
    if (actor.role === 'secretariat' && Object.keys(body).some((field) => field !== 'rules')) {
      throw forbidden('A secretariat may change only its cluster\'s rules.')
    }
    return reply.sendResult(await request.write(async ({ trx, record }) => {
      const before = await getCluster(trx, clusterId, { forUpdate: true })
      assertIfMatch(request.headers['if-match'], before.version)
      const after = await updateCluster(trx, before, { ...before, ...body, rules: mergeRules(before.rules, body.rules) })
      record({ action: 'cluster.updated', resourceType: 'cluster', resourceId: after.id, before, after })
      return { statusCode: 200, body: after, headers: { etag: etagOf(after.version) } }
    }))
  })
}

export default clusters
