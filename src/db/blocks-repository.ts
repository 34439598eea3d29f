import type { Knex } from 'knex'
import type { Reference } from '../domain/deletion.js'
import { notFound } from '../domain/errors.js'
import { nameColumns, whereSearchMatches } from './name-columns.js'
import { paginate, type PageRequest } from './pagination.js'
import { countReferences } from './reference-counts.js'
import { campaignsNaming } from './campaigns-repository.js'

export interface Block {
  id: string
  name: string
  version: number
  createdAt: string
  updatedAt: string
}

interface BlockRow {
  id: string
  name: string
  version: number
  created_at: Date
  updated_at: Date
  [column: string]: unknown
}

const toBlock = (row: BlockRow): Block => ({
  id: row.id,
  name: row.name,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString()
})

export async function insertBlock (trx: Knex.Transaction, fields: { name: string }): Promise<Block> {
  const [row] = await trx('blocks').insert(nameColumns(fields.name)).returning('*')
  return toBlock(row)
}

/** The block, or 404. `forDelete` locks it FOR UPDATE: no cluster can be created in it until the deletion commits. */
export async function getBlock (db: Knex, id: string, options: { forDelete?: boolean } = {}): Promise<Block> {
  const query = db('blocks').where({ id }).first()
  if (options.forDelete) query.forUpdate()
  const row = await query
  if (!row) throw notFound('block', id)
  return toBlock(row)
}

/** Blocks in Vietnamese alphabetical order, optionally only those whose name contains q. */
export async function listBlocks (db: Knex, filter: { q?: string }, page: PageRequest) {
  const query = db('blocks').select('*')
  whereSearchMatches(query, 'search_text', filter.q)
  return paginate<BlockRow, Block>(query, ['sort_key', 'id'], page, toBlock)
}

/** A message names this many clusters at most, and counts more. */
const CLUSTERS_NAMED = 3

/** What refers to the block: its clusters (memberships copy the block of their cluster), named when few; campaigns naming it. */
export async function blockReferences (db: Knex, id: string): Promise<Reference[]> {
  const references = await countReferences(db, {
    cluster: db('clusters').where({ block_id: id }),
    campaign_scope: campaignsNaming(db, 'block', id)
  })
  const names: string[] = await db('clusters').where({ block_id: id }).orderBy(['number', 'id']).limit(CLUSTERS_NAMED + 1).pluck('name')
  return references.map((r) => (r.kind === 'cluster' && names.length <= CLUSTERS_NAMED ? { ...r, names } : r))
}

/** Deletes the block's row (the caller has found nothing refers to it). */
export async function deleteBlock (trx: Knex.Transaction, id: string): Promise<void> {
  await trx('blocks').where({ id }).delete()
}
