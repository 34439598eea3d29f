// Clusters (cụm thi đua): an admin creates and changes them; a secretariat may change its own cluster's rules;
// every role reads. Rules not given keep their value (their default on creation).
import { assertClusterScope } from '../auth/access.js'
import { getBlock } from '../db/blocks-repository.js'
import * as clusters from '../db/clusters-repository.js'
import type { Cluster, FoundingDecision } from '../db/clusters-repository.js'
import type { PageRequest } from '../db/pagination.js'
import { mergeRules, type ClusterRules } from '../domain/cluster-rules.js'
import { assertUnreferenced } from '../domain/deletion.js'
import { forbidden } from '../domain/errors.js'
import { assertIfMatch } from '../domain/versions.js'
import type { ReadContext, WriteContext } from './context.js'

export interface NewCluster {
  number: number
  name: string
  blockId: string
  foundedOn?: string | null
  foundingDecision?: FoundingDecision | null
  rules?: Partial<ClusterRules>
}

export async function createCluster ({ trx, record }: WriteContext, command: NewCluster): Promise<Cluster> {
  const { number, name, blockId, foundedOn = null, foundingDecision = null, rules } = command
  await getBlock(trx, blockId)
  const cluster = await clusters.insertCluster(trx, { number, name, blockId, foundedOn, foundingDecision, rules: mergeRules({}, rules) })
  record({ action: 'cluster.created', resourceType: 'cluster', resourceId: cluster.id, after: cluster })
  return cluster
}

/** Clusters by number, optionally of one block or whose name contains `q`. */
export async function listClusters ({ db }: ReadContext, { blockId, q, ...page }: { blockId?: string, q?: string } & PageRequest) {
  return clusters.listClusters(db, { blockId, q }, page)
}

export async function readCluster ({ db }: ReadContext, { clusterId }: { clusterId: string }): Promise<Cluster> {
  return clusters.getCluster(db, clusterId)
}

export interface ClusterChange extends Partial<Omit<NewCluster, 'blockId'>> {
  clusterId: string
  /** The tag the caller last read; a stale one is refused. */
  ifMatch?: string
}

/** Changes a cluster; the rules given replace those rules whole, the others keep their value. */
export async function changeCluster ({ trx, actor, record }: WriteContext, command: ClusterChange): Promise<Cluster> {
  const { clusterId, ifMatch, ...changes } = command
  assertClusterScope(actor, clusterId)
  // The secretariat runs the cluster under the rules it adopts; what the cluster is stays the Ministry's.
  if (actor.role === 'secretariat' && Object.keys(changes).some((field) => field !== 'rules')) {
    throw forbidden('A secretariat may change only its cluster\'s rules.')
  }
  const before = await clusters.getCluster(trx, clusterId, { forUpdate: true })
  assertIfMatch(ifMatch, before.version)
  const after = await clusters.updateCluster(trx, before, { ...before, ...changes, rules: mergeRules(before.rules, changes.rules) })
  record({ action: 'cluster.updated', resourceType: 'cluster', resourceId: after.id, before, after })
  return after
}

/**
 * Deletes a cluster created by mistake: only while nothing refers to it, not even a draft (409 `cluster_in_use`
 * naming what does: members, terms, pledges, conferences, schemes, elections, proposals).
 */
export async function deleteCluster ({ trx, record }: WriteContext, { clusterId, ifMatch }: { clusterId: string, ifMatch?: string }): Promise<void> {
  const before = await clusters.getCluster(trx, clusterId, { forDelete: true })
  assertIfMatch(ifMatch, before.version)
  assertUnreferenced('cluster', before.name, await clusters.clusterReferences(trx, before.id))
  await clusters.deleteCluster(trx, before.id)
  record({ action: 'cluster.deleted', resourceType: 'cluster', resourceId: before.id, before, after: null, eventData: before })
}
