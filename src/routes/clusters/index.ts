// Clusters: an admin creates and changes them; a secretariat may change its own cluster's rules; every role reads.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etagOf } from '../../domain/versions.js'
import { readContext } from '../../http/context.js'
import { DeleteHeaders, IdempotencyHeaders, IfMatchHeaders, noContent, notModified, problems, ref } from '../../http/shared-schemas.js'
import { ClusterParams } from '../../http/common-schemas.js'
import { changeCluster, createCluster, deleteCluster, listClusters, readCluster } from '../../services/clusters.js'
import { Cluster, ClusterListQuery, ClusterPage, ClusterPatch, NewCluster } from './schemas.js'

const tags = ['clusters']

const clusters: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/clusters', {
    config: { roles: ['admin'], etag: true, location: true },
    schema: {
      operationId: 'createCluster',
      summary: 'Create a cluster in a block (rules not given take their defaults)',
      description: 'Records an emulation cluster (cụm thi đua), such as Cụm thi đua số 1, in an existing block (404 ' +
        '`block_not_found` naming `blockId` otherwise). Number and name are unique within the block (409). Its rules ' +
        '(quorum, vote thresholds, tie-breaks, who reads what) take their defaults unless given. Members are added next ' +
        '(addClusterMember), then the year\'s head and deputy (appointTerm). Audited and emitted as `cluster.created`.',
      tags,
      headers: IdempotencyHeaders,
      body: ref(NewCluster),
      response: { 201: ref(Cluster, { description: 'The cluster created.' }), ...problems({ 400: ['invalid_threshold'], 404: ['block_not_found'], 409: ['cluster_name_taken', 'cluster_number_taken'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const cluster = await createCluster(ctx, request.body)
    return { statusCode: 201, body: cluster, headers: { etag: etagOf(cluster.version), location: `/v1/clusters/${cluster.id}` } }
  })))

  app.get('/v1/clusters', {
    schema: {
      operationId: 'listClusters',
      summary: 'List clusters by number, optionally of one block or searching',
      description: 'Clusters ordered by number, a page at a time (pass nextCursor as `cursor`); `blockId` keeps one ' +
        'block\'s, `q` those whose name contains it, ignoring diacritics and case. Each cluster carries its rules.',
      tags,
      querystring: ClusterListQuery,
      response: { 200: ref(ClusterPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'] }) }
    }
  }, async (request) => listClusters(readContext(request), request.query))

  app.get('/v1/clusters/:clusterId', {
    schema: {
      operationId: 'getCluster',
      summary: 'Get a cluster with its rules',
      description: 'One cluster with every rule (a rule never set reads as its default), and its ETag: send it in ' +
        'If-Match to change the cluster, or in If-None-Match to read it again (304 while unchanged).',
      tags,
      params: ClusterParams,
      response: { 200: ref(Cluster), ...notModified, ...problems({ 404: ['cluster_not_found'] }) }
    }
  }, async (request, reply) => {
    const cluster = await readCluster(readContext(request), request.params)
    return reply.header('etag', etagOf(cluster.version)).send(cluster)
  })

  app.patch('/v1/clusters/:clusterId', {
    config: { roles: ['admin', 'secretariat'], etag: true, scope: { secretariat: 'own cluster only, its rules only' } },
    schema: {
      operationId: 'updateCluster',
      summary: 'Change a cluster (a secretariat: its own cluster\'s rules only)',
      description: 'Changes the fields given. Each rule given replaces that rule whole; the others keep their value. ' +
        'The block never changes. A secretariat may send `rules` only, for its own cluster (403 otherwise). Send the ' +
        'ETag last read in If-Match (412 when stale). Rules apply from now on: a finalized conference keeps the quorum ' +
        'it was finalized with. Audited (before and after) and emitted as `cluster.updated`.',
      tags,
      params: ClusterParams,
      headers: IfMatchHeaders,
      body: ref(ClusterPatch),
      response: { 200: ref(Cluster), ...problems({ 400: ['invalid_threshold'], 404: ['cluster_not_found'], 409: ['cluster_name_taken', 'cluster_number_taken'], 412: ['precondition_failed'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const after = await changeCluster(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })
    return { statusCode: 200, body: after, headers: { etag: etagOf(after.version) } }
  })))

  app.delete('/v1/clusters/:clusterId', {
    config: { roles: ['admin'] },
    schema: {
      operationId: 'deleteCluster',
      summary: 'Delete a cluster created by mistake (nothing may refer to it)',
      description: 'Removes a cluster that nothing refers to: no membership (past or present), term, pledge, conference, ' +
        'scoring scheme, election, title proposal or webhook subscription of its secretariat, drafts included (delete those first). Otherwise 409 ' +
        '`cluster_in_use`, whose detail says what refers to it and whose `references` lists each kind with its count. ' +
        'If-Match is optional (412 when stale). A retry with the same Idempotency-Key replays the 204. The audit trail keeps the record as it was, and the feed emits `cluster.deleted` with it.',
      tags,
      params: ClusterParams,
      headers: DeleteHeaders,
      response: { ...noContent('The cluster is deleted.'), ...problems({ 404: ['cluster_not_found'], 409: ['cluster_in_use'], 412: ['precondition_failed'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    await deleteCluster(ctx, { ...request.params, ifMatch: request.headers['if-match'] })
    return { statusCode: 204, body: null }
  })))
}

export default clusters
