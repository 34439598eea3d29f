import type { Knex } from 'knex'
import { mergeRules, type ClusterRules } from '../domain/cluster-rules.js'
import { notFound } from '../domain/errors.js'
import { nameColumns, whereSearchMatches } from './name-columns.js'
import { paginate, type PageRequest } from './pagination.js'

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
 * without blocking the key-share locks that inserting a membership (a foreign key to it) takes.
 */
export async function getCluster (db: Knex, id: string, options: { forUpdate?: boolean } = {}): Promise<Cluster> {
  const query = db('clusters').where({ id }).first()
  if (options.forUpdate) query.forNoKeyUpdate()
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
