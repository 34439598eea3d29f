// Blocks (khối): an admin creates them; every role reads. A name already taken is refused by the database's
// unique key (409).
import * as blocks from '../db/blocks-repository.js'
import type { Block } from '../db/blocks-repository.js'
import type { PageRequest } from '../db/pagination.js'
import { assertUnreferenced } from '../domain/deletion.js'
import { assertIfMatch } from '../domain/versions.js'
import type { ReadContext, WriteContext } from './context.js'

export async function createBlock ({ trx, record }: WriteContext, fields: { name: string }): Promise<Block> {
  const block = await blocks.insertBlock(trx, fields)
  record({ action: 'block.created', resourceType: 'block', resourceId: block.id, after: block })
  return block
}

/** Blocks in Vietnamese order, optionally only those whose name contains `q`. */
export async function listBlocks ({ db }: ReadContext, { q, ...page }: { q?: string } & PageRequest) {
  return blocks.listBlocks(db, { q }, page)
}

export async function readBlock ({ db }: ReadContext, { blockId }: { blockId: string }): Promise<Block> {
  return blocks.getBlock(db, blockId)
}

/** Deletes a block created by mistake: only while it holds no cluster (409 `block_in_use` naming them). */
export async function deleteBlock ({ trx, record }: WriteContext, { blockId, ifMatch }: { blockId: string, ifMatch?: string }): Promise<void> {
  const before = await blocks.getBlock(trx, blockId, { forDelete: true })
  assertIfMatch(ifMatch, before.version)
  assertUnreferenced('block', before.name, await blocks.blockReferences(trx, before.id))
  await blocks.deleteBlock(trx, before.id)
  record({ action: 'block.deleted', resourceType: 'block', resourceId: before.id, before, after: null, eventData: before })
}
