import type { Knex } from 'knex'
import { notFound } from '../domain/errors.js'
import { nameColumns, whereSearchMatches } from './name-columns.js'
import { paginate, type PageRequest } from './pagination.js'

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

export async function getBlock (db: Knex, id: string): Promise<Block> {
  const row = await db('blocks').where({ id }).first()
  if (!row) throw notFound('block', id)
  return toBlock(row)
}

/** Blocks in Vietnamese alphabetical order, optionally only those whose name contains q. */
export async function listBlocks (db: Knex, filter: { q?: string }, page: PageRequest) {
  const query = db('blocks').select('*')
  whereSearchMatches(query, 'search_text', filter.q)
  return paginate<BlockRow, Block>(query, ['sort_key', 'id'], page, toBlock)
}
