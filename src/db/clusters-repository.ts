import type { Knex } from 'knex'
import { mergeRules, type ClusterRules } from '../domain/cluster-rules.js'
import type { Reference } from '../domain/deletion.js'
import { notFound } from '../domain/errors.js'
import { nameColumns, whereSearchMatches } from './name-columns.js'
import { paginate, type PageRequest } from './pagination.js'
import { countReferences } from './reference-counts.js'
import { awardsInCluster } from './awards-repository.js'
import { campaignsNaming } from './campaigns-repository.js'

export interface FoundingDecision {
  number: string
  date: string
  issuer: string
}

export interface ClusterFields {
  number: number
  name: string
  blockId: string
  foundedOn: string | null
  foundingDecision: FoundingDecision | null
  rules: ClusterRules
}

export interface Cluster extends ClusterFields {
  id: string
  version: number
  createdAt: string
  updatedAt: string
}

interface ClusterRow {
  id: string
  number: number
  name: string
  block_id: string
  founded_on: string | null
  founding_decision: FoundingDecision | null
  rules: Partial<ClusterRules>
  version: number
  created_at: Date
  updated_at: Date
  [column: string]: unknown
}

const toCluster = (row: ClusterRow): Cluster => ({
  id: row.id,
  number: row.number,
  name: row.name,
  blockId: row.block_id,
  foundedOn: row.founded_on,
  foundingDecision: row.founding_decision,
  rules: mergeRules(row.rules),
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString()
})

// block_id is written on insert only: memberships copy it, so a cluster never moves to another block.
const columns = (fields: Omit<ClusterFields, 'blockId'>) => ({
  ...nameColumns(fields.name),
  number: fields.number,
  founded_on: fields.foundedOn,
  founding_decision: fields.foundingDecision === null ? null : JSON.stringify(fields.foundingDecision),
  rules: JSON.stringify(fields.rules)
})

export async function insertCluster (trx: Knex.Transaction, fields: ClusterFields): Promise<Cluster> {
  const [row] = await trx('clusters').insert({ ...columns(fields), block_id: fields.blockId }).returning('*')
  return toCluster(row)
}

/**
 * The cluster, or 404. `forUpdate` takes FOR NO KEY UPDATE: it serialises changes to the cluster and its terms
 * without blocking the key-share locks that inserting a membership (a foreign key to it) takes. `forDelete` takes
 * FOR UPDATE, which does block them: no row can come to refer to the cluster until the deletion commits.
 */
export async function getCluster (db: Knex, id: string, options: { forUpdate?: boolean, forDelete?: boolean } = {}): Promise<Cluster> {
  const query = db('clusters').where({ id }).first()
  if (options.forDelete) query.forUpdate()
  else if (options.forUpdate) query.forNoKeyUpdate()
  const row = await query
  if (!row) throw notFound('cluster', id)
  return toCluster(row)
}

export async function updateCluster (trx: Knex.Transaction, current: Cluster, fields: ClusterFields): Promise<Cluster> {
  const [row] = await trx('clusters')
    .where({ id: current.id })
    .update({ ...columns(fields), version: current.version + 1, updated_at: trx.fn.now() })
    .returning('*')
  return toCluster(row)
}

/** Clusters by number (then id, as numbers repeat across blocks), optionally of one block or matching q. */
export async function listClusters (db: Knex, filter: { blockId?: string, q?: string }, page: PageRequest) {
  const query = db('clusters').select('*')
  if (filter.blockId) query.where({ block_id: filter.blockId })
  whereSearchMatches(query, 'search_text', filter.q)
  return paginate<ClusterRow, Cluster>(query, ['number', 'id'], page, toCluster)
}

/** What refers to the cluster, kind by kind: every table with a key to it (its history and its drafts alike). */
export async function clusterReferences (db: Knex, id: string): Promise<Reference[]> {
  return countReferences(db, {
    membership: db('memberships').where({ cluster_id: id }),
    term: db('terms').where({ cluster_id: id }),
    pledge: db('pledges').where({ cluster_id: id }),
    conference: db('conferences').where({ cluster_id: id }),
    scoring_scheme: db('scoring_schemes').where({ cluster_id: id }),
    election: db('elections').where({ cluster_id: id }),
    title_proposal: db('title_proposals').where({ cluster_id: id }),
    advisory_group: db('advisory_group_versions').where({ cluster_id: id }),
    campaign_scope: campaignsNaming(db, 'cluster', id),
    campaign_participant: db('campaign_participants').where({ cluster_id: id }),
    report: db('reports').where({ cluster_id: id }),
    dossier: db('dossiers').where({ cluster_id: id }),
    award: awardsInCluster(db, id),
    webhook: db('webhooks').where({ cluster_id: id })
  })
}

/** Deletes the cluster's row (the caller has found nothing refers to it). */
export async function deleteCluster (trx: Knex.Transaction, id: string): Promise<void> {
  await trx('clusters').where({ id }).delete()
}
