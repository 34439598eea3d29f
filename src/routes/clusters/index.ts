// Clusters: an admin creates and changes them; a secretariat may change its own cluster's rules; every role reads.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etagOf } from '../../domain/versions.js'
import { readContext } from '../../http/context.js'
import { IdempotencyHeaders, IfMatchHeaders, problems, ref, notModified } from '../../http/shared-schemas.js'
import { ClusterParams } from '../../http/common-schemas.js'
import { changeCluster, createCluster, listClusters, readCluster } from '../../services/clusters.js'
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
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const cluster = await createCluster(ctx, request.body)
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
  }, async (request) => listClusters(readContext(request), request.query))

  app.get('/v1/clusters/:clusterId', {
    schema: {
      operationId: 'getCluster',
      summary: 'Get a cluster with its rules',
      tags,
      params: ClusterParams,
      response: { 200: ref(Cluster), ...notModified, ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const cluster = await readCluster(readContext(request), request.params)
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
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const after = await changeCluster(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })
    return { statusCode: 200, body: after, headers: { etag: etagOf(after.version) } }
  })))
}

export default clusters
